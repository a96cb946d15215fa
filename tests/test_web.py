"""The explorer's JSON twins through the ASGI test client, on the five real extracts: exact
payloads, the same rows as the CLI, paging of a neighbourhood, the Host check, headers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from techkg.errors import TechKGError
from techkg.graph import Graph
from techkg.query import catalogue as queries
from techkg.query import service
from techkg.web import create_app
from techkg.web.pages import Explorer

from .test_saved_queries import rows_compared

CHINA_BRIEF = ("China Brief (Jamestown Foundation), n.d., “Innovation Without Borders: The "
               "PRC’s Use of Offshore Bases”")


@pytest.fixture(scope="module")
def client(loaded) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(create_app(loaded), base_url="http://127.0.0.1:8765") as c:
        yield c


def get(client: TestClient, url: str) -> object:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def test_search_ranks_an_exact_name_first(client: TestClient) -> None:
    data = get(client, "/search.json?q=harvard")
    assert [(r["id"], r["rank"], r["degree"]) for r in data["results"]] == [
        ("harvard-university", 0, 5),
        ("harvard-weitz-innovation-hub", 1, 4),
        ("harvard-seas", 1, 2),
        ("david-weitz", 3, 6),  # description only
        ("china-suzhou-offshore-base-harvard", 3, 3)]  # its id
    assert data["results"][0] == {"id": "harvard-university", "name": "Harvard University",
                                  "type": "University", "name_zh": None, "description": None,
                                  "rank": 0, "degree": 5}
    assert (data["q"], data["more"], data["did_you_mean"]) == ("harvard", False, [])


def test_search_suggests_on_a_typo(client: TestClient) -> None:
    assert get(client, "/search.json?q=harvrd") == {
        "q": "harvrd", "results": [], "more": False,
        "did_you_mean": [  # the alias came closest; the entity is offered once
            {"id": "harvard-university", "name": "Harvard University", "type": "University",
             "suggested": "Harvard"}]}
    assert get(client, "/search.json?q=周清理")["results"][0]["id"] == "catherine-zhou"
    assert get(client, "/search.json?q=")["results"] == []


@pytest.mark.parametrize(("typo", "names", "said"), [
    ("harvrd", ["Harvard"], "'Harvard'"),
    ("Suzhu Industrial", ["Suzhou Industrial Park",
                          "Suzhou Industrial Park overseas base at MIT CSAIL"],
     "'Suzhou Industrial Park' or 'Suzhou Industrial Park overseas base at MIT CSAIL'"),
    ("harvard-univrsity", ["harvard-university", "stanford-university",
                           "harvard-weitz-innovation-hub"],
     "'harvard-university', 'stanford-university' or 'harvard-weitz-innovation-hub'")])
def test_explorer_suggests_what_techkg_entity_suggests(client: TestClient, cli, typo: str,  # type: ignore[no-untyped-def]
                                                       names: list[str], said: str) -> None:
    data = get(client, f"/search.json?q={typo}")
    assert (data["results"], [s["suggested"] for s in data["did_you_mean"]]) == ([], names)
    result = cli("entity", typo)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: no entity matches {typo!r}; did you mean {said}?\n")


def test_entity_json(client: TestClient) -> None:
    data = get(client, "/entity/catherine-zhou.json")
    assert data["entity"] == {
        "id": "catherine-zhou", "name": "Catherine Zhou", "name_zh": "周清理", "type": "Person",
        "country": None, "aliases": [],
        "description": "CEO of EcoKMC; runs the Los Angeles Overseas Innovation Incubation "
                       "Center.",
        "inferred": False, "note": None, "sources": ["004_d56b4a6fc61554ff"],
        "citations": [CHINA_BRIEF], "source_count": 1, "fact_count": 6,
        "labels": [{"label": "interacted with the CCP united front system",
                    "status": "reported", "source": "004_d56b4a6fc61554ff",
                    "citation": CHINA_BRIEF, "evidence": data["entity"]["labels"][0]["evidence"]}]}
    assert data["page"] == {"skip": 0, "limit": 100, "total": 6, "next_skip": None}
    assert [(f["relationship"], f["direction"], f["other_id"], f["status"])
            for f in data["facts"]] == [
        ("HOLDS_POSITION", "out", "ecokmc", "reported"),
        ("INVITES", "in", "prc-consulate-general-los-angeles", "reported"),
        ("MEMBER_OF", "out", "american-chinese-ceo-society", "reported"),
        ("MEMBER_OF", "out", "beall-center", "reported"),
        ("PARTICIPATES_IN", "out", "united-front-events-shanghai", "reported"),
        ("RUNS", "out", "los-angeles-overseas-innovation-incubation-center", "reported")]
    first = data["facts"][0]
    assert set(first) == {"relationship", "direction", "other_id", "other", "other_type", "role",
                          "status", "inferred", "date", "until", "note", "sources", "citations",
                          "evidence"}
    assert first["citations"] == [CHINA_BRIEF]


def test_entity_pages_join_up(client: TestClient) -> None:
    whole = get(client, "/entity/suzhou-industrial-park.json")
    total = whole["page"]["total"]
    pages, skip = [], 0
    while skip is not None:
        page = get(client, f"/entity/suzhou-industrial-park.json?skip={skip}&limit=3")
        pages += page["facts"]
        assert page["page"]["total"] == total
        skip = page["page"]["next_skip"]
    assert pages == whole["facts"] and len(pages) == total > 3


# Every fact of the entity, sorted, then one page cut out: the saved query reads only the
# relationship types the page comes from; its rows must be exactly these.
NEIGHBOURHOOD_REFERENCE = """
MATCH (n:Entity {id: $id})-[r:ENTITY_TIES]-(m:Entity)
WITH r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
ORDER BY type(r), direction DESC, m.name, m.id
SKIP $skip LIMIT $limit
RETURN type(r) AS relationship, direction, m.id AS other_id, m.name AS other,
       m.type AS other_type, r.role AS role, r.status AS status, r.inferred AS inferred,
       coalesce(r.date, r.start) AS date, r.end AS until, r.note AS note,
       r.sources AS sources, r.evidence AS evidence
"""


def test_neighbourhood_pages_equal_sorting_every_fact(loaded) -> None:  # type: ignore[no-untyped-def]
    pages = [{"skip": s, "limit": n} for s in (0, 1, 3, 7, 20) for n in (1, 4, 9, 100)]
    assert rows_compared(loaded, "neighbourhood", NEIGHBOURHOOD_REFERENCE, pages) > 500


def test_entity_by_name_redirects_and_unknown_is_404(client: TestClient) -> None:
    response = client.get("/entity/Catherine Zhou", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/entity/catherine-zhou")
    assert get(client, "/entity/周清理.json")["entity"]["id"] == "catherine-zhou"
    missing = client.get("/entity/no-such-thing.json")
    assert (missing.status_code, missing.json()) == (
        404, {"error": "no entity matches 'no-such-thing'"})
    bad = client.get("/entity/catherine-zhou.json?limit=0")
    assert bad.status_code == 400
    page = client.get("/entity/Harvrd University")
    assert page.status_code == 404
    assert '<a class="search-instead" href="/search?q=Harvrd%20University">' in page.text


def test_path_json_is_the_cli_search(client: TestClient, cli) -> None:  # type: ignore[no-untyped-def]
    data = get(client, "/path.json?a=Catherine Zhou&b=UC Irvine")
    result = cli("path", "Catherine Zhou", "UC Irvine", "--format", "json")
    assert result.exit_code == 0, result.output
    assert data["rows"] == json.loads(result.stdout)
    assert data["paths"] == [["catherine-zhou", "los-angeles-overseas-innovation-incubation-center",
                              "university-of-california-irvine"]]
    assert [n["id"] for n in data["view"]["nodes"]] == sorted(data["paths"][0])
    assert [(e["source"], e["relationship"], e["target"]) for e in data["view"]["edges"]] == [
        ("catherine-zhou", "RUNS", "los-angeles-overseas-innovation-incubation-center"),
        ("los-angeles-overseas-innovation-incubation-center", "LOCATED_IN",
         "university-of-california-irvine")]
    assert get(client, "/path.json?a=&b=")["paths"] is None


def test_the_path_page_searches_once(loaded) -> None:  # type: ignore[no-untyped-def]
    """The page's rows and its drawing come from one path search, the costly part (at 1M
    facts, 0.7-0.9 s from the biggest hub): it sends the hop query as often as the search
    alone does."""
    sent: list[str] = []
    hop = queries.get("neighbours").cypher
    with Graph(loaded.settings, tracer=lambda query, params: sent.append(query)) as graph:
        service.path_ids(graph, "Catherine Zhou", "UC Irvine")
        alone, sent[:] = sent.count(hop), []
        Explorer(graph).path("Catherine Zhou", "UC Irvine")
        assert sent.count(hop) == alone > 0
        with pytest.raises(TechKGError, match="query 'partners' computes no paths"):
            service.run_saved(graph, "partners", typed={"entity": "harvard-university"},
                              paths=[])


@pytest.mark.parametrize("name,params", [
    ("bases-us-universities", []),
    ("timeline", ["entity=Suzhou Industrial Park", "from=2017"]),
    ("most-connected", ["limit=3", "statuses=all"]),
])
def test_query_downloads_equal_the_cli(client: TestClient, cli, name: str,  # type: ignore[no-untyped-def]
                                       params: list[str]) -> None:
    qs = "&".join(params)
    args = [x for p in params for x in ("-p", p)]
    for fmt in ("json", "csv"):
        response = client.get(f"/query/{name}.{fmt}?{qs}")
        assert response.status_code == 200, response.text
        result = cli("query", name, *args, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert response.text == result.stdout
    csv = client.get(f"/query/{name}.csv?{qs}")
    assert csv.headers["content-disposition"] == f'attachment; filename="{name}.csv"'


def test_query_page_has_a_form_from_the_header(client: TestClient) -> None:
    page = client.get("/query/most-connected?limit=3")
    assert page.status_code == 200
    html = page.text
    assert '<input name="limit" type="number" value="3" min="1" max="1000">' in html
    assert '<input name="statuses" value="counted" list="choices-statuses" size="30">' in html
    assert '<option value="denied">' in html
    assert "3 rows" in html
    assert '<a href="/query/most-connected.csv?limit=3" download="most-connected.csv">' in html
    needs = client.get("/query/entity-card")
    assert "Fill in id to run it." in needs.text
    bad = client.get("/query/most-connected.json?limit=5000")
    assert (bad.status_code, bad.json()) == (
        400, {"error": "parameter 'limit' must be between 1 and 1000, got 5000"})
    assert client.get("/query/nope.json").status_code == 400


def test_query_view_too_big_is_not_drawn(loaded) -> None:  # type: ignore[no-untyped-def]
    # the headline question's result names 4 entities, and 5 more join two of them: 9, as
    # `techkg viz` draws; where the 9 are too many, the 4 are drawn alone and the page says so
    def view(**limits: int) -> dict[str, Any]:
        return Explorer(loaded, **limits).query("bases-us-universities", {})["view"]

    def counted(v: dict[str, Any]) -> tuple[int, int, str | None]:
        return len(v["nodes"]), len(v["edges"]), v.get("note")

    note = ("Only the entities the rows name are drawn: with the 5 that join two of them, "
            "the view would have 9 entities, more than the 8 a view may draw.")
    assert counted(view(most_drawn=8)) == (4, 1, note)
    with TestClient(create_app(loaded, most_drawn=8), base_url="http://127.0.0.1:8765") as c:
        html = c.get("/query/bases-us-universities").text
    assert '<section class="canvas"' in html and "view-refused" not in html
    assert f'<p class="muted view-note">{note}</p>' in html
    assert "Suzhou Industrial Park" in html  # the rows are all there
    with TestClient(create_app(loaded, most_drawn=3), base_url="http://127.0.0.1:8765") as c:
        html = c.get("/query/bases-us-universities").text
    assert ('<p class="muted view-refused">Not drawn: 4 entities, more than the 3 a view may '
            'draw. Narrow the question, or download its rows.</p>') in html
    assert '<section class="canvas"' not in html and "view-note" not in html
    assert counted(view(most_drawn=9)) == (9, 12, None)
    # the facts: the 9 start 18 and have 12 among them; the 4 start 11 and have 1
    assert counted(view(most_facts=11)) == (4, 1, (
        "Only the entities the rows name are drawn: with the 5 that join two of them, the "
        "view would have 9 entities with 12 facts among them, more than the 11 a view may "
        "draw."))
    assert counted(view(most_facts=12)) == (9, 12, None)
    # the 4 the rows name start more than the limit: those between them are not looked for
    assert counted(view(most_facts=10)) == (4, 1, (
        "Only the entities the rows name are drawn: they start 11 facts, more than the 10 up "
        "to which the entities that join two of them are looked for."))


def test_sources_and_home(client: TestClient, cli) -> None:  # type: ignore[no-untyped-def]
    sources = client.get("/sources.json")
    assert sources.text == cli("sources", "--format", "json").stdout
    home = get(client, "/.json")
    assert home["empty"] is False
    assert sum(r["count"] for r in home["entities"]) == 203
    assert sum(r["count"] for r in home["relationships"]) == 265
    assert home["entities"][0] == {"type": "Place", "count": 35}
    assert [a["article"] for a in home["articles"]] == [
        "000_ced59de784f162c8", "001_18eb8b6fa9533812", "002_f2ee63d1b25661a9",
        "003_2742a0ed2317a793", "004_d56b4a6fc61554ff"]
    assert "connection" not in {q["name"] for q in home["queries"]}
    assert {q["name"] for q in home["queries"]} == set(queries.questions()) - {"connection"}
    assert "bases-us-universities" in {q["name"] for q in home["queries"]}
    assert get(client, "/index.json") == home


def test_canvas_json_is_the_facts_among_the_ids(client: TestClient) -> None:
    data = get(client, "/canvas.json?ids=catherine-zhou,ecokmc,beall-center,no-such-id")
    assert [n["id"] for n in data["nodes"]] == ["beall-center", "catherine-zhou", "ecokmc"]
    assert [(e["source"], e["relationship"], e["target"], e["status"])
            for e in data["edges"]] == [
        ("catherine-zhou", "HOLDS_POSITION", "ecokmc", "reported"),
        ("catherine-zhou", "MEMBER_OF", "beall-center", "reported")]
    assert data["edges"][0]["citations"] == [CHINA_BRIEF]
    assert get(client, "/canvas.json") == {"nodes": [], "edges": []}


def test_host_header_is_checked(client: TestClient) -> None:
    assert client.get("/.json", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/.json", headers={"host": "evil.example:8765"}).status_code == 400
    assert client.get("/.json", headers={"host": "localhost:8765"}).status_code == 200


def test_pages_are_read_only_and_locked_down(client: TestClient) -> None:
    assert client.post("/search.json?q=x").status_code == 405
    assert client.delete("/entity/catherine-zhou.json").status_code == 405
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "object-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in page.text  # no inline script: data travels as JSON
    assert '<script id="techkg-page" type="application/json">' in page.text
    for name in ("cytoscape-3.34.4", "layout-base-2.0.1", "cose-base-2.2.0",
                 "cytoscape-fcose-2.2.0"):
        js = client.get(f"/static/vendor/{name}.js")
        assert js.status_code == 200 and len(js.content) > 50_000
        assert "MIT" in client.get(f"/static/vendor/{name}.LICENSE").text or \
            "Permission is hereby granted" in client.get(f"/static/vendor/{name}.LICENSE").text
