"""The planner on its own (no database): a graph is simulated by folding each plan's records
into a State, which is exactly what the loader reads back through its indexes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from techkg.errors import ValidationFailed
from techkg.loaders.extract.validation import validate
from techkg.loaders.sync.inputs import article_input
from techkg.loaders.sync.plan import ArticleInput, State, WritePlan, plan
from techkg.loaders.sync.records import claims_of_fact, declaration_from_record

from .conftest import DATA


def inputs(*names: str) -> list[ArticleInput]:
    result = validate([DATA / "extracts" / n for n in names], DATA / "articles")
    assert not result.errors
    return [article_input(ex) for ex in result.extracts]


def fold(state: State, p: WritePlan) -> State:
    """The State a graph would hold after applying `p` (records, facts with the claims they
    carry, Article nodes and their fact lists)."""
    decls = {e: dict(per) for e, per in state.decls.items()}
    claims = {k: dict(per) for k, per in state.claims.items()}
    articles = {} if p.wipe else dict(state.articles)
    facts = {} if p.wipe else dict(state.article_facts)
    for key in p.delete_decls:
        a, e = key.split("|")
        del decls[e][a]
    for rec in [*p.upsert_decls, *p.create_decls]:
        decls.setdefault(rec["entity"], {})[rec["article"]] = declaration_from_record(rec)
    for t, rows in p.delete_facts.items():
        for row in rows:
            del claims[(row["s"], t, row["o"])]
    gone = set(p.delete_entities)  # a deleted node takes its relationships with it
    claims = {k: per for k, per in claims.items() if k[0] not in gone and k[2] not in gone}
    for t, rows in [*p.update_facts.items(), *p.create_facts.items()]:
        for row in rows:
            claims[(row["s"], t, row["o"])] = claims_of_fact(row["props"])
    for a in p.delete_articles:
        articles.pop(a)
        facts.pop(a, None)
    for row in p.article_facts:
        facts[row["id"]] = row["facts"]
    for row in p.upsert_articles:
        articles[row["id"]] = row["props"]
    for row in p.counters:
        articles[row["id"]] = {**articles[row["id"]], "only_here": row["n"]}
    return State(articles, {e: per for e, per in decls.items() if per},
                 {k: per for k, per in claims.items() if per}, facts)


def test_fresh_plan_counts_and_rows() -> None:
    p = plan(State(), inputs("mini_a.yaml", "mini_b.yaml"))
    assert dict(p.counts) == {"entities_created": 6, "facts_created": 6, "mentions_added": 9,
                              "articles_written": 2, "articles_removed": 0}
    assert sorted(p.create_entities) == ["GovernmentBody", "InnovationBase", "Person", "Place",
                                         "University", "UniversityUnit"]
    assert not p.update_entities  # nothing was declared before: every node is created
    assert [(r["id"], r["props"]["only_here"], r["props"]["fact_count"])
            for r in p.upsert_articles] == [("mini_a", 4, 6), ("mini_b", 0, 2)]
    assert len(p.create_decls) == 9 and not p.upsert_decls
    assert sum(len(rows) for rows in p.create_facts.values()) == 6
    assert not (p.delete_facts or p.update_facts or p.delete_entities or p.counters)


def test_replanning_the_same_extracts_writes_nothing() -> None:
    both = inputs("mini_a.yaml", "mini_b.yaml")
    state = fold(State(), plan(State(), both))
    again = plan(state, both)
    assert again.empty and not +again.counts


def test_one_article_edit_writes_only_its_changes(tmp_path: Path) -> None:
    state = fold(State(), plan(State(), inputs("mini_a.yaml", "mini_b.yaml")))
    [b] = inputs("mini_b.yaml")
    claims = dict(b.claims)
    dropped = next(k for k in claims if k[1] == "SIGNS_AGREEMENT_WITH")
    del claims[dropped]
    edited = replace(b, claims=claims, extract_sha256="edited")
    p = plan(state, [edited])
    assert +p.counts == {"facts_updated": 1}
    assert p.update_facts["SIGNS_AGREEMENT_WITH"][0]["props"]["sources"] == ["mini_a"]
    assert [r["id"] for r in p.article_facts] == ["mini_b"]
    assert "alpha-base SIGNS_AGREEMENT_WITH beta-university" not in p.article_facts[0]["facts"]
    assert p.counters == [{"id": "mini_a", "n": 5}]  # mini_a now supports it alone
    assert [r["id"] for r in p.upsert_articles] == ["mini_b"]
    assert not (p.create_entities or p.update_entities or p.upsert_decls or p.create_facts
                or p.create_decls)
    # the result equals a fresh plan of the edited extracts
    fresh = fold(State(), plan(State(), [inputs("mini_a.yaml")[0], edited]))
    assert fold(state, p) == fresh


def test_removed_article_keeps_facts_another_article_supports() -> None:
    state = fold(State(), plan(State(), inputs("mini_a.yaml", "mini_b.yaml")))
    p = plan(state, [], removed=["mini_b"])
    assert +p.counts == {"entities_updated": 3, "facts_updated": 2, "articles_removed": 1}
    assert p.delete_articles == ["mini_b"]
    assert len(p.delete_decls) == 3
    assert fold(state, p) == fold(State(), plan(State(), inputs("mini_a.yaml")))


def test_type_change_recreates_the_node_with_its_facts_and_mentions() -> None:
    state = fold(State(), plan(State(), inputs("mini_a.yaml", "mini_b.yaml")))
    [a] = inputs("mini_a.yaml")
    decls = {**a.decls, "gamma-lab": replace(a.decls["gamma-lab"], type="ResearchInstitute")}
    p = plan(state, [replace(a, decls=decls, extract_sha256="edited")])
    assert p.delete_entities == ["gamma-lab"]
    assert [r["id"] for r in p.create_entities["ResearchInstitute"]] == ["gamma-lab"]
    assert [(t, r["s"], r["o"]) for t, rows in p.create_facts.items() for r in rows] == [
        ("PART_OF", "gamma-lab", "beta-university")]
    assert p.add_mentions == [{"a": "mini_a", "e": "gamma-lab"}]
    assert +p.counts == {"entities_updated": 1}


def test_contradiction_with_another_article_is_located() -> None:
    state = fold(State(), plan(State(), inputs("mini_a.yaml")))
    [b] = inputs("mini_b.yaml")
    decls = {**b.decls, "beta-university": replace(b.decls["beta-university"], type="Company")}
    with pytest.raises(ValidationFailed) as err:
        plan(state, [replace(b, decls=decls)])
    assert str(err.value).endswith(
        "mini_b.yaml:17:5: error: entity 'beta-university' (already in the graph): type "
        "'Company' contradicts 'University' declared by article mini_a")


class RecordingTx:
    """Stands in for a transaction only to collect statement texts for the linter."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def run(self, query: str, params: dict | None = None) -> RecordingTx:
        self.statements.append(query)
        return self

    def consume(self) -> None:
        return None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(())  # a read in the write transaction finds nothing


def test_every_write_statement_passes_the_cypher_linter() -> None:
    from techkg.loaders.sync import writes

    from .cypher_lint import lint, lint_unavailable

    if lint_unavailable():
        pytest.fail(f"the Cypher linter is required: {lint_unavailable()}")
    p = WritePlan(wipe=True)
    row = {"s": "a", "o": "b", "props": {}}
    p.delete_facts["VISITS"].append(row)
    p.update_facts["VISITS"].append(row)
    p.create_facts["VISITS"].append(row)
    p.create_entities["Person"].append({"id": "a", "props": {}})
    p.update_entities["Person"].append({"id": "a", "props": {}})
    for name in ("delete_entities", "delete_articles", "delete_decls"):
        getattr(p, name).append("x")
    for name in ("upsert_articles", "article_facts", "counters", "remove_mentions",
                 "add_mentions", "upsert_decls", "create_decls"):
        getattr(p, name).append({"id": "x", "n": 1, "a": "x", "e": "y", "key": "k", "props": {},
                                 "facts": []})
    p.tallies["VISITS", "reported", 1, "2020-03"] = 1
    tx = RecordingTx()
    writes.apply(tx, [p])
    statements = sorted(set(tx.statements + writes.schema_statements()
                             + list(writes.RECOUNT) + [writes.MOVE_ARTICLE_FACTS]
                             + list(writes.REHUB) + [writes.HUB_FULL, writes.HUB_COUNT,
                                                     writes.HUB_TIES, writes.UNHUB]))
    assert len(statements) == 34 + len(writes.schema_statements())
    payload = [{"name": f"s{i}", "text": s, "parameters": ["rows", "hub", "counted"]}
               for i, s in enumerate(statements)]
    errors = {statements[int(k[1:])]: [d["message"] for d in v if d["severity"] == 1]
              for k, v in lint(payload).items()}
    assert {k: v for k, v in errors.items() if v} == {}


def test_every_property_the_planner_writes_is_in_the_graph_schema() -> None:
    """New records are created from the schema's property list (writes.literal), so a
    property the planner made but the schema lacked would be dropped without a word."""
    from techkg.graph_schema import graph_schema

    root = Path(__file__).resolve().parents[1]
    result = validate(sorted((root / "extracts").glob("*.yaml")), None)
    p = plan(State(), [article_input(ex) for ex in result.extracts]
             + inputs("mini_a.yaml", "mini_b.yaml"))
    schema = graph_schema()
    written = {
        "Declaration": {k for row in p.create_decls for k in row},
        "fact": {k for rows in p.create_facts.values() for row in rows for k in row["props"]},
        "Entity": {k for rows in p.create_entities.values() for row in rows
                   for k in row["props"]},
        "Article": {k for row in p.upsert_articles for k in row["props"]},
    }
    for kind, keys in written.items():
        known = (schema.relationships if kind == "fact" else schema.nodes)[kind].names
        assert keys and keys <= set(known), (kind, keys - set(known))


def test_each_articles_claim_reads_back_from_the_fact_exactly() -> None:
    """The fact carries every article's claim (no record of its own): the planner reads
    them back to compare, so the round trip must be exact, absent values included."""
    from techkg.loaders.extract import resolve
    from techkg.loaders.extract.contributions import Claim

    claims = {
        "a1": Claim("reported", ("one", "two"), date="2019-05", role="chair", inferred=True),
        "b2": Claim("denied", (), start="2018", end="2020", amount="$5m", note="per filings"),
        "c3": Claim("reported", ("three",)),
    }
    props = resolve.fact_props("FUNDS", claims)
    assert props["source_dates"] == ["2019-05", "", ""]
    assert props["inferred_sources"] == ["a1"]
    assert claims_of_fact(props) == claims
    plain = {"x": Claim("reported", ("q",))}
    bare = resolve.fact_props("FUNDS", plain)
    assert [k for k in bare if k.startswith("source_") and bare[k] is not None] == [
        "source_count"]
    assert bare["inferred_sources"] is None and claims_of_fact(bare) == plain
