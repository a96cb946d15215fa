"""Exports: FollowTheMoney (checked by the followthemoney library), neo4j-admin CSV with a
round trip through the CSV loader, GraphML read by networkx; all deterministic."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from techkg.csv_layout import NODE_FILES, REL_FILES
from techkg.graph import Graph

from .conftest import DATA, EXTRACTS, node_count, snapshot


def test_ftm_export_is_valid_followthemoney(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from followthemoney import model

    out = tmp_path / "graph.ftm.json"
    result = cli("export", "--format", "ftm", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Exported 203 entities and 265 relationships as ftm to {out}.\n")
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(lines) == 203 + 265
    for data in lines:
        proxy = model.get_proxy(data, cleaned=False)
        for prop in data["properties"]:
            assert proxy.schema.get(prop) is not None, (data["schema"], prop)
        assert proxy.to_dict()["properties"] == data["properties"]
    sip = next(d for d in lines if d["id"] == "suzhou-industrial-park")
    assert sip["schema"] == "Organization" and "SIP" in sip["properties"]["alias"]
    acquisition = next(d for d in lines if d["schema"] == "Ownership"
                       and d["properties"]["owner"] == ["sai-microelectronics"])
    assert acquisition["properties"]["asset"] == ["silex-microsystems"]
    assert acquisition["properties"]["recordId"] == ["004_d56b4a6fc61554ff"]
    assert acquisition["properties"]["description"][0].startswith("The company was acquired")


def test_exports_are_deterministic(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for fmt, name in (("ftm", "a.json"), ("graphml", "a.graphml"), ("csv", "a")):
        first, second = tmp_path / "1" / name, tmp_path / "2" / name
        first.parent.mkdir(exist_ok=True)
        second.parent.mkdir(exist_ok=True)
        assert cli("export", "-f", fmt, "-o", str(first)).exit_code == 0
        assert cli("export", "-f", fmt, "-o", str(second)).exit_code == 0
        if fmt == "csv":
            for f in ("nodes.csv", "relationships.csv"):
                assert (first / f).read_bytes() == (second / f).read_bytes()
        else:
            assert first.read_bytes() == second.read_bytes()


def test_graphml_reads_back_in_networkx(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import networkx

    out = tmp_path / "g.graphml"
    assert cli("export", "-f", "graphml", "-o", str(out)).exit_code == 0
    g = networkx.read_graphml(out)
    assert (g.number_of_nodes(), g.number_of_edges()) == (203, 265)
    assert g.nodes["suzhou-industrial-park"]["type"] == "InnovationBase"


def test_csv_round_trip_is_lossless(cli, loaded: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "csv"
    result = cli("export", "-f", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.csv", "claims.csv", "declarations.csv", "mentions.csv", "nodes.csv",
        "relationships.csv"]
    with open(out / "nodes.csv", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:4] == ["id:ID(Entity)", ":LABEL", "type", "name"]
    assert "aliases:string[]" in header and "inferred:boolean" in header
    with open(out / "relationships.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh))[:4] == [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE",
                                            "sources:string[]"]
    before = snapshot(loaded)
    loaded.write("CREATE (:Entity:Person {id: 'stray', name: 'Stray', sources: ['gone']})")
    result = cli("import-csv", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 203 entities and 265 relationships.\n"
    assert snapshot(loaded) == before  # every node and relationship, all properties
    # the per-article records came back too: a load of the same extracts changes nothing
    again = cli("load", str(EXTRACTS))
    assert again.stdout == "Loaded 5 article(s): no changes (the graph already matches the " \
                           "extracts).\n"


def _empty_export(folder: Path) -> None:
    for nf in NODE_FILES + REL_FILES:
        (folder / nf.file).write_text(",".join(nf.header()) + "\n")


def test_import_csv_rejects_unknown_types(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _empty_export(tmp_path)
    header = NODE_FILES[0].header()
    row = ["x", "Entity|Spaceship"] + [""] * (len(header) - 2)
    (tmp_path / "nodes.csv").write_text(",".join(header) + "\n" + ",".join(row) + "\n")
    result = cli("import-csv", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nodes.csv'}:2: unknown entity type 'Spaceship'\n"
    assert node_count(graph)["entities"] == 0


def test_import_csv_rejects_an_entity_twice_and_keeps_the_graph(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mini = DATA / "extracts"
    assert cli("load", str(mini), "--articles", str(DATA / "articles")).exit_code == 0
    assert cli("export", "-f", "csv", "-o", str(tmp_path)).exit_code == 0
    before = snapshot(graph)
    lines = (tmp_path / "nodes.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "nodes.csv").write_text("".join(lines + [lines[3]]), encoding="utf-8")
    result = cli("import-csv", str(tmp_path))
    assert result.exit_code == 1
    key = lines[3].split(",")[0]
    assert result.stderr == (f"Error: {tmp_path / 'nodes.csv'}:{len(lines) + 1}: id {key!r} "
                             "is on line 4 already\n")
    assert snapshot(graph) == before


def test_import_csv_rejects_a_dangling_relationship_and_keeps_the_graph(
        cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph.write("CREATE (:Entity:Person {id: 'kept', name: 'Kept'})")
    before = snapshot(graph)
    _empty_export(tmp_path)
    header = REL_FILES[0].header()
    row = ["a", "b", "VISITS"] + [""] * (len(header) - 3)
    (tmp_path / "relationships.csv").write_text(",".join(header) + "\n" + ",".join(row) + "\n")
    result = cli("import-csv", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {tmp_path / 'relationships.csv'}:2: entity 'a' is not in "
                             f"{tmp_path / 'nodes.csv'}\n")
    assert snapshot(graph) == before
