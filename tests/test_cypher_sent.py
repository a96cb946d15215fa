"""Every Cypher statement the library sends (loading, replacing, relabelling, pruning,
viewing, exporting, importing, searching) is valid for Neo4j: statements are recorded by the
Graph's tracer hook during real runs on the local engine, then checked by Neo4j's parser and
semantic analysis."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from techkg.export import export, import_csv
from techkg.graph import Graph, Settings
from techkg.loaders.extract.validation import validate
from techkg.loaders.sync.load import load
from techkg.loaders.sync.writes import wipe
from techkg.query import service
from techkg.web import viz

from .conftest import DATA, EXTRACTS, REAL_ARTICLES
from .cypher_lint import lint, lint_unavailable

WEB_PAGES = ("/", "/search?q=harvard", "/search?q=harvrd", "/entity/Suzhou Industrial Park",
             "/entity/suzhou-industrial-park.json?skip=2&limit=3",
             "/canvas.json?ids=suzhou-industrial-park,harvard-university",
             "/path.json?a=Catherine Zhou&b=UC Irvine", "/query/bases-us-universities",
             "/query/timeline.csv?entity=Suzhou Industrial Park", "/sources")


def explore(graph: Graph) -> None:
    """Every kind of page of `techkg serve` (each sends its own statements)."""
    from starlette.testclient import TestClient

    from techkg.web import create_app, is_empty

    assert not is_empty(graph)
    with TestClient(create_app(graph), base_url="http://127.0.0.1") as web:
        for url in WEB_PAGES:
            assert web.get(url).status_code == 200, url


def test_statements_sent_to_the_server_pass_neo4j_linter(local_engine: Settings,
                                                         tmp_path: Path) -> None:
    if lint_unavailable():
        pytest.fail(f"the Cypher linter is required: {lint_unavailable()}")
    sent: set[str] = set()

    def tracer(query: str, params: dict[str, Any]) -> None:
        sent.add(query)

    with Graph(local_engine, tracer=tracer) as graph:
        wipe(graph)
        load(graph, validate([EXTRACTS], REAL_ARTICLES))
        for name in ("mini_a.yaml", "mini_b.yaml"):
            shutil.copy(DATA / "extracts" / name, tmp_path / name)
        load(graph, validate([tmp_path], DATA / "articles"))
        viz.write(graph, tmp_path / "q.html", "bases-us-universities", {})
        viz.write(graph, tmp_path / "e.html", entity="Suzhou Industrial Park", hops=2)
        service.search(graph, "harvard", 5)
        explore(graph)
        for fmt, out in (("ftm", tmp_path / "x.json"), ("graphml", tmp_path / "x.graphml"),
                         ("csv", tmp_path / "csv")):
            export(graph, fmt, out)
        edited = tmp_path / "mini_a.yaml"
        text = edited.read_text().replace("    type: UniversityUnit\n",
                                          "    type: ResearchInstitute\n")
        edited.write_text(text.replace("    type: VISITS\n", "    type: MEETS_WITH\n"))
        load(graph, validate([edited], DATA / "articles"), prune=True)  # relabel, delete
        wipe(graph)
        import_csv(graph, tmp_path / "csv")
        wipe(graph)
    statements = sorted(sent)
    assert any(s.startswith("UNWIND $rows AS row CREATE (n:Entity:`") for s in statements)
    assert any("DETACH DELETE" in s for s in statements)
    payload = [{"name": f"s{i}", "text": s, "parameters": sorted(set(re.findall(r"\$(\w+)", s)))}
               for i, s in enumerate(statements)]
    diagnostics = lint(payload)
    errors = {statements[int(k[1:])]: [d["message"] for d in v if d["severity"] == 1]
              for k, v in diagnostics.items()}
    assert {k: v for k, v in errors.items() if v} == {}
    assert len(statements) >= 25
