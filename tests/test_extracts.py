"""The five real extracts: valid, verbatim, complete enough, and loaded as the contract says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from techkg.loaders.extract.validation import validate
from techkg.loaders.sync.load import load
from techkg.loaders.sync.writes import wipe

from .conftest import EXTRACTS, NO_REAL_ARTICLES, REAL_ARTICLES, node_count, snapshot

ARTICLE_IDS = ["000_ced59de784f162c8", "001_18eb8b6fa9533812", "002_f2ee63d1b25661a9",
               "003_2742a0ed2317a793", "004_d56b4a6fc61554ff"]


def test_one_extract_per_article() -> None:
    assert sorted(p.stem for p in EXTRACTS.glob("*.yaml")) == ARTICLE_IDS


def test_every_extract_pins_its_article_text() -> None:
    result = validate([EXTRACTS], Path("/nonexistent-articles"))
    assert [str(i) for i in result.issues] == []
    assert all(ex.model.article.sha256 for ex in result.extracts)
    assert result.unchecked_note() == ("5 extract(s) could not be quote-checked: no articles "
                                       "folder at /nonexistent-articles")


def test_real_article_texts_match_the_extracts() -> None:
    if REAL_ARTICLES is None:
        pytest.skip(NO_REAL_ARTICLES)
    assert sorted(p.stem for p in REAL_ARTICLES.glob("*.txt")) == ARTICLE_IDS
    result = validate([EXTRACTS], REAL_ARTICLES)  # sha256 and every quote, verbatim
    assert [str(i) for i in result.issues] == []
    assert (len(result.extracts), result.unchecked) == (5, 0)


def test_validate_command_on_real_extracts(offline_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if REAL_ARTICLES is not None:
        result = offline_cli("validate", str(EXTRACTS), "--articles", str(REAL_ARTICLES))
        assert result.stderr == ""
    else:
        result = offline_cli("validate", str(EXTRACTS),
                             env={"TECHKG_ARTICLES": str(tmp_path / "none")})
        assert result.stderr == (f"note: 5 extract(s) could not be quote-checked: no articles "
                                 f"folder at {tmp_path / 'none'} (pass --articles DIR or set "
                                 "TECHKG_ARTICLES)\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("5 extract(s) valid: 218 entity declarations, 266 relationships, "
                             "0 warning(s).\n")


def test_loaded_counts_and_resolution(loaded) -> None:  # type: ignore[no-untyped-def]
    assert node_count(loaded) == {"entities": 203, "articles": 5, "facts": 265,
                                  "mentions": 218}
    shared = loaded.read(
        "MATCH (n:Entity) WHERE n.id IN ['ministry-of-science-and-technology', 'baoding', "
        "'hebei-province', 'artificial-intelligence'] "
        "RETURN n.id AS id, n.source_count AS m, [(a:Article)-[:MENTIONS]->(n) | a.id] AS sources "
        "ORDER BY id").records
    assert [{**r, "sources": sorted(r["sources"])} for r in shared] == [
        {"id": "artificial-intelligence", "m": 4, "sources": [
            "001_18eb8b6fa9533812", "002_f2ee63d1b25661a9", "003_2742a0ed2317a793",
            "004_d56b4a6fc61554ff"]},
        {"id": "baoding", "m": 2, "sources": ["000_ced59de784f162c8", "003_2742a0ed2317a793"]},
        {"id": "hebei-province", "m": 2,
         "sources": ["002_f2ee63d1b25661a9", "003_2742a0ed2317a793"]},
        {"id": "ministry-of-science-and-technology", "m": 2,
         "sources": ["001_18eb8b6fa9533812", "002_f2ee63d1b25661a9"]}]
    names = loaded.read("MATCH (n:Entity) WHERE n.name = 'Ministry of Science and Technology' "
                        "RETURN count(n) AS n").records
    assert names == [{"n": 1}]


def test_reload_changes_nothing(loaded) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(loaded)
    report = load(loaded, validate([EXTRACTS], REAL_ARTICLES))
    assert report.changes == 0
    assert snapshot(loaded) == before


def test_replace_and_atomicity_on_real_extracts(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for p in EXTRACTS.glob("*.yaml"):
        shutil.copy(p, tmp_path / p.name)
    edited = tmp_path / "004_d56b4a6fc61554ff.yaml"
    text = edited.read_text("utf-8")
    block = ("  - subject: suzhou-industrial-park\n    type: FUNDS\n    object: mit-csail\n")
    assert block in text
    start = text.index(block)
    edited.write_text(text[:start] + text[text.index("  - subject: mit-csail\n    type: TARGETS"):],
                      "utf-8")
    report = load(loaded, validate([edited], REAL_ARTICLES))
    assert (report.counts["facts_deleted"], report.changes) == (1, 1)
    gone = loaded.read("MATCH (:Entity {id: 'suzhou-industrial-park'})-[r:FUNDS]->() "
                       "RETURN count(r) AS n").records
    assert gone == [{"n": 0}]
    before = snapshot(loaded)
    broken = tmp_path / "003_2742a0ed2317a793.yaml"
    broken.write_text(broken.read_text("utf-8").replace("type: VISITS", "type: TOURS", 1), "utf-8")
    result = validate([tmp_path], REAL_ARTICLES)
    assert result.errors
    with pytest.raises(Exception, match="unknown relationship type 'TOURS'"):
        load(loaded, result)
    assert snapshot(loaded) == before
    wipe(loaded)
    load(loaded, validate([EXTRACTS], REAL_ARTICLES))  # leave the module's graph as found


def test_fuzzy_duplicates_are_warnings(offline_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = (EXTRACTS / "001_18eb8b6fa9533812.yaml").read_text("utf-8")
    dup = src.replace("  - id: ministry-of-science-and-technology\n",
                      "  - id: ministry-of-science-technology\n").replace(
        "object: ministry-of-science-and-technology", "object: ministry-of-science-technology")
    dup = dup.replace("    name: Ministry of Science and Technology\n",
                      "    name: Ministry of Science & Technology\n")
    (tmp_path / "001_18eb8b6fa9533812.yaml").write_text(dup, "utf-8")
    shutil.copy(EXTRACTS / "002_f2ee63d1b25661a9.yaml", tmp_path)
    texts = ["--articles", str(REAL_ARTICLES)] if REAL_ARTICLES else []
    result = offline_cli("validate", str(tmp_path), *texts)
    assert result.exit_code == 0, result.output
    assert "warning: entity 'ministry-of-science-technology' may duplicate " \
           "'ministry-of-science-and-technology'" in result.stderr


def test_quotes_that_prove_nothing_are_refused_on_a_real_article(tmp_path: Path) -> None:
    """The audit's cases on article 000: a one-word quote, and two passages far apart joined
    by "…" (a one-word part; substantial parts from different paragraphs)."""
    if REAL_ARTICLES is None:
        pytest.skip(NO_REAL_ARTICLES)
    src = (EXTRACTS / "000_ced59de784f162c8.yaml").read_text("utf-8")
    stitched = "the Baoding government detailed a successful example: it attracted"
    extra = (
        "  - {subject: ibm, type: FUNDS, object: baoding-municipal-government, "
        'evidence: ["a"]}\n'
        "  - {subject: baoding-municipal-government, type: RECRUITS, object: nvidia, "
        f'evidence: ["{stitched} … Nvidia"]}}\n'
        "  - {subject: baoding-municipal-government, type: RECRUITS, object: nvidia, "
        f'evidence: ["{stitched} … visited the campus of Hewlett-Packard, Nvidia"]}}\n')
    path = tmp_path / "000_ced59de784f162c8.yaml"
    path.write_text(src + extra, "utf-8")
    lines = src.count("\n")
    result = validate([path], REAL_ARTICLES)
    assert [str(i).removeprefix(f"{path}:") for i in result.errors] == [
        f"{lines + 1}:82: error: relationships.44.evidence.0: evidence quote has 1 word(s); "
        "quote at least 4 words of the sentence that states the fact",
        f"{lines + 2}:88: error: relationships.45.evidence.0: evidence quote part 'Nvidia' has "
        "1 word(s); each part joined by '…' needs at least 4 (or quote the parts separately)",
        f"{lines + 3}:88: error: evidence quote parts are not in order within one paragraph of "
        "000_ced59de784f162c8.txt: 'the Baoding government detailed a successful example: it "
        "att' (quote each passage separately)"]
