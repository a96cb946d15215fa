"""Recorded resolution decisions: `resolutions.yaml` beside the extracts, reviewed in git.

Each judgement names two entity ids and says whether they are the `same` body, `different`
bodies that only look alike, or `unsure`. The rule for `same`: the first id (`a`) is the
canonical id, the second (`b`) is merged into it; judgements chain (`a` may itself be merged
into another id), so every group of ids judged the same has one root, its canonical id.
Reading gives located issues; `merged_into()` is what a load applies (techkg.loaders.sync.merge);
`record()` plans the file's new text (pure) and `write()` replaces it atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from techkg.errors import TechKGError
from techkg.loaders.extract.yaml_source import Issue, YamlProblem, read_located

FILE_NAME = "resolutions.yaml"
DECISIONS = ("same", "different", "unsure")
HEADER = ("# Resolution decisions (techkg judge A B same|different|unsure): `same` merges b\n"
          "# into a (a is the canonical id), `different` silences the pair, `unsure` keeps\n"
          "# it listed by `techkg xref`. See docs/extract-format.md.\n")


@dataclass(frozen=True)
class Judgement:
    a: str
    b: str
    decision: str
    date: str
    note: str | None = None
    line: int = 0  # of the list item (0: not read from a file)

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


@dataclass
class Judgements:
    """Every judgement of one file, and the problems found reading it."""

    path: Path | None = None
    items: list[Judgement] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    _merged: tuple[int, int, dict[str, str]] | None = field(default=None, repr=False,
                                                            compare=False)

    def issue(self, line: int, message: str) -> Issue:
        return Issue(str(self.path), line or 1, 1, "error", message)

    def decision(self, a: str, b: str) -> str | None:
        """The recorded decision on a pair (either order), or None."""
        pair = frozenset((a, b))
        return next((j.decision for j in self.items if j.pair == pair), None)

    def judged(self, *decisions: str) -> set[frozenset[str]]:
        """The pairs with one of these decisions (all pairs without any)."""
        return {j.pair for j in self.effective() if not decisions or j.decision in decisions}

    def effective(self) -> list[Judgement]:
        """The first judgement of each pair (a second is an error `check()` reports)."""
        seen: set[frozenset[str]] = set()
        out = []
        for j in self.items:
            if j.pair not in seen:
                seen.add(j.pair)
                out.append(j)
        return out

    def merged_into(self) -> dict[str, str]:
        """Merged id -> its canonical id (the root of its chain of `same` judgements).
        Judgements that would make a cycle or give one id two canonicals are ignored here
        (`check()` reports them; a load refuses the file before applying it). Kept while
        `items` is the same list: a load asks once per article."""
        stamp = (id(self.items), len(self.items))
        if self._merged is not None and self._merged[:2] == stamp:
            return self._merged[2]
        parent: dict[str, str] = {}
        for j in self.effective():
            if j.decision == "same" and j.b not in parent:
                parent[j.b] = j.a
        out: dict[str, str] = {}
        for start in parent:
            seen, node = {start}, parent[start]
            while node in parent and node not in seen:
                seen.add(node)
                node = parent[node]
            if node not in seen:
                out[start] = node
        self._merged = (*stamp, out)
        return out

    def key(self, ids: Iterable[str]) -> str:
        """A digest of the merges that touch these ids (empty when none does): part of the
        load key of an article declaring them, so a changed judgement re-plans it."""
        merged = self.merged_into()
        groups = {merged.get(i, i) for i in ids} & (set(merged) | set(merged.values()))
        pairs = sorted((b, c) for b, c in merged.items() if c in groups)
        if not pairs:
            return ""
        return hashlib.sha256(repr(pairs).encode()).hexdigest()

    def check(self, declared: dict[str, dict[str, str]] | None,
              complete: bool = True) -> list[Issue]:
        """Errors in the decisions: a pair judged twice, an id given two canonicals or a
        cycle, `different` between ids already judged the same (through a chain), and, with
        `declared` (entity id -> article id -> declared type), `same` across different types
        (fix the extract's type first: a merge never changes a type) and `same` between two
        ids one article declares (merge them in that extract); with `complete` (`declared`
        covers every extract), unknown ids too. A load reads again every extract that
        declares a judged id, so its `declared` holds all their declarations."""
        out = list(self.issues)
        seen: dict[frozenset[str], Judgement] = {}
        parent: dict[str, Judgement] = {}
        for j in self.items:
            if j.pair in seen:
                out.append(self.issue(j.line, f"{j.a} and {j.b} are already judged at line "
                                              f"{seen[j.pair].line}: keep one judgement"))
                continue
            seen[j.pair] = j
            if j.decision != "same":
                continue
            if j.b in parent:
                out.append(self.issue(j.line, f"{j.b!r} is judged the same as "
                                              f"{parent[j.b].a!r} (line {parent[j.b].line}) "
                                              f"and as {j.a!r}: it can have one canonical id"))
                continue
            parent[j.b] = j
        merged = self.merged_into()
        for b, j in parent.items():
            if b not in merged:
                out.append(self.issue(j.line, f"judging {j.a!r} and {b!r} the same makes a "
                                              "cycle of canonical ids"))
        for j in self.effective():
            if j.decision == "different" and merged.get(j.a, j.a) == merged.get(j.b, j.b):
                out.append(self.issue(j.line, f"{j.a!r} and {j.b!r} are judged different, but "
                                              "other judgements make them the same"))
        if declared is not None:
            out += self._check_ids(declared, complete)
        return sorted(out, key=lambda i: i.line)

    def _check_ids(self, declared: dict[str, dict[str, str]], complete: bool) -> list[Issue]:
        out = []
        for j in self.effective():
            unknown = [i for i in (j.a, j.b) if i not in declared]
            if unknown and complete:
                out.append(self.issue(j.line, f"unknown entity id {unknown[0]!r} (no extract "
                                              "declares it)"))
            if unknown or j.decision != "same":
                continue
            ta, tb = (sorted(set(declared[i].values())) for i in (j.a, j.b))
            if ta != tb:
                out.append(self.issue(j.line, f"{j.a!r} ({', '.join(ta)}) and {j.b!r} "
                                              f"({', '.join(tb)}) have different types: fix "
                                              "the type in the extracts before merging them"))
            both = sorted(set(declared[j.a]) & set(declared[j.b]))
            if both:
                out.append(self.issue(j.line, f"article {both[0]} declares both {j.a!r} and "
                                              f"{j.b!r}: merge them in that extract instead"))
        return out


def resolutions_file(paths: Sequence[Path]) -> Path | None:
    """The resolutions file that goes with these extract paths: `resolutions.yaml` in the
    first folder given (or the folder of the first file), if it exists."""
    for p in paths:
        folder = p if p.is_dir() else p.parent
        candidate = folder / FILE_NAME
        return candidate if candidate.is_file() else None
    return None


def read(path: Path | None) -> Judgements:
    """The judgements of a file (none when `path` is None); problems become located issues."""
    out = Judgements(path)
    if path is None:
        return out
    try:
        doc = read_located(path)
    except YamlProblem as exc:
        out.issues.append(exc.issue)
        return out
    data = doc.data if doc.data is not None else {"judgements": []}
    if not isinstance(data, dict) or not isinstance(data.get("judgements", []), list) \
            or set(data) - {"judgements"}:
        out.issues.append(doc.issue((), "expected a mapping with one key, `judgements`: a list"))
        return out
    for i, item in enumerate(data.get("judgements") or []):
        line = doc.loc(("judgements", i))[0]
        problem = _problem(item)
        if problem:
            out.issues.append(out.issue(line, problem))
            continue
        out.items.append(Judgement(item["a"], item["b"], item["decision"], str(item["date"]),
                                   item.get("note") or None, line))
    return out


def _problem(item: Any) -> str | None:
    if not isinstance(item, dict):
        return "expected a judgement: a mapping with a, b, decision, date (and an optional note)"
    extra = set(item) - {"a", "b", "decision", "date", "note"}
    if extra:
        return f"unknown key {sorted(extra)[0]!r} (expected a, b, decision, date, note)"
    for key in ("a", "b", "decision", "date"):
        if not isinstance(item.get(key), str | dt.date) or not str(item[key]).strip():
            return f"{key}: expected a non-empty string"
    if item["a"] == item["b"]:
        return f"a and b are the same id {item['a']!r}"
    if item["decision"] not in DECISIONS:
        return f"decision {item['decision']!r}: expected one of {', '.join(DECISIONS)}"
    if item.get("note") is not None and not isinstance(item["note"], str):
        return "note: expected a string"
    return None


def record(current: Judgements, new: Judgement) -> list[Judgement]:
    """The file's judgements after recording `new`: it replaces an earlier judgement of the
    same pair (a decision revised), else it is appended. Pure: nothing is written."""
    items = [j for j in current.items if j.pair != new.pair]
    return [*items, new]


def render(items: Sequence[Judgement]) -> str:
    """The file's text: one obvious layout, the order the judgements were recorded."""
    rows = []
    for j in items:
        row = {"a": j.a, "b": j.b, "decision": j.decision, "date": j.date}
        if j.note:
            row["note"] = j.note
        rows.append(row)
    body = yaml.safe_dump({"judgements": rows}, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + body


def write(path: Path, items: Sequence[Judgement]) -> None:
    """Replace the file atomically (a crash leaves the old file or the new one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(render(items))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def judge(folder: Path, a: str, b: str, decision: str, note: str | None = None,
          declared: dict[str, dict[str, str]] | None = None) -> tuple[Path, Judgement]:
    """Record one decision in `folder`'s resolutions file, refusing (and writing nothing)
    when the file or the new decision has an error (`declared`: see `Judgements.check`)."""
    if decision not in DECISIONS:
        raise TechKGError(f"decision {decision!r}: expected one of {', '.join(DECISIONS)}")
    if a == b:
        raise TechKGError(f"cannot judge {a!r} against itself")
    path = folder / FILE_NAME
    current = read(path if path.exists() else None)
    current.path = path
    new = Judgement(a, b, decision, today(), note or None)
    after = Judgements(path, record(current, new))
    text = render(after.items)  # the lines the file will have, to locate errors
    lines = {(j.a, j.b): n for n, j in zip(_item_lines(text), after.items, strict=True)}
    after.items = [Judgement(j.a, j.b, j.decision, j.date, j.note, lines[(j.a, j.b)])
                   for j in after.items]
    problems = [*current.issues, *after.check(declared)]
    if problems:
        raise TechKGError("; ".join(str(i) for i in problems[:5]))
    write(path, after.items)
    return path, new


def _item_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("- a:")]
