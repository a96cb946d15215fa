"""Saved Cypher queries (one `.cypher` file each); a package so they ship in the wheel."""
