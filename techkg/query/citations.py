"""Short citations next to article ids, so readers see "Publisher, date, “Title…”" and
machines keep the ids."""

from __future__ import annotations

from typing import Any

from techkg.graph import Graph, Rows
from techkg.query.catalogue import statement


def source_columns(columns: list[str]) -> list[str]:
    """Columns holding article ids: `sources` and `<something>_sources`."""
    return [c for c in columns if c == "sources" or c.endswith("_sources")]


def citation_column(column: str) -> str:
    return column[: -len("sources")] + "citations"


def with_citations(graph: Graph, rows: Rows) -> Rows:
    """The rows with a citations column after every sources column (same order, same ids)."""
    cols = source_columns(rows.columns)
    if not cols:
        return rows
    ids = sorted({s for r in rows.records for c in cols for s in _ids(r.get(c))})
    found = graph.read(statement("article-citations"), {"ids": ids}).records
    cite = {i: c or i for i, c in (found[0]["pairs"] if found else [])}
    columns: list[str] = []
    for c in rows.columns:
        columns.append(c)
        if c in cols:
            columns.append(citation_column(c))
    records = []
    for r in rows.records:
        rec: dict[str, Any] = {}
        for c in rows.columns:
            rec[c] = r.get(c)
            if c in cols:
                value = r.get(c)
                rec[citation_column(c)] = ([cite.get(s, s) for s in value]
                                           if isinstance(value, list)
                                           else (cite.get(value, value) if value else value))
        records.append(rec)
    return Rows(columns, records)


def _ids(value: Any) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) else []
