"""The load's one entry: which extracts to read, validate them, load them (all or nothing).

Into a graph that holds records, the files whose verdict cannot have changed are skipped
(techkg.loaders.sync.skip); the others are validated, with the cross-file checks run over every
given extract (skipped ones through their Declaration records), then loaded the usual way
(techkg.loaders.sync.load.load). So `load` gives the verdict `validate` gives on the same files.

Into an empty graph, validation and loading run in one pass: while a worker thread parses
and checks extract after extract, the main thread writes the records of the extracts already
checked into the load's one open transaction, so the engine works while the client parses.

Only into an empty graph (a first load, or a rebuild after its wipe in the same
transaction): there every Declaration and Claim record is new and depends on its own article
alone. Everything else (entities, facts, mentions, articles) is planned once every extract
is checked, by the same pure planner as any load. Anything wrong in any file (an error, an
unreviewed item, an id used twice) raises before the commit, so the transaction rolls back
and nothing is written. A graph that already holds records is loaded the usual way: validate
every file first, then read the state it needs and plan.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from techkg.errors import TechKGError
from techkg.graph import Graph
from techkg.loaders.extract import articles, judgements
from techkg.loaders.extract.cross_file import ExtractSummary
from techkg.loaders.extract.judgements import Judgements
from techkg.loaders.extract.resolve import AGREE
from techkg.loaders.extract.validation import Validation, validate
from techkg.loaders.sync import writes
from techkg.loaders.sync.load import (
    LoadReport,
    Progress,
    article_input,
    checked_inputs,
    load,
    raise_if_invalid,
    send,
)
from techkg.loaders.sync.plan import ArticleInput, State, WritePlan, plan
from techkg.loaders.sync.records import claim_record, declaration_record
from techkg.loaders.sync.skip import unchanged_files
from techkg.loaders.sync.state import (
    Loaded,
    agreed,
    declared,
    declaring,
    holds_records,
    loaded_articles,
)

Validated = Callable[[Validation], None]
AHEAD = 32  # checked extracts waiting to be written, at most (bounds memory)


def is_empty(tx: Any) -> bool:
    """No Article node, no record and no entity: everything a load writes is new."""
    return not loaded_articles(tx) and not holds_records(tx)


def load_files(graph: Graph, files: list[Path], articles_dir: Path | None = None, *,
               prune: bool = False, rebuild: bool = False, progress: Progress | None = None,
               validated: Validated | None = None) -> LoadReport:
    """Validate `files` and load them in one transaction (see the module doc).

    `validated(result)` is called once the files are checked, before anything commits (the
    CLI prints the issues there); errors then raise ValidationFailed, marked as listed when
    `validated` was given."""
    texts = articles.available(articles_dir)
    resolutions = judgements.read(judgements.resolutions_file(files))
    if not rebuild and not graph.read_tx(is_empty):
        return _incremental(graph, files, articles_dir, texts, prune, progress, validated,
                            resolutions)
    listed = validated is not None
    tell = validated or (lambda _result: None)
    say = progress or (lambda _msg: None)
    feed = _Feed(files, articles_dir, texts, resolutions)
    try:
        writes.ensure_schema(graph)
        told: list[Validation] = []

        def work(tx: Any) -> tuple[WritePlan, list[ArticleInput]]:
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
            the_plan = plan(State(), inputs, records=False)  # sent while validating
            send(tx, the_plan, say, done)
            return the_plan, inputs

        the_plan, inputs = graph.write_tx(work)
    finally:
        feed.close()
    report = LoadReport(sorted(i.id for i in inputs), folder=articles.articles_dir(articles_dir),
                        unchecked=sorted(i.id for i in inputs if not i.check[1]))
    report.counts.update({k: v for k, v in the_plan.counts.items() if v})
    say("committed")
    return report


def _incremental(graph: Graph, files: list[Path], articles_dir: Path | None,
                 texts: Path | None, prune: bool, progress: Progress | None,
                 validated: Validated | None, resolutions: Judgements) -> LoadReport:
    """Skip what cannot have changed, validate the rest against all, load the difference.

    When no file changed, the checks across files cannot find anything either: every load
    checks the declarations it writes against all the graph's (techkg.loaders.sync.plan), two
    files standing for one article are never skipped, and an Article without a load key
    (written by an earlier loader) is always read again. Nor are the files of articles that
    declare an id some `same` judgement names: their load key depends on the judgements
    (techkg.loaders.sync.merge), which the skip test cannot see without reading the file."""
    known: dict[str, Loaded] = graph.read_tx(loaded_articles)
    kept = unchanged_files(known, files, texts)
    merged = resolutions.merged_into()
    if merged and kept:
        ids = sorted(set(merged) | set(merged.values()))
        judged = graph.read_tx(lambda tx: declaring(tx, ids))
        kept = {p: a for p, a in kept.items() if a not in judged}
    todo = [f for f in files if f not in kept]

    def related(checked: list[ExtractSummary]) -> list[ExtractSummary]:
        """Stand-ins of the skipped files that share an article id with these, or an entity
        these declare otherwise than its node says (the graph's articles agree with each
        other and so with the node: only those declarations can contradict one of them)."""
        ids = {s.article_id for s in checked}
        entities = sorted({e.id for s in checked for e in s.entities})

        def read(tx: Any) -> dict[str, list[dict]]:
            node = agreed(tx, entities)
            differ = sorted({e.id for s in checked for e in s.entities if e.id in node and any(
                getattr(e, k) is not None and node[e.id][k] not in (None, getattr(e, k))
                for k in AGREE)})
            return declared(tx, differ, set(kept.values()))

        rows = graph.read_tx(read)
        return [ExtractSummary.stand_in(str(p), a, rows.get(a, []))
                for p, a in kept.items() if a in rows or a in ids]

    result = (validate(todo, articles_dir, keep=False, related=related,
                       reduce=partial(article_input, texts=texts, resolutions=resolutions),
                       resolutions=resolutions) if todo
              else Validation(articles_dir=articles.articles_dir(articles_dir),
                              issues=resolutions.check(None)))
    if validated is not None:
        validated(result)
    raise_if_invalid(result, listed=validated is not None)
    ids = sorted(set(kept.values()))
    report = load(graph, result, prune=prune, kept=ids, progress=progress)
    report.folder = articles.articles_dir(articles_dir)
    given = set(report.articles)
    report.orphans = [] if prune else sorted(set(known) - given)
    report.unchecked = sorted([i.id for i in result.reduced if not i.check[1]]
                              + [a for a in ids if not known[a].quotes_checked])
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

    def __init__(self, files: list[Path], articles_dir: Path | None,
                 texts: Path | None, resolutions: Judgements) -> None:
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

    def _reduce(self, parsed: Any, summary: Any) -> ArticleInput:
        inp = article_input(parsed, summary, texts=self._texts, resolutions=self._resolutions)
        self._put(inp)
        return inp

    def _run(self, files: list[Path], articles_dir: Path | None) -> None:
        try:
            self._result = (validate(files, articles_dir, keep=False, reduce=self._reduce,
                                     resolutions=self._resolutions) if files else Validation())
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
