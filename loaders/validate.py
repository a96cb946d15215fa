"""Validation of extracts: schema, vocabulary, ids, references, dates and verbatim evidence.

Every finding is an Issue with file, line and column. Errors stop a load; warnings (likely
duplicate entities, unconnected entities, article text not available) are only reported.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from techkg.errors import TechKGError
from techkg.loaders.extract_model import Extract
from techkg.loaders.yaml_source import Issue, LocatedDoc, YamlProblem, read_located

_TYPO = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u00a0": " ", "\u2013": "-", "\u2014": "-"})
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")


@dataclass
class ParsedExtract:
    """One extract file, its strict model and the locations of its values."""

    doc: LocatedDoc
    model: Extract

    @property
    def article_id(self) -> str:
        return self.model.article.id


@dataclass
class Validation:
    extracts: list[ParsedExtract] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "warning"]


def extract_files(paths: list[Path]) -> list[Path]:
    """Expand directories to their `*.yaml` files, sorted; missing paths are errors."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        elif path.is_file():
            files.append(path)
        else:
            raise TechKGError(f"{path}: no such file or directory")
    if not files:
        raise TechKGError(f"no extract files (*.yaml) in {', '.join(map(str, paths))}")
    return files


def default_articles_dir(files: list[Path]) -> Path | None:
    """Where article texts live: TECHKG_ARTICLES, else ../shared/articles from the project."""
    if os.environ.get("TECHKG_ARTICLES"):
        return Path(os.environ["TECHKG_ARTICLES"])
    for start in [files[0].resolve().parent, Path.cwd()] if files else [Path.cwd()]:
        for base in [start, *start.parents][:4]:
            candidate = base.parent / "shared" / "articles"
            if candidate.is_dir():
                return candidate
    return None


def normalise(text: str) -> str:
    """Whitespace runs and typographic quotes normalised, for verbatim comparison."""
    return re.sub(r"\s+", " ", text.translate(_TYPO)).strip()


def quote_in(quote: str, article: str) -> bool:
    """True if the quote's parts (split at ellipses) occur in the article, in order."""
    pos = 0
    for part in (p for p in _ELLIPSIS.split(normalise(quote)) if p):
        found = article.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def validate(paths: list[Path], articles_dir: Path | None = None) -> Validation:
    """Validate extract files (and their cross-file consistency)."""
    files = extract_files(paths)
    articles_dir = articles_dir or default_articles_dir(files)
    result = Validation()
    for path in files:
        parsed = _parse(path, result.issues)
        if parsed is not None:
            _check_file(parsed, articles_dir, result.issues)
            result.extracts.append(parsed)
    seen: dict[str, ParsedExtract] = {}
    for ex in result.extracts:
        if ex.article_id in seen:
            result.issues.append(ex.doc.issue(("article", "id"), f"article id {ex.article_id!r} "
                                              f"is also used by {seen[ex.article_id].doc.path}"))
        seen[ex.article_id] = ex
    from techkg.loaders.resolve import cross_file_issues

    result.issues += cross_file_issues(result.extracts)
    return result


def _parse(path: Path, issues: list[Issue]) -> ParsedExtract | None:
    try:
        doc = read_located(path)
    except YamlProblem as exc:
        issues.append(exc.issue)
        return None
    if not isinstance(doc.data, dict):
        issues.append(doc.issue((), "expected a mapping with keys article, entities, "
                                    "relationships"))
        return None
    try:
        return ParsedExtract(doc, Extract.model_validate(doc.data))
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            extra = err["type"] == "extra_forbidden"
            issues.append(doc.issue(loc, _message(err), key=extra))
        return None


def _message(err: dict) -> str:
    where = ".".join(str(p) for p in err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown field {err['loc'][-1]!r} at {where}"
    if kind == "missing":
        return f"missing required field {where!r}"
    if kind in ("string_type", "list_type", "dict_type", "model_type"):
        expected = {"string_type": "a string", "list_type": "a list", "dict_type": "a mapping",
                    "model_type": "a mapping"}[kind]
        return f"{where}: expected {expected}, got {type(err['input']).__name__}"
    if kind == "too_short" and err["loc"][-1] == "evidence":
        return f"{where}: expected at least one verbatim evidence quote"
    if kind == "too_short":
        return f"{where}: expected at least one item"
    msg = err["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        msg = f"{err['input']!r} does not match {err['ctx']['pattern']}"
    return f"{where}: {msg}"


def _check_file(ex: ParsedExtract, articles_dir: Path | None, issues: list[Issue]) -> None:
    doc, model = ex.doc, ex.model
    if model.article.id != doc.path.stem:
        issues.append(doc.issue(("article", "id"), f"article id {model.article.id!r} must equal "
                                                   f"the file stem {doc.path.stem!r}"))
    ids: dict[str, int] = {}
    for i, ent in enumerate(model.entities):
        if ent.id in ids:
            first_line = doc.loc(("entities", ids[ent.id]))[0]
            issues.append(doc.issue(("entities", i, "id"), f"duplicate entity id {ent.id!r} "
                                    f"(first declared at line {first_line})"))
        else:
            ids[ent.id] = i
    used: set[str] = set()
    for i, fact in enumerate(model.relationships):
        for end in ("subject", "object"):
            ref = getattr(fact, end)
            used.add(ref)
            if ref not in ids:
                issues.append(doc.issue(("relationships", i, end),
                                        f"{end} {ref!r} is not an entity declared in this file"))
        if fact.date and (fact.start or fact.end):
            issues.append(doc.issue(("relationships", i, "date"),
                                    "use either date or start/end, not both"))
        if fact.start and fact.end and fact.start > fact.end:
            issues.append(doc.issue(("relationships", i, "end"),
                                    f"end {fact.end} is before start {fact.start}"))
    for i, ent in enumerate(model.entities):
        if ent.id not in used:
            issues.append(doc.issue(("entities", i, "id"), f"entity {ent.id!r} takes part in no "
                                    "relationship", level="warning"))
    _check_quotes(ex, articles_dir, issues)


def _check_quotes(ex: ParsedExtract, articles_dir: Path | None, issues: list[Issue]) -> None:
    doc, model = ex.doc, ex.model
    source = articles_dir / model.article.file if articles_dir else None
    if source is None or not source.is_file():
        issues.append(doc.issue(("article", "file"), f"article text {model.article.file!r} not "
                                "found (set TECHKG_ARTICLES); evidence quotes not checked",
                                level="warning"))
        return
    text = normalise(source.read_text("utf-8"))
    quotes: list[tuple[tuple, str]] = []
    for i, ent in enumerate(model.entities):
        for j, ch in enumerate(ent.characterizations):
            quotes.append((("entities", i, "characterizations", j, "evidence"), ch.evidence))
    for i, fact in enumerate(model.relationships):
        for j, quote in enumerate(fact.evidence):
            quotes.append((("relationships", i, "evidence", j), quote))
    for path, quote in quotes:
        if not quote_in(quote, text):
            issues.append(doc.issue(path, f"evidence quote not found verbatim in "
                                    f"{model.article.file}: {quote[:60]!r}"))
