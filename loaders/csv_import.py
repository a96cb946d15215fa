"""Restore a CSV export (techkg.csv_layout) into the graph, replacing what it holds.

Every file is read and checked (header, vocabulary, types, file:line) before anything is
sent; then the graph is emptied and written in ONE transaction through the same writes as
a load, so an interrupted import leaves the old graph. For a large graph use
`neo4j-admin database import --array-delimiter='|'` with the same files.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from techkg.csv_layout import ARRAY_DELIMITER, NODE_FILES, REL_FILES, NodeFile, RelFile, decode
from techkg.errors import TechKGError
from techkg.graph import Graph
from techkg.loaders import writes
from techkg.loaders.plan import WritePlan
from techkg.vocabulary import vocabulary


def _read(path: Path, expected: list[str]) -> list[tuple[int, list[str]]]:
    if not path.is_file():
        raise TechKGError(f"{path}: not found (expected a CSV export of the graph)")
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        if header != expected:
            raise TechKGError(f"{path}:1: expected the header {','.join(expected)}")
        rows = []
        for line, row in enumerate(reader, start=2):
            if len(row) != len(expected):
                raise TechKGError(f"{path}:{line}: expected {len(expected)} columns, "
                                  f"found {len(row)}")
            rows.append((line, row))
    return rows


def _nodes(folder: Path, nf: NodeFile) -> list[tuple[str, dict[str, Any]]]:
    """(second label or '', properties) per row."""
    kind, v = nf.kind, vocabulary()
    cols = [p for p in kind.props if p.name != kind.key]
    out = []
    first: dict[str, int] = {}  # key -> line: a key twice would be refused by the server
    for line, row in _read(folder / nf.file, nf.header()):
        where = f"{folder / nf.file}:{line}"
        if first.setdefault(row[0], line) != line:
            raise TechKGError(f"{where}: {kind.key} {row[0]!r} is on line {first[row[0]]} "
                              "already")
        labels = row[1].split(ARRAY_DELIMITER)
        extra = [lb for lb in labels if lb != nf.label]
        if nf.label == "Entity" and (labels[0] != "Entity" or len(extra) != 1
                                     or extra[0] not in v.entity_types):
            raise TechKGError(f"{where}: unknown entity type {(extra or [''])[0]!r}")
        if nf.label != "Entity" and labels != [nf.label]:
            raise TechKGError(f"{where}: expected the label {nf.label!r}, found {row[1]!r}")
        props = {kind.key: row[0]}
        for p, raw in zip(cols, row[2:], strict=True):
            value = decode(where, p.name, p.type, p.always, raw)
            if value is not None:
                props[p.name] = value
        out.append((extra[0] if extra else "", props))
    return out


def _rels(folder: Path, rf: RelFile) -> list[dict[str, Any]]:
    v = vocabulary()
    out = []
    for line, row in _read(folder / rf.file, rf.header()):
        where = f"{folder / rf.file}:{line}"
        if rf.kind_name == "MENTIONS":
            if row[2] != "MENTIONS":
                raise TechKGError(f"{where}: expected the type 'MENTIONS', found {row[2]!r}")
        elif row[2] not in v.relationship_types:
            raise TechKGError(f"{where}: unknown relationship type {row[2]!r}")
        props = {}
        for p, raw in zip(rf.kind.props, row[3:], strict=True):
            value = decode(where, p.name, p.type, p.always, raw)
            if value is not None:
                props[p.name] = value
        out.append({"s": row[0], "o": row[1], "t": row[2], "props": props, "where": where})
    return out


def import_csv(graph: Graph, folder: Path) -> dict[str, int]:
    """Replace the graph with the export in `folder`; counts of entities and relationships."""
    entities, articles, claims, decls = (_nodes(folder, nf) for nf in NODE_FILES)
    facts, mentions = (_rels(folder, rf) for rf in REL_FILES)
    ends = {"Entity": {p["id"] for _, p in entities}, "Article": {p["id"] for _, p in articles}}
    for rf, rels in zip(REL_FILES, (facts, mentions), strict=True):
        for r in rels:
            for side, label in (("s", rf.start), ("o", rf.end)):
                if r[side] not in ends[label]:
                    raise TechKGError(f"{r['where']}: {label.lower()} {r[side]!r} is not in "
                                      f"{folder / NODE_FILES[0 if label == 'Entity' else 1].file}")
    the_plan = WritePlan(wipe=True)
    for label, props in entities:
        the_plan.create_entities[label].append({"id": props["id"], "props": props})
    the_plan.upsert_articles = [{"id": p["id"], "props": p} for _, p in articles]
    the_plan.create_claims = [p for _, p in claims]  # into an emptied graph
    the_plan.create_decls = [p for _, p in decls]
    the_plan.add_mentions = [{"a": m["s"], "e": m["o"]} for m in mentions]
    for f in facts:
        the_plan.create_facts[f["t"]].append({"s": f["s"], "o": f["o"], "props": f["props"]})
        tally = the_plan.tallies[f["t"]]
        tally[0] += 1
        tally[1] += f["props"].get("source_count", 0) >= 2
    writes.ensure_schema(graph)
    graph.write_tx(lambda tx: writes.apply(tx, the_plan))
    return {"entities": len(entities), "relationships": len(facts)}
