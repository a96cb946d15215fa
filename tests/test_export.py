"""Exports: FollowTheMoney (checked by the followthemoney library), neo4j-admin CSV with a
round trip through the CSV loader, GraphML read by networkx; all deterministic."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from techkg.graph import Graph
from techkg.loaders.load import wipe

from .conftest import node_count


def test_ftm_export_is_valid_followthemoney(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from followthemoney import model

    out = tmp_path / "graph.ftm.json"
    result = cli("export", "--format", "ftm", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Exported 203 entities and 264 relationships as ftm to {out}.\n")
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(lines) == 203 + 264
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
    assert (g.number_of_nodes(), g.number_of_edges()) == (203, 264)
    assert g.nodes["suzhou-industrial-park"]["type"] == "InnovationBase"


def test_csv_layout_and_round_trip(cli, loaded: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "csv"
    assert cli("export", "-f", "csv", "-o", str(out)).exit_code == 0
    with open(out / "nodes.csv", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:4] == ["id:ID", ":LABEL", "name", "type"]
    assert "aliases:string[]" in header
    with open(out / "relationships.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh))[:3] == [":START_ID", ":END_ID", ":TYPE"]
    before = node_count(loaded)
    wipe(loaded)
    result = cli("import-csv", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 203 entities and 264 relationships.\n"
    after = node_count(loaded)
    assert (after["entities"], after["facts"]) == (before["entities"], before["facts"])
    row = loaded.read("MATCH (n:Entity {id: 'suzhou-industrial-park'}) "
                      "RETURN n.aliases AS a, labels(n) AS l").records
    assert row == [{"a": ["SIP"], "l": ["Entity", "InnovationBase"]}]
    # leave the module's graph as the other tests expect it
    assert cli("load", "--rebuild", str(Path(__file__).resolve().parents[1] / "extracts"),
               ).exit_code == 0


def test_import_csv_rejects_unknown_types(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "nodes.csv").write_text("id:ID,:LABEL,name\nx,Entity;Spaceship,X\n")
    (tmp_path / "relationships.csv").write_text(":START_ID,:END_ID,:TYPE\n")
    result = cli("import-csv", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nodes.csv'}:2: unknown entity type 'Spaceship'\n"
    assert node_count(graph)["entities"] == 0
