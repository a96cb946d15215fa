"""The learned name tagger beside the drafting rules (loaders/draft/tagger.py), with the model
the project ships: it adds names no rule found, leaves the rules' names to them, and keeps
only names it is sure of."""

from __future__ import annotations

from pathlib import Path

from techkg.loaders.draft import draft
from techkg.loaders.draft.tagger import MIN_CONFIDENCE, TaggedName, tagged_names, unclaimed
from techkg.loaders.extract.model import Extract
from techkg.loaders.extract.yaml_source import read_located
from tests.drafting import ARTICLE, entity_names

from .test_draft import draft_one, project  # noqa: F401 (the fixture)

ZORBEX = "Officials at Zorbex declined to comment. Zorbex makes drones."


def test_the_tagger_adds_a_name_no_rule_found() -> None:
    assert entity_names(draft(ZORBEX, ARTICLE, {}, tagger=False)) == [("drones", "Technology")]
    d = draft(ZORBEX, ARTICLE, {})
    assert [(e.name, e.type, e.comment) for e in d.entities] == [
        ("drones", "Technology", "new: listed technology name"),
        ("Zorbex", "Company", "new: the name tagger, 0.98 sure; no type word: check the type")]


def test_the_rules_names_stay_theirs() -> None:
    text = "Kestrel Microsystems signed an agreement with Beta University."
    assert [t.name for t in tagged_names(text)] == ["Kestrel Microsystems", "Beta University"]
    with_tagger, rules = draft(text, ARTICLE, {}), draft(text, ARTICLE, {}, tagger=False)
    assert [(e.name, e.comment) for e in with_tagger.entities] == [
        (e.name, e.comment) for e in rules.entities] == [
        ("Kestrel Microsystems", "new: type from 'Microsystems'"),
        ("Beta University", "new: type from 'University'")]


def test_a_name_the_tagger_is_unsure_of_is_left_out() -> None:
    text = "The deal was first reported by Zorbnews, which cited two officials."
    [tagged] = tagged_names(text)
    assert tagged.name == "Zorbnews" and tagged.confidence < MIN_CONFIDENCE
    assert entity_names(draft(text, ARTICLE, {})) == []


def test_unclaimed_names() -> None:
    """Equal to, inside or holding a taken name (case, "the" and a possessive aside): the
    rules'; the rest once each, where first written, with the surest occurrence's confidence;
    then only the sure ones."""
    tagged = [TaggedName("The Huawei Technologies", 0, 23, 0.99),  # holds "Huawei"
              TaggedName("Omega", 30, 35, 0.99),  # inside "Omega Cloud Ltd."
              TaggedName("Beta University’s", 40, 57, 0.99),  # is "beta university"
              TaggedName("Zorbex", 60, 66, 0.81),
              TaggedName("Zorbex", 70, 76, 0.95),
              TaggedName("Kestrelnet", 80, 90, MIN_CONFIDENCE - 0.01),
              TaggedName("Huaweiland", 95, 105, 0.9)]  # not the word "Huawei"
    taken = ["Huawei", "Omega Cloud Ltd.", "the Beta University"]
    assert unclaimed(tagged, taken) == [TaggedName("Zorbex", 60, 66, 0.95),
                                        TaggedName("Huaweiland", 95, 105, 0.9)]
    assert [t.name for t in unclaimed(tagged, [])] == [
        "The Huawei Technologies", "Omega", "Beta University’s", "Zorbex", "Huaweiland"]


def test_draft_writes_the_tagger_s_name_for_review(offline_cli, project: Path,  # noqa: F811
                                                   tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = draft_one(offline_cli, project, tmp_path, "zorbex.txt", ZORBEX)
    assert "  # new: the name tagger, 0.98 sure; no type word: check the type\n" in \
        out.read_text("utf-8")
    model = Extract.model_validate(read_located(out).data)
    assert [(e.id, e.type, e.name, e.review) for e in model.entities] == [
        ("drones", "Technology", "drones", "todo"), ("zorbex", "Company", "Zorbex", "todo")]


def test_no_name_from_a_header_field() -> None:
    """A header field ("Source: …") gives the rules no names, and the tagger none either."""
    line = "https://example.org/z (Kestrel Gazette, 2021-03-02; taken from GitHub repository z/n)"
    body = "\n\nOfficials at Zorbex declined to comment. Zorbex makes drones.\n"
    assert [t.name for t in tagged_names(line + body)][:2] == ["Kestrel Gazette", "GitHub"]
    assert "Kestrel Gazette" not in [t.name for t in tagged_names("Source: " + line + body)]
    assert all(t.start > len("Source: " + line) for t in tagged_names("Source: " + line + body))
