"""The seventeenth drafting round (docs/adding-an-article.md), on made-up sentences: an office
named by its title is a government body, and a person named right after it holds it."""

from __future__ import annotations

from tests.drafting import draft_text as _draft
from tests.drafting import entity_names as _names


def test_an_office_named_by_its_title_is_a_government_body() -> None:
    assert _names(_draft("The Secretary of the Treasury shall consult the Attorney General, "
                         "the Secretary of Health and Human Services and the U.S. Trade "
                         "Representative.")) == [
        ("Secretary of the Treasury", "GovernmentBody"),
        ("Attorney General", "GovernmentBody"),
        ("Secretary of Health and Human Services", "GovernmentBody"),
        ("U.S. Trade Representative", "GovernmentBody")]


def test_a_person_named_after_the_office_holds_it() -> None:
    d = _draft("Secretary of Commerce Mira Okafor visited the offices of Kestrel Labs Inc. "
               "last week.")
    assert _names(d) == [("Secretary of Commerce", "GovernmentBody"), ("Mira Okafor", "Person"),
                         ("Kestrel Labs Inc.", "Company")]
    assert ("mira-okafor", "HOLDS_POSITION", "secretary-of-commerce") in [
        (s.subject, s.type, s.object) for s in d.stubs]


def test_no_office_from_a_title_alone_or_two_names_run_together() -> None:
    # a one-word title alone names no office; a person's title before a name is no office
    assert _names(_draft("The Secretary shall report to Congress.")) == [
        ("Congress", "GovernmentBody")]
    assert _names(_draft("Attorney General Tom Reed said so.")) == [("Tom Reed", "Person")]
    # more than six words after "of": two names run together, not one office
    assert "GovernmentBody" not in [t for _, t in _names(_draft(
        "Secretary of State and National Security Advisor Tom Reed and Testland met."))]
