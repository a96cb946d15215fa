"""The eighteenth drafting round (docs/adding-an-article.md), on a made-up sentence: a lower-case
term of the field, learned from the dev set's gold (loaders/draft/field_terms.yaml, written by
benchmarks/field_terms.py), is a candidate of the type the gold gives it."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from techkg.loaders.draft.words import drafting
from tests.drafting import draft_text as _draft


def _names(d: Draft) -> list[tuple[str, str]]:
    return [(e.name, e.type) for e in d.entities]


def test_a_term_of_the_field_is_a_candidate_of_its_type() -> None:
    assert _names(_draft("The rule tightened export controls on gallium and graphite, and on "
                         "advanced chips made by Kestrel Labs Inc.")) == [
        ("advanced chips", "Technology"), ("export controls", "Programme"),
        ("gallium", "Technology"), ("graphite", "Technology"),
        ("Kestrel Labs Inc.", "Company")]


def test_the_learned_terms_are_lower_case_and_typed_by_the_vocabulary() -> None:
    # (words.py checks each type against the vocabulary when it reads the file)
    terms = drafting().field_terms
    assert terms and all(t == t.lower() and 1 <= len(t.split()) <= 4 for t in terms)
