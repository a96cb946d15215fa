"""The rules that keep drafts short and sure, one at a time on made-up sentences: a stub needs
a relation cue in its clause, the cue sets type and direction, negation and status cues
govern their own pair, stubs are ranked; names: short forms, "X and Y", suffixes, junk."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from techkg.loaders.draft.text import sentences
from tests.drafting import draft_text as _draft
from tests.drafting import entity_names as _names


def _facts(d: Draft) -> list[tuple[str, str, str, str]]:
    return [(s.subject, s.type, s.object, s.status) for s in d.stubs]


def test_names_in_one_sentence_without_a_cue_are_no_stub() -> None:
    d = _draft("Kestrel Microsystems reported strong sales while Beta University grew.")
    assert {e.id for e in d.entities} == {"kestrel-microsystems", "beta-university"}
    assert d.stubs == []
    d = _draft("Kestrel Microsystems signed an agreement with Beta University.")
    assert _facts(d) == [
        ("kestrel-microsystems", "SIGNS_AGREEMENT_WITH", "beta-university", "reported")]


def test_the_cue_sets_the_direction_and_the_passive_reverses_it() -> None:
    assert _facts(_draft("The Zeta Harbour Office is run by Kestrel Microsystems.")) == [
        ("kestrel-microsystems", "RUNS", "zeta-harbour-office", "reported")]
    # a passive the word lists do not spell out ("hired by") is read as one too
    assert _facts(_draft("Jane Okafor was hired by Kestrel Microsystems.")) == [
        ("kestrel-microsystems", "RECRUITS", "jane-okafor", "reported")]


def test_a_title_between_the_names_makes_the_person_hold_a_position() -> None:
    d = _draft("The plan was approved by the Alpha Base's deputy director Jane Okafor.")
    assert _facts(d) == [("jane-okafor", "HOLDS_POSITION", "alpha-base", "reported")]


def test_negation_drops_the_stub_and_a_denial_is_denied() -> None:
    assert _draft("Kestrel Microsystems had no agreement with Beta University.").stubs == []
    d = _draft("Kestrel Microsystems denied that it signed an agreement with Beta University.")
    assert _facts(d) == [
        ("kestrel-microsystems", "SIGNS_AGREEMENT_WITH", "beta-university", "denied")]


def test_a_status_cue_governs_only_the_pair_it_stands_between() -> None:
    d = _draft("Jane Okafor, a former director of Beta University, now heads Kestrel "
               "Microsystems.")
    assert set(_facts(d)) == {
        ("jane-okafor", "HOLDS_POSITION", "beta-university", "former"),
        ("jane-okafor", "RUNS", "kestrel-microsystems", "reported")}
    d = _draft("Kestrel Microsystems would fund Beta University; the Alpha Base signed an "
               "agreement with Gamma College.")
    assert set(_facts(d)) == {
        ("kestrel-microsystems", "FUNDS", "beta-university", "planned"),
        ("alpha-base", "SIGNS_AGREEMENT_WITH", "gamma-college", "reported")}


def test_an_attribution_governs_its_whole_sentence() -> None:
    d = _draft("According to officials, Kestrel Microsystems funded Beta University.")
    assert _facts(d) == [("kestrel-microsystems", "FUNDS", "beta-university", "alleged")]


def test_stubs_come_surest_first_and_say_how_sure() -> None:
    d = _draft("Kestrel Microsystems opened the Kestrel Shanghai Laboratory. "
               "The laboratory signed a contract with Beta University.")
    assert [(s.subject, s.object, s.comment.split(":")[0]) for s in d.stubs] == [
        ("kestrel-microsystems", "kestrel-shanghai-laboratory", "confidence high"),
        ("kestrel-shanghai-laboratory", "beta-university", "confidence medium"),
        ("kestrel-shanghai-laboratory", "kestrel-microsystems", "confidence low")]


def test_a_place_goes_only_with_the_name_right_before_it() -> None:
    d = _draft("Kestrel Microsystems opened a lab in Zorbville, and Beta University in "
               "Mongolia signed a contract with the Alpha Base.")
    # Zorbville is a place (after "in"); Mongolia is in the ISO country list
    assert ("Zorbville", "Place") in _names(d) and ("Mongolia", "Place") in _names(d)
    assert set(_facts(d)) == {
        ("kestrel-microsystems", "LOCATED_IN", "zorbville", "reported"),  # where it opened
        ("beta-university", "LOCATED_IN", "mongolia", "reported"),
        ("beta-university", "SIGNS_AGREEMENT_WITH", "alpha-base", "reported")}


def test_a_surname_alone_is_the_person_named_in_full() -> None:
    d = _draft("Bo Lin joined Kestrel Microsystems in 2019. "
               "Later, Lin signed a contract with Beta University.")
    assert ("Bo Lin", "Person") in _names(d) and ("Lin", "Company") not in _names(d)
    assert ("bo-lin", "SIGNS_AGREEMENT_WITH", "beta-university", "reported") in _facts(d)


def test_a_company_is_named_without_its_suffixes_and_keeps_them_after_a_comma() -> None:
    d = _draft("Analysts praised Kestrel Labs, Inc. in a report. "
               "Since then Kestrel hired engineers from Alpha Robotics Ltd.")
    assert _names(d) == [("Kestrel Labs, Inc.", "Company"), ("Alpha Robotics Ltd.", "Company")]
    assert _facts(d) == [("kestrel-labs-inc", "RECRUITS", "alpha-robotics-ltd", "reported")]


def test_two_single_names_joined_by_and_are_two_names() -> None:
    d = _draft("Kestrel and Zorbex signed an agreement in March. Investors backed Zorbex "
               "and later Kestrel; regulators questioned Zorbex, then Kestrel.")
    assert sorted(_names(d)) == [("Kestrel", "Company"), ("Zorbex", "Company")]
    assert _facts(d) == [("kestrel", "SIGNS_AGREEMENT_WITH", "zorbex", "reported")]


def test_headings_number_fragments_groups_and_sentence_openers_are_no_names() -> None:
    d = _draft("Hiring Kestrel staff\n"
               "In 2008 Kestrel Microsystems grew. Season 5 aired. "
               "Overseas Chinese and Canadian groups met. Given Beta University's size, it "
               "grew. A Canadian university joined the Chinese government.")
    assert _names(d) == [("Kestrel Microsystems", "Company"),
                         ("Beta University", "University"),
                         ("Chinese government", "GovernmentBody")]


def test_a_cited_title_gives_no_untyped_names_and_a_reference_entry_no_stubs() -> None:
    d = _draft("[3]: Kestrel Sues Zorbex Over Chips Made By Beta University. Jane Roe. "
               "Test Gazette. May 1, 2020.")
    assert ("Kestrel Sues Zorbex Over Chips Made By Beta University", "Company") \
        not in _names(d)
    assert d.stubs == []


def test_sentences_end_after_a_suffix_before_a_new_subject_and_after_a_quote_mark() -> None:
    text = ("One vendor was Kestrel Labs, Inc. Zorbex attempted to catch up. "
            "He called it “a superpower.”[40] This strategy worked.")
    assert [s.text for s in sentences(text)] == [
        "One vendor was Kestrel Labs, Inc.", "Zorbex attempted to catch up.",
        "He called it “a superpower.", "This strategy worked."]  # the mark goes with neither


def test_a_place_after_a_bracket_or_a_description_is_where_the_name_is() -> None:
    d = _draft("The Kestrel Association (凯斯特协会) in Mongolia grew. "
               "Zorbex University—a research institution in Mongolia—grew too.")
    assert set(_facts(d)) == {
        ("kestrel-association", "LOCATED_IN", "mongolia", "reported"),
        ("zorbex-university", "LOCATED_IN", "mongolia", "reported")}


def test_a_place_that_acts_stands_for_its_body_but_a_place_after_in_does_not() -> None:
    assert _facts(_draft("Shanghai works with Beta University.")) == [
        ("shanghai", "PARTNERS_WITH", "beta-university", "reported")]


def test_a_job_title_is_no_name_and_relates_the_person() -> None:
    d = _draft("Jane Okafor, Professor of Physics at Beta University, spoke.")
    assert _names(d) == [("Jane Okafor", "Person"), ("Beta University", "University")]
    assert _facts(d) == [("jane-okafor", "HOLDS_POSITION", "beta-university", "reported")]
