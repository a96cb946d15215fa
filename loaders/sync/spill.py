"""A first load's claims and article rows, kept aside until every extract is checked.

The facts cannot be planned before validation ends (a fact merges every article's claim of
it), so a first load holds what each article claims until then. At 10,000 articles that was
a million claims (about 450 bytes each, measured with tracemalloc) and the client's peak
resident memory reached 1.6 GB. So a big load keeps them on disk instead: each article's
claims go to one of several part files, chosen by the fact's subject (all claims of a fact,
and all facts of a subject, land in one part, so a part is planned on its own and its rows
stay grouped by subject as the writes want them), and the Article rows (with each
article's fact ids) go to one more file. Planning then reads one part at a time.

Parts are pickled lists of plain tuples in temporary files: the standard library does this
in about 0.4 s to write and 0.2 s to read per 100k claims, and a pickled slotted dataclass
took five times as long. A load of at most `PER_PART` articles has one part, held in memory.
The files are read again when a transaction is retried; `close()` removes them.
"""

from __future__ import annotations

import dataclasses
import operator
import pickle
import sys
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from techkg.loaders.extract.contributions import Claim
from techkg.loaders.sync.plan import Claims, FactKey

PER_PART = 500  # articles per part (about 50k claims at 100 facts an article)
CHUNK = 10_000  # claims held, in all parts together, before they are written


_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))
# a claim's fields as a tuple, in the order of Claim's own parameters (Claim(*values) again;
# by keyword it took twice as long: 0.2 s per 100k claims)
_values = operator.attrgetter(*_FIELDS)


def parts_for(articles: int, per_part: int = PER_PART) -> int:
    return max(1, -(-articles // per_part))


class Spill:
    """Claims by part, and Article rows, added article by article (from one thread)."""

    def __init__(self, parts: int) -> None:
        self.parts = parts
        self._dir = tempfile.TemporaryDirectory(prefix="techkg-load-") if parts > 1 else None
        self._held: list[list[tuple]] = [[] for _ in range(parts)]
        self._articles: list[tuple[str, dict[str, Any], list[str]]] = []
        self._count = 0  # claims held, in every part

    def add(self, article: str, claims: dict[FactKey, Claim], row: dict[str, Any],
            facts: list[str]) -> None:
        """One article's claims, its Article row (without `only_here`) and its fact ids."""
        intern = sys.intern  # shared strings pickle once per chunk and read back shared
        for (s, t, o), c in claims.items():
            s, t, o = intern(s), intern(t), intern(o)
            self._held[self._part(s)].append((s, t, o, article, *_values(c)))
        self._articles.append((article, row, facts))
        self._count += len(claims)
        if self._dir is not None and self._count >= CHUNK:
            for part, held in enumerate(self._held):
                if held:
                    self._write(f"{part}", held)
            self._write("articles", self._articles)
            self._count = 0

    def claims(self) -> Iterator[Claims]:
        """Each part's claims, fact key -> article id -> claim (again on every call)."""
        for part in range(self.parts):
            out: Claims = {}
            for s, t, o, article, *values in self._read(f"{part}", self._held[part]):
                out.setdefault((s, t, o), {})[article] = Claim(*values)
            yield out

    def articles(self) -> Iterator[list[tuple[str, dict[str, Any], list[str]]]]:
        """The Article rows and fact ids, a chunk at a time (again on every call)."""
        chunk: list[tuple[str, dict[str, Any], list[str]]] = []
        for item in self._read("articles", self._articles):
            chunk.append(item)
            if len(chunk) >= CHUNK // 20:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def close(self) -> None:
        if self._dir is not None:
            self._dir.cleanup()

    def _part(self, subject: str) -> int:
        return zlib.crc32(subject.encode()) % self.parts if self.parts > 1 else 0

    def _path(self, name: str) -> Path:
        assert self._dir is not None
        return Path(self._dir.name) / name

    def _write(self, name: str, held: list) -> None:
        with self._path(name).open("ab") as fh:
            pickle.dump(held, fh, protocol=pickle.HIGHEST_PROTOCOL)
        held.clear()

    def _read(self, name: str, held: list) -> Iterator[Any]:
        if self._dir is not None and self._path(name).exists():
            with self._path(name).open("rb") as fh:
                while True:
                    try:
                        yield from pickle.load(fh)
                    except EOFError:
                        break
        yield from held
