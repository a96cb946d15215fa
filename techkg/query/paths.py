"""Shortest paths between two entities, found hop by hop through entity facts only.

A database's own shortest-path search may run through article nodes and filter them out
afterwards (losing real connections), and cannot skip facts of an uncounted status while it
searches. So the search is a breadth-first walk here: each hop is one saved `neighbours`
query over entity-to-entity relationship types with the wanted statuses, so nothing but
entities and counted facts can form a path. It walks from both ends, always widening the
smaller frontier, so a hub near one end does not flood the search. While the other
frontier is small, each hop first asks only for links into it (`links`): when the two sides
meet there, the paths are found without fetching a hub's thousands of neighbours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

Neighbours = Callable[[list[str]], dict[str, list[str]]]
Links = Callable[[list[str], list[str]], dict[str, list[str]]]
Parents = dict[str, list[str]]
LINK_CHECK_MAX = 100  # largest other frontier whose ids are sent as link targets


def shortest_paths(start: str, goal: str, max_hops: int, neighbours: Neighbours,
                   limit: int, links: Links | None = None) -> list[list[str]]:
    """Up to `limit` shortest id sequences from start to goal (at most max_hops facts), in
    id order; [] when none is that short. `links(ids, targets)` gives each id's neighbours
    among `targets` (like `neighbours`, filtered)."""
    if start == goal:
        return []
    sides: list[Parents] = [{start: []}, {goal: []}]
    frontiers = [[start], [goal]]
    for _ in range(max_hops):
        k = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        # the sides can only meet in the other frontier (an earlier meeting ends the search)
        if links is not None and len(frontiers[1 - k]) <= LINK_CHECK_MAX:
            level = _level(frontiers[k], links(sorted(frontiers[k]), sorted(frontiers[1 - k])),
                           sides[k])
            if level:
                sides[k].update(level)
                return sorted(islice(_joined(sorted(level), sides[0], sides[1]), limit))
        level = _level(frontiers[k], neighbours(sorted(frontiers[k])), sides[k])
        sides[k].update(level)
        meet = sorted(n for n in level if n in sides[1 - k])
        if meet:
            return sorted(islice(_joined(meet, sides[0], sides[1]), limit))
        frontiers[k] = list(level)
        if not frontiers[k]:
            break
    return []


def _level(frontier: list[str], found: dict[str, list[str]], seen: Parents) -> Parents:
    """The next level of one side: each node not seen yet, with its parents in `frontier`."""
    level: Parents = {}
    for node in sorted(frontier):
        for nxt in found.get(node, []):
            if nxt not in seen:
                level.setdefault(nxt, []).append(node)
    return level


def _joined(meet: list[str], forward: Parents, backward: Parents) -> Iterator[list[str]]:
    for m in meet:
        for head in _paths_to(m, forward):
            for tail in _paths_to(m, backward):
                yield head + tail[::-1][1:]


def _paths_to(node: str, parents: Parents) -> Iterator[list[str]]:
    """Every path from the search's root to `node` through the parent links, lazily."""
    if not parents[node]:
        yield [node]
        return
    for parent in sorted(parents[node]):
        for head in _paths_to(parent, parents):
            yield [*head, node]
