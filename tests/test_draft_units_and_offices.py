"""The twentieth drafting round (docs/adding-an-article.md), on made-up sentences: a division or
a section is a government body's unit, and its name may join two words by "and"; a part of a
text named by its number is no name; the vice president's office is a government body, as
the seventeenth round's offices are, and a person after an office takes two words."""

from __future__ import annotations

from tests.drafting import names_in as _names


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


def test_the_vice_presidents_office_is_a_government_body_and_a_director_no_office() -> None:
    assert _names("The Vice President shall brief Congress.") == [
        ("Vice President", "GovernmentBody"), ("Congress", "GovernmentBody")]
    # a director heads private bodies too ("Director of the Testland Project"): no office
    assert "GovernmentBody" not in [t for _, t in _names(
        "Mira Okafor, Director of the Testland Project on Arms Control, testified.")]
    # a person named after an office takes two words, three with a middle initial
    assert _names("Secretary of Homeland Security Mira Okafor spoke.") == [
        ("Secretary of Homeland Security", "GovernmentBody"), ("Mira Okafor", "Person")]
    assert _names("Secretary of Commerce Mira J. Okafor spoke.") == [
        ("Secretary of Commerce", "GovernmentBody"), ("Mira J. Okafor", "Person")]
