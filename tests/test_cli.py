"""The query CLI end to end on the small test extracts: exact output, formats, bad input."""

from __future__ import annotations

import json

import pytest

from techkg.graph import Graph

from .conftest import DATA, node_count

ARTICLES = ["--articles", str(DATA / "articles")]


@pytest.fixture
def mini(cli, graph: Graph) -> Graph:  # type: ignore[no-untyped-def]
    result = cli("load", str(DATA / "extracts"), *ARTICLES)
    assert result.exit_code == 0, result.output
    return graph


def test_query_json_is_one_array_of_objects(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("query", "agreements", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{
        "date": "2020-03", "party": "Alpha Base", "counterparty": "Beta University",
        "counterparty_country": "us", "agreement": "cooperation agreement", "status": "denied",
        "sources": ["mini_a", "mini_b"],
        "evidence": ["In March 2020, the Alpha Base signed a “cooperation agreement” with Beta "
                     "University.", "Beta University denied that any agreement was ever signed.",
                     "Records show the Alpha Base signed a cooperation agreement with Beta "
                     "University."]}]


def test_query_csv_has_header(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("query", "most-connected", "-p", "type=InnovationBase", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("entity,type,country,degree,articles\n"
                             "Alpha Base,InnovationBase,cn,4,2\n")


def test_stats_table(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("stats")
    assert result.exit_code == 0
    assert result.stdout == """\
kind          type                  count  corroborated
------------  --------------------  -----  ------------
article       Article               2      0
entity        GovernmentBody        1      0
entity        InnovationBase        1      0
entity        Person                1      0
entity        Place                 1      0
entity        University            1      0
entity        UniversityUnit        1      0
relationship  LOCATED_IN            1      1
relationship  PART_OF               1      0
relationship  RUNS                  1      0
relationship  SIGNS_AGREEMENT_WITH  1      1
relationship  SUPERVISED_BY         1      0
relationship  VISITS                1      0
(13 rows)
"""


def test_table_lines_fit_80_columns(cli, mini) -> None:  # type: ignore[no-untyped-def]
    for args in (["entity", "alpha base"], ["query", "partners", "-p", "entity=AB"],
                 ["sources"], ["query", "claims-by-status"]):
        result = cli(*args)
        assert result.exit_code == 0, result.output
        assert max(len(line) for line in result.stdout.splitlines()) <= 80, args


def test_entity_matches_alias_and_chinese_name(cli, mini) -> None:  # type: ignore[no-untyped-def]
    by_alias = cli("entity", "alpha offshore base", "-f", "json")
    by_zh = cli("entity", "示例局", "-f", "json")
    assert by_alias.exit_code == by_zh.exit_code == 0
    about = {r["relationship"]: r["other"] for r in json.loads(by_zh.stdout)
             if r["section"] == "about"}
    assert about == {"id": "example-bureau", "name": "Example Bureau", "type": "GovernmentBody",
                     "name_zh": "示例局", "country": "cn", "sources": "mini_a"}
    rows = json.loads(by_alias.stdout)
    assert {(r["section"], r["relationship"], r["other"]) for r in rows
            if r["section"] in ("outgoing", "incoming")} == {
        ("outgoing", "SUPERVISED_BY", "Example Bureau [GovernmentBody]"),
        ("outgoing", "SIGNS_AGREEMENT_WITH (cooperation agreement)",
         "Beta University [University]"),
        ("outgoing", "LOCATED_IN", "Testville [Place]"),
        ("incoming", "RUNS", "Jane Roe [Person]")}
    assert [r["other"] for r in rows if r["section"] == "mentioned in"] and \
        sorted(r["sources"][0] for r in rows if r["section"] == "mentioned in") == \
        ["mini_a", "mini_b"]


def test_ambiguous_and_unknown_entities(cli, mini) -> None:  # type: ignore[no-untyped-def]
    ambiguous = cli("entity", "a")
    assert ambiguous.exit_code == 2
    assert ambiguous.stderr.startswith("Error: 'a' matches ")
    assert "alpha-base (Alpha Base, InnovationBase)" in ambiguous.stderr
    unknown = cli("entity", "nobody at all")
    assert unknown.exit_code == 1
    assert unknown.stderr == ("Error: no entity matches 'nobody at all' "
                              "(try `techkg search nobody at all`)\n")


def test_path_with_evidence(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("path", "Jane Roe", "Example Bureau", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "path,hop,subject,relationship,object,status,sources,evidence\n"
        "1,1,Jane Roe,RUNS,Alpha Base,reported,mini_a,\"Jane Roe, who runs the Alpha Base\"\n"
        "1,2,Alpha Base,SUPERVISED_BY,Example Bureau,reported,mini_a,The Example Bureau "
        "(示例局) supervises the Alpha Base in Testville.\n")
    too_short = cli("path", "Jane Roe", "Example Bureau", "--max-hops", "1", "-f", "json")
    assert json.loads(too_short.stdout) == []


def test_search(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("search", "univ", "-f", "csv")
    assert result.stdout == "id,name,type,name_zh,degree\nbeta-university,Beta University," \
                            "University,,3\n"


def test_search_chinese_name(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("search", "示例", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("id,name,type,name_zh,degree\n"
                             "example-bureau,Example Bureau,GovernmentBody,示例局,1\n")
    empty = cli("search", "  ")
    assert empty.exit_code == 2
    assert empty.stderr == "Error: search text is empty\n"


def test_sources(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("sources", "-f", "csv")
    assert result.stdout == (
        "article,publisher,date,title,entities,facts,only_here,citation,url\n"
        'mini_a,Test Gazette,2021-05,A made-up test article,6,6,4,'
        '"Test Gazette, 2021-05, “A made-up test article”",\n'
        'mini_b,Test Herald,unknown,A second made-up test article,3,2,0,'
        '"Test Herald, n.d., “A second made-up test article”",\n')


def test_cypher_read_and_parameters(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("cypher", "MATCH (n:Entity) WHERE n.country = $c RETURN n.id AS id ORDER BY id",
                 "-p", "c=us", "-f", "csv")
    assert result.stdout == "id,beta-university\ngamma-lab\n".replace(",", "\n", 1)


def test_cypher_refuses_writes_without_flag(cli, mini) -> None:  # type: ignore[no-untyped-def]
    before = node_count(mini)
    result = cli("cypher", "MATCH (n:Entity {id: 'jane-roe'}) DETACH DELETE n")
    assert result.exit_code == 2
    assert result.stderr == ("Error: refusing to run a write clause (DETACH) in read-only mode; "
                             "add --write to `techkg cypher` to modify the graph\n")
    assert node_count(mini) == before
    text = cli("cypher", "RETURN 'CREATE (n)' AS s // SET n.x = 1", "-f", "csv")
    assert text.exit_code == 0 and text.stdout == "s\nCREATE (n)\n"
    written = cli("cypher", "--write", "MATCH (n:Entity {id: 'jane-roe'}) SET n.flag = true "
                  "RETURN n.flag AS flag", "-f", "json")
    assert json.loads(written.stdout) == [{"flag": True}]


@pytest.mark.parametrize(("args", "message"), [
    (["query", "nope"], "Error: unknown query 'nope'; valid queries: agreements, "),
    (["query", "most-connected", "-p", "limit=ten"],
     "Error: parameter 'limit' expects int, got 'ten'"),
    (["query", "most-connected", "-p", "colour=red"],
     "Error: unknown parameter 'colour' for query 'most-connected'; valid parameters: type, limit"),
    (["query", "timeline", "-p", "from=last year"],
     "Error: parameter 'from' expects date (2018, 2018-11 or 2018-11-19), got 'last year'"),
    (["query", "partners"], "Error: query 'partners' needs parameter 'entity' (-p entity=...)"),
    (["query", "agreements", "-p", "novalue"], "Error: parameter 'novalue' is not key=value"),
    (["queries", "nope"], "Error: unknown query 'nope'; valid queries: "),
])
def test_bad_query_input_exits_2(offline_cli, args, message) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_bad_format_is_a_usage_error(offline_cli) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("query", "agreements", "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: Invalid value for '--format' / '-f': "
                                              "Value error, 'xml' is not one of 'table', 'json', "
                                              "'csv'.")


def test_queries_lists_and_describes(offline_cli) -> None:  # type: ignore[no-untyped-def]
    listing = offline_cli("queries")
    assert listing.exit_code == 0
    assert listing.stdout.startswith("agreements             Agreements, contracts, memoranda")
    detail = offline_cli("queries", "timeline")
    assert detail.stdout == (
        "timeline: Dated facts in order, optionally for one entity and between two dates "
        "(partial ISO dates compare by prefix).\n"
        "file: cypher/timeline.cypher\n"
        "  -p entity=<entity>  (optional) Only facts involving this entity (name, alias or id); "
        "empty for all\n"
        "  -p from=<date>  (default '1900') Earliest date (2018, 2018-11 or 2018-11-19)\n"
        "  -p to=<date>  (default '2100') Latest date\n")
