"""Stubs the learned pair score keeps where no cue relates two names in one sentence, typed
and directed by the learned type and direction scores (loaders/draft/scored_pairs.py), with
the weights the project ships."""

from __future__ import annotations

from pathlib import Path

from techkg.loaders.draft import draft, pair_candidates, sentences
from techkg.loaders.draft.scored_pairs import MIN_SCORE, features, score
from techkg.loaders.extract.model import Extract
from techkg.loaders.extract.yaml_source import read_located
from tests.drafting import ARTICLE

from .test_draft import draft_one, project  # noqa: F401 (the fixture)

SPIN_OFF = "Kestrel Microsystems, a Beta University spin-off, grew fast."
NO_CUE = ("confidence low: no cue word; a learned score of {:.2f} for two names in one "
          "sentence: check the type and the direction")


def _stubs(text: str, scored_pairs: bool = True) -> list[tuple[str, str, str, str, str]]:
    d = draft(text, ARTICLE, {}, tagger=False, scored_pairs=scored_pairs)
    return [(s.subject, s.type, s.object, s.status, s.comment) for s in d.stubs]


def _score(text: str) -> float:
    """The score of the one pair of names the text's one sentence gives."""
    sents = sentences(text)
    forms = {"kestrel": ["Kestrel Microsystems"], "beta": ["Beta University"]}
    [pair] = pair_candidates(sents, forms, {"kestrel": "Company", "beta": "University"}, set())
    return score(pair.features)


def test_a_pair_with_no_cue_that_scores_gets_a_stub() -> None:
    assert _stubs(SPIN_OFF, scored_pairs=False) == []
    assert _score(SPIN_OFF) >= MIN_SCORE
    # the type and the direction learned too: a spin-off is part of its parent
    assert _stubs(SPIN_OFF) == [("kestrel-microsystems", "PART_OF", "beta-university",
                                 "reported", NO_CUE.format(_score(SPIN_OFF)))]


def test_a_pair_that_scores_low_gets_none() -> None:
    text = "Kestrel Microsystems and Beta University appeared in the report."
    assert _score(text) < MIN_SCORE
    assert _stubs(text) == []


def test_a_cued_pair_is_not_scored_again() -> None:
    assert _stubs("Kestrel Microsystems signed an agreement with Beta University.") == [
        ("kestrel-microsystems", "SIGNS_AGREEMENT_WITH", "beta-university", "reported",
         "confidence high: 'agreement' suggests SIGNS_AGREEMENT_WITH")]


def test_a_place_is_where_the_other_is() -> None:
    """The learned direction: the place is the object though it is named first."""
    [(subject, rel, obj, status, comment)] = _stubs(
        "Shanghai, where Kestrel Microsystems is, grew.")
    assert (subject, rel, obj, status) == ("kestrel-microsystems", "LOCATED_IN", "shanghai",
                                           "reported")
    assert comment.startswith("confidence low: no cue word; a learned score of ")


def test_features_of_a_pair() -> None:
    [s] = sentences(SPIN_OFF)
    [pair] = pair_candidates([s], {"k": ["Kestrel Microsystems"], "b": ["Beta University"]},
                             {"k": "Company", "b": "University"}, set())
    assert (pair.first.surface, pair.second.surface) == ("Kestrel Microsystems",
                                                         "Beta University")
    assert pair.features == features(s, pair.first, pair.second, 0,
                                     {"k": "Company", "b": "University"}) == {
        "t=Company|University": 1, "d=0": 1, "n=0": 1, "comma": 1, "semi": 0, "paren": 0,
        "poss": 0, "adjacent": 0, "w=a": 1, "w0=a": 1, "wl=a": 1, "a=spin-off": 1,
        "a=grew": 1}
    # a pair that already has a stub, and a sentence naming more than twelve, give none
    assert pair_candidates([s], {"k": ["Kestrel Microsystems"], "b": ["Beta University"]},
                           {"k": "Company", "b": "University"},
                           {frozenset(("k", "b"))}) == []
    many = sentences(", ".join(f"Zorb{n} Labs" for n in range(13)) + " met.")
    assert pair_candidates(many, {f"z{n}": [f"Zorb{n} Labs"] for n in range(13)},
                           {f"z{n}": "Company" for n in range(13)}, set()) == []


def test_draft_writes_the_scored_stub_for_review(offline_cli, project: Path,  # noqa: F811
                                                 tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = draft_one(offline_cli, project, tmp_path, "spin_off.txt", SPIN_OFF)
    model = Extract.model_validate(read_located(out).data)
    assert [(f.subject, f.type, f.object, f.status, f.evidence, f.review)
            for f in model.relationships] == [
        ("kestrel-microsystems", "PART_OF", "beta-university", "reported",
         ["Kestrel Microsystems, a Beta University spin-off, grew fast."], "todo")]
    assert "no cue word; a learned score of" in out.read_text("utf-8")
