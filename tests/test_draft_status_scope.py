"""The thirteenth drafting round (docs/adding-an-article.md): a status cue counts only where
it governs the pair. A modal plans only the verb it stands before; the way a sentence names
a body is the outlet's wording, which an attribution of the sentence does not cover; what
stands after "…,” said" describes the speaker, not the quote."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from tests.drafting import draft_text as _draft


def _facts(d: Draft) -> set[tuple[str, str, str, str]]:
    return {(s.subject, s.type, s.object, s.status) for s in d.stubs}


def test_a_modal_plans_only_the_verb_it_stands_before() -> None:
    d = _draft("Kestrel Microsystems imposed a ban that will hurt Beta University.")
    assert _facts(d) == {("kestrel-microsystems", "RESTRICTS", "beta-university", "reported")}
    d = _draft("Kestrel Microsystems will also fund Beta University.")
    assert _facts(d) == {("kestrel-microsystems", "FUNDS", "beta-university", "planned")}


def test_what_will_continue_goes_on_and_is_no_plan() -> None:
    d = _draft("Kestrel Microsystems will continue to fund Beta University.")
    assert _facts(d) == {("kestrel-microsystems", "FUNDS", "beta-university", "reported")}


def test_an_attribution_does_not_cover_how_a_body_is_named() -> None:
    d = _draft("According to the complaint, Wei Tan worked for China's Omega Institute.")
    assert _facts(d) == {("omega-institute", "LOCATED_IN", "china", "reported")}
    d = _draft("According to the complaint, Wei Tan visited the Chinese company Kestrel Labs "
               "Inc.")
    assert _facts(d) == {("wei-tan", "VISITS", "kestrel-labs-inc", "alleged")}


def test_the_titles_after_a_closing_quote_describe_the_speaker() -> None:
    for text, person in [
            ("“We will act,” said Kestrel Labs Inc. director Dana Reed.", "dana-reed"),
            ("“We will act,” said Dana J. Reed, director of Kestrel Labs Inc.", "dana-j-reed"),
            ("“We will act,” said Deputy Director Dana J. Reed of Kestrel Labs Inc.",
             "dana-j-reed")]:
        assert _facts(_draft(text)) == {(person, "HOLDS_POSITION", "kestrel-labs-inc",
                                         "reported")}, text
