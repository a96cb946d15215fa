"""The twentieth drafting round (docs/adding-an-article.md), on made-up sentences: a division or
a section is a government body's unit, and its name may join two words by "and"; a part of a
text named by its number is no name; a director's and the vice president's offices are
government bodies, as the seventeenth round's offices are."""

from __future__ import annotations

from tests.drafting import draft_text as _draft


def _names(text: str) -> list[tuple[str, str]]:
    return [(e.name, e.type) for e in _draft(text).entities]


def test_a_section_or_division_is_a_unit_whose_name_may_join_two_words() -> None:
    assert _names("Trial Attorney Mira Okafor of the Counterintelligence and Export Control "
                  "Section prosecuted the case with the Testland Cyber Division.") == [
        ("Mira Okafor", "Person"),
        ("Counterintelligence and Export Control Section", "GovernmentBody"),
        ("Testland Cyber Division", "GovernmentBody")]


def test_a_part_of_a_text_named_by_its_number_is_no_name() -> None:
    assert _names("Tariffs under Section 301 remain; Section 2 of the order and Article 5 "
                  "name Kestrel Systems Inc.") == [("Kestrel Systems Inc.", "Company")]
    # a unit named by its number is kept
    assert ("Unit 61398", "Company") in _names("Unit 61398 of the army hacked Kestrel "
                                               "Systems Inc.")


def test_a_directors_and_the_vice_presidents_offices_are_government_bodies() -> None:
    assert _names("The Director of National Intelligence and the Vice President shall brief "
                  "Congress.") == [("Director of National Intelligence", "GovernmentBody"),
                                   ("Vice President", "GovernmentBody"),
                                   ("Congress", "GovernmentBody")]
    # a person named after the office holds it
    assert _names("Director of National Intelligence Mira Okafor spoke.") == [
        ("Director of National Intelligence", "GovernmentBody"), ("Mira Okafor", "Person")]
