"""A first load (or a rebuild after its wipe, in the same transaction): validation and
writing in one pass.

While a worker thread parses and checks extract after extract (in worker processes when
there are many: techkg.loaders.extract.parallel), the main thread writes the records of
the extracts already checked into the load's one open transaction, so the engine works
while the client parses. Only into an empty graph: there every Declaration record is
new and depends on its own article alone. Each article's claims and Article row are kept
aside meanwhile (techkg.loaders.sync.spill: on disk for a big load, so the client's memory
does not grow with the facts); the entities, facts, articles and mentions are planned once
every extract is checked, the facts one part at a time (plan.plan_first). Anything wrong in
any file (an error, an unreviewed item, an id used twice) raises before the commit, so the
transaction rolls back and nothing is written.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from techkg.errors import TechKGError
from techkg.graph import Graph
from techkg.loaders.extract import articles
from techkg.loaders.extract.judgements import Judgements
from techkg.loaders.extract.validation import Validation, validate
from techkg.loaders.sync import spill, writes
from techkg.loaders.sync.inputs import article_input, checked_inputs, raise_if_invalid
from techkg.loaders.sync.load import send
from techkg.loaders.sync.plan import ArticleInput, article_facts, article_row, plan_first
from techkg.loaders.sync.records import declaration_record
from techkg.loaders.sync.report import LoadReport, Progress, Validated
from techkg.loaders.sync.state import holds_articles, holds_records

AHEAD = 32  # checked extracts waiting to be written, at most (bounds memory)


def is_empty(tx: Any) -> bool:
    """No Article node, no record and no entity: everything a load writes is new."""
    return not holds_articles(tx) and not holds_records(tx)


def load_first(graph: Graph, files: list[Path], articles_dir: Path | None, texts: Path | None,
               resolutions: Judgements, rebuild: bool, progress: Progress | None,
               validated: Validated | None, per_part: int = spill.PER_PART) -> LoadReport:
    """Validate `files` and write them into the empty (or, with `rebuild`, emptied) graph in
    one transaction; `validated` as for techkg.loaders.sync.load_files; `per_part`: articles
    whose claims are planned together (techkg.loaders.sync.spill)."""
    listed = validated is not None
    tell = validated or (lambda _result: None)
    say = progress or (lambda _msg: None)
    feed = _Feed(files, articles_dir, texts, resolutions,
                 spill.Spill(spill.parts_for(len(files), per_part)))
    try:
        writes.ensure_schema(graph)
        told: list[Validation] = []

        def work(tx: Any) -> tuple[Counter, list[ArticleInput]]:
            if rebuild:
                writes.wipe_in(tx)
            elif not is_empty(tx):
                raise TechKGError("another writer changed the graph during the load; "
                                  "nothing was loaded: load again")
            done = _send_records(tx, feed.inputs(), say)
            result = feed.result()
            if not told:
                told.append(result)
                tell(result)
            raise_if_invalid(result, listed)
            inputs = checked_inputs(result)
            say(f"planning {len(inputs)} article(s) into an empty graph")
            plans = plan_first(inputs, feed.spill.claims(), feed.spill.articles())
            return send(tx, plans, say, done, feed.spill.parts), inputs

        counts, inputs = graph.write_tx(work)
    finally:
        feed.close()
    report = LoadReport(sorted(i.id for i in inputs), folder=articles.articles_dir(articles_dir),
                        unchecked=sorted(i.id for i in inputs if not i.check[1]))
    report.counts.update({k: v for k, v in counts.items() if v})
    say("committed")
    return report


def _send_records(tx: Any, inputs: Iterator[ArticleInput], say: Progress) -> int:
    """CREATE each checked extract's records, in batches; an article id met twice is left
    to the cross-file check (it fails the load). Returns how many rows were sent."""
    say("writing records while validating")
    seen: set[str] = set()
    decls: list[dict] = []
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        say(f"written {done} record rows")

    for inp in inputs:
        if inp.id in seen:
            continue
        seen.add(inp.id)
        decls += [declaration_record(inp.id, e, d) for e, d in inp.decls.items()]
        if len(decls) >= writes.BATCH:
            writes.create_records(tx, decls, step)
            decls = []
    writes.create_records(tx, decls, step)
    return done


class _Stopped(Exception):
    """The load stopped: the worker thread ends without validating the rest."""


_DONE = object()


class _Feed:
    """Runs validate() in a worker thread; hands each checked extract's input over a
    bounded queue. `inputs()` can be iterated again (a retried transaction re-sends)."""

    def __init__(self, files: list[Path], articles_dir: Path | None,
                 texts: Path | None, resolutions: Judgements, kept: spill.Spill) -> None:
        self.spill = kept
        self._same: dict = {}  # one Declaration object for equal declarations of many articles
        self._queue: queue.Queue = queue.Queue(maxsize=AHEAD)
        self._got: list[ArticleInput] = []
        self._finished = False
        self._stop = threading.Event()
        self._result: Validation | None = None
        self._error: BaseException | None = None
        self._texts = texts
        self._resolutions = resolutions
        self._thread = threading.Thread(target=self._run, args=(files, articles_dir),
                                        name="techkg-validate", daemon=True)
        self._thread.start()

    def _put(self, item: object) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue
        raise _Stopped

    def _collect(self, inp: ArticleInput) -> ArticleInput:
        """The article's claims and Article row go to the spill; what stays in memory is
        its declarations (equal ones shared) and what locates its errors."""
        self.spill.add(inp.id, inp.claims, article_row(inp), article_facts(inp))
        same, intern = self._same, sys.intern  # (a worker process's strings come unshared)
        inp = replace(inp, claims={}, decls={intern(e): same.setdefault(d, d)
                                             for e, d in inp.decls.items()},
                      positions={intern(e): i for e, i in inp.positions.items()})
        self._put(inp)
        return inp

    def _run(self, files: list[Path], articles_dir: Path | None) -> None:
        try:
            reduce = partial(article_input, texts=self._texts, resolutions=self._resolutions)
            self._result = (validate(files, articles_dir, keep=False, reduce=reduce,
                                     collect=self._collect, resolutions=self._resolutions)
                            if files else Validation())
        except _Stopped:
            return
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            self._error = exc
        try:
            self._put(_DONE)
        except _Stopped:
            pass

    def inputs(self) -> Iterator[ArticleInput]:
        yield from list(self._got)
        while not self._finished:
            item = self._queue.get()
            if item is _DONE:
                self._finished = True
                break
            self._got.append(item)
            yield item

    def result(self) -> Validation:
        for _ in self.inputs():
            pass
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    def close(self) -> None:
        """Stop the worker (it ends at its next hand-over) and remove the spilled files."""
        self._stop.set()
        self.spill.close()
