"""Load the CSV export (neo4j-admin import layout) back into a graph, through the driver.

For a large graph use `neo4j-admin database import` with the same files; this loader is the
round trip for any backend (and the local engine), in parameterised UNWIND batches.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

from techkg.errors import TechKGError
from techkg.graph import Graph
from techkg.loaders.load import ensure_schema
from techkg.vocabulary import vocabulary

BATCH = 500


def _typed(header: str, raw: str) -> tuple[str, Any]:
    name, _, kind = header.partition(":")
    if kind == "string[]":
        return name, [v for v in raw.split(";") if v] if raw else []
    if kind == "int":
        return name, int(raw) if raw else None
    return name, raw or None


def import_csv(graph: Graph, folder: Path) -> dict[str, int]:
    """Read nodes.csv and relationships.csv from `folder`; counts created."""
    v = vocabulary()
    nodes_path, rels_path = folder / "nodes.csv", folder / "relationships.csv"
    for p in (nodes_path, rels_path):
        if not p.is_file():
            raise TechKGError(f"{p}: not found (expected the output of `techkg export "
                              "--format csv`)")
    by_label: dict[str, list] = defaultdict(list)
    with open(nodes_path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        for line, row in enumerate(reader, start=2):
            labels = row[1].split(";")
            etype = next((lb for lb in labels if lb != "Entity"), "")
            if etype not in v.entity_types:
                raise TechKGError(f"{nodes_path}:{line}: unknown entity type {etype!r}")
            props = dict(_typed(h, c) for h, c in zip(header[2:], row[2:], strict=True))
            props["id"] = row[0]
            by_label[etype].append({"id": row[0], "props": {k: x for k, x in props.items()
                                                            if x is not None}})
    by_type: dict[str, list] = defaultdict(list)
    with open(rels_path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        for line, row in enumerate(reader, start=2):
            if row[2] not in v.relationship_types:
                raise TechKGError(f"{rels_path}:{line}: unknown relationship type {row[2]!r}")
            props = dict(_typed(h, c) for h, c in zip(header[3:], row[3:], strict=True))
            by_type[row[2]].append({"s": row[0], "o": row[1],
                                    "props": {k: x for k, x in props.items() if x is not None}})
    ensure_schema(graph)

    def work(tx: Any) -> None:
        for label, rows in by_label.items():
            for i in range(0, len(rows), BATCH):
                tx.run(f"UNWIND $rows AS row MERGE (n:Entity:{v.label(label)} {{id: row.id}}) "
                       "SET n = row.props", rows=rows[i:i + BATCH]).consume()
        for rtype, rows in by_type.items():
            for i in range(0, len(rows), BATCH):
                tx.run("UNWIND $rows AS row MATCH (a:Entity {id: row.s}), (b:Entity {id: row.o}) "
                       f"MERGE (a)-[r:{v.rel_type(rtype)}]->(b) SET r = row.props",
                       rows=rows[i:i + BATCH]).consume()

    graph.write_tx(work)
    return {"entities": sum(map(len, by_label.values())),
            "relationships": sum(map(len, by_type.values()))}
