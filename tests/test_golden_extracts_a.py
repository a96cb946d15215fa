"""Golden facts of extracts 000-002 after their re-check against docs/evidence-rubric.md:
statuses in the article's voice, removed and split facts, inferred flags, recall."""

from __future__ import annotations

MINE = ["000_ced59de784f162c8", "001_18eb8b6fa9533812", "002_f2ee63d1b25661a9"]

FACTS = ("MATCH (a:Entity)-[r]->(b:Entity) WHERE any(s IN r.sources WHERE s IN $mine) "
         "RETURN a.id AS s, type(r) AS t, b.id AS o, r.status AS status, "
         "r.inferred AS inferred, r.note AS note, r.amount AS amount, r.role AS role, "
         "r.evidence AS evidence")


def facts(graph) -> dict[tuple[str, str, str], dict]:  # type: ignore[no-untyped-def]
    """Every fact any of the three articles states, keyed by (subject, type, object)."""
    return {(r["s"], r["t"], r["o"]): r for r in graph.read(FACTS, {"mine": MINE}).records}


def entity(graph, entity_id: str) -> dict | None:  # type: ignore[no-untyped-def]
    rows = graph.read("MATCH (n:Entity {id: $id}) RETURN n.type AS type, n.name AS name, "
                      "n.aliases AS aliases, n.country AS country, n.inferred AS inferred, "
                      "n.note AS note", {"id": entity_id}).records
    return rows[0] if rows else None


def test_trip_statuses_follow_who_says_it(loaded) -> None:  # type: ignore[no-untyped-def]
    f = facts(loaded)
    li = {(t, o): f[(s, t, o)]["status"] for (s, t, o) in f
          if s == "li-baoding-official" and t in ("VISITS", "MEETS_WITH", "INVITES")}
    # Lee's letter arranged four visits (planned); Li's own summary says he visited four
    # campuses and met six companies (claimed); Luxena denies its meeting.
    assert li == {
        ("VISITS", "stanford-university"): "planned", ("VISITS", "ibm"): "planned",
        ("VISITS", "plug-and-play"): "planned", ("VISITS", "danhua-capital"): "planned",
        ("VISITS", "google"): "claimed", ("VISITS", "apple"): "claimed",
        ("VISITS", "hewlett-packard"): "claimed", ("VISITS", "nvidia"): "claimed",
        ("MEETS_WITH", "globaleur"): "claimed", ("MEETS_WITH", "dilili-labs"): "claimed",
        ("MEETS_WITH", "r2-ai"): "claimed", ("MEETS_WITH", "maykke"): "claimed",
        ("MEETS_WITH", "lifeliqe"): "claimed",
        ("MEETS_WITH", "luxena-pharmaceuticals"): "denied",
        ("INVITES", "globaleur"): "planned", ("INVITES", "dilili-labs"): "planned",
        ("INVITES", "r2-ai"): "planned", ("INVITES", "maykke"): "planned",
        ("INVITES", "lifeliqe"): "planned"}
    luxena = f[("li-baoding-official", "MEETS_WITH", "luxena-pharmaceuticals")]["evidence"]
    assert "In an email, Luxena Pharmaceuticals said no such discussion ever took place." \
        in luxena


def test_other_changed_statuses(loaded) -> None:  # type: ignore[no-untyped-def]
    f = facts(loaded)
    expected = {
        ("baoding-municipal-government", "RECRUITS", "axt-inc"): "claimed",
        ("li-baoding-official", "TARGETS", "robot-vision"): "claimed",
        ("dilili-labs", "TARGETS", "robot-vision"): "alleged",
        ("prc-embassies-and-consulates", "ISSUES", "st-cooperation-opportunity-reports"):
            "reported",
        ("hebei-international-talent-exchange-association", "ISSUES",
         "hebei-special-subsidy-plan"): "reported",
        ("hebei-international-talent-exchange-association", "SUBORDINATE_TO",
         "china-association-for-international-exchange-of-personnel"): "alleged",
        ("p-picart", "HOLDS_POSITION", "le-mans-universite"): "alleged",
        ("p-picart", "TARGETS", "digital-holographic-display"): "alleged",
    }
    assert {k: f[k]["status"] for k in expected} == expected


def test_university_partner_list_is_claimed_and_quotes_name_both_ends(loaded) -> None:  # type: ignore[no-untyped-def]
    f = facts(loaded)
    partners = {o: r for (s, t, o), r in f.items()
                if s == "hebei-university-of-engineering" and t == "PARTNERS_WITH"}
    assert sorted(partners) == ["le-mans-universite", "nanyang-technological-university",
                                "universite-paris-saclay", "university-college-london"]
    for r in partners.values():
        assert r["status"] == "claimed"
        assert r["evidence"][0].startswith("The Hebei University of Engineering, for example, "
                                           "has set up partnerships with international schools")
        assert "the university partnered with Le Mans Université" in r["evidence"][1]


def test_removed_and_retyped_facts_are_gone(loaded) -> None:  # type: ignore[no-untyped-def]
    f = facts(loaded)
    gone = [("hebei-university-of-engineering", "PARTNERS_WITH", "p-picart"),
            ("chinese-consulate-houston", "TARGETS", "united-states"),
            ("james-lewis", "COMMENTS_ON", "chinese-communist-party"),
            ("hebei-international-joint-center-base", "PART_OF",
             "hebei-university-of-engineering"),
            ("university-college-london", "LOCATED_IN", "united-kingdom")]
    assert [k for k in gone if k in f] == []
    replaced = [("hebei-university-of-engineering", "HOSTS",
                 "hebei-international-joint-center-base"),
                ("university-college-london", "LOCATED_IN", "england"),
                ("james-lewis", "COMMENTS_ON", "china"),
                ("hebei-international-joint-center-base-defense", "COMMENTS_ON", "p-picart"),
                ("chinese-consulate-houston", "ISSUES", "st-cooperation-opportunity-reports")]
    assert [k for k in replaced if k not in f] == []


def test_over_merged_technologies_are_split(loaded) -> None:  # type: ignore[no-untyped-def]
    assert entity(loaded, "semiconductors") is None
    assert entity(loaded, "medicine-and-health") is None
    technologies = loaded.read(
        "MATCH (t:Technology) WHERE t.id IN $ids RETURN t.id AS id, t.name AS name, "
        "t.aliases AS aliases ORDER BY id",
        {"ids": ["semiconductor-substrates", "integrated-circuit-design",
                 "semiconductor-manufacturing-equipment", "medicine", "health"]}).records
    assert technologies == [
        {"id": "health", "name": "Health", "aliases": []},
        {"id": "integrated-circuit-design", "name": "Integrated circuit design", "aliases": []},
        {"id": "medicine", "name": "Medicine", "aliases": []},
        {"id": "semiconductor-manufacturing-equipment",
         "name": "Semiconductor manufacturing equipment", "aliases": []},
        {"id": "semiconductor-substrates", "name": "Semiconductor substrates", "aliases": []}]
    f = facts(loaded)
    assert ("axt-inc", "TARGETS", "semiconductor-substrates") in f
    assert {o for (s, t, o) in f if s == "prc-st-diplomats" and t == "TARGETS"} == {
        "biotechnology", "artificial-intelligence", "integrated-circuit-design",
        "semiconductor-manufacturing-equipment"}  # technologies and fields only
    assert {o for (s, t, o) in f if s == "prc-st-diplomats" and t == "SOURCES_FROM"} == {
        "russia", "united-states", "united-kingdom", "japan"}  # projects by country
    assert {o for (s, t, o) in f if s == "hebei-international-talent-exchange-association"
            and t == "TARGETS"} == {"artificial-intelligence", "information-communication",
                                    "biology", "medicine", "health"}


def test_no_alias_or_name_names_two_entities(loaded) -> None:  # type: ignore[no-untyped-def]
    rows = loaded.read("MATCH (a:Article)-[:MENTIONS]->(n:Entity) WHERE a.id IN $mine "
                       "WITH DISTINCT n RETURN n.id AS id, n.name AS name, n.aliases AS aliases",
                       {"mine": MINE}).records
    owners: dict[str, set[str]] = {}
    for r in rows:
        for label in [r["name"], *r["aliases"]]:
            owners.setdefault(label.lower(), set()).add(r["id"])
    assert {label: ids for label, ids in owners.items() if len(ids) > 1} == {}


def test_inferred_facts_are_flagged_with_a_note(loaded) -> None:  # type: ignore[no-untyped-def]
    inferred = {k: r for k, r in facts(loaded).items() if r["inferred"]}
    assert sorted(inferred) == sorted([
        ("baoding-municipal-government", "VISITS", "silicon-valley"),
        ("axt-dingxing", "PART_OF", "axt-inc"),
        ("axt-dingxing", "LOCATED_IN", "dingxing-county"),
        ("dingxing-county-government", "LOCATED_IN", "dingxing-county"),
        ("axt-inc", "INVESTS_IN", "axt-dingxing"),
        ("li-baoding-official", "HOLDS_POSITION", "baoding-municipal-government"),
        ("baoding-silicon-valley-innovation-center", "SUPPORTS", "baoding"),
        ("xinhua", "COMMENTS_ON", "baoding-silicon-valley-innovation-center"),
        ("houston", "LOCATED_IN", "united-states"),
        ("united-states-government", "RESTRICTS", "chinese-consulate-houston"),
        ("most-department-of-international-cooperation", "ISSUES",
         "st-cooperation-opportunity-reports"),
        ("ministry-of-science-and-technology", "SUPPORTS",
         "hebei-international-talent-exchange-association"),
        ("hebei-international-talent-exchange-association", "ISSUES",
         "hebei-special-subsidy-plan"),
        ("hebei-provincial-government", "FUNDS",
         "hebei-international-talent-exchange-association"),
        ("hebei-international-talent-exchange-association", "FUNDS",
         "hebei-international-st-cooperation-base"),
        ("li-linyi", "COMMENTS_ON", "hebei-international-talent-exchange-association"),
        ("mike-pompeo", "VISITS", "georgia-institute-of-technology"),
        ("mike-pompeo", "COMMENTS_ON", "chinese-communist-party")])
    assert [k for k, r in inferred.items() if not r["note"]] == []
    assert inferred[("hebei-international-talent-exchange-association", "ISSUES",
                     "hebei-special-subsidy-plan")]["note"].startswith(
        "The article says the plan was \"issued at the same time\"")


def test_a_document_funds_nothing(loaded) -> None:  # type: ignore[no-untyped-def]
    """The subsidy plan records funds for the base; its (inferred) issuer funds it."""
    payers = loaded.read("MATCH (d:Document)-[:FUNDS]->() RETURN count(*) AS n").records
    assert payers == [{"n": 0}]
    f = facts(loaded)
    plan = f[("hebei-special-subsidy-plan", "SUPPORTS", "hebei-international-st-cooperation-base")]
    funder = f[("hebei-international-talent-exchange-association", "FUNDS",
                "hebei-international-st-cooperation-base")]
    assert (plan["status"], plan["inferred"]) == ("planned", False)
    assert (funder["status"], funder["inferred"]) == ("planned", True) and funder["note"]


def test_unnamed_bodies_are_inferred_entities(loaded) -> None:  # type: ignore[no-untyped-def]
    for entity_id in ("united-states-government", "hebei-provincial-government"):
        node = entity(loaded, entity_id)
        assert node is not None and node["inferred"] is True and node["note"]
    assert entity(loaded, "baoding-municipal-government")["inferred"] is False


def test_recall_quantities(loaded) -> None:  # type: ignore[no-untyped-def]
    f = facts(loaded)
    amounts = {
        ("center-for-security-and-emerging-technology", "COMMENTS_ON", "prc-st-diplomats"):
            "14 of 30 surveyed companies",
        ("prc-st-diplomats", "SOURCES_FROM", "russia"): "112 projects",
        ("prc-st-diplomats", "SOURCES_FROM", "united-states"): "77 projects",
        ("prc-st-diplomats", "SOURCES_FROM", "united-kingdom"): "62 projects",
        ("prc-st-diplomats", "SOURCES_FROM", "japan"): "57 projects",
        ("prc-st-diplomats", "TARGETS", "biotechnology"): "190 cases",
        ("prc-st-diplomats", "PART_OF", "prc-embassies-and-consulates"):
            "over 140 S&T diplomats",
        ("hebei-provincial-government", "FUNDS",
         "hebei-international-talent-exchange-association"): "1 million yuan (about $153,000)",
        ("hebei-budget-performance-evaluation-form", "SUPPORTS", "hebei-province"):
            "10 million yuan (about $1.53 million) projected profit",
    }
    assert {k: f[k]["amount"] for k in amounts} == amounts
    visas = f[("baoding-silicon-valley-innovation-center", "SUPPORTS", "baoding")]
    assert (visas["status"], visas["role"]) == (
        "planned", "visas and other services for American companies setting up branches in "
                   "Baoding; regular visits of American businesses to Baoding")


def test_entities_typed_and_placed_as_the_articles_say(loaded) -> None:  # type: ignore[no-untyped-def]
    xinhua = entity(loaded, "xinhua")
    assert (xinhua["type"], xinhua["name"]) == ("GovernmentBody", "Xinhua")
    unplaced = ["globaleur", "r2-ai", "luxena-pharmaceuticals", "maykke", "lifeliqe",
                "danhua-capital", "plug-and-play", "p-picart", "james-lewis"]
    assert {i: entity(loaded, i)["country"] for i in unplaced} == dict.fromkeys(unplaced)
    assert entity(loaded, "england") == {"type": "Place", "name": "England", "aliases": [],
                                         "country": "gb", "inferred": False, "note": None}
