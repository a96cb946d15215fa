"""A load into a graph that holds records: skip what cannot have changed, validate the rest
against all, load the difference.

The files whose verdict cannot have changed are skipped (techkg.loaders.sync.skip); the
others are validated, with the cross-file checks run over every given extract (skipped ones
through their Declaration records), then loaded by techkg.loaders.sync.load. So `load` gives
the verdict `validate` gives on the same files.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from techkg.graph import Graph
from techkg.loaders.extract import articles
from techkg.loaders.extract.cross_file import ExtractSummary
from techkg.loaders.extract.judgements import Judgements
from techkg.loaders.extract.resolve import AGREE
from techkg.loaders.extract.validation import Validation, validate
from techkg.loaders.sync.inputs import article_input, raise_if_invalid
from techkg.loaders.sync.load import load
from techkg.loaders.sync.report import LoadReport, Progress, Validated
from techkg.loaders.sync.skip import unchanged_files
from techkg.loaders.sync.state import (
    Loaded,
    agreed,
    declared,
    declaring,
    loaded_articles,
)


def load_changed(graph: Graph, files: list[Path], articles_dir: Path | None,
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


