"""Views of the graph: a set of entities and the facts among them, as the explorer's canvas
draws them, and the offline HTML file (`techkg viz`) that draws one with the same front-end
code and the same vendored library as `techkg serve`, all inlined (no network)."""

from __future__ import annotations

from dataclasses import dataclass
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
# The most facts among its entities a view draws. Where the facts its entities start (a
# bound read from their edge lists, `facts-from`) are more, those among them are counted,
# but only up to LOOKED_THROUGH times as many: counting reads each started fact's far end
# (at 1M facts, 0.5 s for the 20 hubs `most-connected` names, which start 172,106 facts;
# 1.8 s for 151 entities that start 227,801), so 250,000 by default keeps it near 2 s.
MOST_FACTS = 10_000
LOOKED_THROUGH = 25


def too_big(graph: Graph, ids: list[str] | None, most: int = MOST_DRAWN,
            most_facts: int = MOST_FACTS, started: int | None = None) -> str | None:
    """Why a view of these entities (None: every one) is not drawn, or None to draw it.
    `started`: the facts they start (`_started`), where the caller has read it already."""
    entities = len(ids) if ids is not None else sum(
        r["count"] for r in service.run_saved(graph, "graph-stats").records
        if r["kind"] == "entity")
    if entities > most:
        return f"{entities:,} entities, more than the {most:,} a view may draw"
    started = _started(graph, ids) if started is None else started
    if started <= most_facts:
        return None
    if started > most_facts * LOOKED_THROUGH:
        return (f"{entities:,} entities that start {started:,} facts, more than the "
                f"{most_facts * LOOKED_THROUGH:,} a view may look through")
    among = started if ids is None else sum(r["facts"] for r in service.run_saved(
        graph, "facts-among-count", typed={"ids": ids}).records)
    if among > most_facts:
        return (f"{entities:,} entities with {among:,} facts among them, more than the "
                f"{most_facts:,} a view may draw")
    return None


def _started(graph: Graph, ids: list[str] | None) -> int:
    """The facts that start at these entities (every fact for None), from edge lists."""
    return sum(r["facts"] for r in service.run_saved(graph, "facts-from",
                                                     typed={"ids": ids}).records)


def view(graph: Graph, ids: list[str] | None) -> dict[str, Any]:
    """Entities (every one, or those ids) and every fact among them, with citations: the
    data the canvas draws (nodes by id; edges by source, relationship and target)."""
    nodes = service.entities_among(graph, ids)
    edges = service.run_saved(graph, "facts-among", typed={"ids": ids}).records
    return {"nodes": nodes, "edges": edges}


def refused(why: str) -> dict[str, Any]:
    """The explorer's empty view of a query's result `too_big` to draw, saying why."""
    return {"nodes": [], "edges": [], "refused": (
        f"Not drawn: {why}. Narrow the question, or download its rows.")}


def neighbourhood_ids(graph: Graph, entity: str, hops: int) -> list[str]:
    """The entities within `hops` facts of one entity (held to the query's range)."""
    found = service.resolve_entity(graph, entity)
    most = next(p.high for p in queries.get("entities-within").params if p.name == "hops")
    hops = max(0, min(hops, most or 0))
    return sorted(service.run_saved(graph, "entities-within", typed={
        "id": found["id"], "hops": hops}).records[0]["ids"])


@dataclass(frozen=True)
class Named:
    """The entities a view of a query's result holds; where the entities that join two of
    them are not among them, why (said under the drawing); and where even these are
    `too_big` to draw, why (said in its place)."""

    ids: list[str]
    note: str | None = None
    refused: str | None = None


def named_ids(graph: Graph, rows: list[dict[str, Any]],
              lookup: list[dict[str, Any]] | None = None, most: int = MOST_DRAWN,
              most_facts: int = MOST_FACTS) -> Named:
    """Entities a query's rows name (any cell equal to an entity's id or name), plus the
    entities that connect two of them through one intermediate hop. `lookup`: every
    entity's id and name, when the caller holds them already. The entities between are
    looked for only where the named ones start at most `most_facts` facts (finding those
    between hubs is the costly read: at 1M facts, 28,037 entities between the 20 that
    `most-connected` names), and left out where the view with them would be `too_big`: the
    named entities alone are still drawn if they can be. The view is checked here, once."""
    values: set[str] = set()
    for row in rows:
        for value in row.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    values.add(item)
    if lookup is None:
        lookup = service.entity_names(graph)
    named = sorted({r["id"] for r in lookup if r["id"] in values or r["name"] in values})
    if len(named) > most:
        return Named(named, refused=too_big(graph, named, most, most_facts))
    started = _started(graph, named)
    if started > most_facts:
        return Named(named, f"Only the entities the rows name are drawn: they start "
                            f"{started:,} facts, more than the {most_facts:,} up to which the "
                            "entities that join two of them are looked for.",
                     too_big(graph, named, most, most_facts, started))
    between = service.run_saved(graph, "entities-between", typed={"ids": named}
                                ).records[0]["ids"]
    joined = sorted(set(named) | set(between))
    # the named alone fit: at most `most` of them, starting at most `most_facts` facts
    why = too_big(graph, joined, most, most_facts) if len(joined) > len(named) else None
    if why:
        return Named(named, f"Only the entities the rows name are drawn: with the "
                            f"{len(joined) - len(named):,} that join two of them, the view "
                            f"would have {why}.")
    return Named(joined)


def query_ids(graph: Graph, name: str, given: dict[str, str], most: int = MOST_DRAWN,
              most_facts: int = MOST_FACTS) -> Named:
    """The entities a saved query's result names (see `named_ids`)."""
    return named_ids(graph, service.run_saved(graph, name, given).records, None, most,
                     most_facts)


def write(graph: Graph, out: Path, query: str | None = None, params: dict[str, str] | None = None,
          entity: str | None = None, hops: int = 1, most: int = MOST_DRAWN,
          most_facts: int = MOST_FACTS) -> dict[str, Any]:
    """Write the offline HTML view of a query's entities, a neighbourhood or the whole graph;
    a view `too_big` to draw is refused before its facts are read, and nothing is written.
    Returns the counts drawn and, for a query's view, its note (see `Named`)."""
    named = query_ids(graph, query, params or {}, most, most_facts) if query else None
    if named:  # checked as it was found
        ids: list[str] | None = named.ids
        title, what = f"techkg: {query}", f"the view of query {query!r}"
    elif entity:
        ids = neighbourhood_ids(graph, entity, hops)
        title = f"techkg: {entity} ({hops} hop{'s' if hops != 1 else ''})"
        what = f"the neighbourhood of {entity!r}"
    else:
        ids, title, what = None, "techkg: whole graph", "the whole graph"
    why = named.refused if named else too_big(graph, ids, most, most_facts)
    if why:
        raise UsageError(f"{what} has {why}: draw a saved query's entities or a smaller "
                         "neighbourhood, or export the graph for a desktop tool")
    data = view(graph, ids)
    out.write_text(offline_page(data, title), "utf-8")
    return {"nodes": len(data["nodes"]), "edges": len(data["edges"]),
            "note": named.note if named else None}
