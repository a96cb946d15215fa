"""Fourth-round rules on made-up sentences: one-word, hyphenated and lower-case bodies, two
names joined by "and", short forms of a person, generic nouns standing for an actor, and the
cues, places and statuses of their stubs."""

from __future__ import annotations

from techkg.loaders.draft.names import phrases
from techkg.loaders.draft.text import sentences
from tests.drafting import draft_text as _draft
from tests.drafting import names_in as _names


def _facts(text: str) -> set[tuple[str, str, str, str]]:
    return {(s.subject, s.type, s.object, s.status) for s in _draft(text).stubs}


def test_a_hyphenated_company_name_is_a_name_and_its_country_is_no_part_of_it() -> None:
    text = ("Q-mobile USA Inc., a carrier, built a robot. Kestrel Microsystems signed "
            "an agreement with Q-mobile. Kestrel Microsystems added new awards.")
    assert _names(text) == [("Q-mobile USA Inc.", "Company"),
                            ("Kestrel Microsystems", "Company")]
    assert ("kestrel-microsystems", "SIGNS_AGREEMENT_WITH", "q-mobile-usa-inc",
            "reported") in _facts(text)


def test_two_names_of_two_words_joined_by_and_are_two_names() -> None:
    assert _names("The victims include Harbour Freight, Dunmore Chemical and Morgan Reed.\n"
                  "[4]: Port notes. Mira Okafor and Tom Reed. Port Weekly. May 1, 2020.") == [
        ("Harbour Freight", "Company"), ("Dunmore Chemical", "Company"),
        ("Morgan Reed", "Company"), ("Mira Okafor", "Company"), ("Tom Reed", "Company"),
        ("Port Weekly", "Company")]


def test_a_single_word_named_once_is_a_name_where_its_place_says_so() -> None:
    text = ("Kestrel Microsystems beat rivals such as Quorvo. It trails South Korea’s Velmark. "
            "Users ran Zentrix’s Harbour Browser. Data came from Patlytics, a Testland-based "
            "company. Source: https://example.org/quorvo-velmark")
    names = [n for n, _ in _names(text)]
    assert {"Quorvo", "Velmark", "Zentrix", "Patlytics"} <= set(names)
    assert "Users" not in names and "Data" not in names


def test_lower_case_bodies_are_names() -> None:
    names = _names("Kestrel Microsystems is funded by the government of Testland. Hackers "
                   "targeted the Zetan government in exile and the Dunmore parliament. "
                   "Later, Dunmore police questioned Kestrel Microsystems.")
    assert ("government of Testland", "GovernmentBody") in names
    assert ("Zetan government in exile", "GovernmentBody") in names
    assert ("Dunmore parliament", "GovernmentBody") in names
    assert ("Dunmore police", "GovernmentBody") in names


def test_the_attackers_stand_for_the_entity_named_with_such_a_noun() -> None:
    facts = _facts("In 2009, Testland Ministry hackers ran a large operation. Kestrel "
                   "Microsystems was infiltrated by the attackers. The Testland attackers "
                   "stole Harbour Group's source code.")
    assert ("testland-ministry", "TARGETS", "kestrel-microsystems", "reported") in facts
    assert ("testland-ministry", "TARGETS", "harbour-group", "reported") in facts


def test_the_attackers_stand_for_no_one_without_an_entity_named_so() -> None:
    assert _facts("Kestrel Microsystems was infiltrated by the attackers.") == set()


def test_a_given_name_used_alone_is_the_person_named_in_full() -> None:
    text = ("In 2012, Tarn Velik worked on a project for Kestrel Microsystems. Later, Tarn "
            "visited Dunmore Institute. By June, Tarn had left Kestrel Microsystems.")
    assert _names(text) == [("Tarn Velik", "Person"), ("Kestrel Microsystems", "Company"),
                            ("Dunmore Institute", "ResearchInstitute")]
    assert ("tarn-velik", "VISITS", "dunmore-institute", "reported") in _facts(text)


def test_openers_retrieval_notes_and_numbered_parts_are_no_names() -> None:
    names = [n for n, _ in _names(
        "Besides Kestrel Microsystems and Harbour Group, others were hit.\n"
        "United States Maritime Commission sued.\n"
        "[1]: Ports. Season 3, Episode 55. Port Weekly. (Retrieved) May 1, 2021.\n"
        "[2]: Docks. Season 3, Episode 56. Port Weekly. (Retrieved) May 2, 2021.")]
    assert "Kestrel Microsystems" in names and "Harbour Group" in names
    assert "United States Maritime Commission" in names
    assert not {"Retrieved", "Episode", "Besides Kestrel Microsystems"} & set(names)


def test_the_listed_victims_are_targets_of_the_attack_named_before() -> None:
    text = ("Operation Nightjar hit firms in Testland. Not all were named. However, the "
            "breached corporations include Kestrel Microsystems, Harbour Freight and Dunmore "
            "Chemical.")
    assert _facts(text) >= {("operation-nightjar", "TARGETS", "kestrel-microsystems", "reported"),
                            ("operation-nightjar", "TARGETS", "harbour-freight", "reported"),
                            ("operation-nightjar", "TARGETS", "dunmore-chemical", "reported")}
    # without a victim word the set is no victims
    assert not any(f[0] == "operation-nightjar" and f[2] == "harbour-freight" for f in _facts(
        "Operation Nightjar hit firms in Testland. Our partner corporations include Kestrel "
        "Microsystems, Harbour Freight and Dunmore Chemical."))


def test_two_single_names_after_a_leading_word_are_two_but_not_after_the() -> None:
    runs = [" ".join(t.text for t in run) for s in sentences(
        "Besides Quorvo and Velmark, the attackers wrote to The Harbour and Dock.")
        for run in phrases(s)]
    assert runs == ["Quorvo", "Velmark", "Harbour and Dock"]


def test_a_surname_alone_makes_the_full_name_a_person_even_once_a_candidate() -> None:
    text = ("The other academician - Tam Orrin - was based at Dunmore University. Kestrel "
            "Microsystems paid Orrin for this work. Later, Orrin contacted Kestrel "
            "Microsystems.")
    names = _names(text)
    assert ("Tam Orrin", "Person") in names and not any(n == "Orrin" for n, _ in names)


def test_a_plan_that_prioritizes_a_technology_targets_it() -> None:
    assert ("harbour-modernisation-plan", "TARGETS", "quantum-computing", "reported") in _facts(
        "The Harbour Modernisation Plan prioritizes quantum computing.")


def test_an_ampersand_between_capitalised_words_stays_in_the_name() -> None:
    assert _names("The Harbour & Dock Association met the Dunmore Arts & Sciences Council.") \
        == [("Harbour & Dock Association", "Association"),
            ("Dunmore Arts & Sciences Council", "GovernmentBody")]


def test_claimed_that_reports_a_clause_and_claims_to_be_is_a_claim() -> None:
    assert ("kestrel-microsystems", "TARGETS", "harbour-group", "reported") in _facts(
        "Kestrel Microsystems claimed that two employees tried to steal Harbour Group's "
        "designs.")
    assert ("kestrel-microsystems", "PARTNERS_WITH", "harbour-group", "claimed") in _facts(
        "Kestrel Microsystems claims to have partnered with Harbour Group.")


def test_a_bodys_named_thing_is_what_it_runs() -> None:
    assert ("kestrel-microsystems", "RUNS", "harbour-browser", "reported") in _facts(
        "The attackers used a flaw in Kestrel Microsystems’ Harbour Browser.") | _facts(
        "The attackers used a flaw in Kestrel Microsystems's Harbour Browser.")


def test_a_cut_quoted_title_with_a_number_word_gives_no_untyped_names() -> None:
    names = [n for n, _ in _names(
        "Kestrel Microsystems grew in the West. Rivals of the West watched.\n"
        "[4] Reed, Tom. “Why Are Kestrel and 5G Such a Big Deal around the World?” The Port "
        "Weekly, 2020, www.example.org/deal.")]
    assert "Big Deal" not in names and "West" not in names


def test_a_typed_name_heading_its_sources_and_a_whole_outlet_sentence_are_names() -> None:
    names = [n for n, _ in _names(
        "Kestrel Microsystems studied the harbour information flows.\n\nUniversity of "
        "Dunmore\n\n[T1]: Tracking Harbour Ghosts. Information Harbour Monitor. May 1, 2009.")]
    assert "University of Dunmore" in names and "Information Harbour Monitor" in names


def test_a_group_or_place_word_and_lower_case_words_ending_in_a_body_word_are_a_body() -> None:
    names = _names("The Canadian security intelligence service notified Kestrel "
                   "Microsystems. Later, U.S. intelligence services tracked spies. Canadian "
                   "research universities grew.")
    assert ("Canadian security intelligence service", "GovernmentBody") in names
    assert ("U.S. intelligence services", "GovernmentBody") in names
    assert not any("universities" in n for n, _ in names)


def test_a_place_in_an_apposition_says_where_the_body_is() -> None:
    facts = _facts("The project used equipment from Kestrel Microsystems - a Canada-based "
                   "company. Harbour Group, a Japan telecom carrier, built a robot.")
    assert ("kestrel-microsystems", "LOCATED_IN", "canada", "reported") in facts
    assert ("harbour-group", "LOCATED_IN", "japan", "reported") in facts


def test_work_wrapped_up_or_left_is_former() -> None:
    facts = _facts("By June, Tarn Velik had wrapped up his work with Dunmore Institute.")
    assert {f[3] for f in facts} == {"former"}


def test_a_persons_work_at_a_body_is_a_position() -> None:
    assert ("tarn-velik", "HOLDS_POSITION", "dunmore-institute", "reported") in _facts(
        "Dr. Tarn Velik was unhappy with his work at Dunmore Institute.")


def test_a_place_owning_what_follows_is_not_where_the_name_before_it_is() -> None:
    facts = _facts("It builds rail links with Kestrel Microsystems, Japan's inland ports and "
                   "Harbour Group.")
    assert not any(f[1] == "LOCATED_IN" and f[0] == "kestrel-microsystems" for f in facts)


def test_a_based_adjective_describes_the_noun_it_is_on() -> None:
    assert not any(f[1] == "LOCATED_IN" for f in _facts(
        "Like all Japan-based companies, Kestrel Microsystems is subject to review."))
    assert ("kestrel-microsystems", "LOCATED_IN", "japan", "reported") in _facts(
        "The Japan-based Kestrel Microsystems grew.")


def test_a_technology_describing_a_body_is_no_party() -> None:
    facts = _facts("Dunmore Institute is a robotics research institute funded by the Harbour "
                   "Ministry.")
    assert not any("robotics" in (f[0], f[2]) for f in facts)
    assert ("harbour-ministry", "FUNDS", "dunmore-institute", "reported") in facts


def test_a_listed_technology_in_singular_and_plural_is_one_candidate() -> None:
    ents = [e for e in _draft("Kestrel Microsystems makes semiconductors. Its semiconductor "
                              "lines grew.").entities if e.type == "Technology"]
    assert len(ents) == 1 and {ents[0].name, *ents[0].aliases} == {"semiconductor",
                                                                  "semiconductors"}


def test_the_source_a_sentence_reports_comments_on_its_topic() -> None:
    facts = _facts("Kestrel Microsystems has more port patents than any firm, according to "
                   "Patlytics Group. Harbour Group grew fast, Dunmore Institute said in a "
                   "report.")
    assert ("patlytics-group", "COMMENTS_ON", "kestrel-microsystems", "alleged") in facts
    assert ("dunmore-institute", "COMMENTS_ON", "harbour-group", "reported") in facts


def test_may_have_makes_the_fact_alleged() -> None:
    assert ("harbour-bank", "FUNDS", "kestrel-microsystems", "alleged") in _facts(
        "Kestrel Microsystems may have received a line of credit from the Harbour Bank.")
