"""Loading through the real CLI: idempotent, replace-by-article, corroboration, atomicity."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import DATA, node_count, snapshot

ARTICLES = ["--articles", str(DATA / "articles")]
MINI = DATA / "extracts"


def test_load_then_reload_changes_nothing(cli, graph) -> None:  # type: ignore[no-untyped-def]
    first = cli("load", str(MINI), *ARTICLES)
    assert first.exit_code == 0, first.output
    assert first.stdout == ("Loaded 2 article(s): entities +6 ~0 -0, relationships +6 ~0 -0, "
                            "mentions +9 -0, article nodes written 2.\n")
    assert node_count(graph) == {"entities": 6, "articles": 2, "facts": 6, "mentions": 9}
    before = snapshot(graph)
    second = cli("load", str(MINI), *ARTICLES)
    assert second.stdout == ("Loaded 2 article(s): no changes (the graph already matches the "
                             "extracts).\n")
    assert snapshot(graph) == before


def test_same_fact_from_two_articles_is_one_relationship(cli, graph) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(MINI), *ARTICLES).exit_code == 0
    rows = graph.read(
        "MATCH (:Entity {id: 'alpha-base'})-[r:SIGNS_AGREEMENT_WITH]->(:Entity "
        "{id: 'beta-university'}) RETURN r.sources AS sources, r.status AS status, "
        "r.statuses AS statuses, r.evidence_sources AS evidence_sources, r.date AS date, "
        "r.role AS role, r.source_count AS n").records
    assert rows == [{"sources": ["mini_a", "mini_b"], "status": "denied",
                     "statuses": ["denied", "reported"],
                     "evidence_sources": ["mini_a", "mini_a", "mini_b"], "date": "2020-03",
                     "role": "cooperation agreement", "n": 2}]
    node = graph.read("MATCH (n:Entity {id: 'alpha-base'}) RETURN n.aliases AS aliases, "
                      "n.name AS name, n.source_count AS source_count, labels(n) AS labels, "
                      "[(a:Article)-[:MENTIONS]->(n) | a.id] AS sources").records[0]
    assert {**node, "sources": sorted(node["sources"])} == {
        "aliases": ["AB", "Alpha Offshore Base"], "name": "Alpha Base", "source_count": 2,
        "sources": ["mini_a", "mini_b"], "labels": ["Entity", "InnovationBase"]}


def test_replace_by_article(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(MINI), *ARTICLES).exit_code == 0
    edited = tmp_path / "mini_a.yaml"
    text = (MINI / "mini_a.yaml").read_text()
    # drop the VISITS fact and the agreement (which mini_b also supports)
    text = text.replace(text[text.index("  - subject: jane-roe\n    type: VISITS"):
                             text.index("  - subject: alpha-base\n    type: LOCATED_IN")], "")
    start = text.index("  - subject: alpha-base\n    type: SIGNS_AGREEMENT_WITH")
    text = text[:start] + text[text.index("  - subject: gamma-lab"):]
    edited.write_text(text)
    result = cli("load", str(edited), *ARTICLES)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Loaded 1 article(s): entities +0 ~0 -0, relationships +0 ~1 -1, "
                             "mentions +0 -0, article nodes written 0.\n")
    visits = graph.read("MATCH ()-[r:VISITS]->() RETURN count(r) AS n").records
    assert visits == [{"n": 0}]
    agreement = graph.read("MATCH ()-[r:SIGNS_AGREEMENT_WITH]->() RETURN r.sources AS s, "
                           "r.status AS status, r.evidence AS evidence").records
    assert agreement == [{"s": ["mini_b"], "status": "reported", "evidence": [
        "Records show the Alpha Base signed a cooperation agreement with Beta University."]}]


def test_changed_type_relabels_node_and_keeps_its_facts(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("mini_a.yaml", "mini_b.yaml"):
        shutil.copy(MINI / name, tmp_path / name)
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    path = tmp_path / "mini_a.yaml"
    path.write_text(path.read_text().replace("    type: UniversityUnit\n",
                                             "    type: ResearchInstitute\n"))
    result = cli("load", str(path), *ARTICLES)
    assert result.exit_code == 0, result.output
    rows = graph.read("MATCH (a:Article)-[:MENTIONS]->(n:Entity {id: 'gamma-lab'})-[r]->(m) "
                      "RETURN labels(n) AS labels, n.type AS type, type(r) AS rel, m.id AS m, "
                      "a.id AS article").records
    assert rows == [{"labels": ["Entity", "ResearchInstitute"], "type": "ResearchInstitute",
                     "rel": "PART_OF", "m": "beta-university", "article": "mini_a"}]


def test_conflict_with_loaded_graph_changes_nothing(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(MINI / "mini_a.yaml"), *ARTICLES).exit_code == 0
    before = snapshot(graph)
    bad = tmp_path / "mini_b.yaml"
    bad.write_text((MINI / "mini_b.yaml").read_text().replace("    type: University\n",
                                                             "    type: Company\n"))
    result = cli("load", str(bad), *ARTICLES)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {bad}:17:5: error: entity 'beta-university' (already in "
                             "the graph): type 'Company' contradicts 'University' declared by "
                             "article mini_a\n")
    assert snapshot(graph) == before


def test_rebuild_empties_first(cli, graph) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(MINI / "mini_a.yaml"), *ARTICLES).exit_code == 0
    graph.write("CREATE (:Entity:Person {id: 'stray', name: 'Stray', source_count: 1})")
    result = cli("load", "--rebuild", str(MINI / "mini_a.yaml"), *ARTICLES)
    assert result.exit_code == 0
    assert graph.read("MATCH (n:Entity {id: 'stray'}) RETURN count(n) AS n").records == [{"n": 0}]


def test_entity_no_article_declares_stops_the_load(cli, graph) -> None:  # type: ignore[no-untyped-def]
    """Every Entity node exists because some article declares it, so the load creates the
    ones no article declared yet; a node written by hand is named, never adopted unseen."""
    stray = "CREATE (:Entity:Person {id: 'jane-roe', name: 'Jane', source_count: 0})"
    message = ("Error: the graph holds 1 entity that no article declares ('jane-roe'); nothing "
               "was loaded: delete it, or rebuild the graph from the extracts\n")
    graph.write(stray)  # into an otherwise empty graph
    before = snapshot(graph)
    result = cli("load", str(MINI), *ARTICLES)
    assert (result.exit_code, result.stderr) == (1, message)
    assert snapshot(graph) == before
    graph.write("MATCH (n:Entity) DELETE n")
    assert cli("load", str(MINI / "mini_b.yaml"), *ARTICLES).exit_code == 0
    graph.write(stray)
    before = snapshot(graph)
    result = cli("load", str(MINI / "mini_a.yaml"), *ARTICLES)
    assert (result.exit_code, result.stderr) == (1, message)
    assert snapshot(graph) == before
    assert cli("load", "--rebuild", str(MINI), *ARTICLES).exit_code == 0
    assert node_count(graph) == {"entities": 6, "articles": 2, "facts": 6, "mentions": 9}


def test_prune_removes_articles_whose_extract_is_gone(cli, graph) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(MINI), *ARTICLES).exit_code == 0
    result = cli("load", "--prune", str(MINI / "mini_a.yaml"), *ARTICLES)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Loaded 1 article(s): entities +0 ~3 -0, relationships +0 ~2 -0, "
                             "mentions +0 -0, article nodes written 0, articles removed 1.\n")
    assert node_count(graph) == {"entities": 6, "articles": 1, "facts": 6, "mentions": 6}
    rows = graph.read("MATCH ()-[r:LOCATED_IN]->() RETURN r.sources AS s").records
    assert rows == [{"s": ["mini_a"]}]


def test_one_article_edit_equals_a_fresh_load(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("mini_a.yaml", "mini_b.yaml"):
        shutil.copy(MINI / name, tmp_path / name)
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    path = tmp_path / "mini_b.yaml"
    text = path.read_text()
    start = text.index("  - subject: alpha-base\n    type: SIGNS_AGREEMENT_WITH")
    end = text.index("  - subject: alpha-base\n    type: LOCATED_IN")
    path.write_text(text[:start] + text[end:])  # mini_b no longer claims the agreement
    result = cli("load", str(tmp_path), *ARTICLES)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Loaded 2 article(s): entities +0 ~0 -0, relationships +0 ~1 -0, "
                             "mentions +0 -0, article nodes written 0.\n")
    rows = graph.read("MATCH (x:Article) RETURN x.id AS id, x.fact_count AS facts, "
                      "x.only_here AS only_here ORDER BY id").records
    assert rows == [{"id": "mini_a", "facts": 6, "only_here": 5},
                    {"id": "mini_b", "facts": 1, "only_here": 0}]
    edited = snapshot(graph)
    assert cli("load", "--rebuild", str(tmp_path), *ARTICLES).exit_code == 0
    assert snapshot(graph) == edited  # every node, record and counter as a fresh load


def test_one_declaration_edit_equals_a_fresh_load(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A reload reads other articles' declarations only of the entities whose declaration
    changed; the rest keep their properties. Both kinds in one edit, then a rebuild."""
    for name in ("mini_a.yaml", "mini_b.yaml"):
        shutil.copy(MINI / name, tmp_path / name)
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    path = tmp_path / "mini_b.yaml"
    path.write_text(path.read_text().replace(
        "    name: Beta University\n", "    name: Beta University\n    aliases: [Beta U]\n"))
    result = cli("load", str(tmp_path), *ARTICLES)
    assert result.stdout == ("Loaded 2 article(s): entities +0 ~1 -0, relationships +0 ~0 -0, "
                             "mentions +0 -0, article nodes written 0.\n")
    rows = graph.read("MATCH (n:Entity) RETURN n.id AS id, n.aliases AS aliases, "
                      "n.source_count AS source_count ORDER BY id").records
    assert [r for r in rows if r["id"] in ("alpha-base", "beta-university")] == [
        {"id": "alpha-base", "aliases": ["AB", "Alpha Offshore Base"], "source_count": 2},
        {"id": "beta-university", "aliases": ["Beta U"], "source_count": 2}]
    edited = snapshot(graph)
    assert cli("load", "--rebuild", str(tmp_path), *ARTICLES).exit_code == 0
    assert snapshot(graph) == edited


def test_graph_from_an_earlier_loader_must_be_rebuilt(cli, graph) -> None:  # type: ignore[no-untyped-def]
    graph.write("CREATE (:Article {id: 'old', title: 'Old'})")
    before = snapshot(graph)
    result = cli("load", str(MINI), *ARTICLES)
    assert result.exit_code == 1
    assert result.stderr == ("Error: the graph was written by an earlier version of the loader "
                             "(articles without per-article records): rebuild it from the "
                             "extracts\n")
    assert snapshot(graph) == before
    assert cli("load", "--rebuild", str(MINI), *ARTICLES).exit_code == 0
    assert node_count(graph)["articles"] == 2


def test_graph_with_retired_claim_records_must_be_rebuilt(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Earlier versions kept each article's claim as a :Claim record; this one keeps it on
    the fact and would leave those records stale, so a load refuses and a rebuild clears."""
    for name in ("mini_a.yaml", "mini_b.yaml"):
        shutil.copy(MINI / name, tmp_path / name)
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    graph.write("CREATE (:Claim {key: 'mini_a|alpha-base|VISITS|beta-university'})")
    path = tmp_path / "mini_b.yaml"
    path.write_text(path.read_text() + "# edited\n")
    before = snapshot(graph)
    result = cli("load", str(tmp_path), *ARTICLES)
    assert (result.exit_code, result.stderr) == (1, (
        "Error: the graph was written by an earlier techkg, which kept per-article Claim "
        "records; rebuild it from the extracts (the rebuild's wipe removes them), then load "
        "as usual\n"))
    assert snapshot(graph) == before
    assert cli("load", "--rebuild", str(tmp_path), *ARTICLES).exit_code == 0
    assert graph.read("MATCH (c:Claim) RETURN count(c) AS n").records == [{"n": 0}]


def test_alternating_sets_always_equal_a_fresh_load(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Sets A and B share entities and facts; loading A, B, A, B with --prune must leave
    exactly what a fresh load of the last set gives (no ghost or missing edges)."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for name in ("mini_a.yaml", "mini_b.yaml"):
        shutil.copy(MINI / name, a / name)
    text = (MINI / "mini_a.yaml").read_text()
    (b / "mini_a.yaml").write_text(
        text.replace("    type: UniversityUnit\n", "    type: ResearchInstitute\n")
            .replace("    type: VISITS\n", "    type: MEETS_WITH\n"))
    fresh = {}
    for folder in (a, b):
        assert cli("load", "--rebuild", str(folder), *ARTICLES).exit_code == 0
        fresh[folder] = snapshot(graph)
    assert fresh[a] != fresh[b]
    for folder in (a, b, a, b):
        result = cli("load", "--prune", str(folder), *ARTICLES)
        assert result.exit_code == 0, result.output
        assert snapshot(graph) == fresh[folder], folder.name


TALLIES = ("MATCH (t:Tally) RETURN t.type AS type, t.facts AS facts, t.corroborated AS c "
           "ORDER BY type")
SCAN = ("MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type, count(*) AS facts, "
        "sum(CASE WHEN r.source_count >= 2 THEN 1 ELSE 0 END) AS c ORDER BY type")
SOURCE_TALLIES = ("MATCH (t:SourceTally) RETURN t.key AS key, t.type AS type, "
                  "t.status AS status, t.source_count AS n, t.facts AS facts, "
                  "t.fact_ids AS ids ORDER BY key")
SOURCE_SCAN = ("MATCH (a:Entity)-[r]->(b:Entity) WITH type(r) AS type, r.status AS status, "
               "r.source_count AS n, count(*) AS facts, "
               "collect(a.id + ' ' + type(r) + ' ' + b.id) AS ids "
               "RETURN type + '|' + status + '|' + toString(n) AS key, type, status, n, facts, "
               "CASE WHEN n >= 2 THEN ids END AS ids ORDER BY key")
DATE_TALLIES = ("MATCH (t:DateTally) RETURN t.key AS key, t.facts AS facts, t.fact_ids AS ids "
                "ORDER BY key")
DATE_SCAN = ("MATCH (a:Entity)-[r]->(b:Entity) "
             "WITH left(coalesce(r.date, r.start, r.end), 7) AS key, count(*) AS facts, "
             "collect(a.id + ' ' + type(r) + ' ' + b.id) AS ids "
             "WHERE key IS NOT NULL RETURN key, facts, ids ORDER BY key")


FACT_COUNTS = "MATCH (n:Entity) RETURN n.id AS id, n.fact_count AS facts ORDER BY id"
FACT_SCAN = ("MATCH (n:Entity) RETURN n.id AS id, "
             "COUNT { (n)-[r]->(:Entity) } + COUNT { (n)<-[r]-(:Entity) } AS facts ORDER BY id")


def _listed(graph, statement: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """Rows with their lists of fact ids sorted (a tally keeps them in no particular order)."""
    return [{**r, "ids": sorted(r["ids"]) if r["ids"] is not None else None}
            for r in graph.read(statement).records]


def tallied(graph) -> bool:  # type: ignore[no-untyped-def]
    """Every kind of tally, every list of fact ids one keeps, and every entity's count of
    facts equals a count of the relationships."""
    return (graph.read(TALLIES).records == graph.read(SCAN).records
            and graph.read(FACT_COUNTS).records == graph.read(FACT_SCAN).records
            and _listed(graph, SOURCE_TALLIES) == _listed(graph, SOURCE_SCAN)
            and _listed(graph, DATE_TALLIES) == _listed(graph, DATE_SCAN))


def test_tallies_follow_every_change_and_are_counted_if_missing(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """graph-stats reads the per-type tallies and the corroboration listings the source
    tallies; they must equal a count of the relationships after a load, an edit that removes
    a corroborating claim, a prune, and on a graph whose tallies are missing (loaded before
    they were kept, or before the source tallies were), where graph-stats counts instead and
    the next load writes them."""
    for name in ("mini_a.yaml", "mini_b.yaml"):
        shutil.copy(MINI / name, tmp_path / name)
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    assert tallied(graph)
    assert {"type": "SIGNS_AGREEMENT_WITH", "facts": 1, "c": 1} in graph.read(TALLIES).records
    assert graph.read(DATE_TALLIES).records == [
        {"key": "2020-03", "facts": 1, "ids": ["alpha-base SIGNS_AGREEMENT_WITH beta-university"]},
        {"key": "2021", "facts": 1, "ids": ["jane-roe VISITS beta-university"]}]
    assert graph.read("MATCH (t:SourceTally) WHERE t.fact_ids IS NOT NULL "
                      "RETURN t.key AS key, t.fact_ids AS ids ORDER BY key").records == [
        {"key": "LOCATED_IN|reported|2", "ids": ["alpha-base LOCATED_IN testville"]},
        {"key": "SIGNS_AGREEMENT_WITH|denied|2",
         "ids": ["alpha-base SIGNS_AGREEMENT_WITH beta-university"]}]
    stats = cli("query", "graph-stats", "--format", "json")
    path = tmp_path / "mini_b.yaml"
    text = path.read_text()
    start = text.index("  - subject: alpha-base\n    type: SIGNS_AGREEMENT_WITH")
    end = text.index("  - subject: alpha-base\n    type: LOCATED_IN")
    path.write_text(text[:start] + text[end:])  # the agreement is no longer corroborated
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    assert {"type": "SIGNS_AGREEMENT_WITH", "facts": 1, "c": 0} in graph.read(TALLIES).records
    assert tallied(graph)
    (tmp_path / "mini_a.yaml").unlink()
    assert cli("load", "--prune", str(tmp_path), *ARTICLES).exit_code == 0
    assert tallied(graph)
    shutil.copy(MINI / "mini_a.yaml", tmp_path / "mini_a.yaml")
    shutil.copy(MINI / "mini_b.yaml", path)
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    assert cli("query", "graph-stats", "--format", "json").stdout == stats.stdout
    graph.write("MATCH (t:Tally) DELETE t")  # as a graph loaded before tallies were kept
    assert cli("query", "graph-stats", "--format", "json").stdout == stats.stdout
    path.write_text(text[:start] + text[end:])
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    assert tallied(graph)
    assert {"type": "SIGNS_AGREEMENT_WITH", "facts": 1, "c": 0} in graph.read(TALLIES).records
    graph.write("MATCH (t:SourceTally) DELETE t")  # per-type tallies only: counted again
    shutil.copy(MINI / "mini_b.yaml", path)
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    assert tallied(graph)
    # tallies from before they listed their fact ids: counted again, lists included
    graph.write("MATCH (t) WHERE t:SourceTally OR t:DateTally REMOVE t.fact_ids")
    assert not tallied(graph)
    path.write_text(text[:start] + text[end:])
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    assert tallied(graph)
    assert graph.read("MATCH (t:DateTally {key: '2021'}) RETURN t.fact_ids AS ids").records == [
        {"ids": ["jane-roe VISITS beta-university"]}]
    shutil.copy(MINI / "mini_b.yaml", path)
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    assert tallied(graph)
    assert cli("query", "graph-stats", "--format", "json").stdout == stats.stdout
    # entities from before they kept their count of facts: most-connected counts, the next
    # load writes every count; a wrong count shows in the answer (it is read, not recounted)
    ranked = cli("query", "most-connected", "--format", "json").stdout
    graph.write("MATCH (n:Entity) REMOVE n.fact_count")
    assert not tallied(graph)
    assert cli("query", "most-connected", "--format", "json").stdout == ranked
    path.write_text(text[:start] + text[end:])
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    assert tallied(graph)
    shutil.copy(MINI / "mini_b.yaml", path)
    assert cli("load", str(tmp_path), *ARTICLES).exit_code == 0
    assert tallied(graph)
    assert cli("query", "most-connected", "--format", "json").stdout == ranked
    graph.write("MATCH (n:Entity) SET n.fact_count = 0")
    assert cli("query", "most-connected", "--format", "json").stdout != ranked
