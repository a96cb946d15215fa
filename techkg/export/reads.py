"""Every read statement the exports send, and the records they return.

The statements are made from the graph schema (labels and keys are schema names, checked as
plain identifiers there; values travel as parameters). A whole graph in one result made the
local engine run out of a 1 GB heap, so records are read in pages of PAGE keys, in key order
(`WHERE key > $after ... LIMIT $page`), all pages inside ONE read transaction so an export
never mixes two states of the graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from techkg.graph import Graph, plain
from techkg.graph_schema import Kind, graph_schema
from techkg.vocabulary import vocabulary

PAGE = 1000  # keys per read: bounds what the server holds for one result


@dataclass(frozen=True)
class NodeRecord:
    """One node: its labels (the kind's label first) and properties."""

    labels: tuple[str, ...]
    props: dict[str, Any]


@dataclass(frozen=True)
class RelRecord:
    """One relationship: start key, type, end key and properties."""

    start: str
    type: str
    end: str
    props: dict[str, Any]


@dataclass(frozen=True)
class Counts:
    """What an export wrote or an import restored: entities and facts."""

    entities: int
    relationships: int


@dataclass
class GraphRecords:
    """What an export reads: node records by schema kind, relationship records by kind; all
    in key order (relationships by start, type, end), so exports are byte-identical."""

    nodes: dict[str, list[NodeRecord]] = field(default_factory=dict)
    rels: dict[str, list[RelRecord]] = field(default_factory=dict)


def node_page(kind: Kind) -> str:
    return (f"MATCH (n:{kind.name}) WHERE n.{kind.key} > $after "
            f"RETURN labels(n) AS labels, properties(n) AS props "
            f"ORDER BY n.{kind.key} LIMIT $page")


def key_page(kind: Kind) -> str:
    return (f"MATCH (n:{kind.name}) WHERE n.{kind.key} > $after "
            f"RETURN n.{kind.key} AS key ORDER BY key LIMIT $page")


def rel_page(kind: Kind) -> str:
    """The relationships of a page of start keys (a hub's relationships come in one page)."""
    nodes = graph_schema().nodes
    start, end = nodes[kind.start or ""], nodes[kind.end or ""]
    return (f"UNWIND $keys AS k MATCH (a:{start.name} {{{start.key}: k}})-[r]->(b:{end.name}) "
            f"WHERE type(r) IN $types RETURN a.{start.key} AS start, type(r) AS type, "
            f"b.{end.key} AS end, properties(r) AS props ORDER BY start, type, end")


def rel_types(kind: Kind) -> list[str]:
    """`fact` is every vocabulary relationship type; any other kind is its own type."""
    return list(vocabulary().relationship_types) if kind.name == "fact" else [kind.name]


def statements() -> list[str]:
    """Every statement this module sends (for the Neo4j Cypher lint)."""
    schema = graph_schema()
    return ([node_page(k) for k in schema.nodes.values() if k.file]
            + [key_page(k) for k in schema.nodes.values() if k.file]
            + [rel_page(k) for k in schema.relationships.values() if k.file])


def read_graph(graph: Graph, nodes: Iterable[str], rels: Iterable[str]) -> GraphRecords:
    """The records of the named node and relationship kinds, in one read transaction."""
    schema = graph_schema()
    node_kinds = [schema.nodes[n] for n in nodes]
    rel_kinds = [schema.relationships[r] for r in rels]

    def work(tx: Any) -> GraphRecords:
        out = GraphRecords()
        for kind in node_kinds:
            out.nodes[kind.name] = _read_nodes(tx, kind)
        for kind in rel_kinds:
            out.rels[kind.name] = _read_rels(tx, kind)
        return out

    return graph.read_tx(work)


def _read_nodes(tx: Any, kind: Kind) -> list[NodeRecord]:
    out: list[NodeRecord] = []
    after = ""
    while True:
        rows = list(tx.run(node_page(kind), {"after": after, "page": PAGE}))
        out += [NodeRecord(tuple(sorted(r["labels"], key=lambda lb: (lb != kind.name, lb))),
                           plain(dict(r["props"]))) for r in rows]
        if len(rows) < PAGE:
            return out
        after = out[-1].props[kind.key or ""]


def _read_rels(tx: Any, kind: Kind) -> list[RelRecord]:
    start = graph_schema().nodes[kind.start or ""]
    out: list[RelRecord] = []
    after = ""
    while True:
        keys = [r["key"] for r in tx.run(key_page(start), {"after": after, "page": PAGE})]
        if keys:
            out += [RelRecord(r["start"], r["type"], r["end"], plain(dict(r["props"])))
                    for r in tx.run(rel_page(kind), {"keys": keys, "types": rel_types(kind)})]
        if len(keys) < PAGE:
            return out
        after = keys[-1]
