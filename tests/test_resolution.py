"""Recorded resolution decisions (issue 21): `xref` lists candidates, `judge` records them in
extracts/resolutions.yaml, `validate` checks the file, and a load merges `same` pairs, with
the graph after any sequence of judgements equal to a fresh load."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from techkg.graph import Graph
from techkg.loaders.extract import judgements

from .planted import generate
from .soak import diff, full_snapshot


def planted(tmp_path: Path, **shape: int) -> tuple[Path, object]:
    corpus = generate(3, **shape)
    folder = tmp_path / "extracts"
    corpus.write(folder)
    return folder, corpus


def no_texts(tmp_path: Path) -> dict[str, str]:
    """No articles folder: the generated extracts' quotes stay unchecked."""
    return {"TECHKG_ARTICLES": str(tmp_path / "nowhere")}


def text_of(folder: Path) -> str:
    return (folder / judgements.FILE_NAME).read_text(encoding="utf-8")


# -- xref and judge, offline -------------------------------------------------------------------
def test_xref_ranks_every_planted_variant_above_the_namesakes(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, corpus = planted(tmp_path)
    out = offline_cli("xref", str(folder), "--limit", "20", "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    pairs = [frozenset((r["a"], r["b"])) for r in rows]
    gold = {frozenset(p) for p in corpus.variants}
    assert set(pairs[:len(gold)]) == gold
    # namesakes of another country may be listed, below every variant
    scores = {frozenset((r["a"], r["b"])): r["score"] for r in rows}
    namesakes = [scores[frozenset(p)] for p in corpus.namesakes if frozenset(p) in scores]
    assert max(namesakes, default=0) < min(scores[p] for p in gold)
    assert list(rows[0]) == ["score", "a", "b", "a_name", "b_name", "type", "why", "decision"]


def test_judge_records_and_replaces_decisions_and_xref_applies_them(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, corpus = planted(tmp_path)
    (a, b), (c, d) = sorted(corpus.variants)[:2]
    assert offline_cli("judge", a, b, "different", "--note", "checked",
                       "--extracts", str(folder)).exit_code == 0
    out = offline_cli("judge", c, d, "unsure", "--extracts", str(folder))
    assert out.stdout == (f"Recorded {c} unsure {d} in {folder / 'resolutions.yaml'}; "
                          "load to apply it.\n")
    today = judgements.today()
    assert text_of(folder) == judgements.HEADER + (
        f"judgements:\n- a: {a}\n  b: {b}\n  decision: different\n  date: '{today}'\n"
        f"  note: checked\n- a: {c}\n  b: {d}\n  decision: unsure\n  date: '{today}'\n")
    rows = json.loads(offline_cli("xref", str(folder), "--format", "json").stdout)
    listed = {frozenset((r["a"], r["b"])): r["decision"] for r in rows}
    assert frozenset((a, b)) not in listed
    assert listed[frozenset((c, d))] == "unsure"
    # a later decision on the pair replaces the earlier one, in either order
    assert offline_cli("judge", b, a, "same", "--extracts", str(folder)).exit_code == 0
    assert text_of(folder).count(f"{a}\n") + text_of(folder).count(f"{b}\n") == 2
    assert f"- a: {b}\n  b: {a}\n  decision: same" in text_of(folder)


def test_judge_refuses_unknown_ids_and_types_and_writes_nothing(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, corpus = planted(tmp_path)
    body, twin = sorted(corpus.namesakes)[0]  # the first namesake has another type
    out = offline_cli("judge", "nobody", body, "same", "--extracts", str(folder))
    assert out.exit_code == 1
    assert out.stderr == (f"Error: {folder / 'resolutions.yaml'}:5:1: error: unknown entity "
                          "id 'nobody' (no extract declares it)\n")
    out = offline_cli("judge", body, twin, "same", "--extracts", str(folder))
    assert out.exit_code == 1 and "have different types" in out.stderr
    assert not (folder / judgements.FILE_NAME).exists()


def test_validate_reports_each_bad_judgement_at_its_line(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, corpus = planted(tmp_path)
    (a, b), (c, d) = sorted(corpus.variants)[:2]
    body, twin = sorted(corpus.namesakes)[0]
    other = next(p for p in sorted(corpus_types(folder)) if p.startswith("body-")
                 and corpus_types(folder)[p] == corpus_types(folder)[b] and p not in (a, b))
    rows = [(a, b, "same"), (b, a, "different"), (other, b, "same"), (c, d, "same"),
            (d, c, "same"), ("ghost", a, "unsure"), (body, twin, "same"),
            (a, "x", "maybe")]
    text = "judgements:\n" + "".join(
        f"  - a: {x}\n    b: {y}\n    decision: {z}\n    date: 2026-01-02\n" for x, y, z in rows)
    (folder / judgements.FILE_NAME).write_text(text, encoding="utf-8")
    out = offline_cli("validate", str(folder), env=no_texts(tmp_path))
    assert out.exit_code == 1
    f = folder / judgements.FILE_NAME
    assert [x for x in out.stderr.splitlines() if judgements.FILE_NAME in x] == [
        f"{f}:6:1: error: {b} and {a} are already judged at line 2: keep one judgement",
        f"{f}:10:1: error: {b!r} is judged the same as {a!r} (line 2) and as {other!r}: it "
        "can have one canonical id",
        f"{f}:18:1: error: {d} and {c} are already judged at line 14: keep one judgement",
        f"{f}:22:1: error: unknown entity id 'ghost' (no extract declares it)",
        f"{f}:26:1: error: {body!r} ({corpus_type(folder, body)}) and {twin!r} "
        f"({corpus_type(folder, twin)}) have different types: fix the type in the extracts "
        "before merging them",
        f"{f}:30:1: error: decision 'maybe': expected one of same, different, unsure",
    ]


def corpus_types(folder: Path) -> dict[str, str]:
    from techkg.loaders.extract.xref import profiles
    return {e: ", ".join(sorted(p.types)) for e, p in
            profiles(sorted(folder.glob("p*.yaml"))).items()}


def corpus_type(folder: Path, entity: str) -> str:
    return corpus_types(folder)[entity]


# -- loads, on the engine ----------------------------------------------------------------------
def names_of(g: Graph, entity: str) -> dict:
    return g.read("MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.aliases AS aliases, "
                  "n.merged_ids AS merged, n.source_count AS source_count, "
                  "[(a:Article)-[:MENTIONS]->(n) | a.id] AS sources", {"id": entity}).records[0]


def test_same_merges_into_one_entity_found_by_either_id(cli, graph, backend, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, corpus = planted(tmp_path, bodies=30, articles=10, per_article=6, variants=4,
                             namesakes=2)
    env = {"TECHKG_ARTICLES": str(tmp_path / "nowhere")}  # quotes stay unchecked
    assert cli("load", str(folder), env=env).exit_code == 0
    (a, b) = sorted(corpus.variants)[0]
    before = names_of(graph, a)
    variant = names_of(graph, b)
    assert cli("judge", a, b, "same", "--extracts", str(folder)).exit_code == 0
    out = cli("load", str(folder), env=env)
    assert out.exit_code == 0, out.output
    # only the two named entities change: one updated, one gone; their articles rewritten
    assert out.stdout.startswith(f"Loaded {len(corpus.extracts)} article(s): entities +0 ~1 -1,")
    merged = names_of(graph, a)
    assert merged["merged"] == [b]
    assert sorted(merged["sources"]) == sorted(set(before["sources"]) | set(variant["sources"]))
    assert merged["source_count"] == len(merged["sources"])
    assert variant["name"] in merged["aliases"]
    assert not graph.read("MATCH (n:Entity {id: $id}) RETURN n", {"id": b}).records
    shown = cli("entity", b)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == cli("entity", a).stdout
    again = cli("load", str(folder), env=env)
    assert "no changes" in again.stdout
    after = full_snapshot(backend)
    assert cli("load", str(folder), "--rebuild", env=env).exit_code == 0
    assert full_snapshot(backend) == after, diff(after, full_snapshot(backend))


def test_any_sequence_of_judgements_gives_the_graph_of_a_fresh_load(  # type: ignore[no-untyped-def]
        cli, graph, backend, tmp_path) -> None:
    folder, corpus = planted(tmp_path, bodies=30, articles=10, per_article=6, variants=4,
                             namesakes=2)
    env = {"TECHKG_ARTICLES": str(tmp_path / "nowhere")}  # quotes stay unchecked
    assert cli("load", str(folder), env=env).exit_code == 0
    pairs = sorted(corpus.variants) + [(x, "body-0") for x, _ in sorted(corpus.variants)[:2]
                                       if x != "body-0"]
    rng = random.Random(7)
    for step in range(6):
        a, b = rng.choice(pairs)
        decision = rng.choice(("same", "same", "different", "unsure"))
        judged = cli("judge", a, b, decision, "--extracts", str(folder))
        if judged.exit_code:  # a decision the file refuses (e.g. a second canonical)
            continue
        out = cli("load", str(folder), env=env)
        assert out.exit_code == 0, (step, out.output)
        after = full_snapshot(backend)
        assert cli("load", str(folder), "--rebuild", env=env).exit_code == 0
        fresh = full_snapshot(backend)
        assert after == fresh, (step, a, b, decision, diff(after, fresh))


def test_a_pair_judged_different_is_no_longer_warned_about(offline_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, corpus = planted(tmp_path)
    body, twin = sorted(corpus.namesakes)[0]
    warned = offline_cli("validate", str(folder), env=no_texts(tmp_path))
    assert f"entity {twin!r} may duplicate {body!r}" in warned.stderr
    assert offline_cli("judge", body, twin, "different", "--extracts", str(folder)).exit_code == 0
    quiet = offline_cli("validate", str(folder), env=no_texts(tmp_path))
    assert quiet.exit_code == 0
    assert f"may duplicate {body!r}" not in quiet.stderr


@pytest.mark.parametrize("kind", ["spelling", "acronym", "chinese", "order"])
def test_each_kind_of_variant_is_found(kind: str, tmp_path: Path) -> None:
    from techkg.loaders.extract.xref import xref

    folder, corpus = planted(tmp_path)
    gold = {frozenset(p) for p, k in corpus.variants.items() if k == kind}
    found = {frozenset((c.a, c.b)) for c in xref([folder], 50)}
    assert gold and gold <= found


def test_a_load_refuses_same_between_two_ids_of_one_article(  # type: ignore[no-untyped-def]
        cli, graph, backend, tmp_path) -> None:
    folder, corpus = planted(tmp_path, bodies=30, articles=10, per_article=6, variants=4,
                             namesakes=2)
    env = no_texts(tmp_path)
    assert cli("load", str(folder), env=env).exit_code == 0
    before = full_snapshot(backend)
    first, second = (e["id"] for e in corpus.extracts["pl0000"]["entities"][:2])
    (folder / judgements.FILE_NAME).write_text(
        f"judgements:\n  - a: {first}\n    b: {second}\n    decision: same\n"
        "    date: 2026-01-02\n", encoding="utf-8")
    out = cli("load", str(folder), env=env)
    assert out.exit_code == 1
    assert (f"{folder / judgements.FILE_NAME}:2:1: error: article pl0000 declares both "
            f"{first!r} and {second!r}: merge them in that extract instead") in out.stderr
    assert full_snapshot(backend) == before
