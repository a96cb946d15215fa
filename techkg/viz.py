"""An offline HTML view of the graph: one self-contained file (data, layout and drawing
inline; no network), nodes coloured by type, edges showing type, status, sources, evidence."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from techkg import service
from techkg.graph import Graph
from techkg.vocabulary import vocabulary

MAX_HOPS = 4
_NODES = ("MATCH (n:Entity) WHERE $ids IS NULL OR n.id IN $ids "
          "RETURN n.id AS id, n.name AS name, n.type AS type, n.name_zh AS name_zh "
          "ORDER BY id")
_EDGES = ("MATCH (a:Entity)-[r]->(b:Entity) WHERE $ids IS NULL OR (a.id IN $ids AND b.id IN $ids) "
          "RETURN a.id AS source, b.id AS target, type(r) AS type, r.status AS status, "
          "r.sources AS sources, r.evidence AS evidence ORDER BY source, type, target")
_BETWEEN = ("MATCH (a:Entity)--(m:Entity)--(b:Entity) "
            "WHERE a.id IN $ids AND b.id IN $ids AND a <> b AND NOT m.id IN $ids "
            "RETURN collect(DISTINCT m.id) AS ids")
_HOOD = ("MATCH (s:Entity {id: $id}) MATCH p = (s)-[*0..4]-(n:Entity) "
         "WHERE length(p) <= $hops AND all(x IN nodes(p) WHERE x:Entity) "
         "RETURN collect(DISTINCT n.id) AS ids")


def subgraph(graph: Graph, ids: list[str] | None) -> dict[str, Any]:
    """Nodes (all, or those ids) and the facts among them."""
    nodes = graph.read(_NODES, {"ids": ids}).records
    edges = graph.read(_EDGES, {"ids": ids}).records
    return {"nodes": nodes, "edges": edges}


def neighbourhood_ids(graph: Graph, entity: str, hops: int) -> list[str]:
    found = service.resolve_entity(graph, entity)
    hops = max(0, min(hops, MAX_HOPS))
    return sorted(graph.read(_HOOD, {"id": found["id"], "hops": hops}).records[0]["ids"])


def query_ids(graph: Graph, name: str, given: dict[str, str]) -> list[str]:
    """Entities a saved query's rows name (any cell equal to an entity's id or name), plus
    the entities that connect two of them through one intermediate hop."""
    rows = service.run_saved(graph, name, given).records
    values: set[str] = set()
    for row in rows:
        for value in row.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    values.add(item)
    lookup = graph.read("MATCH (n:Entity) RETURN n.id AS id, n.name AS name").records
    named = sorted({r["id"] for r in lookup if r["id"] in values or r["name"] in values})
    between = graph.read(_BETWEEN, {"ids": named}).records[0]["ids"]
    return sorted(set(named) | set(between))


def render(data: dict[str, Any], title: str) -> str:
    """The HTML page: the template with the data and the type colours inlined."""
    template = resources.files("techkg").joinpath("browser", "viz_template.html").read_text(
        "utf-8")
    colors = {t.label: t.color for t in vocabulary().entity_types.values()}
    payload = json.dumps({"title": title, "colors": colors, **data}, ensure_ascii=False,
                         sort_keys=True).replace("</", "<\\/")
    return template.replace("__TITLE__", title.replace("<", "&lt;")).replace("__DATA__", payload)


def write(graph: Graph, out: Path, query: str | None = None, params: dict[str, str] | None = None,
          entity: str | None = None, hops: int = 1) -> dict[str, int]:
    if query:
        ids: list[str] | None = query_ids(graph, query, params or {})
        title = f"techkg: {query}"
    elif entity:
        ids = neighbourhood_ids(graph, entity, hops)
        title = f"techkg: {entity} ({hops} hop{'s' if hops != 1 else ''})"
    else:
        ids, title = None, "techkg: whole graph"
    data = subgraph(graph, ids)
    out.write_text(render(data, title), "utf-8")
    return {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
