"""A draft of a made-up sentence or two, as the drafting-rule tests read it: one made-up
article's metadata and no known entities, so each test sees only what its text names."""

from __future__ import annotations

from techkg.loaders.draft import Draft, draft

ARTICLE = {"id": "900_test", "file": "900_test.txt", "sha256": "0" * 64}


def draft_text(text: str) -> Draft:
    """The draft of `text` as a new article with nothing known."""
    return draft(text, ARTICLE, {})
