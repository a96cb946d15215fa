"""A small soak in CI: every kind of corpus change, each reload compared with a fresh load.

The large run (>= 200 articles, >= 50 random cycles) is `python scripts/soak.py`; see the
"Soak test" section of docs/reliability.md.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from techkg.errors import ValidationFailed
from techkg.graph import Graph
from techkg.loaders.extract.validation import extract_files
from techkg.loaders.sync.pipeline import load_files
from tests.soak import OPERATIONS, REFUSED, Engine, Soak, engine_at, full_snapshot
from tests.synthetic import Corpus

# every operation at least once, a whole-set switch twice (the A, B, A pattern of issue 9),
# a contradiction and a broken text before and after a switch (issue 18)
PLAN = ["switch-set", "contradict", "edit-one", "edit-text", "remove", "add", "switch-set",
        "break-text", "restore", "edit-some", "contradict", "unchanged"]


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Engine]]:
    with engine_at(tmp_path_factory.mktemp("soaked")) as soaked, \
            engine_at(tmp_path_factory.mktemp("reference")) as reference:
        yield soaked, reference


def test_plan_covers_every_operation() -> None:
    assert sorted(set(PLAN)) == sorted(OPERATIONS)


def test_small_soak(engines: tuple[Engine, Engine], tmp_path: Path) -> None:
    soaked, reference = engines
    corpus = Corpus(seed=7, articles=12, facts_per_article=30, entities_per_article=30,
                    pool_size=80)
    soak = Soak(corpus, tmp_path, soaked, reference, seed=7)
    first = soak.start()
    assert first.ok, first.difference or first.integrity
    assert first.output.startswith("Loaded 12 article(s): entities +")
    for number, operation in enumerate(PLAN, start=1):
        before = full_snapshot(soaked.settings)
        cycle = soak.cycle(number, operation)
        assert cycle.integrity == [], f"cycle {number} ({operation}): {cycle.integrity}"
        assert cycle.equal, f"cycle {number} ({operation}) differs from a fresh load:\n" \
                            f"{cycle.difference}"
        if operation in REFUSED:  # refused by validate, load and a fresh load; then restored
            assert cycle.output.endswith(": refused by 3 of 3 commands"), cycle.output
            assert full_snapshot(soaked.settings) == before
        elif operation == "unchanged":
            assert cycle.output == (f"Loaded {cycle.articles} article(s): no changes (the graph "
                                    "already matches the extracts).")
            assert full_snapshot(soaked.settings) == before
        else:
            assert full_snapshot(soaked.settings) != before, f"{operation} changed nothing"
    assert [len(soak.versions), soak.next_index, len(soak.removed)] == [13, 13, 0]


def test_synthetic_corpus_is_deterministic_and_verbatim(tmp_path: Path) -> None:
    """Same seed, same bytes; every evidence quote is a line of the article text."""
    import yaml

    a, b = Corpus(seed=3, articles=5), Corpus(seed=3, articles=5)
    assert a.article(2).extract == b.article(2).extract
    variant, edited = a.article(2), a.article(2)
    from tests.synthetic import Version

    assert a.article(2, Version(1)).extract != variant.extract
    assert a.article(2, Version(0, 1)).extract != edited.extract
    data = yaml.safe_load(variant.extract)
    text_lines = set(variant.text.splitlines())
    quotes = [q for f in data["relationships"] for q in f["evidence"]]
    assert len(data["relationships"]) == 100 and len(data["entities"]) == 40
    assert all(q in text_lines for q in quotes)


def test_soak_script_runs_without_an_install() -> None:
    """scripts/soak.py imports techkg from its checkout: run with site-packages on the path
    but without their .pth files (so without the editable install's import hook)."""
    import subprocess
    import sys
    import sysconfig

    root = Path(__file__).resolve().parents[1]
    code = (f"import sys; sys.path.append({sysconfig.get_paths()['purelib']!r}); "
            "sys.argv = ['soak.py', '--help']; import runpy; "
            f"runpy.run_path({str(root / 'scripts' / 'soak.py')!r}, run_name='__main__')")
    result = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True,
                            text=True, cwd="/", timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: soak.py [-h] [--articles ARTICLES]")


def test_first_load_in_parts_writes_what_one_part_does(
        engines: tuple[Engine, Engine], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big first load plans its facts a part at a time from files on disk; the graph is
    the one a load in one part writes, the files are gone afterwards, and a contradiction
    found once every part is on disk still leaves the graph as it was."""
    split, whole = engines
    corpus = Corpus(seed=5, articles=10, facts_per_article=30, entities_per_article=20,
                    pool_size=40)
    soak = Soak(corpus, tmp_path, split, whole, seed=5)
    corpus.write(soak.extracts, soak.articles, soak.versions)
    files = extract_files([soak.extracts])
    spilled = tmp_path / "spilled"
    spilled.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spilled))
    lines: list[str] = []
    with Graph(split.settings) as g:
        report = load_files(g, files, soak.articles, rebuild=True, per_part=3,
                            progress=lines.append)
    with Graph(whole.settings) as g:
        load_files(g, files, soak.articles, rebuild=True)
    assert [x for x in lines if " parts" in x] == [
        "writing the graph in one transaction, the facts in 4 parts (after 200 record rows)"]
    assert report.counts["facts_created"] > 200
    assert full_snapshot(split.settings) == full_snapshot(whole.settings)
    assert list(spilled.iterdir()) == []

    before = full_snapshot(split.settings)
    _, _, what = soak.spoil("contradict")
    with Graph(split.settings) as g, pytest.raises(ValidationFailed, match="contradicts"):
        load_files(g, files, soak.articles, rebuild=True, per_part=3)
    assert full_snapshot(split.settings) == before, what
    assert list(spilled.iterdir()) == []
