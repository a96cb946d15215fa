"""The minimal raw floor: the least any loader of these extracts must do.

libyaml (`CSafeLoader`) parses every extract; the entities and facts, merged across articles
in memory, are written with `UNWIND $rows … MERGE` in batches of 2,000, one transaction per
batch. No validation, no per-article records: what `techkg load` costs beyond this is the
price of its checks and of its data model together (`raw_records.py` separates the two).

It reads the same connection settings as `techkg` (TECHKG_URI, TECHKG_USER,
TECHKG_PASSWORD, TECHKG_DATABASE) and imports nothing from techkg, so anyone can run it
beside `techkg load` with the same environment:

    python benchmarks/raw_minimal.py EXTRACTS_DIR
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from neo4j import Driver, GraphDatabase

BATCH = 2000
ENTITY_CONSTRAINT = ("CREATE CONSTRAINT entity_id IF NOT EXISTS "
                     "FOR (n:Entity) REQUIRE n.id IS UNIQUE")
# the two statements both floors share, so their difference is the extra records alone
MERGE_ENTITIES = "UNWIND $rows AS row MERGE (n:Entity:`{label}` {{id: row.id}}) SET n += row.props"
MERGE_FACTS = ("UNWIND $rows AS row MATCH (a:Entity {{id: row.s}}), (b:Entity {{id: row.o}}) "
               "MERGE (a)-[r:`{type}`]->(b) SET r += row.props")


def extracts(folder: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every extract in the folder, parsed by libyaml, in file-name (article id) order."""
    for path in sorted(folder.glob("*.yaml")):
        with path.open("rb") as fh:
            yield path, yaml.load(fh, Loader=yaml.CSafeLoader)


def driver() -> tuple[Driver, str]:
    """A driver and database name from the same environment variables `techkg` reads."""
    uri = os.environ["TECHKG_URI"]
    auth = (os.environ.get("TECHKG_USER", "root"), os.environ["TECHKG_PASSWORD"])
    return GraphDatabase.driver(uri, auth=auth), os.environ.get("TECHKG_DATABASE", "kg")


def write(session: Any, statement: str, rows: list[dict[str, Any]]) -> None:
    """`rows` in batches of BATCH, each batch in its own transaction (a plain script's way)."""
    for i in range(0, len(rows), BATCH):
        session.execute_write(
            lambda tx, batch=rows[i:i + BATCH]: tx.run(statement, rows=batch).consume())


def write_grouped(session: Any, template: str, groups: dict[str, list[dict[str, Any]]],
                  field: str) -> None:
    """One statement per label or relationship type (they cannot be parameters)."""
    for name, rows in sorted(groups.items()):
        write(session, template.format(**{field: name}), rows)


def minimal_rows(folder: Path) -> tuple[dict[str, list], dict[str, list]]:
    """Entity rows by label and fact rows by type: id, type, name and sources per entity;
    sources, evidence and status per fact (the last article's status wins)."""
    entities: dict[str, dict[str, Any]] = {}
    facts: dict[tuple[str, str, str], dict[str, Any]] = {}
    for _path, doc in extracts(folder):
        art = doc["article"]["id"]
        for e in doc["entities"]:
            node = entities.setdefault(e["id"], {"id": e["id"], "type": e["type"],
                                                 "name": e["name"], "sources": []})
            node["sources"].append(art)
        for f in doc["relationships"]:
            rel = facts.setdefault((f["subject"], f["type"], f["object"]),
                                   {"sources": [], "evidence": [], "status": "reported"})
            rel["sources"].append(art)
            rel["evidence"] += f["evidence"]
            rel["status"] = f.get("status", rel["status"])
    by_label: dict[str, list] = defaultdict(list)
    for e in entities.values():
        by_label[e["type"]].append({"id": e["id"], "props": e})
    by_type: dict[str, list] = defaultdict(list)
    for (s, t, o), props in facts.items():
        by_type[t].append({"s": s, "o": o, "props": props})
    return by_label, by_type


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python benchmarks/raw_minimal.py EXTRACTS_DIR", file=sys.stderr)
        return 2
    by_label, by_type = minimal_rows(Path(argv[0]))
    db, database = driver()
    with db, db.session(database=database) as session:
        session.run(ENTITY_CONSTRAINT).consume()
        write_grouped(session, MERGE_ENTITIES, by_label, "label")
        write_grouped(session, MERGE_FACTS, by_type, "type")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
