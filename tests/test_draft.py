"""`techkg draft` and `techkg review`, and the walk-through of docs/adding-an-article.md:
draft a made-up article, review it (scripted), validate, load, query — on the local engine."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from techkg.loaders.draft import registry
from techkg.loaders.draft.text import Mention, evidence, sentences
from techkg.loaders.extract.articles import sha256_of
from techkg.loaders.extract.model import MAX_QUOTE, Extract
from techkg.loaders.extract.validation import unreviewed_items, validate
from techkg.loaders.extract.yaml_source import read_located

from .conftest import DATA, EXTRACTS, node_count

ARTICLE = DATA / "articles" / "harbour_lab.txt"
NEW_ID = "000_01d324a20b575cc7"
GAZETTE = "\"Test Gazette, 2022-06-03, “Alpha Base Opens a Harbour Lab With Delta Robotics Inc.”\""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: the two mini extracts (the known entities) and their article texts."""
    shutil.copytree(DATA / "extracts", tmp_path / "extracts")
    (tmp_path / "articles").mkdir()
    for name in ("mini_a.txt", "mini_b.txt"):
        shutil.copy(DATA / "articles" / name, tmp_path / "articles" / name)
    return tmp_path


def _draft(offline_cli, project: Path, article: Path = ARTICLE):  # type: ignore[no-untyped-def]
    return offline_cli("draft", str(article), "--articles", str(project / "articles"),
                       "--extracts", str(project / "extracts"))


def draft_one(offline_cli, project: Path, tmp_path: Path, name: str, text: str) -> Path:  # type: ignore[no-untyped-def]
    """`techkg draft` of a one-paragraph article `text` (as `name`): the extract it wrote."""
    article = tmp_path / name
    article.write_text(text + "\n", "utf-8")
    result = _draft(offline_cli, project, article)
    assert result.exit_code == 0, result.output
    return next((project / "extracts").glob("000_*.yaml"))


def _other_errors(paths: list[Path], articles: Path) -> list[str]:
    """Validation errors other than the review marks (which only block loading)."""
    return [str(i) for i in validate(paths, articles).errors if "unreviewed" not in i.message]


def test_draft_writes_text_copy_and_draft(offline_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    result = _draft(offline_cli, project)
    assert result.exit_code == 0, result.output
    out = project / "extracts" / f"{NEW_ID}.yaml"
    assert result.stdout == (
        f"Copied {ARTICLE} to {project / 'articles' / NEW_ID}.txt (sha256 01d324a20b575cc7…).\n"
        f"Drafted {out}: 4 known entities, 5 new candidates, 9 fact stubs.\n"
        f"18 items to review: edit the file, then `techkg review {out}`.\n")
    assert (project / "articles" / f"{NEW_ID}.txt").read_bytes() == ARTICLE.read_bytes()
    model = Extract.model_validate(read_located(out).data)  # the strict model, as drafted
    assert model.article.model_dump(exclude_none=True) == {
        "id": NEW_ID, "title": "Alpha Base Opens a Harbour Lab With Delta Robotics Inc.",
        "publisher": "Test Gazette", "author": "unknown", "date": "2022-06-03",
        "file": f"{NEW_ID}.txt",
        "sha256": "01d324a20b575cc7e91395c3325302932495d40e05579959efa508719d495038"}
    assert [(e.id, e.type, e.name, e.aliases, e.name_zh) for e in model.entities] == [
        ("alpha-base", "InnovationBase", "Alpha Base", [], None),
        ("beta-university", "University", "Beta University", [], None),
        ("example-bureau", "GovernmentBody", "Example Bureau", [], "示例局"),
        ("testville", "Place", "Testville", [], None),
        ("harbour-robotics-laboratory", "UniversityUnit", "Harbour Robotics Laboratory", [],
         None),
        ("omega-talent-exchange-centre", "InnovationBase", "Omega Talent Exchange Centre", [],
         "欧米伽人才交流中心"),
        ("kappa-innovation-council", "GovernmentBody", "Kappa Innovation Council", ["KIC"],
         None),
        ("delta-robotics-inc", "Company", "Delta Robotics Inc.", [], None),
        ("mira-okafor", "Person", "Mira Okafor", [], None)]
    # pairs a cue relates, surest first; negation with "denied" is a denial; last, the pairs
    # one sentence names with no cue that the learned score keeps, typed by the learned type
    # score (wrongly here, as it often is: review them), the attribution making them `alleged`
    assert [(f.subject, f.type, f.object, f.status) for f in model.relationships] == [
        ("alpha-base", "ESTABLISHES", "harbour-robotics-laboratory", "alleged"),
        ("harbour-robotics-laboratory", "LOCATED_IN", "testville", "alleged"),
        ("kappa-innovation-council", "SIGNS_AGREEMENT_WITH", "delta-robotics-inc", "reported"),
        ("mira-okafor", "RUNS", "harbour-robotics-laboratory", "reported"),
        ("delta-robotics-inc", "PARTNERS_WITH", "alpha-base", "denied"),
        ("omega-talent-exchange-centre", "FUNDS", "harbour-robotics-laboratory", "reported"),
        ("mira-okafor", "VISITS", "beta-university", "reported"),
        ("alpha-base", "TARGETS", "testville", "alleged"),
        ("alpha-base", "TARGETS", "example-bureau", "alleged")]
    assert {x.review for x in [*model.entities, *model.relationships]} == {"todo"}
    assert model.relationships[4].evidence == [
        "Delta Robotics Inc. denied that it shares any designs with the Alpha Base."]
    assert _other_errors([project / "extracts"], project / "articles") == []


def test_review_lists_what_remains(offline_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    _draft(offline_cli, project)
    out = project / "extracts" / f"{NEW_ID}.yaml"
    result = offline_cli("review", str(out))
    assert result.exit_code == 1, result.output  # non-zero while items remain
    lines = result.stdout.splitlines()
    assert lines[0] == f"{out}:20:5: unreviewed draft entity"
    assert lines[10] == f"{out}:72:5: unreviewed draft fact"
    assert lines[-1] == f"{out}: 18 items to review (9 entities, 9 facts)."
    assert len(lines) == 19


def _scripted_review(path: Path) -> None:
    """What a reviewer does in an editor: drop wrong stubs and a non-entity, complete a
    stub, add a fact the draft missed, and clear the review marks (deleting them, or
    writing `done`)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    data["entities"] = [e for e in data["entities"] if e["id"] != "test-gazette"]
    wrong = {("alpha-base", "example-bureau"), ("harbour-robotics-laboratory", "example-bureau"),
             ("example-bureau", "testville"), ("alpha-base", "testville"),
             ("harbour-robotics-laboratory", "beta-university")}
    data["relationships"] = [f for f in data["relationships"]
                             if (f["subject"], f["object"]) not in wrong]
    signs = next(f for f in data["relationships"] if f["type"] == "SIGNS_AGREEMENT_WITH")
    signs.update(date="2022-05", role="cooperation agreement")
    data["relationships"].append({
        "subject": "mira-okafor", "type": "HOLDS_POSITION",
        "object": "harbour-robotics-laboratory", "role": "head",
        "evidence": ["Professor Mira Okafor, who heads the Harbour Robotics Laboratory"]})
    for i, item in enumerate(data["entities"] + data["relationships"]):
        if i % 2:
            item.pop("review", None)
        elif "review" in item:
            item["review"] = "done"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200),
                    "utf-8")


def test_walk_through(offline_cli, cli, graph, project: Path) -> None:  # type: ignore[no-untyped-def]
    """docs/adding-an-article.md, step by step."""
    extracts, articles = project / "extracts", project / "articles"
    assert _draft(offline_cli, project).exit_code == 0
    out = extracts / f"{NEW_ID}.yaml"
    _scripted_review(out)
    assert offline_cli("review", str(out)).stdout == (
        f"{out}: nothing left to review; next: techkg validate {out}\n")
    checked = offline_cli("validate", str(extracts), "--articles", str(articles))
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == ("3 extract(s) valid: 18 entity declarations, 16 relationships, "
                              "1 warning(s).\n")
    assert "entity 'beta-university'" not in checked.stderr
    loaded = cli("load", str(extracts), "--articles", str(articles))
    assert loaded.exit_code == 0, loaded.output
    assert node_count(graph) == {"entities": 11, "articles": 3, "facts": 14, "mentions": 18}
    # the new article's backer reaches Jane Roe of mini_a through the Alpha Base: one node
    path = cli("path", "Omega Talent Exchange Centre", "Jane Roe", "-f", "csv")
    assert path.exit_code == 0, path.output
    assert path.stdout == (
        "path,hop,subject,relationship,object,status,inferred,sources,citations,evidence\n"
        f"1,1,Omega Talent Exchange Centre,FUNDS,Harbour Robotics Laboratory,reported,false,"
        f"{NEW_ID},{GAZETTE},The Omega Talent Exchange Centre (欧米伽人才交流中心) funded the "
        "new laboratory.\n"
        f"1,2,Alpha Base,ESTABLISHES,Harbour Robotics Laboratory,alleged,false,{NEW_ID},"
        f"{GAZETTE},\"The Alpha Base has set up the Harbour Robotics Laboratory in Testville, "
        "according to a notice from the Example Bureau (示例局).\"\n"
        "1,3,Jane Roe,RUNS,Alpha Base,reported,false,mini_a,\"Test Gazette, 2021-05, “A made-up "
        "test article”\",\"Jane Roe, who runs the Alpha Base\"\n")
    assert unreviewed_items(out) == []


def test_draft_refuses_a_text_already_drafted(offline_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    assert _draft(offline_cli, project).exit_code == 0
    before = sorted(p.name for p in project.rglob("*"))
    again = _draft(offline_cli, project)
    assert again.exit_code == 1
    assert again.stderr == (f"Error: {ARTICLE}: not drafted again: the articles folder holds "
                            f"it already as {project / 'articles' / NEW_ID}.txt\n")
    assert sorted(p.name for p in project.rglob("*")) == before


def test_draft_numbers_after_the_highest_id(offline_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    (project / "articles" / "041_0123456789abcdef.txt").write_text("Another text.\n", "utf-8")
    assert _draft(offline_cli, project).exit_code == 0
    assert (project / "extracts" / "042_01d324a20b575cc7.yaml").is_file()


def test_draft_bad_input_writes_nothing(offline_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", "utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 Institute".encode("latin-1"))
    nameless = tmp_path / "nameless.txt"
    nameless.write_text("nothing here is capitalised, so nothing is named.\n", "utf-8")
    before = sorted(p.name for p in project.rglob("*"))
    result = _draft(offline_cli, project, empty)
    assert (result.exit_code, result.stderr) == (1, f"Error: {empty}: the article text is empty\n")
    result = _draft(offline_cli, project, latin1)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {latin1}: cannot read the article text as UTF-8")
    result = _draft(offline_cli, project, nameless)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {nameless}: no entity names found in the text; nothing drafted (an extract "
           "can be written by hand: docs/extract-format.md)\n")
    missing = _draft(offline_cli, project, tmp_path / "nope.txt")
    assert missing.exit_code == 1 and "cannot read the article text" in missing.stderr
    assert sorted(p.name for p in project.rglob("*")) == before


def test_long_sentence_is_trimmed_at_clauses(offline_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    filler = ", ".join(f"in the {n} round of talks about shared test benches"
                       for n in ("first", "second", "third", "fourth", "fifth", "sixth"))
    text = (f"The Alpha Base met the Zeta Testing Institute {filler}, "
            f"and later {filler}, before Beta University joined them.\n")
    article = tmp_path / "long.txt"
    article.write_text(text, "utf-8")
    assert _draft(offline_cli, project, article).exit_code == 0
    out = next((project / "extracts").glob("000_*.yaml"))
    facts = Extract.model_validate(read_located(out).data).relationships
    quotes = {(f.subject, f.object): f.evidence[0] for f in facts}
    assert quotes[("alpha-base", "zeta-testing-institute")] == (
        "The Alpha Base met the Zeta Testing Institute in the first round of talks about shared "
        "test benches, in the second round of talks about shared test benches, in the third "
        "round of talks about shared test benches, in the fourth round of talks about shared "
        "test benches, in the fifth round of talks about shared test benches, in the sixth "
        "round of talks about shared test benches")
    assert all(len(q) <= MAX_QUOTE for q in quotes.values())
    # two names too far apart for one clause quote get the two clauses, joined by " … "
    sentence = sentences(text)[0]
    far = [Mention(m.start(), m.end(), "x", m[0])
           for m in re.finditer(r"Alpha Base|Beta University", text)]
    quote = evidence(sentence, far[0], far[1])
    assert " … " in quote and len(quote) <= MAX_QUOTE
    assert quote.startswith("The Alpha Base met") and "before Beta University" in quote
    assert _other_errors([project / "extracts"], project / "articles") == []


def test_close_name_gets_a_same_as_hint(offline_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "rowe.txt"
    article.write_text("Director Jane Rowe visited Testville in 2023.\n", "utf-8")
    assert _draft(offline_cli, project, article).exit_code == 0
    out = next((project / "extracts").glob("000_*.yaml"))
    model = Extract.model_validate(read_located(out).data)
    assert [(e.id, e.type, e.note) for e in model.entities] == [
        ("testville", "Place", None), ("jane-rowe", "Person", "same as jane-roe?")]
    assert [(f.subject, f.type, f.object) for f in model.relationships] == [
        ("jane-rowe", "VISITS", "testville")]


def test_review_of_a_missing_file(offline_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("review", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'nope.yaml'}:1:1: error: cannot read "
                                    "file:")


@pytest.mark.skipif(not os.environ.get("TECHKG_ARTICLES"),
                    reason="real article texts not supplied (set TECHKG_ARTICLES)")
def test_real_articles_draft_to_valid_extracts(tmp_path: Path) -> None:
    """Each real article, drafted against the other four extracts, parses with the strict
    model and every quote is found verbatim."""
    from techkg.loaders.draft import draft, to_yaml

    articles = Path(os.environ["TECHKG_ARTICLES"])
    files = sorted(EXTRACTS.glob("*.yaml"))
    for f in files:
        model = Extract.model_validate(read_located(f).data)
        known, skipped = registry([o for o in files if o != f])
        assert skipped == []
        d = draft((articles / model.article.file).read_text("utf-8"),
                  {"id": f.stem, "file": model.article.file,
                   "sha256": sha256_of(articles / model.article.file)}, known)
        out = tmp_path / f.name
        out.write_text(to_yaml(d, out), "utf-8")
        Extract.model_validate(read_located(out).data)
        assert _other_errors([out], articles) == [], f.name
