"""Views of the graph: a set of entities and the facts among them, as the explorer's canvas
draws them, and the offline HTML file (`techkg viz`) that draws one with the same front-end
code and the same vendored library as `techkg serve`, all inlined (no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from techkg.errors import UsageError
from techkg.graph import Graph
from techkg.query import catalogue as queries
from techkg.query import service
from techkg.web.offline import offline_page

# The most entities one view draws (a file, or the explorer's view of a query's result).
# Measured on the synthetic corpus (benchmarks/README.md): the whole-graph read took about
# 1 s at 10k facts, 5.5-13 s at 100k (5,918 entities, 95,901 facts: a page no one reads as
# a picture), and at 1M facts the engine refused it (query heap budget); the canvas lays out
# 500 nodes with its coarse layout already.
MOST_DRAWN = 2000
# The facts a view may hold, by its bound (`facts-from`: every fact that starts at one of
# its entities): the whole-graph read of a 10k-fact graph took about 1 s (same source).
MOST_FACTS = 10_000


def too_big(graph: Graph, ids: list[str] | None, most: int = MOST_DRAWN,
            most_facts: int = MOST_FACTS) -> str | None:
    """Why a view of these entities (None: every one) is not drawn, or None to draw it."""
    entities = len(ids) if ids is not None else sum(
        r["count"] for r in service.run_saved(graph, "graph-stats").records
        if r["kind"] == "entity")
    if entities > most:
        return f"{entities:,} entities, more than the {most:,} a view may draw"
    facts = sum(r["facts"] for r in service.run_saved(graph, "facts-from",
                                                       typed={"ids": ids}).records)
    if facts > most_facts:
        return (f"{entities:,} entities with up to {facts:,} facts among them, more than the "
                f"{most_facts:,} a view may draw")
    return None


def view(graph: Graph, ids: list[str] | None, most: int | None = None,
         most_facts: int = MOST_FACTS) -> dict[str, Any]:
    """Entities (every one, or those ids) and every fact among them, with citations: the
    data the canvas draws (nodes by id; edges by source, relationship and target). Given
    `most`, a view `too_big` to draw is empty and says why (`refused`), read from nowhere."""
    why = too_big(graph, ids, most, most_facts) if most is not None and ids else None
    if why:
        return {"nodes": [], "edges": [], "refused": (
            f"Not drawn: {why}. Narrow the question, or download its rows.")}
    nodes = service.entities_among(graph, ids)
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
              lookup: list[dict[str, Any]] | None = None, most: int | None = None,
              most_facts: int = MOST_FACTS) -> list[str]:
    """Entities a query's rows name (any cell equal to an entity's id or name), plus the
    entities that connect two of them through one intermediate hop. `lookup`: every
    entity's id and name, when the caller holds them already. Given `most`, named entities
    already `too_big` to draw are returned alone: adding entities only adds to both counts,
    and finding those between hubs is the costly read (at 1M facts, 28,037 entities
    between the 20 that `most-connected` names)."""
    values: set[str] = set()
    for row in rows:
        for value in row.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    values.add(item)
    if lookup is None:
        lookup = service.entity_names(graph)
    named = sorted({r["id"] for r in lookup if r["id"] in values or r["name"] in values})
    if most is not None and too_big(graph, named, most, most_facts):
        return named
    between = service.run_saved(graph, "entities-between", typed={"ids": named}
                                ).records[0]["ids"]
    return sorted(set(named) | set(between))


def query_ids(graph: Graph, name: str, given: dict[str, str], most: int | None = None,
              most_facts: int = MOST_FACTS) -> list[str]:
    """The entities a saved query's result names (see `named_ids`)."""
    return named_ids(graph, service.run_saved(graph, name, given).records, None, most,
                     most_facts)


def write(graph: Graph, out: Path, query: str | None = None, params: dict[str, str] | None = None,
          entity: str | None = None, hops: int = 1, most: int = MOST_DRAWN,
          most_facts: int = MOST_FACTS) -> dict[str, int]:
    """Write the offline HTML view of a query's entities, a neighbourhood or the whole graph;
    a view `too_big` to draw is refused before its facts are read, and nothing is written."""
    if query:
        ids: list[str] | None = query_ids(graph, query, params or {}, most, most_facts)
        title, what = f"techkg: {query}", f"the view of query {query!r}"
    elif entity:
        ids = neighbourhood_ids(graph, entity, hops)
        title = f"techkg: {entity} ({hops} hop{'s' if hops != 1 else ''})"
        what = f"the neighbourhood of {entity!r}"
    else:
        ids, title, what = None, "techkg: whole graph", "the whole graph"
    why = too_big(graph, ids, most, most_facts)
    if why:
        raise UsageError(f"{what} has {why}: draw a saved query's entities or a smaller "
                         "neighbourhood, or export the graph for a desktop tool")
    data = view(graph, ids)
    out.write_text(offline_page(data, title), "utf-8")
    return {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
