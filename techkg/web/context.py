""""In context": the paragraph of an article text that holds an evidence quote, with the
quote's parts marked. Only where the article texts are configured (they are the user's own
files, never part of the project); the same verbatim comparison as validation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from techkg.errors import NotFound
from techkg.loaders.extract.articles import ArticleUnavailable, article_text, normalise, quote_in

_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")


@dataclass(frozen=True)
class InContext:
    article: str
    paragraph: str  # normalised (whitespace and typographic quotes), as quotes are checked
    marks: list[tuple[int, int]]  # character ranges of the quote's parts in the paragraph


def find(folder: Path, files: dict[str, str], quote: str) -> InContext:
    """The first paragraph, in the given articles (id -> text file name), holding `quote`."""
    for article, name in files.items():
        try:
            article_text(folder, name)  # the same path, size and encoding checks as loading
        except ArticleUnavailable:
            continue
        raw = (folder / name).read_text("utf-8")
        lines = [ln for ln in raw.splitlines() if ln.strip()]
        blocks = [b for b in re.split(r"\n\s*\n", raw) if b.strip()]
        for paragraph in [*lines, *blocks, raw]:
            text = normalise(paragraph)
            if quote_in(quote, text):
                return InContext(article, text, _marks(text, quote))
    raise NotFound("the quote is not in the configured article texts", quote)


def _marks(text: str, quote: str) -> list[tuple[int, int]]:
    marks, pos = [], 0
    for part in (p for p in _ELLIPSIS.split(normalise(quote)) if p):
        start = text.find(part, pos)
        if start < 0:
            break
        marks.append((start, start + len(part)))
        pos = start + len(part)
    return marks
