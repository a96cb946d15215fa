"""The twenty-first drafting round (docs/adding-an-article.md), on made-up sentences: a listed
place printed only as the end of a longer name is no place of its own, and the listed
technology terms the dev set's analysts rarely declare ("software", "chips") are no terms."""

from __future__ import annotations

from techkg.loaders.draft.words import drafting
from tests.drafting import names_in as _names


def test_a_listed_place_inside_a_longer_name_is_no_place() -> None:
    assert _names("Dr. Ada Lin of the University of Kansas spoke at the Eastern District of "
                  "Texas.") == [("Ada Lin", "Person"), ("University of Kansas", "University"),
                                ("Eastern District of Texas", "Place")]
    # before another name it stays the place
    assert ("Kansas", "Place") in _names("Dr. Ada Lin of the State of Kansas’s Testco Inc. "
                                         "spoke.")
    # printed on its own once, it is the place
    assert _names("Dr. Ada Lin of the University of Kansas moved to Kansas.") == [
        ("Kansas", "Place"), ("Ada Lin", "Person"), ("University of Kansas", "University")]
    # a leading word before it is no name ("In Texas, …")
    assert ("Texas", "Place") in _names("In Texas, Testco Inc. builds radar.")


def test_the_technology_terms_analysts_rarely_declare_are_no_terms() -> None:
    listed = drafting().technology_terms
    for term in ("software", "chips", "telecommunications", "cybersecurity", "quantum"):
        assert term not in listed
    assert _names("Testco Inc. writes software for its chips and builds semiconductors.") == [
        ("semiconductors", "Technology"), ("Testco Inc.", "Company")]


def test_a_part_of_a_text_named_by_a_numeral_or_a_letter_is_no_name() -> None:
    # (the twenty-second round: roman numerals and letters, and "Subtitle", too)
    assert _names("Under Title XVII, Testco Inc. must report; Subtitle B applies too.") == [
        ("Testco Inc.", "Company")]
    # a treaty's article keeps its name
    assert ("Article V", "Company") in _names("Testland invoked Article V of the treaty.")


def test_a_technology_named_by_a_generic_word_is_no_name() -> None:
    # (the twenty-second round: "local", "global", "unfair", "no", numbers … join the list)
    for text in ("Testco Inc. relied on local technology.",
                 "Testco Inc. bought no technology from Zentrix Ltd.",
                 "The rule covers three technologies and Testco Inc."):
        assert "Technology" not in [t for _, t in _names(text)], text
    assert ("quantum computing", "Technology") in _names("Testco Inc. sells quantum computing.")
