"""Drafting rules that link names across clauses and sentences (a pronoun or "this <role>"
standing for an entity named before, a role in apposition, lists governed by one verb),
and the status and candidate rules added with them, one at a time on made-up sentences."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from tests.drafting import draft_text as _draft


def _facts(d: Draft) -> set[tuple[str, str, str, str]]:
    return {(s.subject, s.type, s.object, s.status) for s in d.stubs}


def test_a_role_in_apposition_types_a_person_and_its_pronoun_links_the_company() -> None:
    d = _draft("Kestrel Robotics Inc. was started in 2015 to build drones.\n\n"
               "One of its co-founders, Mira Okafor, had worked on drones for years.")
    assert ("Mira Okafor", "Person") in [(e.name, e.type) for e in d.entities]
    assert _facts(d) == {
        ("mira-okafor", "HOLDS_POSITION", "kestrel-robotics-inc", "reported")}
    stub = next(s for s in d.stubs if s.object == "kestrel-robotics-inc")
    assert "'its' taken to mean kestrel-robotics-inc" in stub.comment


def test_a_pronoun_stands_for_the_last_entity_it_can_mean() -> None:
    # "she" is no university: the person named before it, not the sentence's first name
    d = _draft("Beta University hired Professor Mira Okafor in 2018. She joined the Alpha "
               "Institute in 2019.")
    assert ("mira-okafor", "MEMBER_OF", "alpha-institute", "reported") in _facts(d)
    assert not any(s.subject == "beta-university" and s.object == "alpha-institute"
                   for s in d.stubs)


def test_this_and_a_role_stand_for_the_person_named_before() -> None:
    d = _draft("Kestrel Robotics Inc. hired Professor Mira Okafor in 2018. This researcher "
               "also worked at Delta Systems.")
    stubs = {(s.subject, s.type, s.object): s.comment for s in d.stubs}
    assert "'This researcher' taken to mean mira-okafor" in stubs[
        ("mira-okafor", "HOLDS_POSITION", "delta-systems")]


def test_a_speech_verb_between_the_pair_does_not_make_it_alleged() -> None:
    # the speaker and what is said straddle "said": reported; the pair inside the reported
    # clause is what "said" attributes
    d = _draft("Mira Okafor said the Zeta Harbour Office had funded Beta University.")
    assert _facts(d) == {
        ("mira-okafor", "COMMENTS_ON", "zeta-harbour-office", "reported"),
        ("zeta-harbour-office", "FUNDS", "beta-university", "alleged")}


def test_where_a_place_lies_keeps_reported_and_previously_is_a_past_event() -> None:
    d = _draft("Kestrel Microsystems plans to set up a lab in Dunmore County, Testville "
               "Province.")
    assert ("dunmore-county", "LOCATED_IN", "testville-province", "reported") in _facts(d)
    d = _draft("Mira Okafor was previously hosted by the Zeta Harbour Office.")
    assert _facts(d) == {("zeta-harbour-office", "RUNS", "mira-okafor", "reported")}


def test_a_sentence_opening_with_it_continues_the_subject_before() -> None:
    d = _draft("The Zeta Harbour Office was a busy port authority in the 1990s. It was a "
               "major supplier of drones. It is now owned by Kestrel Microsystems.")
    assert _facts(d) == {
        ("zeta-harbour-office", "TARGETS", "drones", "reported"),
        ("kestrel-microsystems", "ACQUIRES", "zeta-harbour-office", "reported")}
    assert all("'It' taken to mean zeta-harbour-office" in s.comment for s in d.stubs)


def test_what_a_body_sets_up_or_staffs_in_a_place_puts_it_there() -> None:
    d = _draft("In 2012 Kestrel Microsystems opened its own design centre in Testville.")
    assert _facts(d) == {("kestrel-microsystems", "LOCATED_IN", "testville", "reported")}
    d = _draft("Omega Labs Inc. hired several of Kestrel Microsystems’s senior engineers in "
               "Testville.")
    assert ("kestrel-microsystems", "LOCATED_IN", "testville", "reported") in _facts(d)


def test_a_reference_entry_title_gives_only_typed_names() -> None:
    d = _draft("Kestrel Microsystems funded Beta University.\n\n"
               "[3]: How Testville money and Okafor research are helping Zorbia. "
               "The Test Gazette. May 26, 2018.\n")
    names = {e.name for e in d.entities}
    assert "How Testville" not in names and "Okafor" not in names


def test_a_word_that_is_no_name_is_not_one_when_repeated() -> None:
    d = _draft("Kestrel Microsystems hired Ph.D. students. Beta University trained Ph.D. "
               "candidates for Kestrel Microsystems.")
    assert "Ph" not in {e.name for e in d.entities}


def test_a_campus_is_part_of_a_university_name() -> None:
    d = _draft("Bo Lin was based at the University of Testville at Dunmore in 2019.")
    assert ("university-of-testville-at-dunmore", "University") in {
        (e.id, e.type) for e in d.entities}


def test_the_trigger_is_no_status_cue_for_its_own_pair() -> None:
    d = _draft("Later the Zeta Harbour Office questioned Mira Okafor for hours.")
    assert _facts(d) == {("zeta-harbour-office", "MEETS_WITH", "mira-okafor", "reported")}


def test_ownership_and_control_cues() -> None:
    d = _draft("Kestrel Microsystems, a subsidiary of Omega Group, is controlled by the Zeta "
               "Harbour Office. Delta Labs Inc. was bought by Omega Group.")
    assert _facts(d) == {
        ("kestrel-microsystems", "PART_OF", "omega-group", "reported"),
        ("kestrel-microsystems", "SUPERVISED_BY", "zeta-harbour-office", "reported"),
        ("omega-group", "ACQUIRES", "delta-labs-inc", "reported")}


def test_a_later_mention_of_a_name_is_paired_too() -> None:
    d = _draft("In 2009, as Kestrel plunged into crisis, Omega Labs Inc. hired some of Kestrel's "
               "senior engineers in Testville.")
    stub = next(s for s in d.stubs if (s.subject, s.object) == ("kestrel", "testville"))
    assert stub.type == "LOCATED_IN" and "from a later mention 'Kestrel'" in stub.comment


def test_a_bracket_opening_with_a_preposition_goes_on_with_the_clause_before() -> None:
    d = _draft("In 2008 Omega Labs Inc. won a deal for drones (with Delta Systems Inc. and the "
               "Zeta Harbour Office).")
    facts = _facts(d)
    assert ("omega-labs-inc", "SIGNS_AGREEMENT_WITH", "delta-systems-inc", "reported") in facts
    assert ("omega-labs-inc", "SIGNS_AGREEMENT_WITH", "zeta-harbour-office", "reported") in facts
