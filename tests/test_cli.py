"""The query CLI end to end on the small test extracts: exact output, formats, bad input."""

from __future__ import annotations

import json

import pytest

from .conftest import node_count


def test_query_json_is_one_array_of_objects(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("query", "agreements", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{
        "date": "2020-03", "party": "Alpha Base", "counterparty": "Beta University",
        "counterparty_country": "us", "agreement": "cooperation agreement", "status": "denied",
        "inferred": False, "sources": ["mini_a", "mini_b"],
        "citations": ["Test Gazette, 2021-05, “A made-up test article”",
                      "Test Herald, n.d., “A second made-up test article”"],
        "evidence": ["In March 2020, the Alpha Base signed a “cooperation agreement” with Beta "
                     "University.", "Beta University denied that any agreement was ever signed.",
                     "Records show the Alpha Base signed a cooperation agreement with Beta "
                     "University."]}]


def test_query_csv_has_header(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("query", "most-connected", "-p", "type=InnovationBase", "-f", "csv")
    assert result.exit_code == 0, result.output
    # the denied agreement is not counted as a tie by default
    assert result.stdout == ("entity,type,country,degree,articles,inferred\n"
                             "Alpha Base,InnovationBase,cn,3,2,false\n")


def test_listing_cut_at_its_limit_says_so(cli, mini) -> None:  # type: ignore[no-untyped-def]
    """The table ends with a note; JSON and CSV stay parseable, the note goes to stderr."""
    note = ("(more rows match: the listing stops at its limit of 1; raise the limit to see "
            "them)\n")
    table = cli("query", "corroboration", "-p", "limit=1")
    assert table.exit_code == 0, table.output
    assert table.stdout.endswith("(1 row)\n" + note)
    data = cli("query", "corroboration", "-p", "limit=1", "-f", "json")
    assert len(json.loads(data.stdout)) == 1 and data.stderr == note
    whole = cli("query", "corroboration", "-p", "limit=100", "-f", "csv")
    assert whole.exit_code == 0 and whole.stderr == ""


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


PROFILE = """\
Alpha Base - InnovationBase, cn
===============================
id: alpha-base
also known as: AB; Alpha Offshore Base
labelled:
  offshore innovation base [2]
    “The Alpha Base is an offshore innovation base located in Testville.”

LOCATED_IN
  → Testville [Place], reported [1][2]
    “supervises the Alpha Base in Testville”
    “The Alpha Base is an offshore innovation base located in Testville.”

RUNS
  ← Jane Roe [Person], reported [1]
    “Jane Roe, who runs the Alpha Base”

SIGNS_AGREEMENT_WITH
  → Beta University [University], cooperation agreement, 2020-03, denied [1][2]
    “In March 2020, the Alpha Base signed a “cooperation agreement” with Beta
     University.”
    “Beta University denied that any agreement was ever signed.”
    “Records show the Alpha Base signed a cooperation agreement with Beta
     University.”

SUPERVISED_BY
  → Example Bureau [GovernmentBody], reported [1]
    “The Example Bureau (示例局) supervises the Alpha Base in Testville.”

sources:
  [1] Test Gazette, 2021-05, “A made-up test article” (mini_a)
  [2] Test Herald, n.d., “A second made-up test article” (mini_b)
"""


def test_entity_reads_as_a_profile(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("entity", "alpha offshore base")
    assert result.exit_code == 0, result.output
    assert result.stdout == PROFILE


def test_entity_matches_alias_and_chinese_name(cli, mini) -> None:  # type: ignore[no-untyped-def]
    by_alias = cli("entity", "alpha offshore base", "-f", "json")
    by_zh = cli("entity", "示例局", "-f", "json")
    assert by_alias.exit_code == by_zh.exit_code == 0
    gazette = "Test Gazette, 2021-05, “A made-up test article”"
    assert json.loads(by_zh.stdout) == {
        "entity": {"id": "example-bureau", "name": "Example Bureau", "name_zh": "示例局",
                   "type": "GovernmentBody", "country": "cn", "aliases": [],
                   "description": None, "inferred": False, "note": None,
                   "sources": ["mini_a"], "citations": [gazette], "source_count": 1,
                   "fact_count": 1,
                   "labels": []},
        "facts": [{"relationship": "SUPERVISED_BY", "direction": "in", "other": "Alpha Base",
                   "other_type": "InnovationBase", "role": None, "status": "reported",
                   "inferred": False, "date": None, "until": None, "sources": ["mini_a"],
                   "citations": [gazette], "evidence": [
                       "The Example Bureau (示例局) supervises the Alpha Base in Testville."],
                   "unchecked": []}]}
    profile = json.loads(by_alias.stdout)
    assert profile["entity"]["labels"] == [{
        "label": "offshore innovation base", "status": "reported", "source": "mini_b",
        "citation": "Test Herald, n.d., “A second made-up test article”",
        "evidence": "The Alpha Base is an offshore innovation base located in Testville."}]
    assert {(f["direction"], f["relationship"], f["other"]) for f in profile["facts"]} == {
        ("out", "SUPERVISED_BY", "Example Bureau"),
        ("out", "SIGNS_AGREEMENT_WITH", "Beta University"),
        ("out", "LOCATED_IN", "Testville"), ("in", "RUNS", "Jane Roe")}
    csv_rows = cli("entity", "AB", "-f", "csv").stdout.splitlines()
    assert csv_rows[0] == ("relationship,direction,other,other_type,role,status,inferred,date,"
                           "until,sources,citations,evidence,unchecked")
    assert len(csv_rows) == 5
    first_two = cli("entity", "AB", "--limit", "2").stdout.splitlines()
    assert "(showing 2 of 4 facts)" in first_two
    assert [ln for ln in first_two if ln.startswith("  → ") or ln.startswith("  ← ")] == [
        "  → Testville [Place], reported [1][2]", "  ← Jane Roe [Person], reported [1]"]
    one_source = cli("entity", "AB", "--sources", "1", "-f", "json")
    assert json.loads(one_source.stdout)["entity"]["sources"] == ["mini_a"]
    assert json.loads(one_source.stdout)["entity"]["source_count"] == 2
    # the second article still appears where a fact cites it, numbered after the listed one
    listed = cli("entity", "AB", "--sources", "1").stdout
    assert listed == PROFILE.replace("\nsources:\n", "\n(mentioned in 2 articles; the sources "
                                     "below are the first 1 by id and those the\n facts cite)"
                                     "\n\nsources:\n")


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
    gazette = "\"Test Gazette, 2021-05, “A made-up test article”\""
    assert result.stdout == (
        "path,hop,subject,relationship,object,status,inferred,sources,citations,evidence\n"
        f"1,1,Jane Roe,RUNS,Alpha Base,reported,false,mini_a,{gazette},"
        "\"Jane Roe, who runs the Alpha Base\"\n"
        f"1,2,Alpha Base,SUPERVISED_BY,Example Bureau,reported,false,mini_a,{gazette},"
        "The Example Bureau (示例局) supervises the Alpha Base in Testville.\n")
    too_short = cli("path", "Jane Roe", "Example Bureau", "--max-hops", "1", "-f", "json")
    assert json.loads(too_short.stdout) == []


def test_path_table_cites_instead_of_ids(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("path", "Example Bureau", "Testville")
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
-[ 1 ]--------------------------------------------------------------------------
path          1
hop           1
subject       Alpha Base
relationship  SUPERVISED_BY
object        Example Bureau
status        reported
citations     Test Gazette, 2021-05, “A made-up test article”
evidence      The Example Bureau (示例局) supervises the Alpha Base in
              Testville.
-[ 2 ]--------------------------------------------------------------------------
path          1
hop           2
subject       Alpha Base
relationship  LOCATED_IN
object        Testville
status        reported
citations     Test Gazette, 2021-05, “A made-up test article”
              Test Herald, n.d., “A second made-up test article”
evidence      supervises the Alpha Base in Testville
              The Alpha Base is an offshore innovation base located in
              Testville.
(2 rows)
"""


def test_denied_fact_is_no_tie_unless_asked(cli, mini) -> None:  # type: ignore[no-untyped-def]
    """Beta University denies the agreement with Alpha Base: by default no query counts it."""
    def run(*args: str) -> list:  # type: ignore[type-arg]
        result = cli(*args, "-f", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert run("query", "partners", "-p", "entity=AB") == []
    assert [(r["partner"], r["status"]) for r in
            run("query", "partners", "-p", "entity=AB", "-p", "statuses=all")] == [
        ("Beta University", "denied")]
    assert run("query", "foreign-partners") == []
    assert [(r["foreign_partner"], r["prc_partners"], r["statuses"]) for r in
            run("query", "foreign-partners", "-p", "statuses=all")] == [
        ("Beta University", ["Alpha Base"], ["denied"])]
    assert run("query", "bases-us-universities") == []
    assert [(r["base"], r["university"], r["status"]) for r in
            run("query", "bases-us-universities", "-p", "statuses=denied")] == [
        ("Alpha Base", "Beta University", "denied")]
    counted = [(r["path"], r["hop"], r["relationship"]) for r in
               run("path", "Alpha Base", "Beta University")]
    assert counted == [(1, 1, "RUNS"), (1, 2, "VISITS")]  # around the denial, via Jane Roe
    everything = run("path", "Alpha Base", "Beta University", "--statuses", "all")
    assert [(r["relationship"], r["status"]) for r in everything] == [
        ("SIGNS_AGREEMENT_WITH", "denied")]
    assert [r["degree"] for r in run("query", "most-connected", "-p", "type=InnovationBase",
                                     "-p", "statuses=all")] == [4]
    direct_only = cli("path", "Alpha Base", "Beta University", "--max-hops", "1")
    assert (direct_only.exit_code, direct_only.stdout) == (0, (
        "No path of at most 1 hops through entity facts with status reported, planned, "
        "former, claimed, alleged.\n"))


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
        "article,author,title,publisher,date,url,citation,quotes_checked,entities,facts,"
        "only_here\n"
        "mini_a,unknown,A made-up test article,Test Gazette,2021-05,,"
        "\"Test Gazette, 2021-05, “A made-up test article”\",true,6,6,4\n"
        "mini_b,A. Writer,A second made-up test article,Test Herald,unknown,,"
        "\"Test Herald, n.d., “A second made-up test article”\",true,3,2,0\n")
    table = cli("sources")
    assert table.stdout == (
        "[mini_a] “A made-up test article”, Test Gazette, 2021-05.\n"
        "    6 entities, 6 facts, 4 only here\n"
        "[mini_b] A. Writer, “A second made-up test article”, Test Herald, n.d.\n"
        "    3 entities, 2 facts, 0 only here\n"
        "(2 articles)\n")


def test_cypher_read_and_parameters(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("cypher", "MATCH (n:Entity) WHERE n.country = $c RETURN n.id AS id ORDER BY id",
                 "-p", "c=us", "-f", "csv")
    assert result.stdout == "id,beta-university\ngamma-lab\n".replace(",", "\n", 1)


def test_cypher_refuses_writes_without_flag(cli, mini) -> None:  # type: ignore[no-untyped-def]
    before = node_count(mini)
    result = cli("cypher", "MATCH (n:Entity {id: 'jane-roe'}) DETACH DELETE n")
    assert result.exit_code == 1
    assert result.stderr == "Error: read-only: this statement writes; add --write\n"
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
    (["query", "connection", "-p", "a=x", "-p", "b=y", "-p", "max_hops=-1"],
     "Error: parameter 'max_hops' must be between 1 and 6, got -1"),
    (["query", "connection", "-p", "a=x", "-p", "b=y", "-p", "max_hops=0"],
     "Error: parameter 'max_hops' must be between 1 and 6, got 0"),
    (["query", "connection", "-p", "a=x", "-p", "b=y", "-p", "max_hops=1000000"],
     "Error: parameter 'max_hops' must be between 1 and 6, got 1000000"),
    (["query", "most-connected", "-p", "limit=-5"],
     "Error: parameter 'limit' must be between 1 and 1000, got -5"),
    (["query", "timeline", "-p", "from=2018-13"],
     "Error: parameter 'from' expects date (2018, 2018-11 or 2018-11-19), got '2018-13'"),
    (["query", "timeline", "-p", "to=2019-02-29"],
     "Error: parameter 'to' expects date (2018, 2018-11 or 2018-11-19), got '2019-02-29'"),
    (["query", "partners", "-p", "entity=x", "-p", "statuses=reported,rumoured"],
     "Error: parameter 'statuses' expects statuses from reported, planned, former, claimed, "
     "alleged, disputed, denied (comma-separated) or 'all', got 'reported,rumoured'"),
    (["path", "a", "b", "--statuses", "rumoured"],
     "Error: parameter 'statuses' expects statuses from "),
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
        "  -p to=<date>  (default '2100') Latest date\n"
        "  -p limit=<int 1..100000>  (default '200') Most facts shown, earliest first\n")
