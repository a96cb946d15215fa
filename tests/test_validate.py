"""Validation through the real CLI: good extracts pass; each broken or hostile extract fails
with its exact location and message; `load` of it writes nothing (full snapshot unchanged)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from techkg.graph import Graph, Settings
from techkg.loaders.extract.validation import validate
from techkg.loaders.sync.load import load
from techkg.loaders.sync.writes import wipe
from techkg.vocabulary import vocabulary

from .conftest import DATA, snapshot

BAD = DATA / "bad"
ARTICLES = ["--articles", str(DATA / "articles")]
VOCAB = vocabulary()

# file -> the first line `techkg validate` prints after "path:" (line:column: error: message)
EXPECTED = {
    "absolute_path": "7:9: error: article.file: '/etc/passwd' must be a file name inside "
                     "the articles folder (no absolute path, no '..')",
    "alias_as_key": '13:5: error: a mapping key must be a plain string, not a list, '
                    'mapping or alias',
    "alias_bomb": '16:12: error: more than 100,000 values (aliases count as the values '
                  'they repeat)',
    "alias_deep": "15:20: error: nesting deeper than 16 levels is not allowed",
    "alias_recursive": '13:21: error: alias *self refers to no complete anchored value '
                       'before it',
    "ansi_escaped": "12:11: error: control character U+001B is not allowed",
    "ansi_raw": "12:11: error: control character U+001B is not allowed",
    "article_date_word": '6:9: error: article.date: expected a partial ISO date (2018, '
                         "2018-11 or 2018-11-19), got 'yesterday'",
    "article_id_mismatch": "2:7: error: article id 'something_else' must equal the file "
                           "stem 'article_id_mismatch'",
    "bad_country": "16:14: error: entities.1.country: 'USA' does not match ^[a-z]{2}$",
    "bad_date": "21:11: error: relationships.0.date: '2020-13' is not a calendar date "
                '(month must be in 1..12)',
    "bad_inferred": '22:15: error: relationships.0.inferred: expected true or false, got '
                    "'perhaps'",
    "bad_review": '22:13: error: relationships.0.review: review must be todo or done, got'
                  " 'maybe'",
    "bad_sha256": "8:11: error: article.sha256: 'ABC123' does not match ^[0-9a-f]{64}$",
    "bad_slug": "10:9: error: entities.0.id: 'Alpha_Base' does not match "
                '^[a-z0-9]+(-[a-z0-9]+)*$',
    "bad_start": '21:12: error: relationships.0.start: expected a partial ISO date (2018,'
                 " 2018-11 or 2018-11-19), got '20201'",
    "bad_yaml": "13:7: error: invalid YAML: did not find expected ',' or ']'",
    "bell_escaped": "12:11: error: control character U+0007 is not allowed",
    "bidi_override": "12:17: error: control character U+202E is not allowed",
    "blank_name": "12:11: error: entities.0.name: expected text, got an empty string",
    "c1_control": "12:11: error: control character U+0085 is not allowed",
    "characterization_bad_status": '15:17: error: entities.0.characterizations.0.status: '
                                   "unknown status 'whispered'; expected one of: "
                                   'reported, planned, former, claimed, alleged, '
                                   'disputed, denied',
    "characterization_no_evidence": '14:9: error: missing required field '
                                    "'entities.0.characterizations.0.evidence'",
    "comment_only": '1:1: error: expected a mapping with keys article, entities, '
                    'relationships',
    "complex_key": '12:7: error: a mapping key must be a plain string, not a list, '
                   'mapping or alias',
    "complex_key_flow": '12:5: error: a mapping key must be a plain string, not a list, '
                        'mapping or alias',
    "dangling_id": "20:13: error: object 'gamma-university' is not an entity declared in "
                   'this file',
    "date_and_start": "21:11: error: use either date or start/end, not both",
    "deep_nesting": "16:31: error: nesting deeper than 16 levels is not allowed",
    "dot_segment": "7:9: error: article.file: './mini_a.txt' must be a file name inside "
                   "the articles folder (no absolute path, no '..')",
    "duplicate_id": "13:9: error: duplicate entity id 'alpha-base' (first declared at "
                    'line 10)',
    "duplicate_key": "13:5: error: duplicate key 'name'",
    "duplicate_top_key": "17:1: error: duplicate key 'entities'",
    "ellipsis_characterization": '15:19: error: entities.0.characterizations.0.evidence.0: '
                                 'evidence quote has no words (only ellipses or '
                                 "punctuation); quote the article's text",
    "ellipsis_quote": '23:9: error: relationships.0.evidence.0: evidence quote has no '
                      "words (only ellipses or punctuation); quote the article's text",
    "empty_entities": "9:11: error: entities: expected at least one item",
    "empty_evidence": '22:15: error: relationships.0.evidence: expected at least one '
                      'verbatim evidence quote',
    "empty_file": '1:1: error: expected a mapping with keys article, entities, '
                  'relationships',
    "empty_name": "12:11: error: entities.0.name: expected text, got an empty string",
    "empty_quote": "23:9: error: relationships.0.evidence.0: evidence quote is empty",
    "end_before_start": "22:10: error: end 2019-12 is before start 2020-03",
    "entity_not_mapping": "10:5: error: entities.0: expected a mapping, got str",
    "explicit_tag": '12:11: error: YAML tags '
                    "('tag:yaml.org,2002:python/object:os.system') are not allowed in an "
                    'extract',
    "february_30": "21:11: error: relationships.0.date: '2020-02-30' is not a calendar "
                   'date (day is out of range for month)',
    "flow_duplicate_key": "13:36: error: duplicate key 'label'",
    "home_path": "7:9: error: article.file: '~/article.txt' must be a file name inside "
                 "the articles folder (no absolute path, no '..')",
    "long_description": '16:18: error: entities.1.description: 2,003 characters; the '
                        'limit is 2,000',
    "long_name": "12:11: error: entities.0.name: 304 characters; the limit is 300",
    "long_note": '22:11: error: relationships.0.note: 2,003 characters; the limit is '
                 '2,000',
    "long_slug": "10:9: error: entities.0.id: 121 characters; the limit is 120",
    "long_string": "16:18: error: a string of 10,001 characters; the limit is 10,000",
    "missing_article": "7:9: error: article text 'no_such_article.txt' not found in "
                       f"{DATA / 'articles'}",
    "missing_article_block": "1:1: error: missing required field 'article'",
    "missing_name": "13:5: error: missing required field 'entities.1.name'",
    "multiline_name": '12:11: error: entities.0.name: expected one line of text (no line '
                      'breaks or tabs)',
    "multiline_role": '22:11: error: relationships.0.role: expected one line of text (no '
                      'line breaks or tabs)',
    "name_is_list": "12:11: error: entities.0.name: expected a string, got list",
    "not_a_mapping": '1:1: error: expected a mapping with keys article, entities, '
                     'relationships',
    "not_utf8": "3:13: error: not UTF-8 text (byte 0xe9)",
    "nul_escaped": "12:11: error: control character U+0000 is not allowed",
    "nul_raw": "12:16: error: control character U+0000 is not allowed",
    "null_key": "13:5: error: an empty key",
    "path_escape": "7:9: error: article.file: '../../etc/passwd' must be a file name "
                   "inside the articles folder (no absolute path, no '..')",
    "punctuation_quote": '23:9: error: relationships.0.evidence.0: evidence quote has no '
                         "words (only ellipses or punctuation); quote the article's text",
    "quote_is_mapping": '23:9: error: relationships.0.evidence.0: expected a string, got '
                        'dict',
    "quote_not_in_article": '23:9: error: evidence quote not found verbatim in '
                            "mini_a.txt: 'the Alpha Base signed a secret pact with Beta "
                            "University'",
    "quote_too_long": '23:9: error: relationships.0.evidence.0: evidence quote is 401 '
                      'characters; keep it to a sentence or less (at most 400)',
    "relationships_not_list": "17:16: error: relationships: expected a list, got str",
    "self_loop": "20:13: error: subject and object are both 'alpha-base': "
                 'SIGNS_AGREEMENT_WITH cannot link an entity to itself',
    "sha256_mismatch": "8:11: error: article text 'mini_a.txt' changed since the extract "
                       'was made (sha256 0ec057bd29c2…, recorded 000000000000…): its '
                       'quotes cannot be trusted',
    "short_date": '21:11: error: relationships.0.date: expected a partial ISO date (2018,'
                  " 2018-11 or 2018-11-19), got '2020-3'",
    "tab_in_name": '12:11: error: entities.0.name: expected one line of text (no line '
                   'breaks or tabs)',
    "tab_indent": '11:1: error: invalid YAML: found a tab character that violates '
                  'indentation',
    "too_many_aliases": "13:14: error: entities.0.aliases: 51 items; the limit is 50",
    "too_many_quotes": "23:7: error: relationships.0.evidence: 51 items; the limit is 50",
    "two_documents": '17:1: error: expected one YAML document, found another (remove the '
                     "'---' line)",
    "unclosed_quote": "23:10: error: invalid YAML: did not find expected key",
    "undefined_alias": '15:11: error: alias *nowhere refers to no complete anchored value'
                       ' before it',
    "unicode_ellipsis_quote": '23:9: error: relationships.0.evidence.0: evidence quote '
                              'has no words (only ellipses or punctuation); quote the '
                              "article's text",
    "unknown_article_field": "8:3: error: unknown field 'language' at article.language",
    "unknown_fact_field": "22:5: error: unknown field 'confidence' at "
                          'relationships.0.confidence',
    "unknown_field": "13:5: error: unknown field 'nickname' at entities.0.nickname",
    "unknown_relationship": "19:11: error: relationships.0.type: unknown relationship type "
                            f"'LIKES'; expected one of: {', '.join(VOCAB.relationship_types)}",
    "unknown_status": "22:13: error: relationships.0.status: unknown status 'rumoured'; "
                      'expected one of: reported, planned, former, claimed, alleged, '
                      'disputed, denied',
    "unknown_type": "11:11: error: entities.0.type: unknown entity type 'OffshoreThing'; "
                    f"expected one of: {', '.join(VOCAB.entity_types)}",
    "unreviewed_fact_bad_value": '22:13: error: relationships.0.review: review must be '
                                 "todo or done, got 'TODO'",
    "windows_path": "7:9: error: article.file: 'C:\\\\articles\\\\mini_a.txt' must be a file "
                    "name inside the articles folder (no absolute path, no '..')",
    "wrong_field_type": "16:14: error: entities.1.aliases: expected a list, got str",
    # the evidence rules, invisible characters and non-ASCII digits (issue 18)
    "alias_word_joiner": '18:15: error: entities.1.aliases.0: invisible character U+2060 '
                         '(word joiner) is not allowed in one-line text',
    "characterization_quote_not_verbatim": '28:13: error: evidence quote not found '
                                           "verbatim in mini_a.txt: 'Beta University "
                                           "signed a secret pact'",
    "date_arabic_indic": "64:11: error: relationships.4.date: '٢٠٢١' has digits other than "
                         '0-9; write dates in ASCII digits (2018, 2018-11 or 2018-11-19)',
    "date_fullwidth": "46:11: error: relationships.1.date: '２０２０-０３' has digits other than "
                      '0-9; write dates in ASCII digits (2018, 2018-11 or 2018-11-19)',
    "fragment_short": '41:9: error: relationships.0.evidence.0: evidence quote part '
                      "'Testville' has 1 word(s); each part joined by '…' needs at least 4 "
                      '(or quote the parts separately)',
    "fragments_across_paragraphs": '60:9: error: evidence quote parts are not in order '
                                   'within one paragraph of mini_a.txt: '
                                   "'The Example Bureau (示例局) supervises the Alpha Base "
                                   "… Jane Ro' (quote each passage separately)",
    "fragments_out_of_order": '60:9: error: evidence quote parts are not in order within one '
                              "paragraph of mini_a.txt: 'visited Beta University in 2021 … Jane "
                              "Roe, who runs the Alp' (quote each passage separately)",
    "inferred_without_note": '51:5: error: relationships.2: inferred: true needs a note saying '
                             'what was inferred and from what',
    "missing_sha256": "2:3: error: missing required field 'article.sha256'",
    "name_byte_order_mark": '17:11: error: entities.1.name: invisible character U+FEFF (zero '
                            'width no-break space) is not allowed in one-line text',
    "name_carriage_return": '17:11: error: entities.1.name: invisible character U+000D (carriage '
                            'return) is not allowed in one-line text',
    "name_line_separator": '17:11: error: entities.1.name: invisible character U+2028 (line '
                           'separator) is not allowed in one-line text',
    "name_zero_width": '17:11: error: entities.1.name: invisible character U+200B (zero '
                       'width space) is not allowed in one-line text',
    "quote_a": '41:9: error: relationships.0.evidence.0: evidence quote has 1 '
               'word(s); quote at least 4 words of the sentence that states the fact',
    "quote_names_no_end": "66:7: error: no evidence quote names 'jane-roe' or "
                          "'beta-university' (by name, alias or Chinese name); quote a "
                          'sentence that does, or mark the fact inferred: true with a note',
    "quote_one_word": '41:9: error: relationships.0.evidence.0: evidence quote has 1 '
                      'word(s); quote at least 4 words of the sentence that states the fact',
    "quote_short": '60:9: error: relationships.3.evidence.0: evidence quote has 3 '
                   'word(s); quote at least 4 words of the sentence that states the fact',
    "role_bidi_mark": '47:11: error: relationships.1.role: invisible character U+200F '
                      '(right-to-left mark) is not allowed in one-line text',
}


def _extract(tmp: Path, name: str, old: str, new: str) -> Path:
    """A copy of the valid extract mini_a with one edit, as tmp/<name>.yaml."""
    text = (DATA / "extracts" / "mini_a.yaml").read_text("utf-8")
    text = text.replace("  id: mini_a\n", f"  id: {name}\n")
    assert old in text
    path = tmp / f"{name}.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def _articles(tmp: Path) -> Path:
    folder = tmp / "articles"
    folder.mkdir()
    (folder / "mini_a.txt").write_bytes((DATA / "articles" / "mini_a.txt").read_bytes())
    return folder


def dev_zero(tmp: Path) -> tuple[Path, Path]:
    (tmp / "dev_zero.yaml").symlink_to("/dev/zero")
    return tmp / "dev_zero.yaml", DATA / "articles"


def fifo(tmp: Path) -> tuple[Path, Path]:
    os.mkfifo(tmp / "fifo.yaml")
    return tmp / "fifo.yaml", DATA / "articles"


def oversized(tmp: Path) -> tuple[Path, Path]:
    path = _extract(tmp, "oversized", "relationships:\n", "# " + "x" * 2_000_000 + "\n"
                    "relationships:\n")
    return path, DATA / "articles"


def huge_name(tmp: Path) -> tuple[Path, Path]:
    return _extract(tmp, "huge_name", "    name: Alpha Base\n",
                    "    name: " + "A" * 200_000 + "\n"), DATA / "articles"


def article_symlink_escape(tmp: Path) -> tuple[Path, Path]:
    folder = _articles(tmp)
    (folder / "elsewhere.txt").symlink_to(DATA / "articles" / "mini_a.txt")
    return _extract(tmp, "article_symlink_escape", "  file: mini_a.txt\n",
                    "  file: elsewhere.txt\n"), folder


def article_is_directory(tmp: Path) -> tuple[Path, Path]:
    folder = _articles(tmp)
    (folder / "folder.txt").mkdir()
    return _extract(tmp, "article_is_directory", "  file: mini_a.txt\n",
                    "  file: folder.txt\n"), folder


def article_not_utf8(tmp: Path) -> tuple[Path, Path]:
    folder = _articles(tmp)
    (folder / "latin1.txt").write_bytes("Beta University denied, caf\xe9.".encode("latin-1"))
    return _extract(tmp, "article_not_utf8", "  file: mini_a.txt\n",
                    "  file: latin1.txt\n"), folder


def article_edited(tmp: Path) -> tuple[Path, Path]:
    folder = _articles(tmp)
    with (folder / "mini_a.txt").open("a", encoding="utf-8") as fh:
        fh.write("An added line.\n")
    return _extract(tmp, "article_edited", "  file: mini_a.txt\n",  # sha256 as shipped
                    "  file: mini_a.txt\n"), folder


# name -> (maker of (extract, articles folder), expected text after "path:")
GENERATED: dict[str, tuple[Callable[[Path], tuple[Path, Path]], str]] = {
    "dev_zero": (dev_zero, "1:1: error: not a regular file (a device, FIFO or directory?)"),
    "fifo": (fifo, "1:1: error: not a regular file (a device, FIFO or directory?)"),
    "oversized": (oversized, "1:1: error: file is 2,001,817 bytes; the limit is 2,000,000"),
    "huge_name": (huge_name, "17:11: error: a string of 200,000 characters; the limit is "
                             "10,000"),
    "article_symlink_escape": (article_symlink_escape, "7:9: error: article file "
                               "'elsewhere.txt' resolves outside the articles folder"),
    "article_is_directory": (article_is_directory, "7:9: error: article text 'folder.txt': "
                             "not a regular article text (a device, FIFO or directory?)"),
    "article_not_utf8": (article_not_utf8, "7:9: error: article text 'latin1.txt': not UTF-8 "
                         "text (byte 0xe9)"),
    "article_edited": (article_edited, "8:11: error: article text 'mini_a.txt' changed since "
                       "the extract was made (sha256 4f9a61587460…, recorded 0ec057bd29c2…): "
                       "its quotes cannot be trusted"),
}


def test_a_file_larger_than_its_stat_size_is_read_whole_and_still_bounded() -> None:
    """A file can hold more than its size said when it was opened (it grew, or the kernel
    does not know: /proc reports 0 bytes): it is read to its end, within the limit."""
    from techkg.loaders.extract.yaml_source import YamlProblem, read_bounded

    def fields(raw: bytes) -> list[bytes]:
        return [line.split(b":")[0] for line in raw.splitlines()]

    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    assert fields(read_bounded(status)) == fields(status.read_bytes())
    assert len(fields(status.read_bytes())) > 20
    with pytest.raises(YamlProblem, match="file is over the limit of 100 bytes"):
        read_bounded(status, 100)


def test_corpus_is_complete() -> None:
    assert sorted(p.stem for p in BAD.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) + len(GENERATED) >= 60


def test_good_extracts_validate(offline_cli) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("validate", str(DATA / "extracts"), *ARTICLES)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("2 extract(s) valid: 9 entity declarations, 8 relationships, "
                             "0 warning(s).\n")
    assert result.stderr == ""


def _first_error(offline_cli, path: Path, articles: Path) -> str:  # type: ignore[no-untyped-def]
    result = offline_cli("validate", str(path), "--articles", str(articles))
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1].startswith("Error: validation failed with ")
    return result.stderr.splitlines()[0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_extract_is_located(offline_cli, name: str) -> None:  # type: ignore[no-untyped-def]
    path = BAD / f"{name}.yaml"
    assert _first_error(offline_cli, path, DATA / "articles") == f"{path}:{EXPECTED[name]}"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_hostile_input_is_located(offline_cli, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    make, expected = GENERATED[name]
    path, articles = make(tmp_path)
    first = _first_error(offline_cli, path, articles)
    assert first == f"{path}:{expected}"
    assert len(first) < len(str(path)) + 200  # a 200 kB value is never echoed


@pytest.fixture(scope="module")
def preloaded(backend: Settings) -> Iterator[Graph]:
    """A graph holding mini_b, so 'nothing written' is checked against a non-empty state."""
    with Graph(backend) as g:
        wipe(g)
        load(g, validate([DATA / "extracts" / "mini_b.yaml"], DATA / "articles"))
        yield g


def _loads_nothing(cli, graph: Graph, path: Path, articles: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(graph)
    result = cli("load", str(DATA / "extracts" / "mini_a.yaml"), str(path),
                 "--articles", str(articles))
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1].endswith("nothing was loaded")
    assert snapshot(graph) == before and before


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_extract_loads_nothing(cli, preloaded, name: str) -> None:  # type: ignore[no-untyped-def]
    _loads_nothing(cli, preloaded, BAD / f"{name}.yaml", DATA / "articles")


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_hostile_input_loads_nothing(cli, preloaded, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path, articles = GENERATED[name][0](tmp_path)
    _loads_nothing(cli, preloaded, path, articles)
