"""Golden results: the analysts' questions answered from the real extracts."""

from __future__ import annotations

import json

from techkg.query.service import run_saved


def rows(graph, name: str, **params):  # type: ignore[no-untyped-def]
    return run_saved(graph, name, {k: str(v) for k, v in params.items()}).records


def test_headline_bases_us_universities(loaded) -> None:  # type: ignore[no-untyped-def]
    result = rows(loaded, "bases-us-universities")
    pairs = {(r["base"], r["university"]) for r in result}
    assert {("Suzhou Industrial Park", "Harvard University"),
            ("Suzhou Industrial Park", "Massachusetts Institute of Technology"),
            ("Suzhou Industrial Park", "University of California, Irvine")} <= pairs
    for r in result:
        assert r["sources"] == ["004_d56b4a6fc61554ff"] and r["evidence"]
    links = {r["link"] for r in result if r["university"] == "Harvard University"}
    assert "SIGNS_AGREEMENT_WITH -> Harvard John A. Paulson School of Engineering and " \
           "Applied Sciences" in links
    irvine = [r for r in result if r["university"] == "University of California, Irvine"]
    # the second hop's quote lies inside the first hop's: shown once, within the longer one
    assert [r["evidence"] for r in irvine] == [[
        "Suzhou Industrial Park has also set up the Los Angeles Overseas Innovation Incubation "
        "Center at the University of California, Irvine."]]
    # it pages like the other listings: the first rows of the same order, and the cut said
    first = run_saved(loaded, "bases-us-universities", {"limit": "3"})
    assert first.records == result[:3] and first.cut_at == 3 and len(result) > 3


def test_supervision_chain_reaches_most(loaded) -> None:  # type: ignore[no-untyped-def]
    chain = rows(loaded, "supervision-chain",
                 entity="hebei-international-talent-exchange-association")
    assert [(r["unit"], r["relationship"], r["superior"]) for r in chain] == [
        ("Hebei International Talent Exchange Association", "SUBORDINATE_TO",
         "China Association for International Exchange of Personnel"),
        ("China Association for International Exchange of Personnel", "SUPERVISED_BY",
         "State Administration of Foreign Experts Affairs"),
        ("State Administration of Foreign Experts Affairs", "SUBORDINATE_TO",
         "Ministry of Science and Technology")]
    assert {r["top"] for r in chain} == {"Ministry of Science and Technology"}


def test_luxena_denial_with_its_quote(loaded) -> None:  # type: ignore[no-untyped-def]
    denials = [r for r in rows(loaded, "restrictions-denials") if r["kind"] == "denial"]
    assert [(r["subject"], r["object"], r["status"]) for r in denials] == [
        ("Li (Baoding official)", "Luxena Pharmaceuticals Inc.", "denied")]
    assert "In an email, Luxena Pharmaceuticals said no such discussion ever took place." \
        in denials[0]["evidence"]
    restrictions = {(r["subject"], r["object"]) for r in rows(loaded, "restrictions-denials")
                    if r["kind"] == "restriction"}
    assert ("Inspectorate of Strategic Products", "Silex Microsystems") in restrictions


def test_claims_by_status(loaded) -> None:  # type: ignore[no-untyped-def]
    disputed = rows(loaded, "claims-by-status", statuses="disputed")
    assert [(r["subject"], r["relationship"], r["object"]) for r in disputed] == [
        ("Sun Youshun", "CLAIMS_AFFILIATION", "Massachusetts Institute of Technology")]
    assert "China Brief was unable to identify a person matching the identity of Sun Youshun " \
           "working at MIT." in disputed[0]["evidence"]


def test_partners_by_country(loaded) -> None:  # type: ignore[no-untyped-def]
    us = rows(loaded, "partners", entity="SIP", country="us")
    assert {r["partner"] for r in us} >= {"Harvard University",
                                          "MIT Computer Science and Artificial Intelligence "
                                          "Laboratory",
                                          "Los Angeles Overseas Innovation Incubation Center"}
    assert all(r["country"] == "us" for r in us)


def test_foreign_partners_grouped_by_country(loaded) -> None:  # type: ignore[no-untyped-def]
    result = rows(loaded, "foreign-partners")
    countries = {r["country"] for r in result}
    assert {"us", "gb", "fr", "se"} <= countries
    harvard = [r for r in result if r["foreign_partner"] == "Harvard University"]
    assert harvard and "Suzhou Industrial Park" in harvard[0]["prc_partners"]


def test_united_front(loaded) -> None:  # type: ignore[no-untyped-def]
    orgs = {r["entity"] for r in rows(loaded, "united-front")}
    assert {"All-China Federation of Returned Overseas Chinese",
            "Chinese People's Political Consultative Conference", "Sun Youshun",
            "Association of Chinese Professionals in Belgium"} <= orgs
    # a party body is not a united-front organisation because of its type
    assert not {"Chinese Communist Party", "CCP Baoding City Standing Committee"} & orgs


def test_bridges(loaded) -> None:  # type: ignore[no-untyped-def]
    people = {r["person"]: r for r in rows(loaded, "bridges")}
    assert {"Catherine Zhou", "Sun Youshun", "Daniela Rus"} <= set(people)
    assert "PRC Consulate General in Los Angeles (INVITES)" in people["Catherine Zhou"]["prc_side"]


def test_entity_profile_and_connection(loaded) -> None:  # type: ignore[no-untyped-def]
    from techkg.query.service import entity_profile

    card, facts = entity_profile(loaded, "周清理")
    assert (card["name"], card["name_zh"], card["type"]) == ("Catherine Zhou", "周清理", "Person")
    assert ("RUNS", "out", "Los Angeles Overseas Innovation Incubation Center") in {
        (f["relationship"], f["direction"], f["other"]) for f in facts.records}
    path = rows(loaded, "connection", a="Catherine Zhou", b="Suzhou Industrial Park")
    hops = sorted((r["path"], r["hop"], r["subject"], r["relationship"], r["object"])
                  for r in path)
    assert [h[1:] for h in hops if h[0] == 1][0] == \
        (1, "Catherine Zhou", "RUNS", "Los Angeles Overseas Innovation Incubation Center")
    # the centre SUPPORTS Suzhou (the city), so the second hop is Suzhou Industrial Park's founding
    assert {h[3] for h in hops if h[1] == 2} == {"ESTABLISHES"}
    assert all(r["sources"] == ["004_d56b4a6fc61554ff"] and r["evidence"] for r in path)
    cited = loaded.read("MATCH (a:Article {id: '004_d56b4a6fc61554ff'}) "
                        "RETURN a.citation AS c").records[0]["c"]
    assert cited.startswith("China Brief") and "“Innovation Without Borders" in cited
    assert all(r["citations"] == [cited] for r in path)


def test_path_goes_through_entities_only(loaded, cli) -> None:  # type: ignore[no-untyped-def]
    """The shortest route from the park to UC Irvine runs through an article node (both are
    mentioned in article 004); the answer is the route through entities."""
    result = cli("path", "Suzhou Industrial Park", "UC Irvine", "-f", "json")
    assert result.exit_code == 0, result.output
    hops = [(r["path"], r["hop"], r["subject"], r["relationship"], r["object"])
            for r in json.loads(result.stdout)]
    assert (1, 2, "Los Angeles Overseas Innovation Incubation Center", "LOCATED_IN",
            "University of California, Irvine") in hops
    assert {h[1] for h in hops} == {1, 2}


def test_path_prints_a_shared_quote_once(loaded, cli) -> None:  # type: ignore[no-untyped-def]
    """Two hops supported by the same sentence: the table prints it once."""
    pair = loaded.read(
        "MATCH (a:Entity)-[r1]-(m:Entity)-[r2]-(b:Entity) WHERE a.id < b.id "
        "AND NOT (a)--(b) AND any(q IN r1.evidence WHERE q IN r2.evidence) "
        "RETURN a.id AS a, b.id AS b ORDER BY a, b LIMIT 1").records[0]
    table = cli("path", pair["a"], pair["b"])
    assert table.exit_code == 0, table.output
    assert "(same quote as hop 1)" in table.stdout
    data = json.loads(cli("path", pair["a"], pair["b"], "-f", "json").stdout)
    assert "(same quote as hop 1)" not in json.dumps(data)  # JSON keeps every quote


def test_denied_meeting_is_no_tie_by_default(loaded, cli) -> None:  # type: ignore[no-untyped-def]
    """Luxena denied the meeting Li reported: no connection by default, one with all statuses."""
    li = "Li (Baoding official)"
    default = {r["person"]: r for r in rows(loaded, "bridges")}[li]["foreign_side"]
    assert not any("Luxena" in f for f in default)
    assert "IBM (VISITS, planned)" in default  # statuses other than reported are shown
    assert cli("path", li, "Luxena").exit_code == 0
    hidden = cli("path", li, "Luxena", "-f", "json")
    assert json.loads(hidden.stdout or "[]") == []
    shown = cli("path", li, "Luxena", "--statuses", "all", "-f", "json")
    assert shown.exit_code == 0, shown.output
    assert [(r["relationship"], r["status"]) for r in json.loads(shown.stdout)] == \
        [("MEETS_WITH", "denied")]


def test_partners_are_cooperation_ties_only(loaded) -> None:  # type: ignore[no-untyped-def]
    from techkg.vocabulary import vocabulary

    cooperation = set(vocabulary().types_of_kind("cooperation"))
    found = {r["relationship"].removeprefix("<-")
             for r in rows(loaded, "partners", entity="SIP", statuses="all")}
    assert found and found <= cooperation
    assert not {"VISITS", "LOCATED_IN", "PART_OF"} & cooperation


def test_visits_agreements_money(loaded) -> None:  # type: ignore[no-untyped-def]
    visits = {(r["who"], r["whom_or_where"], r["date"]) for r in rows(loaded, "visits")}
    assert ("Baoding Economic and Trade Delegation", "United Kingdom", "2018-11-19") in visits
    agreements = {(r["party"], r["counterparty"]) for r in rows(loaded, "agreements")}
    assert ("Suzhou Industrial Park", "Harvard John A. Paulson School of Engineering and "
            "Applied Sciences") in agreements
    assert ("Lizhong Group", "Brunel University") in agreements
    money = {(r["relationship"], r["payer"], r["recipient"]) for r in rows(loaded, "money")}
    assert ("ACQUIRES", "Sai Microelectronics Inc", "Silex Microsystems") in money
    assert ("INVESTS_IN", "National Integrated Circuit Industry Investment Fund",
            "Sai Microelectronics Inc") in money


def test_timeline_filters(loaded) -> None:  # type: ignore[no-untyped-def]
    result = rows(loaded, "timeline", entity="Suzhou Industrial Park", **{"from": "2017",
                                                                          "to": "2017"})
    assert result and all(r["date"].startswith("2017") for r in result)
    assert [r["date"] for r in result] == sorted(r["date"] for r in result)


def test_corroboration_counts_sources(loaded) -> None:  # type: ignore[no-untyped-def]
    everything = rows(loaded, "corroboration", statuses="all", limit=100000)
    total = loaded.read("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n").records[0]["n"]
    assert len(everything) == total
    counted = rows(loaded, "corroboration", limit=100000)
    assert len(counted) == total - len(rows(loaded, "claims-by-status",
                                            statuses="denied,disputed"))
    assert not {r["status"] for r in counted} & {"denied", "disputed"}
    assert {r["source_count"] for r in everything} == {1}  # no fact is in two articles yet
    assert rows(loaded, "corroboration", min_sources=2) == []


def test_listing_says_when_it_was_cut(loaded) -> None:  # type: ignore[no-untyped-def]
    """A listing asks for one row more than its limit: cut_at is set only when rows were
    left out, and the rows shown are the first ones of the whole listing."""
    total = loaded.read("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n").records[0]["n"]
    whole = run_saved(loaded, "corroboration", {"statuses": "all", "limit": str(total)})
    assert whole.cut_at is None and len(whole.records) == total
    cut = run_saved(loaded, "corroboration", {"statuses": "all", "limit": "5"})
    assert cut.cut_at == 5 and cut.records == whole.records[:5]


def test_most_connected_and_technologies(loaded) -> None:  # type: ignore[no-untyped-def]
    top = rows(loaded, "most-connected", limit=3)
    assert [r["degree"] for r in top] == sorted((r["degree"] for r in top), reverse=True)
    assert top[0]["entity"] == "Li (Baoding official)"
    bases = rows(loaded, "most-connected", type="InnovationBase", limit=1)
    assert bases[0]["entity"] == "Suzhou Industrial Park"
    ai = {r["who"] for r in rows(loaded, "technologies")
          if r["technology"] == "Artificial intelligence"}
    assert {"MIT Computer Science and Artificial Intelligence Laboratory",
            "Baoding Municipal Government", "PRC science and technology diplomats",
            "Hebei International Talent Exchange Association"} <= ai


def test_article_coverage(loaded) -> None:  # type: ignore[no-untyped-def]
    coverage = {r["article"]: (r["entities"], r["facts"]) for r in
                rows(loaded, "article-coverage")}
    assert coverage == {"000_ced59de784f162c8": (32, 44), "001_18eb8b6fa9533812": (24, 27),
                        "002_f2ee63d1b25661a9": (42, 44), "003_2742a0ed2317a793": (30, 38),
                        "004_d56b4a6fc61554ff": (90, 112)}
