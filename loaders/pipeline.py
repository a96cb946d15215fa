"""Validate and load in one pass: while a worker thread parses and checks extract after
extract, the main thread writes the records of the extracts already checked into the load's
one open transaction, so the engine works while the client parses.

Only into an empty graph (a first load, or a rebuild after its wipe in the same
transaction): there every Declaration and Claim record is new and depends on its own article
alone. Everything else (entities, facts, mentions, articles) is planned once every extract
is checked, by the same pure planner as any load. Anything wrong in any file (an error, an
unreviewed item, an id used twice) raises before the commit, so the transaction rolls back
and nothing is written. A graph that already holds records is loaded the usual way: validate
every file first, then read the state it needs and plan (techkg.loaders.load.load).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from techkg.errors import TechKGError
from techkg.graph import Graph
from techkg.loaders import writes
from techkg.loaders.load import (
    LoadReport,
    Progress,
    article_input,
    checked_inputs,
    load,
    raise_if_invalid,
    send,
)
from techkg.loaders.plan import ArticleInput, State, WritePlan, plan
from techkg.loaders.records import claim_record, declaration_record
from techkg.loaders.state import holds_records, loaded_articles
from techkg.loaders.validate import Validation, validate

Validated = Callable[[Validation], None]
AHEAD = 32  # checked extracts waiting to be written, at most (bounds memory)


def is_empty(tx: Any) -> bool:
    """No Article node, no record and no entity: everything a load writes is new."""
    return not loaded_articles(tx) and not holds_records(tx)


def load_files(graph: Graph, files: list[Path], articles_dir: Path | None = None, *,
               kept: list[str] | tuple = (), prune: bool = False, rebuild: bool = False,
               progress: Progress | None = None, validated: Validated | None = None
               ) -> LoadReport:
    """Validate `files` and load them in one transaction (see the module doc).

    `validated(result)` is called once every file is checked, before anything commits (the
    CLI prints the issues there); errors then raise ValidationFailed, marked as listed when
    `validated` was given."""
    if rebuild and kept:
        raise TechKGError("a rebuild reads every extract: none can be kept unread")
    listed = validated is not None
    tell = validated or (lambda _result: None)
    if not rebuild and not graph.read_tx(is_empty):
        result = (validate(files, articles_dir, keep=False, reduce=article_input) if files
                  else Validation())  # every extract unchanged (a prune may still remove)
        tell(result)
        raise_if_invalid(result, listed)
        return load(graph, result, prune=prune, kept=kept, progress=progress)
    say = progress or (lambda _msg: None)
    feed = _Feed(files, articles_dir)
    try:
        writes.ensure_schema(graph)
        told: list[Validation] = []

        def work(tx: Any) -> tuple[WritePlan, list[str]]:
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
            inputs = checked_inputs(result, kept)
            say(f"planning {len(inputs)} article(s) into an empty graph")
            the_plan = plan(State(), inputs, records=False)  # sent while validating
            send(tx, the_plan, say, done)
            return the_plan, [i.id for i in inputs]

        the_plan, ids = graph.write_tx(work)
    finally:
        feed.close()
    report = LoadReport(sorted(set(ids) | set(kept)))
    report.counts.update({k: v for k, v in the_plan.counts.items() if v})
    say("committed")
    return report


def _send_records(tx: Any, inputs: Iterator[ArticleInput], say: Progress) -> int:
    """CREATE each checked extract's records, in batches; an article id met twice is left
    to the cross-file check (it fails the load). Returns how many rows were sent."""
    say("writing records while validating")
    seen: set[str] = set()
    decls: list[dict] = []
    claims: list[dict] = []
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
        claims += [claim_record(inp.id, k, c) for k, c in inp.claims.items()]
        if len(decls) + len(claims) >= writes.BATCH:
            writes.create_records(tx, decls, claims, step)
            decls, claims = [], []
    writes.create_records(tx, decls, claims, step)
    return done


class _Stopped(Exception):
    """The load stopped: the worker thread ends without validating the rest."""


_DONE = object()


class _Feed:
    """Runs validate() in a worker thread; hands each checked extract's input over a
    bounded queue. `inputs()` can be iterated again (a retried transaction re-sends)."""

    def __init__(self, files: list[Path], articles_dir: Path | None) -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=AHEAD)
        self._got: list[ArticleInput] = []
        self._finished = False
        self._stop = threading.Event()
        self._result: Validation | None = None
        self._error: BaseException | None = None
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

    def _reduce(self, parsed: Any, summary: Any) -> ArticleInput:
        inp = article_input(parsed, summary)
        self._put(inp)
        return inp

    def _run(self, files: list[Path], articles_dir: Path | None) -> None:
        try:
            self._result = (validate(files, articles_dir, keep=False, reduce=self._reduce)
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
        self._stop.set()
