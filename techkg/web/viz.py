"""Views of the graph: a set of entities and the facts among them, as the explorer's canvas
draws them, and the offline HTML file (`techkg viz`) that draws one with the same front-end
code and the same vendored library as `techkg serve`, all inlined (no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from techkg.graph import Graph
from techkg.query import catalogue as queries
from techkg.query import service
from techkg.web.offline import offline_page


def view(graph: Graph, ids: list[str] | None) -> dict[str, Any]:
    """Entities (every one, or those ids) and every fact among them, with citations: the
    data the canvas draws (nodes by id; edges by source, relationship and target)."""
    nodes = service.run_saved(graph, "entities-among", typed={"ids": ids}).records
    edges = service.run_saved(graph, "facts-among", typed={"ids": ids}).records
    return {"nodes": nodes, "edges": edges}


def neighbourhood_ids(graph: Graph, entity: str, hops: int) -> list[str]:
    """The entities within `hops` facts of one entity (held to the query's range)."""
    found = service.resolve_entity(graph, entity)
    most = next(p.high for p in queries.get("entities-within").params if p.name == "hops")
    hops = max(0, min(hops, most or 0))
    return sorted(service.run_saved(graph, "entities-within", typed={
        "id": found["id"], "hops": hops}).records[0]["ids"])


def named_ids(graph: Graph, rows: list[dict[str, Any]],
              lookup: list[dict[str, Any]] | None = None) -> list[str]:
    """Entities a query's rows name (any cell equal to an entity's id or name), plus the
    entities that connect two of them through one intermediate hop. `lookup`: every
    entity's id and name, when the caller holds them already."""
    values: set[str] = set()
    for row in rows:
        for value in row.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    values.add(item)
    if lookup is None:
        lookup = service.run_saved(graph, "entities-among", typed={"ids": None}).records
    named = sorted({r["id"] for r in lookup if r["id"] in values or r["name"] in values})
    between = service.run_saved(graph, "entities-between", typed={"ids": named}
                                ).records[0]["ids"]
    return sorted(set(named) | set(between))


def query_ids(graph: Graph, name: str, given: dict[str, str]) -> list[str]:
    """The entities a saved query's result names (see `named_ids`)."""
    return named_ids(graph, service.run_saved(graph, name, given).records)


def write(graph: Graph, out: Path, query: str | None = None, params: dict[str, str] | None = None,
          entity: str | None = None, hops: int = 1) -> dict[str, int]:
    """Write the offline HTML view of a query's entities, a neighbourhood or the whole graph."""
    if query:
        ids: list[str] | None = query_ids(graph, query, params or {})
        title = f"techkg: {query}"
    elif entity:
        ids = neighbourhood_ids(graph, entity, hops)
        title = f"techkg: {entity} ({hops} hop{'s' if hops != 1 else ''})"
    else:
        ids, title = None, "techkg: whole graph"
    data = view(graph, ids)
    out.write_text(offline_page(data, title), "utf-8")
    return {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
