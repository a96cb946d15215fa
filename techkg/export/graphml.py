"""GraphML for Gephi, networkx and yEd, written by networkx.

Attributes are the graph schema's public properties of entities and facts (derived ones
left out), typed as the schema says: ints as `int`, booleans as `boolean`; GraphML has no
list type, so a list is one string holding a JSON array (lossless: a quote may contain any
separator). Every node and edge also has `label` (the entity's name, the fact's caption),
which Gephi shows.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

import networkx
from networkx.readwrite.graphml import GraphMLWriter

from techkg.export.reads import Counts, read_graph
from techkg.graph import Graph
from techkg.graph_schema import Kind, graph_schema


def attributes(kind: Kind, props: dict[str, Any]) -> dict[str, Any]:
    """The record's exported properties as GraphML-typed values (absent ones left out)."""
    out: dict[str, Any] = {}
    for p in kind.props:
        value = props.get(p.name)
        if value is None or not p.public or p.derived or p.name == kind.key:
            continue
        if p.type == "string[]":
            out[p.name] = json.dumps(value, ensure_ascii=False)
        elif p.type == "int":
            out[p.name] = int(value)
        elif p.type == "boolean":
            out[p.name] = bool(value)
        else:
            out[p.name] = str(value)
    return out


def build(graph: Graph) -> networkx.MultiDiGraph:
    """The entities and facts as a networkx graph (several facts may join two entities)."""
    schema = graph_schema()
    entity, fact = schema.nodes["Entity"], schema.relationships["fact"]
    records = read_graph(graph, ["Entity"], ["fact"])
    g = networkx.MultiDiGraph()
    for n in records.nodes["Entity"]:
        g.add_node(n.props["id"], label=n.props.get("name", n.props["id"]),
                   **attributes(entity, n.props))
    for r in records.rels["fact"]:
        g.add_edge(r.start, r.end, key=f"{r.start}|{r.type}|{r.end}",
                   label=r.props.get("caption", r.type), type=r.type,
                   **attributes(fact, r.props))
    return g


class _Writer(GraphMLWriter):
    """networkx writes booleans as Python's `True`/`False`; GraphML (XML Schema) has
    `true`/`false`, which stricter readers require."""

    def add_data(self, name, element_type, value, scope="all", default=None):  # type: ignore[no-untyped-def]
        element = super().add_data(name, element_type, value, scope, default)
        if element_type is bool:
            element.text = element.text.lower()
        return element


def write(graph: Graph, out: BinaryIO) -> Counts:
    g = build(graph)
    writer = _Writer(encoding="utf-8")
    writer.add_graph_element(g)
    writer.dump(out)
    return Counts(g.number_of_nodes(), g.number_of_edges())
