"""Every read statement the exports send, and the records they return.

The statements are made from the graph schema (labels and keys are schema names, checked as
plain identifiers there; values travel as parameters). Measured on the local engine with two
entities that 3,500 articles declare (about 1 MB of properties each):
- one result holding a whole kind made the engine run out of a 1 GB heap, so records are
  read in batches of PAGE keys: first every key (small), then each batch by its keys
  (index lookups; paging with `WHERE key > $after ORDER BY key LIMIT` scanned and sorted the
  whole kind for every page);
- a relationship read from its start node (`(a)-[r]->(b) RETURN b.id`) loads the end node
  once per relationship: 7,000 MENTIONS of the two hubs took 20 s; bound at the end node
  (`(b {id: k})<-[r]-(a)`) it takes 0.9 s. So relationships are read in batches of END keys.
All batches run inside ONE read transaction, so an export never mixes two states of the
graph; rows are sorted here, so exports are byte-identical.
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


def all_keys(kind: Kind) -> str:
    return f"MATCH (n:{kind.name}) RETURN n.{kind.key} AS key"


def node_batch(kind: Kind) -> str:
    return (f"UNWIND $keys AS k MATCH (n:{kind.name} {{{kind.key}: k}}) "
            "RETURN labels(n) AS labels, properties(n) AS props")


def rel_batch(kind: Kind) -> str:
    """The relationships that end at a batch of end keys (see the module's docstring)."""
    nodes = graph_schema().nodes
    start, end = nodes[kind.start or ""], nodes[kind.end or ""]
    return (f"UNWIND $keys AS k MATCH (b:{end.name} {{{end.key}: k}})<-[r]-(a:{start.name}) "
            f"WHERE type(r) IN $types "
            f"RETURN a.{start.key} AS start, type(r) AS type, k AS end, properties(r) AS props")


def rel_types(kind: Kind) -> list[str]:
    """`fact` is every vocabulary relationship type; any other kind is its own type."""
    return list(vocabulary().relationship_types) if kind.name == "fact" else [kind.name]


def _batches(keys: list[str]) -> list[list[str]]:
    return [keys[i:i + PAGE] for i in range(0, len(keys), PAGE)]


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


def _keys(tx: Any, kind: Kind) -> list[str]:
    return sorted(r["key"] for r in tx.run(all_keys(kind)))


def _read_nodes(tx: Any, kind: Kind) -> list[NodeRecord]:
    out: list[NodeRecord] = []
    for keys in _batches(_keys(tx, kind)):
        out += [NodeRecord(tuple(sorted(r["labels"], key=lambda lb: (lb != kind.name, lb))),
                           plain(dict(r["props"])))
                for r in tx.run(node_batch(kind), {"keys": keys})]
    return sorted(out, key=lambda n: n.props[kind.key or ""])


def _read_rels(tx: Any, kind: Kind) -> list[RelRecord]:
    end = graph_schema().nodes[kind.end or ""]
    out: list[RelRecord] = []
    for keys in _batches(_keys(tx, end)):
        out += [RelRecord(r["start"], r["type"], r["end"], plain(dict(r["props"])))
                for r in tx.run(rel_batch(kind), {"keys": keys, "types": rel_types(kind)})]
    return sorted(out, key=lambda r: (r.start, r.type, r.end))
