"""Write validated extracts into the graph: idempotent, all or nothing, replace-by-article.

A run is one managed write transaction: it reads the bookkeeping records of the articles
whose extract changed (techkg.loaders.sync.state), plans the differences without the database
(techkg.loaders.sync.plan) and sends them (techkg.loaders.sync.writes). Articles whose load
key and quote check match what their Article node records are not planned again, so a
reload costs what changed. `rebuild` wipes and loads in that same transaction: a crash at
any moment leaves the old graph or the new one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from techkg.errors import TechKGError
from techkg.graph import Graph
from techkg.loaders.extract.judgements import Judgements
from techkg.loaders.extract.validation import Validation
from techkg.loaders.sync import writes
from techkg.loaders.sync.inputs import checked_inputs
from techkg.loaders.sync.plan import ArticleInput, State, WritePlan, plan
from techkg.loaders.sync.report import LoadReport, Progress
from techkg.loaders.sync.state import (
    articles_summary,
    holds_records,
    holds_tallies,
    loaded_articles,
    read_state,
    refuse_old_layout,
    undeclared_nodes,
)


def send(tx: Any, plans: Iterable[WritePlan], say: Progress, done: int = 0,
         parts: int = 1) -> Counter:
    """Apply plans in order in the open transaction, with progress lines counting their rows
    (`done`: record rows the same transaction sent before); returns their summed counts.
    With one part every plan is made first, so the lines can count to the total; a first
    load in `parts` parts (techkg.loaders.sync.spill) plans each part as it is sent."""
    counts: Counter = Counter()
    sent = 0
    total = ""
    after = f" (after {done} record rows)" if done else ""
    if parts == 1:
        plans = list(plans)
        total = f"/{writes.size(plans)}"
        say(f"writing {total[1:]} rows{after} in one transaction")
    else:
        say(f"writing the graph in one transaction, the facts in {parts} parts{after}")

    def step(n: int) -> None:
        nonlocal sent
        sent += n
        say(f"written {sent}{total} rows")

    def counted(plans: Iterable[WritePlan]) -> Iterator[WritePlan]:
        for the_plan in plans:
            yield the_plan
            counts.update(the_plan.counts)

    writes.apply(tx, counted(plans), step)
    return counts


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
            # only a prune needs every article; else the given ones, and counts of the rest
            known = loaded_articles(tx, None if prune else [i.id for i in inputs])
            summary = articles_summary(tx, known if prune else None)
            if summary.old:
                raise TechKGError("the graph was written by an earlier version of the loader "
                                  "(articles without per-article records): rebuild it from "
                                  "the extracts")
            refuse_old_layout(tx)
            if summary.facts_on_node:
                writes.move_article_facts(tx)
                say("moved the articles' fact lists to their own records (an earlier layout)")
            changed = [i for i in inputs if i.id not in known or known[i.id].check != i.check]
            removed = sorted(set(known) - set(report.articles)) if prune else []
            if summary.count or holds_records(tx):
                say(f"reading the graph's records for {len(changed)} changed and "
                    f"{len(removed)} removed article(s)")
                state = read_state(tx, changed, removed)
                _refuse_undeclared(tx, changed, state)
            else:  # an empty graph: nothing to read
                say(f"planning {len(changed)} article(s) into an empty graph")
                state = State()
            the_plan = plan(state, changed, removed)
            the_plan.recount = bool(summary.count) and not holds_tallies(tx)
        send(tx, [the_plan], say)
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
