"""Refuse write clauses where only reads are allowed (saved queries, `cypher` without --write).

Read transactions already stop writes on Neo4j; this check gives the same clear refusal on
every backend, before anything is sent.
"""

from __future__ import annotations

import re

from techkg.errors import ReadOnlyViolation

_STRIP = re.compile(r"""'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`[^`]*`|//[^\n]*|/\*.*?\*/""",
                    re.DOTALL)
_WRITE = re.compile(r"(?<![.$\w])(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|FOREACH|"
                    r"LOAD\s+CSV|GRANT|DENY|REVOKE|ALTER|RENAME|TERMINATE)(?![\w])", re.IGNORECASE)
_WRITE_PROC = re.compile(r"\bCALL\s+(apoc\.(create|merge|refactor|periodic)|db\.create|"
                         r"dbms\.|db\.index\.fulltext\.(create|drop))", re.IGNORECASE)


def write_clause(query: str) -> str | None:
    """The first write clause in `query` (strings and comments ignored), or None."""
    code = _STRIP.sub(" ", query)
    match = _WRITE.search(code) or _WRITE_PROC.search(code)
    return match.group(0).upper() if match else None


def ensure_read_only(query: str) -> None:
    clause = write_clause(query)
    if clause:
        raise ReadOnlyViolation(f"refusing to run a write clause ({clause}) in read-only mode; "
                                "add --write to `techkg cypher` to modify the graph")
