"""Fact-level regressions for extracts 003 (Baoding, military-civil fusion) and 004 (offshore
innovation bases) after their re-check against the evidence rubric: statuses in the article's
voice, removed and split facts, inferred items carried as such, and the recall additions.
Every assertion reads the real extracts, loaded into the graph, with direct Cypher."""

from __future__ import annotations

from typing import Any

from techkg.vocabulary import vocabulary

A003 = "003_2742a0ed2317a793"
A004 = "004_d56b4a6fc61554ff"


def fact(graph, subject: str, rel: str, obj: str) -> dict[str, Any] | None:  # type: ignore[no-untyped-def]
    """The one graph relationship (subject)-[rel]->(object), as a dict, or None."""
    rows = graph.read(
        f"MATCH (:Entity {{id: $s}})-[r:{vocabulary().rel_type(rel)}]->(:Entity {{id: $o}}) "
        "RETURN r.status AS status, r.inferred AS inferred, r.note AS note, r.amount AS amount, "
        "r.role AS role, r.date AS date, r.start AS start, r.end AS end, "
        "r.evidence AS evidence, r.sources AS sources",
        {"s": subject, "o": obj}).records
    assert len(rows) <= 1
    return dict(rows[0]) if rows else None


def entity(graph, entity_id: str) -> dict[str, Any] | None:  # type: ignore[no-untyped-def]
    rows = graph.read("MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.type AS type, "
                      "n.inferred AS inferred, n.note AS note, "
                      "n.characterization_labels AS labels, "
                      "n.characterization_statuses AS statuses", {"id": entity_id}).records
    return dict(rows[0]) if rows else None


def statuses(graph, rows: list[tuple[str, str, str]]) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [(f or {}).get("status") for f in (fact(graph, *r) for r in rows)]


# --- statuses: the article's voice ---------------------------------------------------------

def test_003_document_sourced_facts_are_alleged(loaded) -> None:  # type: ignore[no-untyped-def]
    """What only the internal documents say is attributed to them, not stated by the outlet."""
    assert statuses(loaded, [
        ("baoding-municipal-government", "PARTICIPATES_IN", "international-friendly-city-program"),
        ("baoding-municipal-government", "TARGETS", "artificial-intelligence"),
        ("baoding-municipal-government", "PARTNERS_WITH", "cork-county"),
        ("baoding-municipal-government", "SIGNS_AGREEMENT_WITH", "cork-county"),
        ("lizhong-group", "SIGNS_AGREEMENT_WITH", "brunel-university"),
        ("baoding-economic-and-trade-delegation", "VISITS", "united-kingdom"),
        # the June 2019 trip sits in the same document's paragraph: the weaker status wins
        ("baoding-deputy-mayor", "RUNS", "baoding-delegation-uk-ireland-2019"),
        ("baoding-delegation-uk-ireland-2019", "VISITS", "ireland"),
    ]) == ["alleged"] * 8
    # the outlet's own voice stays reported
    assert statuses(loaded, [
        ("lizhong-group", "PARTICIPATES_IN", "military-civil-fusion"),
        ("chinese-communist-party", "SUPPORTS", "military-civil-fusion"),
    ]) == ["reported", "reported"]


def test_003_beijing_on_its_own_policy_is_claimed(loaded) -> None:  # type: ignore[no-untyped-def]
    mcf = entity(loaded, "military-civil-fusion")
    assert mcf is not None
    assert dict(zip(mcf["labels"], mcf["statuses"], strict=True)) == {
        "integrates the private sector into the defence industrial base": "claimed",
        "party strategy for military goals": "claimed"}


def test_004_aims_and_plans_are_planned(loaded) -> None:  # type: ignore[no-untyped-def]
    hub = fact(loaded, "harvard-weitz-innovation-hub", "TARGETS", "biotechnology")
    assert hub is not None
    assert (hub["status"], hub["amount"]) == ("planned", "over 100 projects")
    assert statuses(loaded, [
        ("suzhou-industrial-park", "ESTABLISHES", "china-suzhou-offshore-base-harvard"),
        ("china-suzhou-offshore-base-harvard", "LOCATED_IN", "harvard-university"),
    ]) == ["planned", "planned"]


def test_004_own_listings_claimed_attributions_alleged(loaded) -> None:  # type: ignore[no-untyped-def]
    funds = fact(loaded, "suzhou-industrial-park", "FUNDS", "mit-csail")
    assert funds is not None
    # MIT's own sponsor list; "until at least 2021" is no end date
    assert (funds["status"], funds["end"], funds["role"]) == (
        "claimed", None, "listed as a sponsor of the lab until at least 2021")
    assert statuses(loaded, [
        ("sip-overseas-base-at-mit-csail", "TARGETS", "artificial-intelligence"),
        ("synaptic-medical-us-rd-center", "TARGETS", "heart-arrhythmia-treatment"),
        ("silex-beijing", "SUPPORTS", "beijing-economic-technological-development-area"),
        ("all-china-federation-of-returned-overseas-chinese", "SUPPORTS",
         "offshore-innovation-bases"),
        ("sun-youshun", "CLAIMS_AFFILIATION", "massachusetts-institute-of-technology"),
    ]) == ["claimed", "alleged", "claimed", "reported", "disputed"]
    bda = entity(loaded, "beijing-economic-technological-development-area")
    synaptic = entity(loaded, "synaptic-medical-us-rd-center")
    assert bda is not None and synaptic is not None
    assert list(zip(bda["labels"], bda["statuses"], strict=True)) == [
        ("aims to break the US monopoly in targeted fields", "claimed")]
    assert synaptic["statuses"] == ["alleged"]


# --- removed facts and split entities ------------------------------------------------------

def test_removed_facts_are_absent(loaded) -> None:  # type: ignore[no-untyped-def]
    for gone in [
        ("qingyuan-delegation-document-2019", "COMMENTS_ON",
         "baoding-economic-and-trade-delegation"),
        ("benvolant-artificial-intelligence-company", "LOCATED_IN", "united-kingdom"),
        ("chinese-peoples-political-consultative-conference", "HOSTS",
         "united-front-events-shanghai"),
        ("china-association-for-science-and-technology", "PARTICIPATES_IN",
         "offshore-innovation-bases"),
        ("los-angeles-overseas-innovation-incubation-center", "SUPPORTS",
         "suzhou-industrial-park"),
    ]:
        assert fact(loaded, *gone) is None, gone
    # dates the article never gives for the fact itself
    plan = fact(loaded, "thirteenth-five-year-sti-plan", "SUPPORTS", "offshore-innovation-bases")
    summit = fact(loaded, "cork-county", "PARTICIPATES_IN",
                  "baoding-international-entrepreneurs-summit-2019")
    assert plan is not None and summit is not None
    assert (plan["date"], summit["date"], summit["status"]) == (None, None, "planned")


def test_003_ambassadors_are_two_people(loaded) -> None:  # type: ignore[no-untyped-def]
    assert entity(loaded, "chinese-embassies-uk-ireland") is None
    met = loaded.read(
        "MATCH (:Entity {id: 'baoding-delegation-uk-ireland-2019'})-[r:MEETS_WITH]->(p:Person) "
        "RETURN p.name AS name, r.status AS status ORDER BY name").records
    assert met == [{"name": "Chinese Ambassador to Ireland (unnamed)", "status": "alleged"},
                   {"name": "Chinese Ambassador to the United Kingdom (unnamed)",
                    "status": "alleged"}]


def test_003_two_memos_with_cork_county(loaded) -> None:  # type: ignore[no-untyped-def]
    memos = fact(loaded, "baoding-municipal-government", "SIGNS_AGREEMENT_WITH", "cork-county")
    assert memos is not None
    assert (memos["role"], memos["start"]) == (
        "memo of “Cultural Tourism Friendly Exchange City”; "
        "memo to establish economic and trade cooperation", "2018-10")


def test_004_cppcc_host_is_a_member_not_the_body(loaded) -> None:  # type: ignore[no-untyped-def]
    hosts = loaded.read("MATCH (h:Entity)-[:HOSTS]->(:Entity {id: 'united-front-events-shanghai'}) "
                        "RETURN h.id AS id ORDER BY id").records
    assert [r["id"] for r in hosts] == ["cppcc-standing-committee-member",
                                        "shanghai-federation-of-returned-overseas-chinese"]
    member = fact(loaded, "cppcc-standing-committee-member", "MEMBER_OF",
                  "chinese-peoples-political-consultative-conference")
    assert member is not None and member["role"] == "standing committee member"


# --- inferred items, flagged ---------------------------------------------------------------

def test_inferred_entities_and_facts_are_flagged(loaded) -> None:  # type: ignore[no-untyped-def]
    gov = entity(loaded, "qingyuan-district-government")
    assert gov is not None and gov["inferred"] is True and "never names" in gov["note"]
    inferred = [
        ("qingyuan-district-government", "ISSUES", "qingyuan-delegation-document-2019"),
        ("qingyuan-district-government", "LOCATED_IN", "qingyuan-district"),
        ("benvolant-artificial-intelligence-company", "TARGETS", "artificial-intelligence"),
        ("fourteenth-five-year-hi-tech-zones-plan", "SUPPORTS", "offshore-innovation-bases"),
        ("suzhou-industrial-park", "LOCATED_IN", "suzhou"),
        ("silex-beijing", "PART_OF", "silex-microsystems"),
        ("catherine-zhou", "MEMBER_OF", "american-chinese-ceo-society"),
    ]
    for f in (fact(loaded, *r) for r in inferred):
        assert f is not None and f["inferred"] is True and f["note"]
    stated = fact(loaded, "baoding", "LOCATED_IN", "hebei-province")
    assert stated is not None and stated["inferred"] is False
    chem = fact(loaded, "david-weitz", "MEMBER_OF", "chinese-academy-of-chemistry")
    assert chem is not None and chem["inferred"] is False and "CAE" in chem["note"]


# --- quotes that name both ends ------------------------------------------------------------

def test_agreement_quotes_name_both_parties(loaded) -> None:  # type: ignore[no-untyped-def]
    for obj in ("uk-mqp-limited", "brunel-university", "htl-fitting"):
        f = fact(loaded, "lizhong-group", "SIGNS_AGREEMENT_WITH", obj)
        assert f is not None and any("Lizhong Group" in q for q in f["evidence"]), obj
    belgium = fact(loaded, "tianjin-offshore-base", "PARTNERS_WITH",
                   "association-of-chinese-professionals-in-belgium")
    assert belgium is not None and belgium["evidence"] == [
        "The Tianjin base also works with a number of other overseas united front organizations.",
        "These include the Association of Chinese Professionals in Belgium (旅比华人专业人士协会)"]


def test_004_united_front_labels_name_their_organisation(loaded) -> None:  # type: ignore[no-untyped-def]
    """Each united-front label's quote names the organisation it labels (not just "other
    offshore bases also work with united front organizations")."""
    rows = loaded.read(
        "MATCH (:Article {id: $article})-[:MENTIONS]->(n:Entity) WHERE n.type = 'Association' "
        "AND any(l IN n.characterization_labels WHERE l CONTAINS 'united front') "
        "RETURN n.name AS name, n.characterization_evidence AS evidence ORDER BY name",
        {"article": A004}).records
    assert len(rows) == 10
    for r in rows:
        assert r["name"].replace("’", "'") in r["evidence"][0].replace("’", "'"), r["name"]


# --- recall: facts an analyst expects ------------------------------------------------------

def test_004_recall_bases_programme(loaded) -> None:  # type: ignore[no-untyped-def]
    sip = fact(loaded, "suzhou-industrial-park", "PART_OF", "offshore-innovation-bases")
    assert sip is not None and sip["status"] == "reported" and sip["sources"] == [A004]
    count = fact(loaded, "offshore-innovation-bases", "LOCATED_IN", "china")
    assert count is not None and count["amount"] == "30 bases (as of May 2024)"
    bda = fact(loaded, "beijing-economic-technological-development-area", "RECOGNIZES",
               "silex-microsystems")
    assert bda is not None and bda["amount"] == "six overseas R&D institutions recognised in " \
                                                "December 2022"
    programme = entity(loaded, "offshore-innovation-bases")
    assert programme is not None and {
        "accreditation requirement: cooperation with at least 20 overseas institutions and a "
        "network of at least 500 overseas S&T professionals",
        "tool for acquiring technology from overseas and indigenizing it"} <= set(
            programme["labels"])


def test_004_recall_rus_leads_a_csail_project(loaded) -> None:  # type: ignore[no-untyped-def]
    rus = fact(loaded, "daniela-rus", "PARTICIPATES_IN", "sip-overseas-base-at-mit-csail")
    assert rus is not None
    assert (rus["status"], rus["role"]) == ("reported", "led one project under the collaboration")
    base = fact(loaded, "suzhou-industrial-park", "ESTABLISHES", "sip-overseas-base-at-mit-csail")
    assert base is not None and base["status"] == "reported"
    centre = fact(loaded, "los-angeles-overseas-innovation-incubation-center", "SUPPORTS", "suzhou")
    assert centre is not None and len(centre["evidence"]) == 2


def test_003_recall_friendly_city(loaded) -> None:  # type: ignore[no-untyped-def]
    visit = fact(loaded, "cork-county", "VISITS", "baoding")
    assert visit is not None and (visit["status"], visit["sources"]) == ("planned", [A003])
    ireland = entity(loaded, "ireland")
    assert ireland is not None and ireland["labels"] == ["Europe’s Silicon Valley"]
    benvolant = fact(loaded, "benvolant-artificial-intelligence-company", "LOCATED_IN", "london")
    assert benvolant is not None and benvolant["status"] == "reported"


def test_facts_read_from_a_name_are_inferred_with_a_note(loaded) -> None:  # type: ignore[no-untyped-def]
    """An association placed in the country its name carries, a school in the university its
    name carries, a committee under the party its name carries: inferred, with a note."""
    read_from_names = [
        ("association-of-chinese-professionals-in-belgium", "LOCATED_IN", "belgium"),
        ("zhigui-science-and-innovation-center", "LOCATED_IN", "united-kingdom"),
        ("tianjin-offshore-base", "LOCATED_IN", "tianjin"),
        ("harvard-seas", "PART_OF", "harvard-university"),
        ("ccp-baoding-standing-committee", "PART_OF", "chinese-communist-party"),
        ("pla-baoding-branch", "SUBORDINATE_TO", "peoples-liberation-army"),
        *[(f"{city}-offshore-base", "PART_OF", "offshore-innovation-bases")
          for city in ("shanghai", "shenzhen", "wuhan", "suzhou-trial")]]
    found = {r: fact(loaded, *r) for r in read_from_names}
    assert {r: (f or {}).get("inferred") for r, f in found.items()} == dict.fromkeys(
        read_from_names, True)
    assert all(f and f["note"] for f in found.values())


def test_united_front_labels_quote_label_and_name_separately(loaded) -> None:  # type: ignore[no-untyped-def]
    """A label stated in one sentence (or the main text) and the name in the next (or a note)
    is two verbatim quotes, never one stitched with "…"."""
    node = loaded.read("MATCH (n:Entity {id: 'euro-american-elite-innovators-association'}) "
                       "RETURN n.characterization_evidence AS e").records
    assert node == [{"e": [
        "The Tianjin base also works with a number of other overseas united front "
        "organizations. ¶ These include the Association of Chinese Professionals in Belgium "
        "(旅比华人专业人士协会), the Euro-American Elite Innovators Association "
        "(欧美精英创业家协会)"]}]
