"""Hub records keep a hub's facts counted by type and its neighbours: after every kind of
load they must equal what the facts say, a reload must leave the graph a fresh load would,
and `neighbours` and `entity-profile` must answer as they do by walking the facts."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from techkg.graph_schema import graph_schema
from techkg.loaders.sync import plan
from techkg.vocabulary import vocabulary

from .conftest import snapshot
from .synthetic import Corpus
from .test_graph_schema import follows_schema

HUB = plan.HUB_FACTS
TYPES = ["FUNDS", "PARTNERS_WITH", "MEETS_WITH", "RECRUITS"]
FACTS = ("MATCH (a:Entity)-[r]->(b:Entity) "
         "RETURN a.id AS a, type(r) AS t, b.id AS b, r.status AS status")
KEPT = ("CALL () { MATCH (h:Hub) RETURN h.id AS id UNION "
        "MATCH (n:Entity) WHERE n.fact_count >= $hub RETURN n.id AS id } "
        "OPTIONAL MATCH (h:Hub {id: id}) RETURN id, h.fact_types AS types, "
        "h.fact_type_counts AS sizes, h.neighbour_ids AS neighbours ORDER BY id")


class Hubs:
    """Two articles around two hubs, written as the synthetic corpus writes them."""

    def __init__(self, root: Path) -> None:
        self.corpus = Corpus(seed=23, pool_size=1300)
        self.pool = self.corpus.pool
        self.a, self.b = self.pool[0].id, self.pool[1].id
        self.extracts, self.articles = root / "extracts", root / "articles"
        self.extracts.mkdir()
        self.articles.mkdir()
        partners = range(2, 1102)
        facts = [self.fact(self.a, TYPES[i % 4], i, "reported" if i % 7 else "alleged")
                 for i in partners if i < 1060]
        facts += [self.fact(self.b, TYPES[i % 3], i) for i in partners if i >= 60]
        facts += [self.fact(self.a, "MEETS_WITH", 1), self.fact(self.a, "FUNDS", 2, "denied"),
                  self.fact(self.a, "PARTNERS_WITH", 3, "denied"),
                  self.fact(self.a, "FUNDS", 1150, "denied")]
        self.facts = {0: facts, 1: [self.fact(self.a, "FUNDS", i, "denied") for i in range(4, 8)]
                      + [self.fact(self.a, "INVESTS_IN", 1200)]}
        self.ents = {0: [self.pool[0], *self.pool[1:1102], self.pool[1150]],
                     1: [self.pool[0], *self.pool[4:8], self.pool[1200]]}

    def fact(self, s: str, t: str, i: int, status: str = "reported") -> dict:
        o = self.pool[i]
        name = next(p.name for p in self.pool[:2] if p.id == s)
        return {"subject": s, "type": t, "object": o.id, "status": status,
                "sentences": [f"{name} and {o.name} are tied by {t.lower()} ({i} {status})."]}

    def write(self, *indexes: int) -> None:
        for path in [*self.extracts.iterdir(), *self.articles.iterdir()]:
            path.unlink()
        for i in indexes:
            art = self.corpus._render(i, self.ents[i], self.facts[i], {})
            (self.extracts / f"{art.id}.yaml").write_text(art.extract, "utf-8")
            (self.articles / f"{art.id}.txt").write_text(art.text, "utf-8")

    def edit(self, i: int, subject: str, type_: str, object_: int, status: str | None) -> None:
        """Give one fact another status (None: drop it; a new one is added)."""
        o = self.pool[object_].id
        facts = [f for f in self.facts[i]
                 if (f["subject"], f["type"], f["object"]) != (subject, type_, o)]
        if status is not None:
            facts.append(self.fact(subject, type_, object_, status))
        self.facts[i] = facts


@pytest.fixture
def hubs(tmp_path: Path) -> Hubs:
    return Hubs(tmp_path)


def expected(graph) -> list[dict]:  # type: ignore[no-untyped-def]
    """What each hub should keep, counted in Python from every fact in the graph."""
    counted = set(vocabulary().counted_statuses())
    by_type: dict[str, Counter] = defaultdict(Counter)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for r in graph.read(FACTS).records:
        for one, other in ((r["a"], r["b"]), (r["b"], r["a"])):
            by_type[one][r["t"]] += 1
            if r["status"] in counted:
                neighbours[one].add(other)
    return [{"id": n, "types": sorted(c), "sizes": [c[t] for t in sorted(c)],
             "neighbours": sorted(neighbours[n])}
            for n, c in sorted(by_type.items()) if sum(c.values()) >= HUB]


def kept(graph) -> list[dict]:  # type: ignore[no-untyped-def]
    return graph.read(KEPT, {"hub": HUB}).records


def load(cli, hubs: Hubs, *args: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("load", *args, str(hubs.extracts), "--articles", str(hubs.articles))
    assert result.exit_code == 0, result.output


def same_as_fresh(cli, graph, hubs: Hubs) -> None:  # type: ignore[no-untyped-def]
    """The hubs keep what the facts say, their records follow the graph schema, and the graph
    equals a fresh load, record by record."""
    assert kept(graph) == expected(graph)
    for r in graph.read("MATCH (h:Hub) RETURN properties(h) AS p").records:
        follows_schema(f"Hub {r['p'].get('id')}", r["p"], graph_schema().nodes["Hub"])
    after = snapshot(graph)
    load(cli, hubs, "--rebuild")
    assert snapshot(graph) == after, "differs from a fresh load"


def test_hubs_keep_their_counts_and_neighbours_through_every_change(
        cli, graph, hubs: Hubs, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    hubs.write(0)
    load(cli, hubs)
    first = kept(graph)
    # a: 1,058 partners, b, and three denied facts; b: 1,042 partners and a
    assert sorted((h["id"], sum(h["sizes"]), len(h["neighbours"])) for h in first) == sorted(
        [(hubs.a, 1062, 1059), (hubs.b, 1043, 1043)])
    assert first == expected(graph)
    a = hubs.a
    # a tie that ends (its only fact now denied), one that another fact keeps, a fact
    # dropped, a new fact to a new partner, a denied fact now reported
    hubs.edit(0, a, TYPES[10 % 4], 10, "denied")
    hubs.facts[0].append(hubs.fact(a, "ISSUES", 11))
    hubs.edit(0, a, TYPES[11 % 4], 11, "disputed")
    hubs.edit(0, a, TYPES[12 % 4], 12, None)
    hubs.ents[0].append(hubs.pool[1250])
    hubs.facts[0].append(hubs.fact(a, "HOSTS", 1250))
    hubs.edit(0, a, "FUNDS", 1150, "reported")
    hubs.write(0)
    load(cli, hubs)
    ids = next(h["neighbours"] for h in kept(graph) if h["id"] == a)
    pool = [p.id for p in hubs.pool]
    assert (pool[10] in ids, pool[11] in ids, pool[12] in ids, pool[1250] in ids,
            pool[1150] in ids) == (False, True, False, True, True)
    same_as_fresh(cli, graph, hubs)
    # a second article declares the hub (its node is written whole) and ties it to others
    hubs.write(0, 1)
    load(cli, hubs)
    assert pool[1200] in next(h["neighbours"] for h in kept(graph) if h["id"] == a)
    same_as_fresh(cli, graph, hubs)
    # past the plan's list of changed ties, the touched hubs count theirs afresh
    monkeypatch.setattr(plan, "TIE_PAIRS", 2)
    for i in (20, 21, 22, 23):
        hubs.edit(0, a, TYPES[i % 4], i, "denied")
    hubs.write(0, 1)
    load(cli, hubs)
    same_as_fresh(cli, graph, hubs)
    monkeypatch.undo()
    # b falls under HUB facts: it keeps nothing
    hubs.facts[0] = [f for f in hubs.facts[0] if f["subject"] != hubs.b or
                     f["object"] not in pool[60:200]]
    hubs.write(0, 1)
    load(cli, hubs)
    assert [h["id"] for h in kept(graph)] == [a]
    same_as_fresh(cli, graph, hubs)
    # a graph of before has no Hub records: the next load counts every hub's
    graph.write("MATCH (h:Hub) DELETE h")
    assert kept(graph) != expected(graph)
    hubs.write(0)
    load(cli, hubs, "--prune")
    same_as_fresh(cli, graph, hubs)


def test_a_hubs_reads_answer_as_a_walk_of_its_facts(cli, graph, hubs: Hubs) -> None:  # type: ignore[no-untyped-def]
    """`neighbours` and `entity-profile` of a hub give the same rows from its Hub record as
    from a walk of its facts (the records removed), at the default limit and with every row."""
    hubs.write(0, 1)
    load(cli, hubs)

    def answers() -> list[str]:
        out = []
        for args in (["neighbours", "-p", f"ids={hubs.a},{hubs.b}"],
                     ["neighbours", "-p", f"ids={hubs.a}", "-p", "limit=1000000"],
                     ["neighbours", "-p", f"ids={hubs.a}", "-p", "statuses=all", "-p",
                      "limit=1000000"],
                     ["entity-profile", "-p", f"id={hubs.a}"],
                     ["entity-profile", "-p", f"id={hubs.a}", "-p", "limit=100000"],
                     ["entity-profile", "-p", f"id={hubs.b}", "-p", "limit=1050"]):
            result = cli("query", *args, "--format", "json")
            assert result.exit_code == 0, result.output
            out.append(result.stdout)
        return out

    from_lists = answers()
    hub = next(h for h in expected(graph) if h["id"] == hubs.a)
    rows = json.loads(from_lists[1])
    assert [r["neighbour"] for r in rows] == hub["neighbours"]
    every = {r["b"] if r["a"] == hubs.a else r["a"] for r in graph.read(FACTS).records
             if hubs.a in (r["a"], r["b"])}
    assert len(every) > len(hub["neighbours"])  # some ties only denied
    assert sorted(r["neighbour"] for r in json.loads(from_lists[2])) == sorted(every)
    assert len(json.loads(from_lists[4])) == sum(hub["sizes"])
    graph.write("MATCH (h:Hub) DELETE h")
    assert answers() == from_lists


def test_the_docs_and_queries_name_the_hub_size_the_loader_uses() -> None:
    """The schema's doc, the graph model, the queries' notes and the load's check of a graph
    of before all say what a hub is as the loader counts it."""
    from techkg.query import catalogue

    size = f"{HUB:,} facts"
    assert f"at least {size}" in graph_schema().nodes["Hub"].description
    assert f"({size} or more)" in (Path(__file__).parents[1] / "docs/graph-model.md").read_text()
    assert f"{HUB:,} facts or more" in catalogue.catalogue()["neighbours"].text
    held = next(p for p in catalogue.catalogue()["sync-holds-tallies"].params if p.name == "hub")
    assert held.default == HUB
    assert f"more than {plan.TIE_PAIRS:,} pairs" in (
        Path(__file__).parents[1] / "docs/graph-model.md").read_text()
