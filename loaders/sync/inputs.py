"""Checked extracts as the planner's inputs: one ArticleInput per article, its facts merged
by key, its quotes' check and load key recorded, `same` judgements applied; and the verdict
that stops a load (errors first, then unreviewed draft items)."""

from __future__ import annotations

import sys
from pathlib import Path

from techkg.errors import ValidationFailed
from techkg.loaders.extract import articles, resolve
from techkg.loaders.extract.cross_file import ExtractSummary, summarise
from techkg.loaders.extract.judgements import Judgements
from techkg.loaders.extract.validation import ParsedExtract, UnreviewedDrafts, Validation
from techkg.loaders.sync.merge import merged_input
from techkg.loaders.sync.plan import ArticleInput, article_meta
from techkg.loaders.sync.skip import file_sha256, load_key


def article_input(ex: ParsedExtract, summary: ExtractSummary | None = None, *,
                  texts: Path | None = None, resolutions: Judgements | None = None
                  ) -> ArticleInput:
    """What one parsed extract contributes (several items with one fact key merge), located
    by its compact summary: the parsed document can be dropped afterwards. The hash is of
    the bytes validation parsed, so the file is not read again. `texts`: the articles
    folder validation checked the quotes against (None: they were not checked).
    `resolutions`: the `same` judgements to apply (techkg.loaders.sync.merge)."""
    grouped: dict[tuple[str, str, str], list] = {}
    for fact in ex.model.relationships:
        key = (sys.intern(fact.subject), sys.intern(fact.type), sys.intern(fact.object))
        grouped.setdefault(key, []).append(fact)
    meta = ex.model.article.model_dump()
    checked = articles.article_text(texts, meta["file"]).sha256 if texts else None
    digest = ex.doc.sha256 or file_sha256(ex.doc.path)
    inp = ArticleInput(
        id=ex.article_id,
        meta=article_meta({**meta, "quotes_checked": checked is not None,
                           "checked_sha256": checked}),
        extract_sha256=digest, load_key=load_key(digest, ex.doc.path.name),
        decls={sys.intern(e.id): resolve.declaration(e) for e in ex.model.entities},
        claims={k: resolve.claim(same) for k, same in grouped.items()},
        positions={sys.intern(e.id): i for i, e in enumerate(ex.model.entities)},
        source=summary or summarise(ex))
    return merged_input(inp, resolutions) if resolutions is not None else inp


def raise_if_invalid(validation: Validation, listed: bool = False) -> None:
    """Errors, then unreviewed draft items, stop a load (`listed`: already shown)."""
    if validation.errors:
        raise ValidationFailed(validation.errors, listed=listed)
    if validation.unreviewed:
        raise UnreviewedDrafts(validation.unreviewed)


def checked_inputs(validation: Validation, kept: list[str] | tuple = (),
                   resolutions: Judgements | None = None) -> list[ArticleInput]:
    """The planning inputs of a validation without errors or unreviewed items; an article
    id that is also one of the `kept` (unread, unchanged) extracts' is an error."""
    raise_if_invalid(validation)
    # validate(reduce=article_input) reduced each file as it went; else reduce them here
    folder = validation.articles_dir
    texts = folder if folder is not None and folder.is_dir() else None  # quotes were checked
    inputs = validation.reduced or [article_input(ex, texts=texts, resolutions=resolutions)
                                    for ex in validation.extracts]
    clash = sorted({i.id for i in inputs} & set(kept))
    if clash:
        raise ValidationFailed([next(i.source for i in inputs if i.id == clash[0]).id_issue(
            f"article id {clash[0]!r} is also used by another extract")])
    return inputs
