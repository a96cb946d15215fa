"""Validation of extracts: schema, vocabulary, ids, references, dates and verbatim evidence.

Every finding is an Issue with file, line and column. Errors stop a load; warnings (likely
duplicate entities, unconnected entities) are only reported, at most MAX_PER_KIND of each
kind; `review: todo` items are reported as unreviewed and stop a load.

Per-file checks (`check_file`) and cross-file checks (`cross_file_issues`) are separate so
a reload can check only changed files and pass summaries of the others. `validate` streams:
each file is parsed, checked and reduced to its compact summary (and, for a load, to what
planning needs) where it is parsed, and the results are taken in file order, so memory does
not grow with the parsed documents (many files are checked in worker processes:
techkg.loaders.extract.parallel).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from techkg.errors import TechKGError
from techkg.loaders.extract import articles, judgements, parallel
from techkg.loaders.extract.articles import ArticleUnavailable, normalise, quote_in  # noqa: F401
from techkg.loaders.extract.cross_file import ExtractSummary, cross_file_issues, summarise  # noqa: F401
from techkg.loaders.extract.evidence import name_forms, names_one
from techkg.loaders.extract.model import ArticleMeta, EntityDecl, Extract, Fact, period
from techkg.loaders.extract.yaml_source import (
    Issue,
    LocatedDoc,
    YamlProblem,
    printable,
    read_located,
    shorten,
)
from techkg.vocabulary import vocabulary

MAX_PER_KIND = 20  # warnings shown per kind; the rest are counted
Related = Callable[[list[ExtractSummary]], Sequence[ExtractSummary]]


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
    """Findings of one validation run. Parsed documents are kept in `extracts` only when
    asked (`keep`); every parsed file has its summary, and with `reduce` its reduction."""

    extracts: list[ParsedExtract] = field(default_factory=list)
    summaries: list[ExtractSummary] = field(default_factory=list)
    reduced: list[Any] = field(default_factory=list)  # reduce(parsed) while error-free
    entity_count: int = 0  # entity declarations in the parsed files
    fact_count: int = 0  # relationships in the parsed files
    issues: list[Issue] = field(default_factory=list)
    articles_dir: Path | None = None
    unchecked: int = 0  # extracts whose quotes could not be checked (no articles folder)
    suppressed: dict[str, int] = field(default_factory=dict)  # warning kind -> not shown

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "warning"]

    @property
    def unreviewed(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "todo"]

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + sum(self.suppressed.values())

    def hidden(self) -> list[str]:
        """One line per warning kind over the cap: how many were not listed."""
        return [f"... and {n:,} more warning(s): {kind}"
                for kind, n in sorted(self.suppressed.items())]

    def unchecked_note(self) -> str | None:
        """One line for all extracts whose quotes could not be checked, if any."""
        if not self.unchecked:
            return None
        return (f"{self.unchecked} extract(s) could not be quote-checked: no articles folder "
                f"at {printable(str(self.articles_dir))}")


class UnreviewedDrafts(TechKGError):
    """Extracts still holding `review: todo` items are not loaded."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        files = sorted({i.file for i in issues})
        super().__init__(f"{len(issues)} unreviewed draft item(s) in {', '.join(files)}; "
                         "nothing was loaded")


EXTRACT_SUFFIXES = (".yaml", ".yml")  # any case: `A.YAML` is an extract, never skipped


def is_extract_file(path: Path) -> bool:
    """Whether a file in an extracts folder is an extract (the one rule for validate and
    load, so that no file is validated by one and ignored, then pruned, by the other). The
    resolutions file beside the extracts is not one (techkg.loaders.extract.judgements)."""
    return path.suffix.lower() in EXTRACT_SUFFIXES and path.name != judgements.FILE_NAME


def extract_files(paths: list[Path]) -> list[Path]:
    """Expand directories to their extract files (.yaml or .yml, any case), sorted; missing
    paths are errors."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            # by name (all in one folder, so the order Path's own comparison gives): sorting
            # 10,000 Paths by their parts took 45 ms, by name 5 ms
            files += sorted((p for p in path.iterdir() if is_extract_file(p)),
                            key=lambda p: p.name)
        elif path.exists():
            files.append(path)  # read_located refuses anything but a regular file
        else:
            raise TechKGError(f"{printable(str(path))}: no such file or directory")
    if not files:
        raise TechKGError("no extract files (*.yaml, *.yml) in "
                          f"{printable(', '.join(map(str, paths)))}")
    return files


def validate(paths: list[Path], articles_dir: Path | None = None, keep: bool = True,
             reduce: Callable[[ParsedExtract, ExtractSummary], Any] | None = None,
             related: Related | None = None,
             resolutions: judgements.Judgements | None = None,
             collect: Callable[[Any], Any] | None = None,
             workers: int | None = None) -> Validation:
    """Validate extract files (and their cross-file consistency), one file at a time, in
    worker processes when there are many (techkg.loaders.extract.parallel; `workers`: how
    many, None for the default, 0 for none).

    `articles_dir` defaults to the configured articles folder; when that folder does not
    exist, quotes are not checked and `Validation.unchecked` counts the extracts. `keep`
    keeps every parsed document (small inputs, tests); `reduce` maps each parsed file to
    what a caller keeps instead (a load's planning input; given the file's summary), until
    the first error: it runs where the file was parsed, so it must be picklable, and
    `collect` (in this process) is given each reduction in file order and returns what
    `reduced` keeps. `related(summaries)`: summaries of the files a load skips that the
    cross-file checks must see with these (sharing an entity or an article id).
    `resolutions`: the recorded judgements (default: the resolutions file beside the
    extracts); checked too, their ids against the extracts when whole folders are given.
    """
    if resolutions is None:
        resolutions = judgements.read(judgements.resolutions_file(paths))
    folder = articles.articles_dir(articles_dir)
    available = folder if folder.is_dir() else None
    result = Validation(articles_dir=folder)
    issues: list[Issue] = []
    failed = False
    work = partial(_check_one, articles_dir=available, keep=keep, reduce=reduce)
    for item in parallel.in_order(work, extract_files(paths), workers):
        issues += item.found
        failed = failed or any(i.level == "error" for i in item.found)
        if item.summary is None:
            continue
        result.summaries.append(item.summary)
        result.entity_count += item.entities
        result.fact_count += item.facts
        result.unchecked += available is None
        if keep:
            result.extracts.append(item.parsed)
        if reduce is not None and not failed:
            result.reduced.append(collect(item.reduced) if collect else item.reduced)
    issues += cross_file_issues(result.summaries,
                                related(result.summaries) if related else (),
                                resolutions.judged("same", "different"))
    whole = related is None and all(p.is_dir() for p in paths)
    issues += resolutions.check(declared_types(result.summaries), complete=whole)
    result.issues, result.suppressed = cap_warnings(issues)
    return result


@dataclass
class _Checked:
    """One file's findings, and what a valid file gives (its summary, counts, the parsed
    document when kept, its reduction when the file has no error): what a worker process
    sends back (techkg.loaders.extract.parallel)."""

    found: list[Issue]
    summary: ExtractSummary | None = None
    entities: int = 0
    facts: int = 0
    parsed: ParsedExtract | None = None
    reduced: Any = None


def _check_one(path: Path, articles_dir: Path | None, keep: bool,
               reduce: Callable[[ParsedExtract, ExtractSummary], Any] | None) -> _Checked:
    parsed, found = check_file(path, articles_dir)
    if parsed is None:
        return _Checked(found)
    summary = summarise(parsed)
    ok = reduce is not None and not any(i.level == "error" for i in found)
    return _Checked(found, summary, len(parsed.model.entities), len(parsed.model.relationships),
                    parsed if keep else None, reduce(parsed, summary) if ok else None)


def declared_types(summaries: list[ExtractSummary]) -> dict[str, dict[str, str]]:
    """Entity id -> article id -> declared type (what judgements are checked against)."""
    out: dict[str, dict[str, str]] = {}
    for s in summaries:
        for e in s.entities:
            out.setdefault(e.id, {})[s.article_id] = e.type
    return out


def cap_warnings(issues: list[Issue], per_kind: int = MAX_PER_KIND
                 ) -> tuple[list[Issue], dict[str, int]]:
    """Keep every error and at most `per_kind` warnings of each kind; count the rest."""
    shown: Counter[str] = Counter()
    kept: list[Issue] = []
    for issue in issues:
        if issue.level == "warning" and issue.kind:
            shown[issue.kind] += 1
            if shown[issue.kind] > per_kind:
                continue
        kept.append(issue)
    return kept, {k: n - per_kind for k, n in shown.items() if n > per_kind}


def check_file(path: Path, articles_dir: Path | None
               ) -> tuple[ParsedExtract | None, list[Issue]]:
    """Everything that can be checked in one file; quotes only when `articles_dir` is given.

    Schema errors do not stop the other checks: the parts of the file that are valid are
    still checked for references, evidence and quotes, so one run reports everything. The
    parsed extract is returned only when the whole file is valid against the schema."""
    issues: list[Issue] = []
    parsed, complete = _parse(path, issues)
    if parsed is not None:
        _check_ids(parsed, issues)
        _check_review(parsed, issues)
        _check_evidence(parsed, issues)
        if articles_dir is not None and parsed.model.article is not None:
            _check_quotes(parsed, articles_dir, issues)
    return (parsed if complete else None), issues


def unreviewed_items(path: Path) -> list[Issue]:
    """The `review: todo` items of one extract, even an otherwise invalid one (for review)."""
    doc = read_located(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    out = []
    for section, what in (("entities", "entity"), ("relationships", "fact")):
        items = data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item.get("review") == "todo":
                out.append(doc.issue((section, i, "review"), f"unreviewed draft {what}",
                                     level="todo", key=True))
    return out


def count_unreviewed(path: Path) -> int:
    """How many `review: todo` items one extract still holds."""
    return len(unreviewed_items(path))


def _parse(path: Path, issues: list[Issue]) -> tuple[ParsedExtract | None, bool]:
    """The parsed file and whether it is complete; with schema errors, the valid parts."""
    try:
        doc = read_located(path)
    except YamlProblem as exc:
        issues.append(exc.issue)
        return None, False
    if not isinstance(doc.data, dict):
        issues.append(doc.issue((), "expected a mapping with keys article, entities, "
                                    "relationships"))
        return None, False
    try:
        return ParsedExtract(doc, Extract.model_validate(doc.data)), True
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            extra = err["type"] == "extra_forbidden"
            issues.append(doc.issue(loc, _message(err), key=extra))
    return _partial(doc), False


def _valid(model: type, value: Any) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


class _Partial:
    """The valid parts of an extract with schema errors, kept at their original indexes
    (None where a part is invalid) so that later checks locate their findings correctly."""

    def __init__(self, data: dict[str, Any]) -> None:
        def items(key: str) -> list[Any]:
            value = data.get(key)
            return value if isinstance(value, list) else []

        self.article = _valid(ArticleMeta, data.get("article"))
        self.raw_entities = items("entities")
        self.entities = [_valid(EntityDecl, e) for e in self.raw_entities]
        self.relationships = [_valid(Fact, f) for f in items("relationships")]


def _partial(doc: LocatedDoc) -> ParsedExtract | None:
    part = _Partial(doc.data)
    if part.article is None and not any(part.entities) and not any(part.relationships):
        return None
    return ParsedExtract(doc, part)  # type: ignore[arg-type]


def _entities(model: Any) -> list[tuple[int, EntityDecl]]:
    return [(i, e) for i, e in enumerate(model.entities) if e is not None]


def _facts(model: Any) -> list[tuple[int, Fact]]:
    return [(i, f) for i, f in enumerate(model.relationships) if f is not None]


def _declared_ids(model: Any) -> set[str]:
    """Ids declared in the file, including those of entities with other schema errors (a
    reference to them is not a second error)."""
    raw = getattr(model, "raw_entities", None)
    if raw is None:
        return {e.id for e in model.entities}
    return {e["id"] for e in raw if isinstance(e, dict) and isinstance(e.get("id"), str)}


def _message(err: Any) -> str:
    where = ".".join(str(p) for p in err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown field {shorten(err['loc'][-1])} at {where}"
    if kind == "missing":
        return f"missing required field {where!r}"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "bool_type"):
        expected = {"string_type": "a string", "list_type": "a list", "dict_type": "a mapping",
                    "model_type": "a mapping", "bool_type": "true or false"}[kind]
        got = type(err["input"]).__name__ if kind != "bool_type" else shorten(err["input"])
        return f"{where}: expected {expected}, got {got}"
    if kind == "too_short" and err["loc"][-1] == "evidence":
        return f"{where}: expected at least one verbatim evidence quote"
    if kind == "too_short":
        return f"{where}: expected at least one item"
    if kind == "too_long":
        return (f"{where}: {err['ctx']['actual_length']:,} items; the limit is "
                f"{err['ctx']['max_length']:,}")
    if kind == "string_too_short":
        return f"{where}: expected text, got an empty string"
    if kind == "string_too_long":
        return (f"{where}: {len(err['input']):,} characters; the limit is "
                f"{err['ctx']['max_length']:,}")
    if kind == "string_pattern_mismatch":
        return f"{where}: {shorten(err['input'])} does not match {err['ctx']['pattern']}"
    return f"{where}: {err['msg'].removeprefix('Value error, ')}"


def _check_ids(ex: ParsedExtract, issues: list[Issue]) -> None:
    doc, model = ex.doc, ex.model
    if model.article is not None and model.article.id != doc.path.stem:
        issues.append(doc.issue(("article", "id"), f"article id {shorten(model.article.id)} "
                                f"must equal the file stem {shorten(doc.path.stem)}"))
    ids: dict[str, int] = {}
    for i, ent in _entities(model):
        if ent.id in ids:
            first_line = doc.loc(("entities", ids[ent.id]))[0]
            issues.append(doc.issue(("entities", i, "id"), f"duplicate entity id {ent.id!r} "
                                    f"(first declared at line {first_line})"))
        else:
            ids[ent.id] = i
    declared = _declared_ids(model)
    used: set[str] = set()
    types = vocabulary().relationship_types
    for i, fact in _facts(model):
        for end in ("subject", "object"):
            ref = getattr(fact, end)
            used.add(ref)
            if ref not in declared:
                issues.append(doc.issue(("relationships", i, end),
                                        f"{end} {ref!r} is not an entity declared in this file"))
        if fact.subject == fact.object and not types[fact.type].allow_self:
            issues.append(doc.issue(("relationships", i, "object"), f"subject and object are "
                                    f"both {fact.subject!r}: {fact.type} cannot link an entity "
                                    "to itself"))
        if fact.date and (fact.start or fact.end):
            issues.append(doc.issue(("relationships", i, "date"),
                                    "use either date or start/end, not both"))
        # partial dates are periods: an end is before a start only if it is over before the
        # start begins ("start: 2020-05, end: 2020" is fine)
        if fact.start and fact.end and period(fact.end)[1] < period(fact.start)[0]:
            issues.append(doc.issue(("relationships", i, "end"),
                                    f"end {fact.end} is before start {fact.start}"))
    for i, ent in _entities(model):
        if ent.id not in used:
            issues.append(doc.issue(("entities", i, "id"), f"entity {ent.id!r} takes part in no "
                                    "relationship", level="warning", kind="unconnected entity"))


def _check_evidence(ex: ParsedExtract, issues: list[Issue]) -> None:
    """Rule 2 of the rubric: a fact's quotes name one of its ends, unless it is inferred.
    A drafted fact still under review (`review: todo`) waits for its reviewer: a draft's
    "it" or "the center" is what review resolves, and `load` refuses the fact anyway."""
    forms = {e.id: name_forms(e.name, e.aliases, e.name_zh, e.type == "Person")
             for _, e in _entities(ex.model)}
    for i, fact in _facts(ex.model):
        if fact.inferred or fact.review == "todo" or fact.subject not in forms \
                or fact.object not in forms:
            continue
        if not names_one(fact.evidence, forms[fact.subject], forms[fact.object]):
            issues.append(ex.doc.issue(("relationships", i, "evidence"), f"no evidence quote "
                                       f"names {fact.subject!r} or {fact.object!r} (by name, "
                                       "alias or Chinese name); quote a sentence that does, or "
                                       "mark the fact inferred: true with a note"))


def _check_review(ex: ParsedExtract, issues: list[Issue]) -> None:
    for section, what in (("entities", "entity"), ("relationships", "fact")):
        for i, item in enumerate(getattr(ex.model, section)):
            if item is not None and item.review == "todo":
                issues.append(ex.doc.issue((section, i, "review"), f"unreviewed draft {what}",
                                           level="todo", key=True))


def _check_quotes(ex: ParsedExtract, articles_dir: Path, issues: list[Issue]) -> None:
    doc, meta = ex.doc, ex.model.article
    try:
        text = articles.article_text(articles_dir, meta.file)
    except ArticleUnavailable as exc:
        issues.append(doc.issue(("article", "file"), str(exc)))
        return
    if meta.sha256 != text.sha256:
        issues.append(doc.issue(("article", "sha256"), f"article text {meta.file!r} changed "
                                f"since the extract was made (sha256 {text.sha256[:12]}…, "
                                f"recorded {meta.sha256[:12]}…): its quotes cannot be trusted"))
        return
    quotes: list[tuple[tuple, str]] = []
    for i, ent in _entities(ex.model):
        for j, ch in enumerate(ent.characterizations):
            where = ("entities", i, "characterizations", j, "evidence")
            quotes += [((*where, k), quote) for k, quote in enumerate(ch.evidence)]
    for i, fact in _facts(ex.model):
        for j, quote in enumerate(fact.evidence):
            quotes.append((("relationships", i, "evidence", j), quote))
    for path, quote in quotes:
        problem = articles.verbatim_problem(quote, text, meta.file)
        if problem:
            issues.append(doc.issue(path, problem))
