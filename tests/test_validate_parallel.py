"""Extracts checked in worker processes give exactly what one process gives: every finding
(hostile and broken files included) in the same order, the same summaries and counts, the
same planning inputs; and through the CLI, a bad file among many is located as always."""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import pytest

from techkg.loaders.extract import parallel
from techkg.loaders.extract.validation import extract_files, validate
from techkg.loaders.sync.inputs import article_input

from .conftest import DATA
from .synthetic import Corpus
from .test_validate import EXPECTED

ARTICLES = DATA / "articles"


def test_worker_processes_find_what_one_process_finds() -> None:
    files = extract_files([DATA / "extracts", DATA / "bad"])
    reduce = partial(article_input, texts=ARTICLES)
    one = validate(files, ARTICLES, keep=True, reduce=reduce, workers=0)
    two = validate(files, ARTICLES, keep=True, reduce=reduce, workers=2)
    assert len(one.errors) > 50 and one.reduced  # broken files, and good ones before them
    assert [str(i) for i in two.issues] == [str(i) for i in one.issues]
    assert two.issues == one.issues and two.suppressed == one.suppressed
    assert two.summaries == one.summaries
    assert (two.entity_count, two.fact_count) == (one.entity_count, one.fact_count)
    assert two.reduced == one.reduced
    assert [x.model for x in two.extracts] == [x.model for x in one.extracts]


def test_collect_gets_each_reduction_in_file_order(tmp_path: Path) -> None:
    extracts, articles = tmp_path / "extracts", tmp_path / "articles"
    corpus = Corpus(seed=3, articles=20)
    corpus.write(extracts, articles, corpus.version_set(0))
    seen: list[str] = []

    def collect(inp):  # type: ignore[no-untyped-def]
        seen.append(inp.id)
        return inp.id

    result = validate([extracts], articles, reduce=partial(article_input, texts=articles),
                      collect=collect, workers=2)
    names = [p.stem for p in extract_files([extracts])]
    assert seen == names and result.reduced == names


def test_a_bad_file_among_many_is_located(offline_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """70 extracts checked in worker processes (the pool started from 70 files, not the
    default): the broken one is reported as ever."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 70)
    extracts, articles = tmp_path / "extracts", tmp_path / "articles"
    corpus = Corpus(seed=4, articles=70)
    corpus.write(extracts, articles, corpus.version_set(0))
    shutil.copy(DATA / "bad" / "bad_date.yaml", extracts / "bad_date.yaml")
    for text in ARTICLES.glob("mini_*.txt"):
        shutil.copy(text, articles / text.name)
    result = offline_cli("validate", str(extracts), "--articles", str(articles))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [f"{extracts / 'bad_date.yaml'}:{EXPECTED['bad_date']}"]
