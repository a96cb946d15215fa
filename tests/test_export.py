"""Exports: FollowTheMoney (checked by the followthemoney library), neo4j-admin CSV with a
round trip through the CSV loader, GraphML read by networkx; all deterministic."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from techkg.export.csv_files import node_files, rel_files
from techkg.graph import Graph

from .conftest import DATA, EXTRACTS, ROOT, node_count, snapshot


def test_ftm_export_is_valid_followthemoney(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from followthemoney import model
    from followthemoney.namespace import Namespace

    out = tmp_path / "graph.ftm.json"
    result = cli("export", "--format", "ftm", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Exported 203 entities and 265 relationships as ftm to {out}.\n")
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(lines) == 5 + 203 + 265  # articles, entities, facts
    ns = Namespace("techkg")
    names = {ns.sign(r["id"]): r["name"] for r in
             loaded.read("MATCH (n:Entity) RETURN n.id AS id, n.name AS name").records}
    titles = {r["title"] for r in loaded.read("MATCH (a:Article) RETURN a.title AS title").records}
    captions: dict[str, int] = {}
    for data in lines:
        proxy = model.get_proxy(data, cleaned=False)
        for prop in data["properties"]:
            assert proxy.schema.get(prop) is not None, (data["schema"], prop)
        assert proxy.to_dict()["properties"] == data["properties"]
        assert [p for p in proxy.schema.required if not proxy.has(p)] == [], data
        assert ns.verify(proxy.id), proxy.id  # every id signed with the dataset's namespace
        if proxy.id in names:
            assert proxy.caption == names.pop(proxy.id), data  # never "Note" or "File"
        elif proxy.schema.name == "Article":
            assert proxy.caption in titles
        else:
            assert proxy.schema.edge, data  # a link: required ends checked above
        captions[proxy.schema.name] = captions.get(proxy.schema.name, 0) + 1
    assert names == {}  # every entity exported
    assert captions["Document"] == 10 and captions["Note"] == 15
    sip = next(d for d in lines if d["id"] == ns.sign("suzhou-industrial-park"))
    assert sip["schema"] == "Organization" and "SIP" in sip["properties"]["alias"]
    acquisition = next(d for d in lines if d["schema"] == "Ownership"
                       and d["properties"]["owner"] == [ns.sign("sai-microelectronics")])
    assert acquisition["properties"]["asset"] == [ns.sign("silex-microsystems")]
    assert acquisition["properties"]["recordId"] == ["004_d56b4a6fc61554ff"]
    assert acquisition["properties"]["description"][0].startswith("The company was acquired")
    article = next(d for d in lines if d["schema"] == "Article"
                   and d["properties"]["fileName"] == ["004_d56b4a6fc61554ff.txt"])
    assert acquisition["properties"]["proof"] == [article["id"]]
    # every fact's amount is carried: on a Payment as `amount`, elsewhere in the summary
    amounts = loaded.read("MATCH (a:Entity)-[r]->(b:Entity) WHERE r.amount IS NOT NULL "
                          "RETURN r.amount AS amount").records
    assert len(amounts) == 19
    text = out.read_text("utf-8")
    for r in amounts:
        assert json.dumps(r["amount"], ensure_ascii=False) in text \
            or json.dumps(f"amount: {r['amount']}", ensure_ascii=False) in text, r
    funds = [d for d in lines if d["schema"] == "Payment" and "amount" in d["properties"]]
    assert funds and all(d["properties"]["amount"][0] for d in funds)


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


def test_graphml_reads_back_in_networkx_with_typed_attributes(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import networkx

    out = tmp_path / "g.graphml"
    assert cli("export", "-f", "graphml", "-o", str(out)).exit_code == 0
    g = networkx.read_graphml(out)
    assert (g.number_of_nodes(), g.number_of_edges()) == (203, 265)
    sip = g.nodes["suzhou-industrial-park"]
    assert (sip["type"], sip["label"]) == ("InnovationBase", "Suzhou Industrial Park")
    assert "SIP" in json.loads(sip["aliases"]) and sip["inferred"] is False
    assert "search_text" not in sip  # derived: only the CSV export keeps it
    facts = loaded.read("MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS s, type(r) AS t, "
                        "b.id AS o, properties(r) AS p").records
    edges = {(s, o, k): d for s, o, k, d in g.edges(keys=True, data=True)}
    for f in facts:  # every fact field, typed, lists as JSON arrays
        edge = edges[f["s"], f["o"], f"{f['s']}|{f['t']}|{f['o']}"]
        p = f["p"]
        assert edge["label"] == p["caption"] and edge["type"] == f["t"]
        assert edge["source_count"] == p["source_count"]
        assert type(edge["source_count"]) is int and type(edge["inferred"]) is bool
        assert json.loads(edge["evidence"]) == p["evidence"]
        for key in ("amount", "note", "role", "date", "inferred"):
            assert edge.get(key) == p.get(key), key
    assert sum("amount" in e for e in edges.values()) == 19
    text = out.read_text("utf-8")  # XML Schema booleans, as stricter readers than networkx want
    assert "<data key=\"d" in text and ">False<" not in text and ">false<" in text


def test_csv_round_trip_is_lossless(cli, loaded: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "csv"
    result = cli("export", "-f", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.csv", "declarations.csv", "mentions.csv", "nodes.csv",
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


def test_export_to_stdout_streams_with_the_summary_on_stderr(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "g.graphml"
    assert cli("export", "-f", "graphml", "-o", str(out)).exit_code == 0
    result = cli("export", "-f", "graphml", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == out.read_bytes()
    assert result.stderr == "Exported 203 entities and 265 relationships as graphml to stdout.\n"
    assert not (Path.cwd() / "-").exists()
    refused = cli("export", "-f", "csv", "-o", "-")
    assert refused.exit_code == 2
    assert refused.stderr == ("Error: the csv export writes a folder of files; give a folder, "
                              "not -\n")


def test_export_to_dev_stdout_keeps_the_summary_out(backend, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    from .conftest import env_for

    env = {**os.environ, **env_for(backend), "TECHKG_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "techkg.cli.app", "export", "-f", "ftm",
                           "-o", "/dev/stdout"], capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == 5 + 203 + 265 and all(line.startswith("{") for line in lines)
    assert done.stderr.decode() == ("Exported 203 entities and 265 relationships as ftm to "
                                    "/dev/stdout.\n")


def _empty_export(folder: Path) -> None:
    for nf in node_files() + rel_files():
        (folder / nf.file).write_text(",".join(nf.header()) + "\n")


def test_import_csv_rejects_unknown_types(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _empty_export(tmp_path)
    header = node_files()[0].header()
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
    header = rel_files()[0].header()
    row = ["a", "b", "VISITS"] + [""] * (len(header) - 3)
    (tmp_path / "relationships.csv").write_text(",".join(header) + "\n" + ",".join(row) + "\n")
    result = cli("import-csv", str(tmp_path))
    assert result.exit_code == 1
    rels, nodes = tmp_path / "relationships.csv", tmp_path / "nodes.csv"
    assert result.stderr == ("Error: 2 errors in the CSV export; nothing was imported:\n"
                             f"{rels}:2: entity 'a' is not in {nodes}\n"
                             f"{rels}:2: entity 'b' is not in {nodes}\n")
    assert snapshot(graph) == before


def test_ftm_mapping_table_is_generated() -> None:
    from techkg.export import ftm

    doc = (ROOT / "docs" / "visualising.md").read_text("utf-8")
    start, end = "<!-- ftm-mapping:start -->\n", "<!-- ftm-mapping:end -->"
    assert doc[doc.index(start) + len(start):doc.index(end)] == ftm.markdown(), \
        "regenerate: python scripts/regen_docs.py"


def _mini_export(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(DATA / "extracts"), "--articles", str(DATA / "articles")).exit_code == 0
    assert cli("export", "-f", "csv", "-o", str(folder)).exit_code == 0


def test_import_csv_reports_every_error_with_file_and_line(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _mini_export(cli, tmp_path)
    before = snapshot(graph)
    nodes, arts, rels = (tmp_path / n for n in ("nodes.csv", "articles.csv", "relationships.csv"))
    data = nodes.read_bytes().split(b"\n")
    data[2] = data[2].replace(b",", b",\xe9", 1)  # a latin-1 e-acute, as a spreadsheet saves it
    column = data[2].index(b"\xe9") + 1
    nodes.write_bytes(b"\n".join(data))
    art_lines = arts.read_text("utf-8").splitlines(keepends=True)
    arts.write_text("".join(art_lines + ["only,two\n"]), "utf-8")
    rel_lines = rels.read_text("utf-8").splitlines(keepends=True)
    rels.write_text("".join(rel_lines + [rel_lines[1]]), "utf-8")  # the same fact twice
    start, end, rtype = rel_lines[1].split(",")[:3]
    result = cli("import-csv", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 3 errors in the CSV export; nothing was imported:\n"
        f"{nodes}:3: byte 0xe9 at column {column} is not UTF-8 (the export is written in "
        "UTF-8)\n"
        f"{arts}:{len(art_lines) + 1}: expected {len(art_lines[0].split(','))} columns, "
        "found 2\n"
        f"{rels}:{len(rel_lines) + 1}: {start}-[{rtype}]->{end} is on line 2 already\n")
    assert snapshot(graph) == before


def test_csv_round_trip_keeps_a_field_over_131072_chars(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(DATA / "extracts"), "--articles", str(DATA / "articles")).exit_code == 0
    long = "quote " * 30_000  # 180,000 characters: Python's csv stops at 131,072
    graph.write("MATCH (n:Entity) WITH n ORDER BY n.id LIMIT 1 SET n.description = $d",
                {"d": long})
    before = snapshot(graph)
    assert cli("export", "-f", "csv", "-o", str(tmp_path)).exit_code == 0
    graph.write("MATCH (n:Entity) WITH n ORDER BY n.id LIMIT 1 SET n.description = 'short'")
    result = cli("import-csv", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert snapshot(graph) == before


def test_import_csv_refuses_a_field_over_its_bound_at_its_line(cli, graph, tmp_path: Path,
                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from techkg.export import csv_files

    _mini_export(cli, tmp_path)
    before = snapshot(graph)
    monkeypatch.setattr(csv_files, "FIELD_LIMIT", 1000)  # the bound is 64 MiB; same code path
    nodes = tmp_path / "nodes.csv"
    lines = nodes.read_text("utf-8").splitlines(keepends=True)
    lines.insert(2, "x,Entity|Person," + '"' + "y" * 2000 + '"' + "\n")  # e.g. a quote left open
    nodes.write_text("".join(lines), "utf-8")
    result = cli("import-csv", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {nodes}:3: a field longer than 1,000 characters\n"
    assert snapshot(graph) == before


@pytest.fixture
def scratch_schema(monkeypatch):  # type: ignore[no-untyped-def]
    """A copy of the graph schema with three more properties, as another branch would add:
    `review_note` on entities, `weight` (int) on facts, `quotes_checked` (boolean) on
    articles. Only the schema loader is patched; the graph is real. The write statements
    are made from the schema when techkg.loaders.sync.writes is imported, so it is imported
    again, as a process started with the longer schema would."""
    import copy
    import importlib

    from techkg import graph_schema as module
    from techkg.loaders.sync import writes

    raw = copy.deepcopy(module.package_yaml("graph_schema.yaml"))
    raw["nodes"]["Entity"]["properties"]["review_note"] = {"type": "string", "doc": "x"}
    raw["relationships"]["fact"]["properties"]["weight"] = {"type": "int", "doc": "x"}
    raw["nodes"]["Article"]["properties"]["quotes_checked"] = {"type": "boolean", "doc": "x"}
    monkeypatch.setattr(module, "package_yaml", lambda name: raw)
    module.graph_schema.cache_clear()
    importlib.reload(writes)
    yield module.graph_schema()
    monkeypatch.undo()
    module.graph_schema.cache_clear()
    importlib.reload(writes)


def test_a_property_added_to_the_schema_is_in_every_format(cli, graph, tmp_path: Path,
                                                           scratch_schema) -> None:  # type: ignore[no-untyped-def]
    import networkx
    from followthemoney.namespace import Namespace

    assert cli("load", str(DATA / "extracts"), "--articles", str(DATA / "articles")).exit_code == 0
    graph.write("MATCH (n:Entity) SET n.review_note = 'seen ' + n.id")
    graph.write("MATCH (:Entity)-[r]->(:Entity) SET r.weight = size(r.sources) + 40")
    graph.write("MATCH (a:Article) SET a.quotes_checked = true")
    entity, (art_id,) = "jane-roe", [r["id"] for r in graph.read(
        "MATCH (a:Article) RETURN a.id AS id").records][:1]
    fact = graph.read("MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS s, type(r) AS t, "
                      "b.id AS o, r.weight AS w ORDER BY s, t, o LIMIT 1").records[0]
    assert graph.read("MATCH (n:Entity {id: $id}) RETURN count(n) AS n", {"id": entity}
                      ).records == [{"n": 1}]
    before = snapshot(graph)

    # CSV: a typed column each, and the round trip keeps them
    assert cli("export", "-f", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    with open(tmp_path / "csv" / "nodes.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["id:ID(Entity)"]: r["review_note"] for r in rows}[entity] == f"seen {entity}"
    with open(tmp_path / "csv" / "relationships.csv", encoding="utf-8") as fh:
        assert next(csv.DictReader(fh))["weight:int"] == str(fact["w"])
    with open(tmp_path / "csv" / "articles.csv", encoding="utf-8") as fh:
        assert next(csv.DictReader(fh))["quotes_checked:boolean"] == "true"
    graph.write("MATCH (n) DETACH DELETE n")
    assert cli("import-csv", str(tmp_path / "csv")).exit_code == 0
    assert snapshot(graph) == before

    # GraphML: typed attributes
    assert cli("export", "-f", "graphml", "-o", str(tmp_path / "g.graphml")).exit_code == 0
    g = networkx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert g.nodes[entity]["review_note"] == f"seen {entity}"
    key = f"{fact['s']}|{fact['t']}|{fact['o']}"
    assert g.edges[fact["s"], fact["o"], key]["weight"] == fact["w"]

    # FtM: not in the mapping, so a "name: value" line of notes (entities, articles) or
    # summary (facts); the Article's flag is there too
    assert cli("export", "-f", "ftm", "-o", str(tmp_path / "g.json")).exit_code == 0
    lines = [json.loads(x) for x in (tmp_path / "g.json").read_text("utf-8").splitlines()]
    ns = Namespace("techkg")
    person = next(d for d in lines if d["id"] == ns.sign(entity))
    assert f"review_note: seen {entity}" in person["properties"]["notes"]
    link = next(d for d in lines if d["properties"].get("summary", [""])[0]
                .startswith(f"{fact['t']} (") and ns.sign(fact["s"]) in json.dumps(d)
                and ns.sign(fact["o"]) in json.dumps(d))
    assert f"weight: {fact['w']}" in link["properties"]["summary"]
    article = next(d for d in lines if d["schema"] == "Article"
                   and d["properties"]["fileName"][0].startswith(art_id))
    assert "quotes_checked: true" in article["properties"]["notes"]


def test_csv_round_trip_of_an_entity_in_3500_articles(cli, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An entity that every one of 3,500 articles declares and characterizes: its quotes
    make a field of 250,000+ characters, past Python csv's default limit (the import failed
    on it with a traceback), and its MENTIONS made the export read it once per article."""
    from techkg.loaders.extract.validation import validate
    from techkg.loaders.sync.load import load

    from .synthetic import Corpus

    corpus = Corpus(seed=7, articles=3500, facts_per_article=0, entities_per_article=1,
                    pool_size=1, characterization_rate=1.0)
    corpus.write(tmp_path / "extracts", tmp_path / "articles", corpus.version_set())
    result = validate([tmp_path / "extracts"], tmp_path / "articles")
    assert not result.errors
    load(graph, result)
    assert graph.read("MATCH (n:Entity) RETURN n.source_count AS n").records == [{"n": 3500}]
    before = snapshot(graph)
    out = tmp_path / "csv"
    result = cli("export", "-f", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Exported 1 entities and 0 relationships as csv to {out}.\n"
    with open(out / "nodes.csv", encoding="utf-8") as fh:
        assert max(len(x) for x in fh.read().split(",")) > 250_000
    graph.write("MATCH (a:Article) WITH a LIMIT 1 DETACH DELETE a")
    result = cli("import-csv", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 1 entities and 0 relationships.\n"
    assert snapshot(graph) == before
