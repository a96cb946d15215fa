"""Every Cypher statement the library sends (loading, replacing, relabelling, pruning,
viewing, exporting, importing, searching) is valid for Neo4j: statements are recorded from
the driver's own protocol log during real runs on the local engine, then checked by Neo4j's
parser and semantic analysis."""

from __future__ import annotations

import ast
import io
import logging
import re
import shutil
import tokenize
from pathlib import Path

import pytest

from techkg import service, viz
from techkg.export import export
from techkg.graph import Graph, Settings
from techkg.loaders.csv_import import import_csv
from techkg.loaders.load import load, wipe
from techkg.loaders.validate import validate

from .conftest import DATA, EXTRACTS, REAL_ARTICLES
from .cypher_lint import lint, lint_unavailable


class Recorder(logging.Handler):
    """Collects the query text of every Bolt RUN message the driver logs."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if "C: RUN" in str(record.msg):
            fields = record.args[-1]
            token = next(t for t in tokenize.generate_tokens(io.StringIO(fields).readline)
                         if t.type == tokenize.STRING)
            self.statements.add(ast.literal_eval(token.string))


def test_statements_sent_to_the_server_pass_neo4j_linter(local_engine: Settings,
                                                         tmp_path: Path) -> None:
    if lint_unavailable():
        pytest.fail(f"the Cypher linter is required: {lint_unavailable()}")
    recorder = Recorder()
    logger = logging.getLogger("neo4j")
    with Graph(local_engine) as graph:
        logger.addHandler(recorder)
        level = logger.level
        logger.setLevel(logging.DEBUG)
        try:
            wipe(graph)
            load(graph, validate([EXTRACTS], REAL_ARTICLES))
            for name in ("mini_a.yaml", "mini_b.yaml"):
                shutil.copy(DATA / "extracts" / name, tmp_path / name)
            load(graph, validate([tmp_path], DATA / "articles"))
            viz.write(graph, tmp_path / "q.html", "bases-us-universities", {})
            viz.write(graph, tmp_path / "e.html", entity="Suzhou Industrial Park", hops=2)
            service.search(graph, "harvard", 5)
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
        finally:
            logger.removeHandler(recorder)
            logger.setLevel(level)
    statements = sorted(recorder.statements)
    assert any(s.startswith("UNWIND $rows AS row MERGE (n:Entity:`") for s in statements)
    assert any("DETACH DELETE" in s for s in statements)
    payload = [{"name": f"s{i}", "text": s, "parameters": sorted(set(re.findall(r"\$(\w+)", s)))}
               for i, s in enumerate(statements)]
    diagnostics = lint(payload)
    errors = {statements[int(k[1:])]: [d["message"] for d in v if d["severity"] == 1]
              for k, v in diagnostics.items()}
    assert {k: v for k, v in errors.items() if v} == {}
    assert len(statements) >= 25
