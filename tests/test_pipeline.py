"""A load into an empty graph writes records while later extracts are still being validated
(in worker processes): an error in the last file must still leave the graph exactly as it
was, and the graph must equal one loaded from extracts checked in one process (real
engine)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from techkg.errors import ValidationFailed
from techkg.loaders.extract import parallel
from techkg.loaders.extract.validation import extract_files
from techkg.loaders.sync.pipeline import load_files

from .conftest import DATA, snapshot
from .synthetic import Corpus


def corpus_with_late_error(tmp_path: Path) -> tuple[Path, Path, Path]:
    """70 good synthetic extracts (two batches of records) and, sorted last, one whose
    quote is not in its article."""
    extracts, articles = tmp_path / "extracts", tmp_path / "articles"
    corpus = Corpus(seed=5, articles=70)
    corpus.write(extracts, articles, corpus.version_set(0))
    shutil.copy(DATA / "articles" / "mini_b.txt", articles / "mini_b.txt")
    text = (DATA / "extracts" / "mini_b.yaml").read_text("utf-8")
    bad = extracts / "zz_late.yaml"
    bad.write_text(text.replace("id: mini_b", "id: zz_late").replace(
        "signed a cooperation agreement", "signed a secret agreement"), "utf-8")
    return extracts, articles, bad


def in_workers(files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The loads below check these files in worker processes (this machine has 2+ CPUs; a
    real load starts the pool from `parallel.PARALLEL_FROM` files, more than these)."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one CPU: extracts are checked in the loading process")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", len(files))
    assert parallel.default_workers(len(files)) >= 2


@pytest.mark.parametrize("rebuild", [False, True])
def test_error_in_a_late_file_leaves_the_graph_untouched(graph, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         rebuild: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    if rebuild:  # a graph to keep: the wipe and the records sent must both roll back
        load_files(graph, extract_files([DATA / "extracts"]), DATA / "articles")
    before = snapshot(graph)
    extracts, articles, bad = corpus_with_late_error(tmp_path)
    in_workers(extract_files([extracts]), monkeypatch)
    said: list[str] = []
    with pytest.raises(ValidationFailed) as err:
        load_files(graph, extract_files([extracts]), articles, rebuild=rebuild,
                   progress=said.append)
    assert [str(i) for i in err.value.issues] == [
        f"{bad}:29:9: error: evidence quote not found verbatim in mini_b.txt: 'Records show "
        "the Alpha Base signed a secret agreement with B'"]
    sent = [s for s in said if s.startswith("written")]
    assert len(sent) >= 2, said  # records of the good extracts were sent before the error
    assert snapshot(graph) == before


def test_pipeline_load_equals_a_validated_load(graph, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from techkg.loaders.extract.validation import validate
    from techkg.loaders.sync.load import load

    extracts, articles, bad = corpus_with_late_error(tmp_path)
    bad.unlink()
    files = extract_files([extracts])
    in_workers(files, monkeypatch)
    streamed = load_files(graph, files, articles)
    after_stream = snapshot(graph)
    graph.write("MATCH (n) DETACH DELETE n")
    validated = load(graph, validate(files, articles, workers=0))  # in this process
    assert streamed.counts == validated.counts and streamed.articles == validated.articles
    assert snapshot(graph) == after_stream


def test_type_contradiction_between_files_is_located(graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The nodes are created as extracts pass: a second type for one id must not reach the
    server (a second node would break the id constraint); the cross-file check reports it."""
    shutil.copy(DATA / "extracts" / "mini_a.yaml", tmp_path / "mini_a.yaml")
    text = (DATA / "extracts" / "mini_b.yaml").read_text("utf-8")
    (tmp_path / "mini_b.yaml").write_text(text.replace(
        "type: University", "type: Company"), "utf-8")
    with pytest.raises(ValidationFailed) as err:
        load_files(graph, extract_files([tmp_path]), DATA / "articles")
    assert [str(i) for i in err.value.issues] == [
        f"{tmp_path / 'mini_b.yaml'}:17:5: error: entity 'beta-university': type 'Company' "
        "contradicts 'University' declared by article mini_a"]
    assert snapshot(graph) == []
