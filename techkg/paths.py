"""Shortest paths between two entities, found hop by hop through entity facts only.

A database's own shortest-path search may run through article nodes and filter them out
afterwards (losing real connections), and cannot skip facts of an uncounted status while it
searches. So the search is a breadth-first walk here: each hop is one saved `neighbours`
query over entity-to-entity relationship types with the wanted statuses, so nothing but
entities and counted facts can form a path.
"""

from __future__ import annotations

from collections.abc import Callable

Neighbours = Callable[[list[str]], dict[str, list[str]]]


def shortest_paths(start: str, goal: str, max_hops: int, neighbours: Neighbours,
                   limit: int) -> list[list[str]]:
    """Up to `limit` shortest id sequences from start to goal (at most max_hops facts), in
    lexicographic order of their ids; [] when none is that short."""
    if start == goal:
        return []
    parents: dict[str, list[str]] = {start: []}
    frontier = [start]
    for _ in range(max_hops):
        found = neighbours(sorted(frontier))
        level: dict[str, list[str]] = {}
        for node in sorted(found):
            for nxt in found[node]:
                if nxt not in parents:
                    level.setdefault(nxt, []).append(node)
        parents.update(level)
        if goal in level:
            return _unwind(goal, parents, limit)
        frontier = list(level)
        if not frontier:
            break
    return []


def _unwind(goal: str, parents: dict[str, list[str]], limit: int) -> list[list[str]]:
    """Every path from the start to goal through the parent links, stopping at `limit`."""
    out: list[list[str]] = []

    def walk(node: str, tail: list[str]) -> None:
        if len(out) >= limit:
            return
        if not parents[node]:
            out.append([node, *tail])
            return
        for parent in sorted(parents[node]):
            walk(parent, [node, *tail])

    walk(goal, [])
    return out
