"""A draft of a made-up sentence or two, as the drafting-rule tests read it: one made-up
article's metadata and no known entities, so each test sees only what its text names, and the
rules alone (the learned tagger's names and the learned pair score have tests of their own,
test_draft_tagger.py and test_draft_scored_pairs.py)."""

from __future__ import annotations

from techkg.loaders.draft import Draft, draft

ARTICLE = {"id": "900_test", "file": "900_test.txt", "sha256": "0" * 64}


def draft_text(text: str) -> Draft:
    """The rules' draft of `text` as a new article with nothing known."""
    return draft(text, ARTICLE, {}, tagger=False, scored_pairs=False)


def entity_names(d: Draft) -> list[tuple[str, str]]:
    """Each drafted entity's name and suggested type, in draft order."""
    return [(e.name, e.type) for e in d.entities]


def names_in(text: str) -> list[tuple[str, str]]:
    """entity_names of the draft of `text`."""
    return entity_names(draft_text(text))
