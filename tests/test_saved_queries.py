"""Every saved query: a well-formed header, vocabulary-only labels and types, zero errors
from Neo4j's own linter, and a run on the loaded extracts."""

from __future__ import annotations

import re

import pytest

from techkg.errors import TechKGError
from techkg.graph_schema import graph_schema
from techkg.query import catalogue as queries
from techkg.query.service import entities_among, run_saved
from techkg.vocabulary import vocabulary

from .cypher_lint import lint, lint_unavailable

ALL = sorted(queries.catalogue())
FULLTEXT_ONLY = {"search-fulltext"}


def test_at_least_eighteen_saved_queries() -> None:
    assert len(ALL) >= 18


def test_query_files_are_named_after_their_queries() -> None:
    for q in queries.catalogue().values():
        assert q.file == f"{q.name}.cypher"


def test_labels_and_types_come_from_the_vocabulary() -> None:
    v = vocabulary()
    public = {name for name, kind in graph_schema().nodes.items() if kind.public}
    allowed_labels = set(v.entity_types) | public  # never the loader's bookkeeping
    allowed_types = set(v.relationship_types) | {"MENTIONS"}
    for q in queries.catalogue().values():
        labels = allowed_labels
        if q.internal and q.name.startswith("sync-"):  # the loader's reads of its records
            labels = allowed_labels | set(graph_schema().nodes) | set(graph_schema().retired)
        body = "\n".join(ln for ln in q.cypher.splitlines() if not ln.startswith("//"))
        body = re.sub(r"'[^']*'", "''", body).replace("`", "")
        for label in re.findall(r"[(\s]\w+:(\w+)", body):
            if label[0].isupper() and not label.isupper():
                assert label in labels, (q.name, label)
        for chunk in re.findall(r"\[\w*:([A-Z_|]+)", body):
            for rel in chunk.split("|"):
                assert rel in allowed_types, (q.name, rel)
        for rel in re.findall(r"'([A-Z][A-Z_]+)'", q.cypher):
            assert rel in allowed_types, (q.name, rel)


def test_every_saved_query_passes_neo4j_linter() -> None:
    reason = lint_unavailable()
    if reason:
        pytest.fail(f"the Cypher linter is required: {reason}")
    payload = [{"name": q.name, "text": q.cypher, "parameters": q.parameter_names()}
               for q in queries.catalogue().values()]
    diagnostics = lint(payload)
    errors = {name: [d for d in diags if d["severity"] == 1] for name, diags in diagnostics.items()}
    assert {k: v for k, v in errors.items() if v} == {}
    assert sorted(diagnostics) == ALL


def test_linter_catches_a_broken_query() -> None:
    """The linter check can fail: an undefined variable is an error."""
    if lint_unavailable():
        pytest.fail(f"the Cypher linter is required: {lint_unavailable()}")
    result = lint([{"name": "bad", "text": "MATCH (n) RETURN m", "parameters": []}])
    assert [d["message"] for d in result["bad"] if d["severity"] == 1] == \
        ["Variable `m` not defined"]


@pytest.mark.parametrize("name", ALL)
def test_every_saved_query_runs(loaded, name: str) -> None:  # type: ignore[no-untyped-def]
    if name in FULLTEXT_ONLY and not loaded.capabilities.fulltext:
        pytest.skip("this backend has no full-text index; `search` is used instead")
    q = queries.get(name)
    typed = {p.name: _example(name, p) for p in q.params if p.required}
    rows = run_saved(loaded, name, typed=typed)
    if name == "sync-legacy-claims":  # a graph this version loaded holds no retired record
        assert rows.records == []
        return
    assert rows.columns
    if name not in ("claims-by-status",):
        assert rows.records, f"{name} returned no rows on the loaded extracts"


def test_views_of_given_entities_are_the_whole_graph_rows_among_them(loaded) -> None:  # type: ignore[no-untyped-def]
    """`facts-among`, `facts-among-count` and `entities-among` given ids start from those
    entities, not from every fact or entity; what they return is still exactly the whole
    graph's rows among them, in the same order: each id once, an unknown id ignored, an
    empty list giving nothing."""
    every_fact = run_saved(loaded, "facts-among").records
    every_entity = entities_among(loaded, None)
    ids = [e["id"] for e in every_entity]
    hub = max(ids, key=lambda i: sum(i in (f["source"], f["target"]) for f in every_fact))
    ends = {f["target"] for f in every_fact if f["source"] == hub}
    near = [hub, *sorted(ends)]
    assert len(near) > 10  # up to ten ids are taken in pairs, more walked: both are tried
    for given in ([], ["no-such-id"], [hub], [hub, hub, "no-such-id", *near[1:4]], near[:10],
                  near, ids[::2], [*ids[1::3], *ids[1::3], "no-such-id"], ids):
        wanted = set(given)
        among = [f for f in every_fact if f["source"] in wanted and f["target"] in wanted]
        assert run_saved(loaded, "facts-among", typed={"ids": given}).records == among
        assert sum(r["facts"] for r in run_saved(loaded, "facts-among-count",
                                                 typed={"ids": given}).records) == len(among)
        assert entities_among(loaded, given) == [e for e in every_entity if e["id"] in wanted]
        assert given not in (near[:10], near) or len(among) >= 9


def _example(query: str, p: queries.Param) -> object:
    if query == "supervision-chain":
        return "Hebei International Talent Exchange Association"
    if query in ("article-files", "article-citations"):
        return ["004_d56b4a6fc61554ff"]
    if query == "entities-between":
        return ["suzhou-industrial-park", "offshore-innovation-bases"]
    examples = {"entity": "suzhou-industrial-park", "id": "suzhou-industrial-park",
                "a": "suzhou-industrial-park", "b": "harvard-university", "text": "harvard",
                "lucene": "*harvard*", "ids": ["suzhou-industrial-park"],
                "entities": ["suzhou-industrial-park"], "articles": ["004_d56b4a6fc61554ff"],
                "facts": ["suzhou-industrial-park LOCATED_IN suzhou"], "hops": 2}
    return examples[p.name]


UNTYPED = re.compile(r"-\[\w*\]-|-\[\w*\*|\)--|--\(|\)-->|<--\(")
OTHER_OWNERS = {"graph-stats", "article-coverage"}  # corpus summaries kept as they are
LISTS_ARTICLES = {"entity-card"}  # an entity's articles: its node keeps only their count


def test_traversals_are_typed() -> None:
    """No saved query walks an untyped relationship (which would pass through MENTIONS to
    article nodes, or any bookkeeping node): patterns name kinds or types, and the kinds
    expand to vocabulary types only."""
    for q in queries.catalogue().values():
        if q.name in OTHER_OWNERS:
            continue
        body = "\n".join(ln for ln in q.cypher.splitlines() if not ln.startswith("//"))
        assert not UNTYPED.search(re.sub(r"'[^']*'", "''", body)), q.name
        assert "_TIES" not in body, q.name
        if q.name in LISTS_ARTICLES:
            assert re.findall(r"\(\w*:?\w*\)<?-\[:MENTIONS\]->?\(\w*:?\w*\)", body) == \
                ["(n)<-[:MENTIONS]-(a:Article)"], q.name
        else:
            assert "MENTIONS" not in body, q.name


def test_kinds_expand_to_vocabulary_types() -> None:
    v = vocabulary()
    partners = queries.get("partners").cypher
    expected = "|".join(f"`{t}`" for t in v.types_of_kind("cooperation"))
    assert f"[r:{expected}]" in partners
    assert {"VISITS", "LOCATED_IN", "PART_OF"}.isdisjoint(v.types_of_kind("cooperation"))
    assert sorted(t for k in v.relationship_kinds for t in v.types_of_kind(k)) == \
        sorted(v.relationship_types)
    assert queries.get("bases-us-universities").injected()["status_ranks"] == \
        {s.name: s.rank for s in v.statuses.values()}


def test_each_type_block_repeats_once_per_type_of_its_kind() -> None:
    text = ("// name: x\n// description: x\nMATCH (n:Entity)\nCALL (n) {\n"
            "  // each type of HIERARCHY_TIES:\n"
            "  WITH n WHERE 'EACH_TYPE' IN ['PART_OF']\n"
            "  MATCH (n)-[r:EACH_TYPE]->(m:Entity) RETURN r\n"
            "  // end each\n}\nRETURN r\n")
    body = queries.parse(text, "x.cypher").cypher.split("CALL (n) {\n")[1]
    assert body == (
        "  WITH n WHERE 'SUBORDINATE_TO' IN ['PART_OF']\n"
        "  MATCH (n)-[r:`SUBORDINATE_TO`]->(m:Entity) RETURN r\n  UNION ALL\n"
        "  WITH n WHERE 'SUPERVISED_BY' IN ['PART_OF']\n"
        "  MATCH (n)-[r:`SUPERVISED_BY`]->(m:Entity) RETURN r\n  UNION ALL\n"
        "  WITH n WHERE 'PART_OF' IN ['PART_OF']\n"
        "  MATCH (n)-[r:`PART_OF`]->(m:Entity) RETURN r\n}\nRETURN r\n")
    assert not any("EACH_TYPE" in q.cypher for q in queries.catalogue().values())


def test_listings_declare_their_row_limit() -> None:
    """Listings that grow with the corpus take a `limit` the service can report as reached;
    the declared parameter is the one in the query's LIMIT."""
    listings = {"agreements", "money", "technologies", "claims-by-status", "corroboration",
                "restrictions-denials", "united-front", "timeline", "visits", "partners",
                "entity-profile", "most-connected", "search", "search-fulltext",
                "neighbours", "search-ranked", "bases-us-universities"}
    declared = {q.name for q in queries.catalogue().values() if q.row_limit}
    assert declared == listings
    for name in declared:
        q = queries.get(name)
        assert f"LIMIT ${q.row_limit}" in q.text, name
    with pytest.raises(TechKGError, match="row-limit 'rows' is not an int parameter"):
        queries.parse("// name: x\n// description: y\n// row-limit: rows\nRETURN 1", "x.cypher")


# The plain query entity-profile answers: every fact, sorted, then cut. The saved query reads
# only the relationship types its first rows come from; its rows must be exactly these.
PROFILE_REFERENCE = """
MATCH (n:Entity {id: $id})-[r:ENTITY_TIES]-(m:Entity)
WITH r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
ORDER BY type(r), direction DESC, m.name
LIMIT $limit
CALL (r) {
  UNWIND r.sources AS s
  MATCH (x:Article {id: s})
  WHERE x.quotes_checked IS NULL OR NOT x.quotes_checked
  RETURN collect(s) AS unchecked
}
RETURN type(r) AS relationship, direction, m.name AS other, m.type AS other_type,
       r.role AS role, r.status AS status, r.inferred AS inferred,
       coalesce(r.date, r.start) AS date, r.end AS until, r.sources AS sources,
       r.evidence AS evidence, unchecked
"""


def rows_compared(graph, name: str, reference: str,  # type: ignore[no-untyped-def]
                  params: list[dict]) -> int:
    """Run the saved query and its plain reference with each parameter set for each of the
    eight biggest entities (given as the query's entity parameter); assert equal rows.
    Returns how many rows were compared."""
    saved = queries.get(name)
    plain = queries.parse("// name: x\n// description: x\n" + reference, "x.cypher")
    key = next(p.name for p in saved.params if p.type == "entity")
    ids = [r["id"] for r in graph.read(
        "MATCH (n:Entity) RETURN n.id AS id, COUNT { (n)--(:Entity) } AS d "
        "ORDER BY d DESC, id LIMIT 8").records]
    compared = 0
    for entity in ids:
        for extra in params:
            given = {key: entity, **extra}
            got = graph.read(saved.cypher, given).records
            assert got == graph.read(plain.cypher, given).records, given
            compared += len(got)
    return compared


def test_entity_profile_equals_sorting_every_fact(loaded) -> None:  # type: ignore[no-untyped-def]
    limits = [{"limit": n} for n in (1, 2, 5, 12, 40, 1000)]
    assert rows_compared(loaded, "entity-profile", PROFILE_REFERENCE, limits) > 200


# The plain query timeline answers for one entity: its outgoing facts and its incoming ones
# (a self-loop once), every dated one in range sorted, then cut.
TIMELINE_REFERENCE = """
CALL () {
  MATCH (a:Entity {id: $entity})-[r:ENTITY_TIES]->(b:Entity)
  RETURN a, r, b
  UNION ALL
  MATCH (b:Entity {id: $entity})<-[r:ENTITY_TIES]-(a:Entity)
  WHERE a <> b
  RETURN a, r, b
}
WITH a, r, b, coalesce(r.date, r.start, r.end) AS date
WHERE date IS NOT NULL AND date >= $from AND left(date, size($to)) <= $to
WITH a, r, b, date
ORDER BY date, a.name, type(r), b.name
LIMIT $limit
RETURN date, r.end AS until, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.status AS status, r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
"""


def test_timeline_equals_sorting_every_fact(loaded) -> None:  # type: ignore[no-untyped-def]
    ranges = [{"limit": n, "from": since, "to": until} for n, since, until in (
        (1, "1900", "2100"), (3, "1900", "2100"), (1000, "1900", "2100"),
        (1000, "2016", "2019-06"), (2, "2018-03", "2100"))]
    assert rows_compared(loaded, "timeline", TIMELINE_REFERENCE, ranges) > 40



CUT_BY_TALLIES = [("corroboration", {}), ("corroboration", {"min_sources": 2}),
                  ("corroboration", {"statuses": "all"}),
                  ("corroboration", {"statuses": "denied,alleged", "min_sources": 3}),
                  ("claims-by-status", {}), ("claims-by-status", {"statuses": "all"}),
                  ("claims-by-status", {"statuses": "reported,former"}),
                  ("restrictions-denials", {}), ("timeline", {}),
                  ("timeline", {"from": "2012"}),
                  ("timeline", {"from": "2012-05", "to": "2019-07-15"}),
                  ("timeline", {"from": "2015-03-10", "to": "2016"}), ("visits", {})]


@pytest.fixture(scope="module")
def corroborated(backend, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A generated corpus whose facts have from one to dozens of sources (the real extracts
    share no fact yet)."""
    from techkg.graph import Graph
    from techkg.loaders.extract.validation import validate
    from techkg.loaders.sync.load import load
    from techkg.loaders.sync.writes import wipe

    from .synthetic import Corpus

    folder = tmp_path_factory.mktemp("corroborated")
    corpus = Corpus(seed=3, articles=60, facts_per_article=40, entities_per_article=10,
                    pool_size=40,
                    relationship_types=("PARTNERS_WITH", "FUNDS", "VISITS", "RESTRICTS"))
    corpus.write(folder / "extracts", folder / "articles", corpus.version_set())
    result = validate([folder / "extracts"], folder / "articles")
    assert not result.errors
    with Graph(backend) as g:
        wipe(g)
        load(g, result)
        yield g


@pytest.mark.parametrize(("name", "given"), CUT_BY_TALLIES)
def test_listings_cut_by_the_source_tallies_show_the_first_rows_of_a_full_sort(
        corroborated, name: str, given: dict) -> None:  # type: ignore[no-untyped-def]
    """Where a listing's first rows end comes from the source tallies; at every limit its
    rows are the first rows of the whole listing (which the tallies cannot cut)."""
    given = {k: str(v) for k, v in given.items()}
    full = run_saved(corroborated, name, {**given, "limit": "100000"}).records
    assert len(full) > 20
    for limit in (1, 2, 5, 20, len(full) // 2, len(full) - 1):
        rows = run_saved(corroborated, name, {**given, "limit": str(limit)}).records
        assert rows == full[:limit], (name, given, limit)


def test_listings_read_by_their_tallies_lists_equal_a_scan(corroborated) -> None:  # type: ignore[no-untyped-def]
    """Where few enough, the first rows are looked up by the fact ids their tallies list;
    they equal the rows of a scan (the tallies without their lists), and an emptied list
    shows in the rows: the lists are what is read."""
    cases = [(name, {**{k: str(v) for k, v in given.items()}, "limit": str(limit)})
             for name, given in CUT_BY_TALLIES for limit in (1, 5, 20, 60)]

    def rows() -> list[list[dict]]:
        return [run_saved(corroborated, name, given).records for name, given in cases]

    listed = rows()
    tallies = "MATCH (t) WHERE (t:SourceTally OR t:DateTally) "
    try:
        corroborated.write(tallies + "AND t.fact_ids IS NOT NULL "
                           "SET t.kept = t.fact_ids REMOVE t.fact_ids")
        assert rows() == listed
        corroborated.write(tallies + "AND t.kept IS NOT NULL SET t.fact_ids = []")
        emptied = rows()
    finally:
        corroborated.write(tallies + "AND t.kept IS NOT NULL "
                           "SET t.fact_ids = t.kept REMOVE t.kept")
    changed = {name for (name, _), a, b in zip(cases, listed, emptied, strict=True)
               if a != b}
    assert changed == {"corroboration", "claims-by-status", "restrictions-denials", "timeline"}
    assert rows() == listed


def test_visits_reads_the_first_rows_by_the_date_tallies_lists(corroborated) -> None:  # type: ignore[no-untyped-def]
    """The whole graph's visits at a small limit are looked up by the date tallies' lists:
    the first visit's id taken out of its month's list takes its row out of the answer (the
    list still holds enough), and an emptied list falls back to a scan with the same rows."""
    full = run_saved(corroborated, "visits", {"limit": "100000"}).records
    first = corroborated.read(
        "MATCH (a:Entity)-[r:VISITS]->(b:Entity) WHERE r.date IS NOT NULL "
        "RETURN a.id + ' VISITS ' + b.id AS id, r.date AS date, a.name AS who, "
        "b.name AS whom ORDER BY date, who, whom LIMIT 1").records[0]
    assert (full[0]["date"], full[0]["who"]) == (first["date"], first["who"])
    lists = "MATCH (t:DateTally) WHERE $id IN t.fact_ids "
    corroborated.write(lists + "SET t.fact_ids = [x IN t.fact_ids WHERE x <> $id]",
                       {"id": first["id"]})
    try:
        assert run_saved(corroborated, "visits", {"limit": "5"}).records == full[1:6]
        assert run_saved(corroborated, "visits", {"limit": "100000"}).records == full
    finally:
        corroborated.write("MATCH (t:DateTally {key: left($date, 7)}) "
                           "SET t.fact_ids = t.fact_ids + [$id]",
                           {"id": first["id"], "date": first["date"]})
    assert run_saved(corroborated, "visits", {"limit": "5"}).records == full[:5]
    corroborated.write("MATCH (t:DateTally) SET t.kept = t.fact_ids, t.fact_ids = []")
    try:
        assert run_saved(corroborated, "visits", {"limit": "5"}).records == full[:5]
    finally:
        corroborated.write("MATCH (t:DateTally) SET t.fact_ids = t.kept REMOVE t.kept")
