"""What validation reports beyond single errors: unreviewed drafts, unchecked quotes, capped
and grouped warnings, and the per-file / cross-file API a reload uses."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from techkg.loaders.extract import validation as validate_module
from techkg.loaders.extract.cross_file import ExtractSummary, cross_file_issues, summarise
from techkg.loaders.extract.duplicates import likely_duplicates
from techkg.loaders.extract.validation import check_file, count_unreviewed, validate
from techkg.loaders.sync.load import load
from techkg.vocabulary import vocabulary

from .conftest import DATA, snapshot

MINI_A = DATA / "extracts" / "mini_a.yaml"
ARTICLES = DATA / "articles"


def _copy(tmp: Path, name: str, edits: list[tuple[str, str]]) -> Path:
    text = MINI_A.read_text("utf-8").replace("  id: mini_a\n", f"  id: {name}\n")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp / f"{name}.yaml"
    path.write_text(text, "utf-8")
    return path


def test_unreviewed_items_are_reported_and_not_loaded(cli, graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = _copy(tmp_path, "draft", [
        ("    name: Jane Roe\n", "    name: Jane Roe\n    review: todo\n"),
        ("    object: beta-university\n    date: 2021\n",
         "    object: beta-university\n    date: 2021\n    review: todo\n"),
        ("    type: PART_OF\n", "    type: PART_OF\n    review: done\n")])
    assert count_unreviewed(draft) == 2
    result = cli("validate", str(draft), "--articles", str(ARTICLES))
    assert result.exit_code == 1, result.output  # the verdict a load gives
    assert result.stderr == (f"{draft}:31:5: unreviewed draft entity\n"
                             f"{draft}:67:5: unreviewed draft fact\n"
                             f"Error: 2 unreviewed draft item(s) in {draft}; a load refuses "
                             "them until they are reviewed\n")
    assert result.stdout == ""
    before = snapshot(graph)
    result = cli("load", str(draft), "--articles", str(ARTICLES))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (f"Error: 2 unreviewed draft item(s) in {draft}; "
                                              "nothing was loaded")
    assert snapshot(graph) == before


def test_articles_folder_from_the_environment(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("validate", str(MINI_A), env={"TECHKG_ARTICLES": str(ARTICLES)})
    assert (result.exit_code, result.stderr) == (0, "")
    missing = tmp_path / "nowhere"
    result = offline_cli("validate", str(MINI_A), str(DATA / "extracts" / "mini_b.yaml"),
                         env={"TECHKG_ARTICLES": str(missing)})
    assert result.exit_code == 0
    assert result.stderr == (f"note: 2 extract(s) could not be quote-checked: no articles "
                             f"folder at {missing} (pass --articles DIR or set "
                             "TECHKG_ARTICLES)\n")


def test_warnings_are_capped_per_kind(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    extra = "".join(f"  - id: lonely-{i:02d}\n    type: Place\n    name: Place {i:02d}\n"
                    for i in range(30))
    path = _copy(tmp_path, "lonely", [("relationships:\n", extra + "\nrelationships:\n")])
    result = offline_cli("validate", str(path), "--articles", str(ARTICLES))
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:36:9: warning: entity 'lonely-00' takes part in no relationship"
    assert len(lines) == 21
    assert lines[-1] == "warning: ... and 10 more warning(s): unconnected entity"
    assert result.stdout.endswith(" 30 warning(s).\n")


def test_near_duplicate_flood_is_grouped_and_capped(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    extra = "".join(f"  - id: institute-{i:03d}\n    type: ResearchInstitute\n"
                    f"    name: Example Research Institute {i:03d}\n" for i in range(400))
    path = _copy(tmp_path, "flood", [("relationships:\n", extra + "\nrelationships:\n")])
    result = offline_cli("validate", str(path), "--articles", str(ARTICLES))
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    dup = [line for line in lines if "may duplicate" in line]
    assert len(dup) == 20
    assert dup[0] == (f"{path}:41:11: warning: entity 'institute-001' may duplicate "
                      "'institute-000' ('example research institute 001' ~ 'example research "
                      "institute 000')")
    assert lines[-2:] == ["warning: ... and 379 more warning(s): possible duplicate entity",
                          "warning: ... and 380 more warning(s): unconnected entity"]


def test_likely_duplicates_by_blocks() -> None:
    names = [("most", "Ministry of Science and Technology"),
             ("most-2", "Ministry of Science & Technology"),
             ("mofa", "Ministry of Foreign Affairs"),
             ("tech-ministry", "Science and Technology Ministry"),
             ("alpha", "Alpha Base"), ("alpha-2", "ALPHA BASE")]
    assert likely_duplicates(names) == {
        "most-2": {"most": ("ministry of science & technology",
                            "ministry of science and technology")},
        "alpha-2": {"alpha": ("alpha base", "alpha base")}}
    assert likely_duplicates(names, focus={"mofa", "alpha"}) == {
        "alpha-2": {"alpha": ("alpha base", "alpha base")}}


def test_cross_file_checks_take_summaries_of_unchanged_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    parsed_a, issues_a = check_file(MINI_A, ARTICLES)
    assert parsed_a is not None and issues_a == []
    cached = json.loads(json.dumps(summarise(parsed_a).as_dict()))  # survives any JSON store
    summary_a = ExtractSummary.from_dict(cached)
    assert summary_a == summarise(parsed_a)
    text = (DATA / "extracts" / "mini_b.yaml").read_text("utf-8").replace(
        "    type: University\n", "    type: Company\n")
    (tmp_path / "mini_b.yaml").write_text(text, "utf-8")
    parsed_b, issues_b = check_file(tmp_path / "mini_b.yaml", ARTICLES)
    assert issues_b == []
    expected = [f"{tmp_path / 'mini_b.yaml'}:17:5: error: entity 'beta-university': type "
                "'Company' contradicts 'University' declared by article mini_a"]
    assert [str(i) for i in cross_file_issues([parsed_b], [summary_a])] == expected
    both = validate([MINI_A, tmp_path / "mini_b.yaml"], ARTICLES)
    assert [str(i) for i in both.issues] == expected


def test_self_loops_only_where_the_vocabulary_allows_them(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = DATA / "bad" / "self_loop.yaml"
    assert [i.message for i in validate([path], ARTICLES).errors] == [
        "subject and object are both 'alpha-base': SIGNS_AGREEMENT_WITH cannot link an "
        "entity to itself"]
    vocab = vocabulary()
    types = dict(vocab.relationship_types)
    types["SIGNS_AGREEMENT_WITH"] = dataclasses.replace(types["SIGNS_AGREEMENT_WITH"],
                                                        allow_self=True)
    allowing = dataclasses.replace(vocab, relationship_types=types)
    monkeypatch.setattr(validate_module, "vocabulary", lambda: allowing)
    assert validate([path], ARTICLES).errors == []


def test_one_pass_reports_schema_reference_and_quote_errors(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Schema errors do not hide the other findings: a wrong status, a dangling reference and
    a quote missing from the article are reported together; an entity with a schema error is
    still declared (facts naming it get no second error)."""
    path = _copy(tmp_path, "three", [
        ("    country: us\n  - id: gamma-lab", "    country: USA\n  - id: gamma-lab"),
        ("    status: denied\n", "    status: whispered\n"),
        ("    object: example-bureau\n", "    object: nobody\n"),
        ('      - "Jane Roe, who runs the Alpha Base"\n',
         '      - "Jane Roe, who runs the Beta Base"\n')])
    result = offline_cli("validate", str(path), "--articles", str(ARTICLES))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:23:14: error: entities.2.country: 'USA' does not match ^[a-z]{{2}}$",
        f"{path}:45:13: error: relationships.1.status: unknown status 'whispered'; expected "
        "one of: reported, planned, former, claimed, alleged, disputed, denied",
        f"{path}:39:13: error: object 'nobody' is not an entity declared in this file",
        f"{path}:10:9: warning: entity 'example-bureau' takes part in no relationship",
        f"{path}:60:9: error: evidence quote not found verbatim in mini_a.txt: 'Jane Roe, who "
        "runs the Beta Base'",
        "Error: validation failed with 4 error(s); nothing was loaded"]


def _span(tmp: Path, start: str, end: str) -> list[str]:
    path = _copy(tmp, f"span_{start}_{end}".replace("-", "_"), [
        ("    date: 2020-03\n", f"    start: {start}\n    end: {end}\n")])
    return [i.message for i in validate([path], ARTICLES).errors]


def test_partial_dates_compare_as_periods(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An end is before a start only when the whole end period precedes the start period."""
    for start, end in (("2020-05", "2020"), ("2020", "2020-05"), ("2020-05-31", "2020-05"),
                       ("2020-05", "2020-05-01"), ("2020-05", "2020-05")):
        assert _span(tmp_path, start, end) == [], (start, end)
    assert _span(tmp_path, "2020-06", "2020-05-31") == ["end 2020-05-31 is before start 2020-06"]
    assert _span(tmp_path, "2021", "2020-12") == ["end 2020-12 is before start 2021"]


def test_characterizations_take_a_list_of_verbatim_quotes(graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    quotes = ["Beta University’s Gamma Lab is part of Beta University.",
              "Beta University denied that any agreement was ever signed."]
    path = _copy(tmp_path, "labelled", [(
        "    country: us\n  - id: gamma-lab",
        "    country: us\n    characterizations:\n      - label: deniable partner\n"
        "        evidence:\n" + "".join(f'          - "{q}"\n' for q in quotes)
        + "  - id: gamma-lab")])
    result = validate([path], ARTICLES)
    assert result.issues == []
    load(graph, result)
    node = graph.read("MATCH (n:Entity {id: 'beta-university'}) "
                      "RETURN n.characterization_labels AS l, n.characterization_evidence AS e"
                      ).records
    assert node == [{"l": ["deniable partner"], "e": [" ¶ ".join(quotes)]}]


def test_extract_extensions_in_any_case_are_validated_and_loaded(cli, graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`B.YAML` is an extract for validate and for load alike (it was skipped by both, so a
    `load --prune` removed its article)."""
    folder = tmp_path / "extracts"
    folder.mkdir()
    (folder / "mini_a.yml").write_bytes(MINI_A.read_bytes())
    (folder / "mini_b.YAML").write_bytes((DATA / "extracts" / "mini_b.yaml").read_bytes())
    result = cli("validate", str(folder), "--articles", str(ARTICLES))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("2 extract(s) valid: ")
    result = cli("load", str(folder), "--articles", str(ARTICLES), "--prune")
    assert result.exit_code == 0, result.output
    articles = graph.read("MATCH (a:Article) RETURN a.id AS id ORDER BY id").records
    assert articles == [{"id": "mini_a"}, {"id": "mini_b"}]


def test_file_names_with_escape_codes_are_printed_escaped(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A file name can hold an escape sequence or a line break: printed raw, it would clear
    the screen or forge a `file:1:1:` line of its own."""
    evil = tmp_path / "x\x1b[2J\nforged.yaml:1:1: error: fake.yaml"
    evil.write_text("article: [\n", "utf-8")
    shown = str(evil).replace("\x1b", "\\x1b").replace("\n", "\\n")
    result = offline_cli("validate", str(evil), "--articles", str(ARTICLES))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{shown}:2:1: error: invalid YAML: did not find expected node content",
        "Error: validation failed with 1 error(s); nothing was loaded"]
    missing = tmp_path / "gone\x1b]0;title\x07.yaml"
    result = offline_cli("validate", str(missing))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {tmp_path}/gone\\x1b]0;title\\x07.yaml: no such file or "
                             "directory\n")
