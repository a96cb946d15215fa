"""Checks across extracts: one file per article id, agreeing declarations, likely duplicates.

They work on compact summaries (ids, the names and fields that must agree, locations), so a
reload can pass summaries of unchanged files instead of parsing them again, and a big load
keeps one summary per file instead of its parsed document: the summaries are plain data
(`as_dict()` / `from_dict()`) that can be cached anywhere, and they locate the errors found
later (an id clash with an unread file, a contradiction with the graph). A load builds
stand-in summaries of the files it skips from the graph's Declaration records
(`ExtractSummary.stand_in`): they locate nothing, so a file an issue is found in is parsed
then, and the issues found again with its real summary.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from pydantic import ValidationError

from techkg.loaders.extract.contributions import Agreed
from techkg.loaders.extract.duplicates import likely_duplicates
from techkg.loaders.extract.model import Extract
from techkg.loaders.extract.resolve import AGREE, conflicts
from techkg.loaders.extract.yaml_source import Issue, YamlProblem, read_located, shorten


@dataclass(frozen=True)
class EntitySummary:
    id: str
    type: str
    name: str
    name_zh: str | None
    country: str | None
    aliases: tuple[str, ...]
    line: int  # of the declaration (the list item)
    column: int
    name_line: int
    name_column: int


@dataclass(frozen=True)
class ExtractSummary:
    """What the cross-file checks need from one valid extract."""

    file: str
    article_id: str
    line: int  # of article.id
    column: int
    entities: tuple[EntitySummary, ...]
    located: bool = True  # False: a stand-in built from the graph (lines unknown)

    @classmethod
    def stand_in(cls, file: str, article_id: str, decls: list[dict[str, Any]]
                 ) -> ExtractSummary:
        """A summary of a skipped, unchanged file from its article's Declaration records
        (`id`, `type`, `name`, `name_zh`, `country`, `aliases` of each entity given: a load
        gives those of the entities the files it reads again declare too)."""
        ents = tuple(EntitySummary(d["id"], d["type"], d["name"], d.get("name_zh"),
                                   d.get("country"), tuple(d.get("aliases") or ()), 0, 0, 0, 0)
                     for d in sorted(decls, key=lambda d: d["id"]))
        return cls(file, article_id, 0, 0, ents, located=False)

    def id_issue(self, message: str) -> Issue:
        """An error located at the extract's article id."""
        return Issue(self.file, self.line, self.column, "error", message)

    def entity_issue(self, index: int, message: str) -> Issue:
        """An error located at the extract's `index`-th entity declaration."""
        e = self.entities[index]
        return Issue(self.file, e.line, e.column, "error", message)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractSummary:
        ents = tuple(EntitySummary(**{**e, "aliases": tuple(e["aliases"])})
                     for e in data["entities"])
        return cls(data["file"], data["article_id"], data["line"], data["column"], ents,
                   data.get("located", True))


def summarise(ex: Any) -> ExtractSummary:
    """The summary of a ParsedExtract."""
    doc, model = ex.doc, ex.model
    ents = []
    for i, e in enumerate(model.entities):
        line, col = doc.loc(("entities", i))
        name_line, name_col = doc.loc(("entities", i, "name"))
        ents.append(EntitySummary(_shared(e.id), _shared(e.type), _shared(e.name),
                                  _shared(e.name_zh), _shared(e.country),
                                  tuple(map(_shared, e.aliases)), line, col, name_line,
                                  name_col))
    line, col = doc.loc(("article", "id"))
    return ExtractSummary(str(doc.path), model.article.id, line, col, tuple(ents))


def _shared(text: str | None) -> str | None:
    """One string object for the same id or name in every summary: a load keeps 40 entity
    summaries per article until it commits, and without this their strings were 11 MB of
    every 1,000 articles' 35 MB held (tracemalloc, synthetic corpus)."""
    return sys.intern(text) if text is not None else None


def cross_file_issues(extracts: Sequence[Any],
                      unchanged: Sequence[ExtractSummary] = (),
                      judged: Collection[frozenset[str]] = ()) -> list[Issue]:
    """Issues between `extracts` (ParsedExtract or summaries) and summaries of unchanged files.

    Duplicate article ids and contradicting declarations are errors; likely duplicate
    entities are warnings, looked for only among names the changed files declare when
    `unchanged` is given (pairs among unchanged files were reported before). An issue found
    in a stand-in summary is found again with the file's real summary, to locate it. Pairs
    in `judged` (recorded as the same or as different: techkg.loaders.extract.judgements) are not
    warned about.
    """
    changed = [x if isinstance(x, ExtractSummary) else summarise(x) for x in extracts]
    issues = _issues(changed, unchanged, judged)
    stale = {i.file for i in issues} & {s.file for s in unchanged if not s.located}
    if stale:
        unchanged = [_located(s) if s.file in stale else s for s in unchanged]
        issues = _issues(changed, unchanged, judged)
    return issues


def _located(stand_in: ExtractSummary) -> ExtractSummary:
    """The real summary of a stand-in's file (the stand-in if the file no longer parses:
    it changed under the load, and its issue stays unlocated)."""
    try:
        doc = read_located(Path(stand_in.file))
        model = Extract.model_validate(doc.data)
    except (YamlProblem, ValidationError):
        return stand_in
    return summarise(SimpleNamespace(doc=doc, model=model))


def _issues(changed: list[ExtractSummary], unchanged: Sequence[ExtractSummary],
            judged: Collection[frozenset[str]] = ()) -> list[Issue]:
    everything = sorted([*changed, *unchanged], key=lambda s: (s.article_id, s.file))
    issues: list[Issue] = []
    seen: dict[str, ExtractSummary] = {}
    for s in everything:
        if s.article_id in seen:
            issues.append(Issue(s.file, s.line, s.column, "error", f"article id "
                                f"{s.article_id!r} is also used by {seen[s.article_id].file}"))
        seen.setdefault(s.article_id, s)
    # 10,000 articles declare 400,000 (entity, article) pairs: equal values share one Agreed,
    # and a declaration is located only when an issue names it (a table of every pair's
    # location was the largest part of a 180 MB rise at the end of a 1M load's validation)
    by_id: dict[str, dict[str, Agreed]] = defaultdict(dict)
    same: dict[Agreed, Agreed] = {}
    for s in everything:
        for e in s.entities:
            agreed = Agreed(**{k: getattr(e, k) for k in AGREE})
            by_id[e.id].setdefault(s.article_id, same.setdefault(agreed, agreed))
    del same

    by_article: dict[str, list[ExtractSummary]] = defaultdict(list)
    for s in everything:
        by_article[s.article_id].append(s)

    def where(entity_id: str, article: str) -> tuple[ExtractSummary, EntitySummary]:
        """The first declaration of `entity_id` by `article`, in `everything`'s order."""
        return next((s, e) for s in by_article[article] for e in s.entities
                    if e.id == entity_id)

    for entity_id, decls in by_id.items():
        for article, message in conflicts(decls):
            s, e = where(entity_id, article)
            issues.append(Issue(s.file, e.line, e.column, "error",
                                f"entity {entity_id!r}: {message}"))
    focus = {e.id for s in changed for e in s.entities} if unchanged else None
    names = {(e.id, n) for s in everything for e in s.entities for n in (e.name, *e.aliases)}
    for b, found in sorted(likely_duplicates(names, focus).items()):
        others = {a: v for a, v in found.items() if frozenset((a, b)) not in judged}
        if not others:
            continue
        a = min(others)
        nb, na = others[a]
        s, e = where(b, min(by_id[b]))
        more = f" and {len(others) - 1} other(s)" if len(others) > 1 else ""
        issues.append(Issue(s.file, e.name_line, e.name_column, "warning",
                            f"entity {b!r} may duplicate {a!r} ({shorten(nb)} ~ "
                            f"{shorten(na)}){more}", "possible duplicate entity"))
    return issues
