"""Golden results: the analysts' questions answered from the real extracts."""

from __future__ import annotations

from techkg.service import run_saved


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
    orgs = {r["organisation"] for r in rows(loaded, "united-front")}
    assert {"All-China Federation of Returned Overseas Chinese",
            "Chinese People's Political Consultative Conference", "Sun Youshun",
            "Association of Chinese Professionals in Belgium"} <= orgs


def test_bridges(loaded) -> None:  # type: ignore[no-untyped-def]
    people = {r["person"]: r for r in rows(loaded, "bridges")}
    assert {"Catherine Zhou", "Sun Youshun", "Daniela Rus"} <= set(people)
    assert "PRC Consulate General in Los Angeles (INVITES)" in people["Catherine Zhou"]["prc_side"]


def test_entity_profile_and_connection(loaded) -> None:  # type: ignore[no-untyped-def]
    profile = rows(loaded, "entity-profile", id="周清理")
    about = {r["relationship"]: r["other"] for r in profile if r["section"] == "about"}
    assert about["name"] == "Catherine Zhou" and about["name_zh"] == "周清理"
    path = rows(loaded, "connection", a="Catherine Zhou", b="Suzhou Industrial Park")
    hops = sorted((r["path"], r["hop"], r["subject"], r["relationship"], r["object"])
                  for r in path)
    assert [h[1:] for h in hops if h[0] == 1][0] == \
        (1, "Catherine Zhou", "RUNS", "Los Angeles Overseas Innovation Incubation Center")
    assert {h[3] for h in hops if h[1] == 2} == {"ESTABLISHES", "SUPPORTS"}
    assert all(r["sources"] == ["004_d56b4a6fc61554ff"] and r["evidence"] for r in path)


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
    everything = rows(loaded, "corroboration")
    assert len(everything) == 237
    assert {r["source_count"] for r in everything} == {1}  # no fact is in two articles yet
    assert rows(loaded, "corroboration", min_sources=2) == []


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
    assert coverage == {"000_ced59de784f162c8": (32, 43), "001_18eb8b6fa9533812": (19, 20),
                        "002_f2ee63d1b25661a9": (40, 40), "003_2742a0ed2317a793": (28, 36),
                        "004_d56b4a6fc61554ff": (82, 98)}
