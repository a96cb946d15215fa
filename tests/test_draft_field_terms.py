"""The eighteenth drafting round (docs/adding-an-article.md), on a made-up sentence: a lower-case
term of the field, learned from the dev set's gold (loaders/draft/field_terms.yaml, written by
benchmarks/field_terms.py), is a candidate of the type the gold gives it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from techkg.loaders.draft.words import drafting
from tests.drafting import draft_text as _draft
from tests.drafting import entity_names as _names


def test_a_term_of_the_field_is_a_candidate_of_its_type() -> None:
    assert _names(_draft("The rule tightened export controls on gallium and graphite, and on "
                         "advanced chips made by Kestrel Labs Inc.")) == [
        ("advanced chips", "Technology"), ("export controls", "Programme"),
        ("gallium", "Technology"), ("graphite", "Technology"),
        ("Kestrel Labs Inc.", "Company")]


def test_the_learned_terms_are_lower_case_and_typed_by_the_vocabulary() -> None:
    # (words.py checks each type against the vocabulary when it reads the file)
    terms = drafting().field_terms
    assert terms and all(t == t.lower() and 1 <= len(t.split()) <= 4 for t in terms)


def _field_terms():  # type: ignore[no-untyped-def]
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "field_terms.py"
    spec = importlib.util.spec_from_file_location("field_terms", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_the_list_is_learned_from_the_gold_and_texts_of_the_splits_given(tmp_path: Path) -> None:
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    gold.mkdir()
    texts.mkdir()

    def text(name: str, split: str, body: str, entities: list[dict]) -> None:
        (texts / f"{name}.txt").write_text(body, "utf-8")
        (gold / f"{name}.gold.yaml").write_text(yaml.safe_dump(
            {"split": split, "entities": entities, "pairs": []}), "utf-8")

    controls = {"name": "export controls", "type": "Programme"}
    partners = {"name": "partners", "type": "GovernmentBody"}
    quantum = {"name": "quantum computing", "type": "Technology"}
    text("01", "tune", "Export controls bind partners.", [controls, partners])
    text("02", "tune", "New export controls; partners agree.", [controls, partners,
                                                                 {"name": "Export Controls Act",
                                                                  "type": "Programme"}])
    for n in ("03", "04", "05"):  # "partners" used in five texts, declared in two: dropped
        text(n, "tune", "The partners met.", [])
    for n in ("06", "07"):  # declared twice, but only by a held-out split: not learned
        text(n, "held-out", "Quantum computing advanced.", [quantum])
    learned = _field_terms().learn([texts], {"tune"}, 2, 0.5, gold)
    assert learned == {"export controls": "Programme"}
    assert _field_terms().learn([texts], None, 2, 0.5, gold) == {
        "export controls": "Programme", "quantum computing": "Technology"}

