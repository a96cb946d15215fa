"""The sixteenth drafting round (docs/adding-an-article.md), on made-up sentences: a lower-case
term the text defines by its abbreviation is a candidate, with the abbreviation as its alias."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from tests.drafting import draft_text as _draft


def _names(d: Draft) -> list[tuple[str, str, list[str]]]:
    return [(e.name, e.type, e.aliases) for e in d.entities]


def test_a_term_defined_by_its_abbreviation_is_a_candidate() -> None:
    assert _names(_draft("China mines rare earth elements (REEs) and makes personal "
                         "protective equipment (PPE).")) == [
        ("China", "Place", []),
        ("rare earth elements", "Technology", ["REEs"]),
        ("personal protective equipment", "Technology", ["PPE"])]


def test_hyphenated_words_and_function_words_spell_it_too() -> None:
    # "light-emitting" gives L and E; "and" may give no letter; the head word types it
    assert _names(_draft("Kestrel Labs Inc. makes light-emitting diodes (LEDs) under a "
                         "non-disclosure agreement (NDA) and the information and "
                         "communications technology and services (ICTS) rule.")) == [
        ("light-emitting diodes", "Technology", ["LEDs"]),
        ("non-disclosure agreement", "Document", ["NDA"]),
        ("information and communications technology and services", "Technology", ["ICTS"]),
        ("Kestrel Labs Inc.", "Company", [])]


def test_no_term_where_the_initials_do_not_spell_it() -> None:
    # the words before the bracket do not spell it, or are capitalised (a name's own rule)
    assert _names(_draft("Output grew fast (GDP) while Omega Cloud Ltd. (OCL) sold "
                         "well.")) == [("Omega Cloud Ltd.", "Company", ["OCL"])]
