"""An incremental load gives the verdict `validate` gives on the same folder, and when it
succeeds the graph a fresh load gives: the skip key covers everything validity depends on
(extract bytes and name, the article text, vocabulary and schema), and the cross-file checks
run over every extract (issue 18, items 2-4)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from techkg.graph import Settings
from techkg.loaders.extract.articles import sha256_of

from .conftest import DATA
from .soak import full_snapshot

NAMES = ("mini_a", "mini_b")


def corpus(root: Path) -> tuple[Path, Path]:
    """The two mini extracts and their texts in `root`; each extract records its text's sha256
    (required), so any edit of the text makes the extract invalid."""
    extracts, articles = root / "extracts", root / "articles"
    extracts.mkdir(parents=True)
    articles.mkdir()
    for name in NAMES:
        shutil.copy(DATA / "articles" / f"{name}.txt", articles)
        shutil.copy(DATA / "extracts" / f"{name}.yaml", extracts)
    return extracts, articles


class Check:
    """`validate` and `load --prune` of one folder through the real CLI, compared."""

    def __init__(self, cli: Callable, backend: Settings, extracts: Path, articles: Path) -> None:
        self.cli, self.backend, self.extracts, self.articles = cli, backend, extracts, articles

    def run(self, *command: str):  # type: ignore[no-untyped-def]
        return self.cli(*command, str(self.extracts), "--articles", str(self.articles))

    def same_verdict(self) -> int:
        """Validate, then load: both accept or both refuse; a refused load writes nothing,
        an accepted one leaves the graph a fresh load leaves. Returns the exit code."""
        checked = self.run("validate")
        before = full_snapshot(self.backend)
        loaded = self.run("load", "--prune")
        assert (checked.exit_code == 0) == (loaded.exit_code == 0), (
            f"validate exited {checked.exit_code}, load {loaded.exit_code}:\n"
            f"{checked.output}\n---\n{loaded.output}")
        if loaded.exit_code:
            assert full_snapshot(self.backend) == before, "a refused load wrote"
        else:
            after = full_snapshot(self.backend)
            assert self.run("load", "--rebuild").exit_code == 0
            assert full_snapshot(self.backend) == after, "differs from a fresh load"
        return loaded.exit_code


def _check(cli, backend: Settings, tmp_path: Path) -> Check:  # type: ignore[no-untyped-def]
    return Check(cli, backend, *corpus(tmp_path))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), "utf-8")


@pytest.mark.parametrize("changed", NAMES)
def test_contradiction_across_articles_is_refused_in_either_sort_order(
        cli, graph, backend, tmp_path: Path, changed: str) -> None:  # type: ignore[no-untyped-def]
    """Item 4: retyping an entity in one article so it contradicts the other is refused by
    an incremental load too, whether the changed article's id sorts first or last."""
    c = _check(cli, backend, tmp_path)
    assert c.same_verdict() == 0
    _edit(c.extracts / f"{changed}.yaml", "    type: University\n", "    type: Company\n")
    assert c.same_verdict() == 1
    # the same error, at the same place (the later article id, read again to locate it;
    # the extracts carry their sha256 on line 8 instead of a blank line)
    later = c.extracts / "mini_b.yaml"
    expected = (f"{later}:17:5: error: entity 'beta-university': type "
                f"'{'University' if changed == 'mini_a' else 'Company'}' contradicts "
                f"'{'Company' if changed == 'mini_a' else 'University'}' declared by article "
                "mini_a\nError: validation failed with 1 error(s); nothing was loaded\n")
    assert c.run("validate").stderr == expected
    assert c.run("load").stderr == expected


def test_edited_article_text_is_checked_again(cli, graph, backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c = _check(cli, backend, tmp_path)
    assert c.same_verdict() == 0
    _edit(c.articles / "mini_a.txt", "Beta University denied that any agreement was ever "
          "signed.\n", "Beta University confirmed the agreement.\n")
    assert c.same_verdict() == 1
    assert "mini_a" in c.run("load").stderr


@pytest.mark.parametrize("kind", ["directory", "fifo", "missing"])
def test_article_text_that_is_no_longer_a_file_is_refused(
        cli, graph, backend, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    c = _check(cli, backend, tmp_path)
    assert c.same_verdict() == 0
    text = c.articles / "mini_b.txt"
    text.unlink()
    if kind == "directory":
        text.mkdir()
    elif kind == "fifo":
        os.mkfifo(text)
    assert c.same_verdict() == 1


@pytest.mark.parametrize("name", ["mini_a_copy.yml", "mini_c.yaml"])
def test_a_duplicate_extract_appearing_is_refused(cli, graph, backend, tmp_path: Path,
                                                  name: str) -> None:  # type: ignore[no-untyped-def]
    c = _check(cli, backend, tmp_path)
    assert c.same_verdict() == 0
    shutil.copy(c.extracts / "mini_a.yaml", c.extracts / name)
    assert c.same_verdict() == 1


def test_a_renamed_symlink_is_checked_again(cli, graph, backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c = _check(cli, backend, tmp_path)
    real = tmp_path / "real"
    c.extracts.rename(real)
    c.extracts.mkdir()
    for name in NAMES:
        (c.extracts / f"{name}.yaml").symlink_to(real / f"{name}.yaml")
    assert c.same_verdict() == 0
    (c.extracts / "mini_b.yaml").rename(c.extracts / "other.yaml")
    assert c.same_verdict() == 1


def _article_checks(graph) -> list[dict]:  # type: ignore[no-untyped-def]
    return graph.read("MATCH (a:Article) RETURN a.id AS id, a.quotes_checked AS checked, "
                      "a.checked_sha256 AS sha ORDER BY id").records


def test_a_load_without_texts_is_marked_and_the_next_with_texts_checks_it(
        cli, graph, backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    extracts, articles = corpus(tmp_path)
    _edit(extracts / "mini_b.yaml", "signed a cooperation agreement", "signed a secret deal")
    nowhere = tmp_path / "nowhere"
    result = cli("load", str(extracts), env={"TECHKG_ARTICLES": str(nowhere)})
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"note: 2 articles stay unchecked (quotes not compared with the "
                             f"article text, no articles folder at {nowhere}): mini_a, mini_b "
                             "(pass --articles DIR or set TECHKG_ARTICLES)\n")
    assert _article_checks(graph) == [{"id": "mini_a", "checked": False, "sha": None},
                                      {"id": "mini_b", "checked": False, "sha": None}]
    sources = cli("sources").stdout.splitlines()
    assert sources[1] == ("    6 entities, 6 facts, 4 only here, quotes never checked against "
                          "the article text")
    profile = cli("entity", "Example Bureau").stdout.splitlines()
    assert profile[profile.index("SUPERVISED_BY") + 1] == (
        "  ← Alpha Base [InnovationBase], reported, quotes unchecked [1]")
    assert cli("export", "-f", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    exported = (tmp_path / "csv" / "articles.csv").read_text("utf-8").splitlines()
    column = exported[0].split(",").index("quotes_checked:boolean")
    assert [row.split(",")[column] for row in exported[1:]] == ["false", "false"]
    again = cli("load", str(extracts), env={"TECHKG_ARTICLES": str(nowhere)})
    assert again.stdout.startswith("Loaded 2 article(s): no changes")
    assert again.stderr.startswith("note: 2 articles stay unchecked")
    before = full_snapshot(backend)
    refused = cli("load", str(extracts), "--articles", str(articles))
    assert refused.exit_code == 1
    assert "evidence quote not found verbatim in mini_b.txt" in refused.stderr
    assert full_snapshot(backend) == before
    assert _article_checks(graph)[1]["checked"] is False
    _edit(extracts / "mini_b.yaml", "signed a secret deal", "signed a cooperation agreement")
    checked = cli("load", str(extracts), "--articles", str(articles))
    assert checked.exit_code == 0, checked.output
    assert checked.stderr == ""
    assert checked.stdout.endswith("article nodes written 2.\n")
    assert _article_checks(graph) == [
        {"id": n, "checked": True, "sha": sha256_of(articles / f"{n}.txt")} for n in NAMES]
    # without texts, an unchanged extract keeps what was checked (and says nothing)
    quiet = cli("load", str(extracts), env={"TECHKG_ARTICLES": str(nowhere)})
    assert (quiet.stdout, quiet.stderr) == (
        "Loaded 2 article(s): no changes (the graph already matches the extracts).\n", "")


def test_an_explicit_articles_folder_must_exist(cli, graph, backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    extracts, _articles = corpus(tmp_path)
    for bad, why in ((tmp_path / "typo", "does not exist"),
                     (extracts / "mini_a.yaml", "is a file")):
        for command in ("load", "validate"):
            result = cli(command, str(extracts), "--articles", str(bad))
            assert result.exit_code == 2
            assert result.stderr.splitlines()[-1] == (
                f"Error: Invalid value for '--articles': dir '{bad}' {why}.")
    assert full_snapshot(backend) == []


def test_a_deleted_extract_is_named_not_hidden_behind_no_changes(
        cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    extracts, articles = corpus(tmp_path)
    assert cli("load", str(extracts), "--articles", str(articles)).exit_code == 0
    (extracts / "mini_b.yaml").unlink()
    result = cli("load", str(extracts), "--articles", str(articles))
    assert result.stdout == ("Loaded 1 article(s): no changes; 1 article in the graph has no "
                             "extract: mini_b (use --prune).\n")
    result = cli("load", str(extracts / "mini_a.yaml"), "--articles", str(articles))
    assert result.stdout == ("Loaded 1 article(s): no changes (the graph already matches the "
                             "extracts).\n")  # one file given: the others are not its business
    result = cli("load", "--prune", str(extracts), "--articles", str(articles))
    assert result.stdout.endswith(", articles removed 1.\n")


def test_fact_lists_kept_on_articles_by_an_earlier_layout_are_moved(
        cli, graph, backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before ArticleFacts records, each Article node kept its fact ids. A load over such a
    graph moves them in its transaction, then replaces the edited article as usual: the
    graph equals a fresh load of the same extracts, record by record."""
    c = _check(cli, backend, tmp_path)
    assert c.same_verdict() == 0
    graph.write("MATCH (x:Article), (f:ArticleFacts {id: x.id}) SET x.facts = f.facts DELETE f")
    assert graph.read("MATCH (f:ArticleFacts) RETURN count(f) AS n").records == [{"n": 0}]
    _edit(c.extracts / "mini_b.yaml", "  - subject: alpha-base\n    type: LOCATED_IN\n"
          "    object: testville\n    evidence:\n      - \"The Alpha Base is an offshore "
          "innovation base located in Testville.\"", "")
    loaded = c.run("load", "--progress")
    assert loaded.exit_code == 0, loaded.output
    assert "load: moved the articles' fact lists to their own records (an earlier layout)\n" \
        in loaded.stderr
    assert graph.read("MATCH (x:Article) WHERE x.facts IS NOT NULL RETURN count(x) AS n"
                      ).records == [{"n": 0}]
    assert graph.read("MATCH (f:ArticleFacts) RETURN f.id AS id, f.facts AS facts "
                      "ORDER BY id").records == [
        {"id": "mini_a", "facts": sorted(r["f"] for r in graph.read(
            "MATCH (a:Entity)-[r]->(b:Entity) WHERE 'mini_a' IN r.sources "
            "RETURN a.id + ' ' + type(r) + ' ' + b.id AS f").records)},
        {"id": "mini_b", "facts": ["alpha-base SIGNS_AGREEMENT_WITH beta-university"]}]
    after = full_snapshot(backend)
    _edit(c.extracts / "mini_b.yaml", "title: A second", "title: The second")
    again = c.run("load", "--progress")  # nothing of the earlier layout is left to move
    assert again.exit_code == 0 and "fact lists" not in again.stderr, again.stderr
    _edit(c.extracts / "mini_b.yaml", "title: The second", "title: A second")
    assert c.run("load").exit_code == 0
    assert full_snapshot(backend) == after
    assert c.run("load", "--rebuild").exit_code == 0
    assert full_snapshot(backend) == after, "differs from a fresh load"
