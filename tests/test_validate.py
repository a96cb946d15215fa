"""Validation through the real CLI: good extracts pass; each broken extract fails with its
exact location and message; `load` writes nothing when validation fails."""

from __future__ import annotations

import pytest

from .conftest import DATA, node_count

BAD = DATA / "bad"
ARTICLES = ["--articles", str(DATA / "articles")]

# file -> the first error line `techkg validate` prints (path:line:column: error: message)
EXPECTED = {
    "bad_yaml": "13:7: error: invalid YAML: expected ',' or ']', but got ':'",
    "unknown_type": "11:11: error: entities.0.type: unknown entity type 'OffshoreThing'; "
                    "expected one of: Person, Company, University, UniversityUnit, "
                    "ResearchInstitute, GovernmentBody, PartyBody, Association, InnovationBase, "
                    "Place, Programme, Document, Event, Technology",
    "unknown_relationship": "19:11: error: relationships.0.type: unknown relationship type "
                            "'LIKES'; expected one of: SUBORDINATE_TO,",
    "dangling_id": "20:13: error: object 'gamma-university' is not an entity declared in this "
                   "file",
    "duplicate_id": "13:9: error: duplicate entity id 'alpha-base' (first declared at line 10)",
    "bad_date": "21:11: error: relationships.0.date: '2020-13' is not a calendar date "
                "(month must be in 1..12)",
    "empty_evidence": "22:15: error: relationships.0.evidence: expected at least one verbatim "
                      "evidence quote",
    "empty_quote": "23:9: error: relationships.0.evidence.0: evidence quote is empty",
    "quote_not_in_article": "23:9: error: evidence quote not found verbatim in mini_a.txt: "
                            "'the Alpha Base signed a secret pact with Beta University'",
    "quote_too_long": "23:9: error: relationships.0.evidence.0: evidence quote is 401 "
                      "characters; keep it to a sentence or less (at most 400)",
    "wrong_field_type": "16:14: error: entities.1.aliases: expected a list, got str",
    "unknown_field": "13:5: error: unknown field 'nickname' at entities.0.nickname",
    "missing_name": "13:5: error: missing required field 'entities.1.name'",
    "unknown_status": "22:13: error: relationships.0.status: unknown status 'rumoured'; "
                      "expected one of: reported, planned, former, claimed, alleged, disputed, "
                      "denied",
    "bad_slug": "10:9: error: entities.0.id: 'Alpha_Base' does not match "
                "^[a-z0-9]+(-[a-z0-9]+)*$",
    "article_id_mismatch": "2:7: error: article id 'something_else' must equal the file stem "
                           "'article_id_mismatch'",
    "date_and_start": "21:11: error: use either date or start/end, not both",
    "end_before_start": "22:10: error: end 2019-12 is before start 2020-03",
    "duplicate_key": "13:5: error: duplicate key 'name'",
    "bad_country": "16:14: error: entities.1.country: 'USA' does not match ^[a-z]{2}$",
    "not_a_mapping": "1:1: error: expected a mapping with keys article, entities, relationships",
}


def test_corpus_is_complete() -> None:
    assert sorted(p.stem for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


def test_good_extracts_validate(offline_cli) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("validate", str(DATA / "extracts"), *ARTICLES)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("2 extract(s) valid: 9 entity declarations, 8 relationships, "
                             "0 warning(s).\n")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_extract_is_located(offline_cli, name: str) -> None:  # type: ignore[no-untyped-def]
    path = BAD / f"{name}.yaml"
    result = offline_cli("validate", str(path), *ARTICLES)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{EXPECTED[name]}"), first
    assert result.stderr.splitlines()[-1].startswith("Error: validation failed with ")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_extract_loads_nothing(cli, graph, name: str) -> None:  # type: ignore[no-untyped-def]
    before = node_count(graph)
    result = cli("load", str(DATA / "extracts" / "mini_a.yaml"), str(BAD / f"{name}.yaml"),
                 *ARTICLES)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].endswith("nothing was loaded")
    assert node_count(graph) == before == {"entities": 0, "articles": 0, "facts": 0,
                                           "mentions": 0}


def test_missing_article_text_is_a_warning(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("validate", str(DATA / "extracts" / "mini_b.yaml"),
                         "--articles", str(tmp_path))
    assert result.exit_code == 0
    assert "warning: article text 'mini_b.txt' not found" in result.stderr


def test_conflicting_declarations_across_files(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (DATA / "extracts" / "mini_b.yaml").read_text().replace(
        "    type: University\n", "    type: Company\n")
    (tmp_path / "mini_b.yaml").write_text(text)
    result = offline_cli("validate", str(DATA / "extracts" / "mini_a.yaml"),
                         str(tmp_path / "mini_b.yaml"), *ARTICLES)
    assert result.exit_code == 1
    assert (f"{tmp_path / 'mini_b.yaml'}:17:5: error: entity 'beta-university': type 'Company' "
            "contradicts 'University' declared by article mini_a") in result.stderr
