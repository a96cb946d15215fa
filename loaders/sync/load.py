"""Write validated extracts into the graph: idempotent, all or nothing, replace-by-article.

A run is one managed write transaction: it reads the bookkeeping records of the articles
whose extract changed (techkg.loaders.sync.state), plans the differences without the database
(techkg.loaders.sync.plan) and sends them (techkg.loaders.sync.writes). Articles whose load key and
quote check match what their Article node records are not planned again (and their files
are not even read: techkg.loaders.sync.skip), so a reload costs what changed. `rebuild` wipes and
loads in that same transaction: a crash at any moment leaves the old graph or the new one.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from techkg.errors import TechKGError, ValidationFailed
from techkg.graph import Graph
from techkg.loaders.extract import articles, resolve
from techkg.loaders.extract.cross_file import ExtractSummary, summarise
from techkg.loaders.extract.judgements import Judgements
from techkg.loaders.extract.validation import ParsedExtract, UnreviewedDrafts, Validation
from techkg.loaders.sync import writes
from techkg.loaders.sync.merge import merged_input
from techkg.loaders.sync.plan import ArticleInput, State, WritePlan, article_meta, plan
from techkg.loaders.sync.skip import file_sha256, load_key
from techkg.loaders.sync.state import (
    holds_records,
    holds_tallies,
    loaded_articles,
    read_state,
    undeclared_nodes,
)

Progress = Callable[[str], None]
NAMED = 10  # articles named in one line of a report, at most


@dataclass
class LoadReport:
    """What a load changed (all zeros when the graph already matched the extracts)."""

    articles: list[str]
    counts: Counter = field(default_factory=Counter)
    orphans: list[str] = field(default_factory=list)  # in the graph, but no extract was given
    unchecked: list[str] = field(default_factory=list)  # given, and their quotes unchecked
    folder: Path | None = None  # the configured articles folder

    @property
    def changes(self) -> int:
        return sum(self.counts.values())

    def summary(self, orphans: bool = True) -> str:
        """One line; with `orphans`, it names the graph's articles no given extract
        describes (when a whole folder was given: their extract was deleted)."""
        c = self.counts
        head = f"Loaded {len(self.articles)} article(s)"
        tail = f"; {self.orphan_note()}." if orphans and self.orphans else "."
        if not self.changes:
            return (f"{head}: no changes{tail}" if tail != "." else
                    f"{head}: no changes (the graph already matches the extracts).")
        return (f"{head}: entities +{c['entities_created']} ~{c['entities_updated']} "
                f"-{c['entities_deleted']}, relationships +{c['facts_created']} "
                f"~{c['facts_updated']} -{c['facts_deleted']}, mentions "
                f"+{c['mentions_added']} -{c['mentions_removed']}, article nodes "
                f"written {c['articles_written']}"
                + (f", articles removed {c['articles_removed']}" if c["articles_removed"] else "")
                + tail)

    def orphan_note(self) -> str:
        n = len(self.orphans)
        return (f"{n} article{'s' if n != 1 else ''} in the graph {'have' if n != 1 else 'has'}"
                f" no extract: {named(self.orphans)}")

    def unchecked_note(self) -> str | None:
        """One line naming the given articles whose quotes were never checked, if any."""
        if not self.unchecked:
            return None
        n = len(self.unchecked)
        return (f"{n} article{'s' if n != 1 else ''} stay unchecked (quotes not compared with "
                f"the article text, no articles folder at {self.folder}): "
                f"{named(self.unchecked)}")


def named(ids: list[str], most: int = NAMED) -> str:
    """Ids for one line: the first `most`, then how many more."""
    more = f" and {len(ids) - most} more" if len(ids) > most else ""
    return ", ".join(ids[:most]) + more


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
        positions={e.id: i for i, e in enumerate(ex.model.entities)},
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


def send(tx: Any, the_plan: WritePlan, say: Progress, done: int = 0) -> None:
    """Apply a plan in the open transaction, with progress lines counting this plan's rows
    (`done`: record rows the same transaction sent before)."""
    total = writes.size(the_plan)
    sent = 0

    def step(n: int) -> None:
        nonlocal sent
        sent += n
        say(f"written {sent}/{total} rows")

    say(f"writing {total} rows" + (f" (after {done} record rows)" if done else "")
        + " in one transaction")
    writes.apply(tx, the_plan, step)


def load(graph: Graph, validation: Validation, prune: bool = False, rebuild: bool = False,
         kept: list[str] | tuple = (), progress: Progress | None = None,
         resolutions: Judgements | None = None) -> LoadReport:
    """Load validated extracts; raises ValidationFailed (and writes nothing) on any error.

    `kept`: ids of articles whose unchanged extract was not re-read (they count as loaded
    and are not pruned). With `prune`, articles in the graph that none of these extracts
    describes are removed with everything only they support. With `rebuild`, the graph is
    emptied and loaded in the same transaction. `resolutions`: judgements to apply to
    extracts validation kept parsed (reduced inputs have them applied already)."""
    if rebuild and kept:
        raise TechKGError("a rebuild reads every extract: none can be kept unread")
    say = progress or (lambda _msg: None)
    inputs = checked_inputs(validation, kept, resolutions)
    report = LoadReport(sorted({i.id for i in inputs} | set(kept)))
    if not (inputs or prune or rebuild):
        return report  # every extract is unchanged since it was loaded: nothing to do
    writes.ensure_schema(graph)

    def work(tx: Any) -> WritePlan:
        if rebuild:
            say(f"planning {len(inputs)} article(s) into an empty graph")
            the_plan = plan(State(), inputs, wipe=True)
        else:
            known = loaded_articles(tx)
            if any(k.extract_sha256 is None for k in known.values()):
                raise TechKGError("the graph was written by an earlier version of the loader "
                                  "(articles without per-article records): rebuild it from "
                                  "the extracts")
            changed = [i for i in inputs if i.id not in known or known[i.id].check != i.check]
            removed = sorted(set(known) - set(report.articles)) if prune else []
            if known or holds_records(tx):
                say(f"reading the graph's records for {len(changed)} changed and "
                    f"{len(removed)} removed article(s)")
                state = read_state(tx, changed, removed)
                _refuse_undeclared(tx, changed, state)
            else:  # an empty graph: nothing to read
                say(f"planning {len(changed)} article(s) into an empty graph")
                state = State()
            the_plan = plan(state, changed, removed)
            the_plan.recount = bool(known) and not holds_tallies(tx)
        send(tx, the_plan, say)
        return the_plan

    the_plan = graph.write_tx(work)
    report.counts.update({k: v for k, v in the_plan.counts.items() if v})
    say("committed")
    return report


def _refuse_undeclared(tx: Any, inputs: list[ArticleInput], state: State) -> None:
    """An Entity node exists while some article declares it; one that none declares was
    written by hand, and loading over it would adopt it unseen (or, as the load creates
    the entities no article declared yet, be refused by the server)."""
    stray = undeclared_nodes(tx, sorted({e for i in inputs for e in i.decls} - set(state.decls)))
    if stray:
        one = len(stray) == 1
        raise TechKGError(f"the graph holds {len(stray)} {'entity' if one else 'entities'} "
                          f"that no article declares ({', '.join(map(repr, stray[:5]))}); "
                          f"nothing was loaded: delete {'it' if one else 'them'}, or rebuild "
                          "the graph from the extracts")
