"""The nineteenth drafting round (docs/adding-an-article.md), on made-up texts: a line in title
case is a heading however long (only names an organisation word types come from it), a
speaker named after "by" and a title in a heading is a person, and a one-word name that owns
something right after a sentence's opening word counts as a use of the name."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from tests.drafting import draft_text as _draft
from tests.drafting import entity_names as _names

HEADLINE = ("Testland National Sentenced to 14 Months in Prison for Acting in the United States "
            "As an Illegal Agent of Kestrel Intelligence Bureau")
BODY = "Ms. Ada Lin said the court ruled on Friday."


def _release(line: str) -> Draft:
    """A press release: the issuer, the headline, one paragraph."""
    return _draft(f"Department of Justice\n\n{line}\n\n{BODY}\n")


def test_a_long_line_in_title_case_is_a_heading() -> None:
    # no name from its untyped runs ("Testland National Sentenced", "Prison for Acting");
    # the bureau an organisation word types, and the listed place, are names
    assert _names(_release(HEADLINE)) == [
        ("United States", "Place"), ("Department of Justice", "GovernmentBody"),
        ("Illegal Agent of Kestrel Intelligence Bureau", "GovernmentBody"),
        ("Kestrel Intelligence Bureau", "GovernmentBody"), ("Ada Lin", "Person")]
    junk = [("Testland National Sentenced", "Company"), ("Prison for Acting", "Company"),
            ("United States As", "Company")]
    # the same words ending in a full stop are a sentence; with a lower-case word that is
    # none of a title's small words, the line is no title
    for line in (HEADLINE + ".", HEADLINE.replace(" in the United", " somewhere in the United")):
        assert set(junk) <= set(_names(_release(line))), line


def test_a_speaker_after_by_and_a_title_in_a_heading_is_a_person() -> None:
    assert _names(_release("Remarks by National Economic Counsellor Jane Roe on Responding to "
                           "Overcapacity")) == [
        ("Department of Justice", "GovernmentBody"), ("Jane Roe", "Person"), ("Ada Lin", "Person")]
    # two words alone after "by": nothing says they are a person
    assert _names(_release("Remarks by Jane Roe on Responding to Overcapacity")) == [
        ("Department of Justice", "GovernmentBody"), ("Ada Lin", "Person")]


def test_a_name_owning_something_after_the_opening_word_is_a_use_of_it() -> None:
    assert _names(_draft("Following Zentrix’s disclosure, the agency notified Zentrix to "
                         "patch the flaw. Officials praised the response.")) == [
        ("Zentrix", "Company")]
    # one use is not enough
    assert _names(_draft("Following Zentrix’s disclosure, the agency acted. Officials praised "
                         "the response.")) == []
