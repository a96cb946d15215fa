"""The drafting rules one at a time, on made-up sentences: which candidates and fact stubs
each rule adds (the whole command is tested in test_draft.py)."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from tests.drafting import draft_text as _draft


def _entities(d: Draft) -> list[tuple]:
    return [(e.id, e.type, e.name, e.aliases, e.name_zh) for e in d.entities]


def _stubs(d: Draft) -> list[tuple]:
    return [(s.subject, s.type, s.object, s.evidence) for s in d.stubs]


def test_name_printed_inside_another_is_a_stub() -> None:
    text = "Kestrel Microsystems opened the Kestrel Shanghai Laboratory last year."
    # (a place only ever named inside a longer name is no candidate: Shanghai is named alone)
    # (the stub with a cue between its names first: surest first)
    assert _stubs(_draft(text + "\nShanghai is large.")) == [
        ("kestrel-microsystems", "ESTABLISHES", "kestrel-shanghai-laboratory", [text]),
        ("kestrel-shanghai-laboratory", "PART_OF", "kestrel-microsystems", [text]),
        ("kestrel-shanghai-laboratory", "LOCATED_IN", "shanghai", [text])]


def test_quoted_titles_slogans_and_translations_are_candidates() -> None:
    d = _draft("Officials praised the “reach out” strategy and a plan titled “Work Plan of the "
               "Zeta Harbour Office.”\nThe bureau also promoted the “smart harbour alliances "
               "(智慧港口联盟),” which can also be translated as “harbour alliances.”")
    assert _entities(d) == [
        ("reach-out-strategy", "Programme", "reach out strategy", ["reach out"], None),
        ("work-plan-of-the-zeta-harbour-office", "Programme",
         "Work Plan of the Zeta Harbour Office", [], None),
        # named only inside the quoted title, still a candidate
        ("zeta-harbour-office", "GovernmentBody", "Zeta Harbour Office", [], None),
        ("smart-harbour-alliances", "Association", "smart harbour alliances",
         ["harbour alliances"], "智慧港口联盟")]


def test_two_word_organisation_is_named_by_its_first_word() -> None:
    d = _draft("Kestrel Microsystems signed a deal in Testville. "
               "Regulators later banned the export of Kestrel’s semiconductors.")
    assert _stubs(d) == [("kestrel-microsystems", "TARGETS", "semiconductors",
                          ["Regulators later banned the export of Kestrel’s semiconductors."])]


def test_possessor_before_a_name_is_its_own_name() -> None:
    text = "Britain’s Inspectorate of Export Controls reviewed the deal."
    d = _draft(text)
    assert [e.name for e in d.entities] == ["Britain", "Inspectorate of Export Controls"]
    assert _stubs(d) == [("inspectorate-of-export-controls", "LOCATED_IN", "britain", [text])]


def test_one_name_sentence_pairs_with_the_sentence_before() -> None:
    d = _draft("The Zeta Harbour Office met officials last week. "
               "One of the contracts was with Kestrel Microsystems.\nKestrel Microsystems grew.")
    assert _stubs(d) == [
        ("zeta-harbour-office", "SIGNS_AGREEMENT_WITH", "kestrel-microsystems",
         ["The Zeta Harbour Office met officials last week.",
          "One of the contracts was with Kestrel Microsystems."])]


def test_the_company_refers_to_the_last_company_named() -> None:
    d = _draft("Kestrel Microsystems opened an office in Testville. "
               "The company signed an agreement with the Zeta Harbour Office.")
    assert _stubs(d) == [
        ("kestrel-microsystems", "LOCATED_IN", "testville",  # where it opened an office
         ["Kestrel Microsystems opened an office in Testville."]),
        ("kestrel-microsystems", "SIGNS_AGREEMENT_WITH", "zeta-harbour-office",
         ["The company signed an agreement with the Zeta Harbour Office."])]


def test_issuer_of_a_report_is_a_candidate() -> None:
    d = _draft("The Zeta report praised Beta University.")
    assert _entities(d) == [("zeta", "Company", "Zeta", [], None),
                            ("beta-university", "University", "Beta University", [], None)]


def test_members_of_a_list_are_not_paired_with_each_other() -> None:
    text = ("Orion Capital invested in Alpha Robotics Inc., the Beta Labs startup incubator, "
            "research firm Gamma Medical, and Delta Microsystems.")
    assert [(s.subject, s.type, s.object) for s in _draft(text).stubs] == [
        ("orion-capital", "INVESTS_IN", "alpha-robotics-inc"),
        ("orion-capital", "INVESTS_IN", "beta-labs"),
        ("orion-capital", "INVESTS_IN", "gamma-medical"),
        ("orion-capital", "INVESTS_IN", "delta-microsystems")]


def test_a_place_after_a_list_member_goes_with_that_member() -> None:
    text = ("Zeta College partnered with Alpha University and Beta College in Testland Province, "
            "Gamma University in Otherland Province, and Delta University in Farland Province.")
    pairs = {(s.subject, s.object) for s in _draft(text).stubs}
    assert ("beta-college", "testland-province") in pairs
    assert ("alpha-university", "testland-province") in pairs
    assert ("gamma-university", "otherland-province") in pairs
    assert not {("alpha-university", "gamma-university"), ("beta-college", "otherland-province"),
                ("gamma-university", "farland-province")} & pairs
    assert ("zeta-college", "delta-university") in pairs


def test_places_separated_by_commas_are_an_address() -> None:
    text = "The letter came from Alpha District, Beta City, Gamma Province."
    assert [(s.subject, s.type, s.object) for s in _draft(text).stubs] == [
        ("alpha-district", "LOCATED_IN", "beta-city"),
        ("beta-city", "LOCATED_IN", "gamma-province")]


def test_a_footnote_mark_ends_a_sentence() -> None:
    from techkg.loaders.draft.text import sentences

    text = "Kestrel Microsystems grew (Test Gazette, 2021). [4] Beta University did not."
    assert [s.text for s in sentences(text)] == [
        "Kestrel Microsystems grew (Test Gazette, 2021).", "Beta University did not."]


def test_these_and_the_last_word_of_a_lower_case_name_refer_to_it() -> None:
    d = _draft("Officials built “coastal trade hubs (沿海贸易枢纽)” last year. "
               "Most of these hubs were set up with the Zeta Harbour Office.")
    assert [e.name for e in d.entities] == ["coastal trade hubs", "Zeta Harbour Office"]
    assert [(s.subject, s.object, s.comment) for s in d.stubs] == [
        ("coastal-trade-hubs", "zeta-harbour-office",
         "confidence medium: 'set up' suggests ESTABLISHES; 'these hubs' taken to mean "
         "coastal-trade-hubs")]


def test_lower_case_items_listed_with_technologies_are_technologies() -> None:
    text = ("Kestrel Microsystems works on robotics, drones, "
            "marine sensing, and tidal power.")
    d = _draft(text)
    assert [(e.name, e.type, e.comment) for e in d.entities if e.name in (
        "marine sensing", "tidal power")] == [
        ("marine sensing", "Technology", "new: listed with technologies"),
        ("tidal power", "Technology", "new: listed with technologies")]
    # two technologies are not a fact; the company targets each
    assert {(s.subject, s.type, s.object) for s in d.stubs} == {
        ("kestrel-microsystems", "TARGETS", t)
        for t in ("robotics", "drones", "marine-sensing", "tidal-power")}


def test_one_listed_technology_is_not_enough_for_a_long_list() -> None:
    d = _draft("Kestrel Microsystems sells robotics, garden tools, and kitchen sinks.")
    assert [e.name for e in d.entities] == ["robotics", "Kestrel Microsystems"]


def test_generic_organisation_is_named_with_its_place() -> None:
    text = ("Kestrel Microsystems was invited to a dinner hosted by the Zetan consulate general "
            "in Testville City.")
    d = _draft(text)
    assert _entities(d) == [
        ("zetan-consulate-general-in-testville-city", "GovernmentBody",
         "Zetan consulate general in Testville City", [], None),
        ("kestrel-microsystems", "Company", "Kestrel Microsystems", [], None),
        ("testville-city", "Place", "Testville City", [], None)]
    assert {(s.subject, s.type, s.object) for s in d.stubs} == {
        ("zetan-consulate-general-in-testville-city", "LOCATED_IN", "testville-city"),
        ("zetan-consulate-general-in-testville-city", "RUNS", "kestrel-microsystems")}


def test_a_unit_named_by_whose_it_is_is_a_candidate() -> None:
    text = "Officials praised the joint research center of Kestrel Microsystems."
    d = _draft(text)
    assert _entities(d) == [
        ("joint-research-center-of-kestrel-microsystems", "InnovationBase",
         "joint research center of Kestrel Microsystems", [], None),
        ("kestrel-microsystems", "Company", "Kestrel Microsystems", [], None)]
    assert _stubs(d) == [("joint-research-center-of-kestrel-microsystems", "PART_OF",
                          "kestrel-microsystems", [text])]
    # "the city of …" is the place itself
    assert [e.name for e in _draft("Officials from the coastal city of Testville met.")
            .entities] == []


def test_an_event_described_with_a_name_in_it_is_a_candidate() -> None:
    text = ("Kestrel Microsystems took part in the ZTA harbour robotics conference organized by "
            "the Zeta Harbour Office and in an annual Tidal summit in Testville City.")
    d = _draft(text)
    assert [(e.name, e.type) for e in d.entities] == [
        ("annual Tidal summit in Testville City", "Event"),
        ("ZTA harbour robotics conference", "Event"),
        ("Kestrel Microsystems", "Company"), ("Zeta Harbour Office", "GovernmentBody"),
        ("Testville City", "Place")]
    # a description without a name in it is no name
    assert [e.name for e in _draft("Kestrel Microsystems attended the annual robotics "
                                   "conference.").entities] == ["robotics", "Kestrel Microsystems"]


def test_a_place_is_also_named_without_its_place_word() -> None:
    d = _draft("A new port opened in Testville county last year.\n"
               "Kestrel Microsystems, based in Testville, hired workers.")
    assert [(s.subject, s.type, s.object) for s in d.stubs] == [
        ("kestrel-microsystems", "LOCATED_IN", "testville-county")]


def test_a_unit_and_its_parent_inside_a_title_are_paired() -> None:
    text = "Officials issued the “2021 Work Plan of the Transfer Office of Beta University.”"
    stubs = {(s.subject, s.type, s.object) for s in _draft(text).stubs}
    assert ("transfer-office-of-beta-university", "PART_OF", "beta-university") in stubs


def test_one_of_a_kind_named_by_its_place_is_a_candidate() -> None:
    d = _draft("The ministry backs “coastal trade hubs (沿海贸易枢纽)” abroad. "
               "Kestrel Microsystems signed an agreement with the Testville City coastal trade "
               "hub.\n"
               "The hub in Otherville City works with Beta University.")
    assert [(e.name, e.type, e.aliases) for e in d.entities][4:] == [
        ("Testville City coastal trade hub", "InnovationBase", []),
        ("Otherville City coastal trade hub", "InnovationBase", ["hub in Otherville City"])]
    stubs = {(s.subject, s.type, s.object) for s in d.stubs}
    assert {("testville-city-coastal-trade-hub", "PART_OF", "coastal-trade-hubs"),
            ("kestrel-microsystems", "SIGNS_AGREEMENT_WITH", "testville-city-coastal-trade-hub"),
            ("otherville-city-coastal-trade-hub", "LOCATED_IN", "otherville-city"),
            ("otherville-city-coastal-trade-hub", "PART_OF", "coastal-trade-hubs"),
            ("otherville-city-coastal-trade-hub", "PARTNERS_WITH", "beta-university")} <= stubs
    assert ("coastal-trade-hubs", "PARTNERS_WITH", "beta-university") not in stubs


def test_several_of_a_kind_named_by_their_places() -> None:
    text = ("Kestrel Microsystems is launching “trade offices” in Alpha City and Beta City "
            "with the Zeta Harbour Office.")
    d = _draft(text)
    assert [(e.name, e.type) for e in d.entities][-2:] == [
        ("trade office in Alpha City", "GovernmentBody"),
        ("trade office in Beta City", "GovernmentBody")]
    stubs = {(s.subject, s.object) for s in d.stubs}
    # ("… with the Zeta Harbour Office": "with" alone is no relation cue, so no stub)
    assert {("trade-office-in-alpha-city", "alpha-city"),
            ("trade-office-in-beta-city", "beta-city"),
            ("kestrel-microsystems", "trade-office-in-alpha-city")} <= stubs
    # each office goes with its own place only
    assert not {("trade-office-in-alpha-city", "beta-city"),
                ("trade-office-in-alpha-city", "trade-office-in-beta-city")} & stubs


def test_several_of_a_kind_the_article_names_in_the_plural() -> None:
    d = _draft("The ministry backs “coastal trade hubs (沿海贸易枢纽)” abroad.\n"
               "In 2016, pilot hubs were set up in Alpha City, Beta City, and Gamma City.")
    assert [e.name for e in d.entities][-3:] == [
        "Alpha City coastal trade hub", "Beta City coastal trade hub",
        "Gamma City coastal trade hub"]
    stubs = {(s.subject, s.type, s.object) for s in d.stubs}
    assert {("alpha-city-coastal-trade-hub", "PART_OF", "coastal-trade-hubs"),
            ("alpha-city-coastal-trade-hub", "LOCATED_IN", "alpha-city")} <= stubs
    assert not any("beta-city" in (s, o) and "alpha-city-coastal-trade-hub" in (s, o)
                   for s, _, o in stubs)


def test_a_source_cited_in_brackets_is_no_antecedent() -> None:
    d = _draft("Okafor founded the Kestrel Trade Association in 2019 (Zeta Harbour Office, May 4, "
               "2021). In 2023, the organization signed an agreement with Beta University.")
    assert ("kestrel-trade-association", "SIGNS_AGREEMENT_WITH", "beta-university") in {
        (s.subject, s.type, s.object) for s in d.stubs}
    assert "zeta-harbour-office" not in {s.subject for s in d.stubs if s.object ==
                                         "beta-university"}


def test_the_other_goes_with_what_came_before_one_of() -> None:
    d = _draft("Officials helped Kestrel Microsystems to win three deals. "
               "One of the deals was with Alpha Robotics Inc. "
               "The other two were with Beta University and Gamma Medical.")
    pairs = {(s.subject, s.object) for s in d.stubs}
    assert {("kestrel-microsystems", "alpha-robotics-inc"),
            ("kestrel-microsystems", "beta-university"),
            ("kestrel-microsystems", "gamma-medical")} <= pairs
    assert ("alpha-robotics-inc", "beta-university") not in pairs


def test_an_abbreviation_before_a_sentence_opener_ends_the_sentence() -> None:
    from techkg.loaders.draft.text import sentences

    text = "Mr. Okafor joined Alpha Robotics Inc. The firm grew in the U.S. market. Dr. Roe left."
    assert [s.text for s in sentences(text)] == [
        "Mr. Okafor joined Alpha Robotics Inc.", "The firm grew in the U.S. market.",
        "Dr. Roe left."]


def test_a_place_goes_with_the_name_right_before_it() -> None:
    text = ("Kestrel Microsystems signed a deal with Beta University in "
            "Testville City and with Alpha College and Gamma College in Otherville City.")
    pairs = {(s.subject, s.object) for s in _draft(text).stubs}
    assert {("beta-university", "testville-city"), ("alpha-college", "otherville-city"),
            ("gamma-college", "otherville-city"), ("kestrel-microsystems", "beta-university"),
            ("kestrel-microsystems", "gamma-college")} <= pairs
    # a place goes with the name right before it only, not with the sentence's first name
    assert not {("beta-university", "otherville-city"),
                ("kestrel-microsystems", "testville-city")} & pairs
