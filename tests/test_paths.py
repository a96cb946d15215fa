"""`path` finds a route whenever one exists among entity facts (checked against networkx on
a direct dump of the entity edges), for every pair of a generated graph, with and without
the uncounted statuses; article nodes, which touch every entity they mention, never help."""

from __future__ import annotations

import hashlib
import random
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest
import yaml

from techkg.graph import Graph
from techkg.loaders.extract.validation import validate
from techkg.loaders.sync.load import load
from techkg.query.service import run_saved
from techkg.vocabulary import vocabulary

TYPES = ["PARTNERS_WITH", "FUNDS", "VISITS", "LOCATED_IN", "PART_OF", "MEMBER_OF"]
STATUSES = ["reported", "reported", "reported", "alleged", "claimed", "denied", "disputed"]
MAX_HOPS = 4


def write_corpus(folder: Path, entities: int = 20, facts: int = 24, articles: int = 4,
                 seed: int = 7) -> None:
    """Sparse random facts spread over a few articles; every article mentions many entities,
    so article nodes would make short cuts between entities that no fact connects."""
    rng = random.Random(seed)
    ids = [f"e{i:02d}" for i in range(entities)]
    (folder / "articles").mkdir()
    (folder / "extracts").mkdir()
    per_article: dict[int, list[dict]] = {k: [] for k in range(articles)}
    seen = set()
    while len(seen) < facts:
        a, b = rng.sample(ids, 2)
        rel = rng.choice(TYPES)
        if (a, rel, b) in seen:
            continue
        seen.add((a, rel, b))
        quote = f"Fact {len(seen)}: Entity {a} {rel.lower()} Entity {b}."
        per_article[rng.randrange(articles)].append(
            {"subject": a, "type": rel, "object": b, "status": rng.choice(STATUSES),
             "evidence": [quote]})
    for k, rels in per_article.items():
        used = sorted({r["subject"] for r in rels} | {r["object"] for r in rels}
                      | set(rng.sample(ids, entities // 2)))
        text = "\n".join(r["evidence"][0] for r in rels) + "\n"
        (folder / "articles" / f"gen_{k}.txt").write_text(text, "utf-8")
        doc = {"article": {"id": f"gen_{k}", "title": f"Generated article {k}",
                           "publisher": "Generator", "author": "unknown", "date": "2024",
                           "file": f"gen_{k}.txt",
                           "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
               "entities": [{"id": e, "type": "Company", "name": f"Entity {e}"} for e in used],
               "relationships": rels}
        (folder / "extracts" / f"gen_{k}.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture
def generated(graph: Graph, tmp_path: Path) -> Graph:
    write_corpus(tmp_path)
    result = validate([tmp_path / "extracts"], tmp_path / "articles")
    assert not result.errors, result.errors
    load(graph, result)
    return graph


@pytest.mark.parametrize("statuses", ["counted", "all"])
def test_path_finds_every_entity_route(generated: Graph, statuses: str) -> None:
    wanted = set(vocabulary().counted_statuses() if statuses == "counted"
                 else vocabulary().statuses)
    edges = generated.read("MATCH (a:Entity)-[r]->(b:Entity) "
                           "RETURN a.id AS a, b.id AS b, r.status AS status").records
    g = nx.MultiGraph()
    g.add_nodes_from(r["id"] for r in generated.read("MATCH (n:Entity) RETURN n.id AS id")
                     .records)
    g.add_edges_from((e["a"], e["b"]) for e in edges if e["status"] in wanted)
    assert generated.read("MATCH (a:Article) RETURN count(a) AS n").records[0]["n"] == 4
    found = missing = 0
    for a, b in combinations(sorted(g.nodes), 2):
        rows = run_saved(generated, "connection", {"statuses": statuses},
                         typed={"a": a, "b": b, "max_hops": MAX_HOPS, "limit": 100}).records
        try:
            distance = nx.shortest_path_length(g, a, b)
        except nx.NetworkXNoPath:
            distance = MAX_HOPS + 1
        if distance > MAX_HOPS:
            assert rows == [], (a, b)
            missing += 1
            continue
        found += 1
        assert {r["hop"] for r in rows} == set(range(1, distance + 1)), (a, b)
        expected = {tuple(p) for p in nx.all_shortest_paths(nx.Graph(g), a, b)}
        assert max(r["path"] for r in rows) == len(expected), (a, b)
        assert all(r["status"] in wanted for r in rows), (a, b)
    assert found > 20 and missing > 20  # the generated graph has both cases


def test_a_step_through_a_hub_sees_every_neighbour(graph: Graph, tmp_path: Path) -> None:
    """`neighbours` shows 200 links by default; the path search asks for all of them. Here
    the only route passes the hub's last neighbour in id order (its 242nd), and the other end
    is reached within three hops only through it."""
    leaves = [f"m{i:03d}" for i in range(240)]
    facts = [("a", "hub"), *[("hub", m) for m in leaves], ("hub", "zbridge"), ("zbridge", "b")]
    rels = [{"subject": s, "type": "PARTNERS_WITH", "object": o, "status": "reported",
             "evidence": [f"Fact {n}: Company {s.upper()} partners with {o}."]}
            for n, (s, o) in enumerate(facts)]
    ids = sorted({e for pair in facts for e in pair})
    (tmp_path / "articles").mkdir()
    text = "\n".join(r["evidence"][0] for r in rels) + "\n"
    (tmp_path / "articles" / "star.txt").write_text(text, "utf-8")
    doc = {"article": {"id": "star", "title": "A star", "publisher": "Generator",
                       "author": "unknown", "date": "2024", "file": "star.txt",
                       "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
           "entities": [{"id": e, "type": "Company", "name": f"Company {e.upper()}"}
                        for e in ids],
           "relationships": rels}
    (tmp_path / "star.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), "utf-8")
    result = validate([tmp_path / "star.yaml"], tmp_path / "articles")
    assert not result.errors, result.errors
    load(graph, result)
    shown = run_saved(graph, "neighbours", typed={"ids": ["hub"]})
    assert (len(shown.records), shown.cut_at) == (200, 200)
    rows = run_saved(graph, "connection", typed={"a": "a", "b": "b", "max_hops": 3}).records
    assert [(r["hop"], r["subject"], r["object"]) for r in rows] == [
        (1, "Company A", "Company HUB"), (2, "Company HUB", "Company ZBRIDGE"),
        (3, "Company ZBRIDGE", "Company B")]
