"""Read YAML while remembering where every value came from (line and column).

Scalars stay strings (a date such as 2018-11 is not reinterpreted by YAML), `null`/`~`/
empty become None, and duplicate mapping keys are errors, so nothing is silently lost.

Hostile input is refused before anything large is built: the file must be a regular file
under a size limit (read with a bounded read, so a link to /dev/zero cannot hang us), control
characters are located in the raw text, and the document is built from the parser's event
stream (libyaml's C parser where installed) without recursion, counting what aliases expand
to (alias bombs), refusing tags, complex keys, deep nesting and over-long strings at their
line and column.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from techkg.errors import TechKGError

Loc = tuple[int, int]  # 1-based line and column

MAX_FILE_BYTES = 2_000_000  # an extract of 500 facts is about 200 kB
MAX_DEPTH = 16  # an extract needs 5 levels (article list item evidence quote)
MAX_VALUES = 100_000  # values in one document, aliases counted as what they repeat
MAX_SCALAR = 10_000  # characters in any one YAML string; fields have tighter limits
MAX_MESSAGE = 600  # an issue's message is shortened to this many characters
# C0 controls except tab/newline/CR, DEL, C1 controls, bidi overrides: never in an extract
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = ("", "~", "null", "Null", "NULL")
_SCALAR = yaml.ScalarEvent
_SKIPPED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


@dataclass(frozen=True)
class Issue:
    """One located validation finding; `kind` groups warnings so they can be capped."""

    file: str
    line: int
    column: int
    level: str  # "error", "warning" or "todo" (an unreviewed draft item)
    message: str
    kind: str = ""

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:  # never echo a 200 kB value whole
            cut = self.message[:MAX_MESSAGE - 40]
            object.__setattr__(self, "message", f"{cut}… ({len(self.message)} characters)")

    def __str__(self) -> str:
        level = "" if self.level == "todo" else f"{self.level}: "  # todo says it in its message
        return printable(f"{self.file}:{self.line}:{self.column}: {level}{self.message}")


class YamlProblem(TechKGError):
    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        super().__init__(str(issue))


# What a terminal would act on or hide: C0/C1 controls (escape sequences, line breaks that
# would forge a `file:1:1:` line), line/paragraph separators and invisible format characters.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e"
                          "\u2060-\u206f\ufeff\ufff9-\ufffb]")


def printable(text: str) -> str:
    """`text` with control and invisible characters escaped (\\x1b, \\n, \\u202e), for one
    line of output that cannot clear a screen, move the cursor or print a forged line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shorten(value: object, limit: int = 60) -> str:
    """repr() of a value, cut to `limit` characters, for messages."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit - 1]}…'"


@dataclass
class LocatedDoc:
    """A parsed document plus where each value (and each mapping key) sits in the file."""

    path: Path
    data: Any
    values: dict[tuple, Loc]
    keys: dict[tuple, Loc]
    sha256: str = ""  # of the bytes parsed (what a load records, without reading again)

    def loc(self, path: tuple, key: bool = False) -> Loc:
        """The closest known location for `path` (falls back to its parents)."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if not key and path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def issue(self, path: tuple, message: str, level: str = "error", key: bool = False,
              kind: str = "") -> Issue:
        line, col = self.loc(path, key)
        return Issue(str(self.path), line, col, level, message, kind)


def _offset_loc(text: str, pos: int) -> Loc:
    return text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES, what: str = "file") -> bytes:
    """A regular file's bytes, refusing devices, FIFOs and files over `limit` bytes.

    The file is opened first (without blocking, so a FIFO cannot hang us) and the open file
    is checked, so it cannot be swapped between the check and the read. Plain `os` calls:
    hashing the 20,000 files of a 1M-fact reload through `Path.stat` and `Path.open` took
    0.68-0.93 s, through these 0.52-0.56 s (benchmarks/README.md)."""
    def fail(message: str) -> YamlProblem:
        return YamlProblem(Issue(str(path), 1, 1, "error", message))

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise fail(f"cannot read {what}: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise fail(f"not a regular {what} (a device, FIFO or directory?)")
        if info.st_size > limit:
            raise fail(f"{what} is {info.st_size:,} bytes; the limit is {limit:,}")
        raw = _read_upto(fd, info.st_size, limit)
    except OSError as exc:
        raise fail(f"cannot read {what}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise fail(f"{what} is over the limit of {limit:,} bytes")
    return raw


def _read_upto(fd: int, size: int, limit: int) -> bytes:
    """At most `limit + 1` bytes, to the file's end. Asked first for the size the file had
    plus one byte: a read asked for `limit + 1` bytes allocates that much first (2 MB for
    an extract, 20 MB for an article text). A file that grew, or whose size the kernel does
    not know (/proc reports 0 bytes), is read on in small steps, still bounded."""
    parts: list[bytes] = []
    total, want = 0, size + 1
    while total <= limit:
        chunk = os.read(fd, min(want, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        want = 1 << 16
    return b"".join(parts)


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 text; an undecodable byte is reported at its line and column."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8", "replace")
        line, col = _offset_loc(before, len(before))
        raise YamlProblem(Issue(str(path), line, col, "error",
                                f"not UTF-8 text (byte 0x{raw[exc.start]:02x})")) from exc


def read_located(path: Path) -> LocatedDoc:
    """Parse `path` within the input limits; any problem becomes a located YamlProblem."""
    raw = read_bounded(path)
    text = decode(path, raw)
    bad = CONTROL.search(text)
    if bad:
        line, col = _offset_loc(text, bad.start())
        raise YamlProblem(Issue(str(path), line, col, "error",
                                f"control character U+{ord(bad.group()):04X} is not allowed"))
    doc = _Builder(path, text).build()
    doc.sha256 = hashlib.sha256(raw).hexdigest()
    return doc


class _Builder:
    """Builds plain data from parser events, iteratively, enforcing the structural limits.

    An alias (*name) reuses the anchored value without copying it, but counts as all the
    values it stands for, so an alias bomb stops at MAX_VALUES instead of expanding.
    """

    def __init__(self, path: Path, text: str) -> None:
        self.doc = LocatedDoc(path, None, {}, {})
        self.text = text
        self.values = 0  # values built so far, aliases counted expanded
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (value, size, height)

    def fail(self, mark: Any, message: str) -> YamlProblem:
        loc = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return YamlProblem(Issue(str(self.doc.path), *loc, "error", message))

    def build(self) -> LocatedDoc:
        parser = _LOADER(self.text)
        try:
            self._run(parser.get_event)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise self.fail(mark, f"invalid YAML: {exc.problem or exc}") from exc
        except yaml.YAMLError as exc:  # reader errors carry no mark
            raise self.fail(None, f"invalid YAML: {exc}") from exc
        finally:
            parser.dispose()
        return self.doc

    def _run(self, next_event: Callable[[], Any]) -> None:
        """One pass over the parser's events, pulled directly (no generator in between).
        Scalars, most of the events, take a short path; the checks and their order are the
        same on both paths, so every message and location is unchanged."""
        doc = self.doc
        values_at, keys_at = doc.values, doc.keys
        # frame: [container, path, pending key or None, is mapping, anchor, size at start,
        #         height of the tallest child]
        stack: list[list[Any]] = []
        top: list[Any] | None = None
        documents = 0
        while True:
            event = next_event()
            if event is None:
                return
            kind = type(event)
            if kind is _SCALAR:
                if event.tag is not None:
                    raise self.fail(event.start_mark, f"YAML tags ({shorten(event.tag)}) are "
                                    "not allowed in an extract")
                mark = event.start_mark
                if top is not None and top[3] and top[2] is None:  # a mapping key
                    key = self._scalar(event)
                    if key is None or key in top[0]:
                        what = ("an empty key" if key is None
                                else f"duplicate key {shorten(key)}")
                        raise self.fail(mark, what)
                    top[2] = key
                    keys_at[top[1] + (key,)] = (mark.line + 1, mark.column + 1)
                    continue
                value = self._scalar(event)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1, 0)
                if len(stack) > MAX_DEPTH:
                    raise self.fail(mark, f"nesting deeper than {MAX_DEPTH} levels is "
                                    "not allowed")
                self.values += 1
                if self.values > MAX_VALUES:
                    raise self.fail(mark, f"more than {MAX_VALUES:,} values (aliases "
                                    "count as the values they repeat)")
                if top is None:
                    values_at[()] = (mark.line + 1, mark.column + 1)
                    doc.data = value
                elif top[3]:
                    values_at[top[1] + (top[2],)] = (mark.line + 1, mark.column + 1)
                    top[0][top[2]] = value
                    top[2] = None
                else:
                    values_at[top[1] + (len(top[0]),)] = (mark.line + 1, mark.column + 1)
                    top[0].append(value)
                continue
            if kind in _SKIPPED:
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail(event.start_mark, "expected one YAML document, found "
                                    "another (remove the '---' line)")
                continue
            if getattr(event, "tag", None) is not None:
                raise self.fail(event.start_mark, f"YAML tags ({shorten(event.tag)}) are not "
                                "allowed in an extract")
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                top = stack[-1] if stack else None
                height = done[6] + 1
                if top is not None:
                    top[6] = max(top[6], height)
                if done[4]:
                    self.anchors[done[4]] = (done[0], self.values - done[5], height)
                continue
            if top is not None and top[3] and top[2] is None:  # a mapping key is expected
                raise self.fail(event.start_mark, "a mapping key must be a plain string, "
                                "not a list, mapping or alias")
            if top is None:
                path: tuple = ()
            elif top[3]:
                path = top[1] + (top[2],)
            else:
                path = top[1] + (len(top[0]),)
            values_at[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            value, height = self._value(event, len(stack))
            if top is None:
                doc.data = value
            elif top[3]:
                top[0][top[2]] = value
                top[2] = None
            else:
                top[0].append(value)
            if top is not None:
                top[6] = max(top[6], height)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                top = [value, path, None, kind is yaml.MappingStartEvent,
                       event.anchor, self.values, 0]
                stack.append(top)

    def _value(self, event: Any, depth: int) -> tuple[Any, int]:
        """The value an event starts (an empty container for a collection) and its height."""
        kind = type(event)
        size, height = 1, 0
        if kind is yaml.AliasEvent:
            if event.anchor not in self.anchors:
                raise self.fail(event.start_mark, f"alias *{event.anchor[:40]} refers "
                                "to no complete anchored value before it")
            value, size, height = self.anchors[event.anchor]
        elif kind is yaml.ScalarEvent:
            value = self._scalar(event)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1, 0)
        else:
            value = {} if kind is yaml.MappingStartEvent else []
            height = 1
        if depth + height > MAX_DEPTH:
            raise self.fail(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels is "
                            "not allowed")
        self.values += size
        if self.values > MAX_VALUES:
            raise self.fail(event.start_mark, f"more than {MAX_VALUES:,} values (aliases "
                            "count as the values they repeat)")
        return value, height

    def _scalar(self, event: Any) -> str | None:
        value = event.value
        if len(value) > MAX_SCALAR:
            raise self.fail(event.start_mark, f"a string of {len(value):,} characters; the "
                            f"limit is {MAX_SCALAR:,}")
        bad = event.style == '"' and CONTROL.search(value)  # escapes: "\e", "\x00"
        if bad:
            raise self.fail(event.start_mark, f"control character U+{ord(bad.group()):04X} "
                            "is not allowed")
        if event.implicit[0] and value in _NULLS:
            return None
        return value
