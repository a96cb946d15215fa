"""Fixtures: a throwaway local engine per test session, Neo4j where Docker answers, the CLI.

Integration tests take the `backend` fixture, which is parametrised over the local engine
(always) and a Neo4j testcontainer (skipped, with the reason, where no Docker engine runs).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from techkg.cli.app import app
from techkg.graph import Graph, Settings
from techkg.graph_schema import graph_schema
from techkg.loaders.extract.validation import validate
from techkg.loaders.sync.load import load
from techkg.loaders.sync.writes import wipe
from techkg.local.engine import DATABASE, READER, USER, LocalEngine

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EXTRACTS = ROOT / "extracts"
# The real article texts are not part of the project (copyrighted): quote checks against
# them run only where TECHKG_ARTICLES points at them; otherwise validation says once that
# quotes were not checked. Everything else uses the made-up texts in tests/data/articles.
REAL_ARTICLES: Path | None = (Path(os.environ["TECHKG_ARTICLES"]).expanduser()
                              if os.environ.get("TECHKG_ARTICLES") else None)
NO_REAL_ARTICLES = "TECHKG_ARTICLES is not set: the real article texts are needed"


def neo4j_image() -> str:
    """The Neo4j image pinned in docker-compose.yml (one place for the tag)."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
    return compose["services"]["neo4j"]["image"]


def docker_unavailable() -> str | None:
    """Why the Neo4j backend cannot run here, or None if a Docker engine answers."""
    try:
        import docker

        docker.from_env(timeout=5).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means no usable engine
        return f"no Docker engine answers ({type(exc).__name__}); Neo4j tests need one"
    return None


LOCAL_ENGINES: dict[str, LocalEngine] = {}  # by Bolt URI: the session's engine, for its ports


@pytest.fixture(scope="session")
def local_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    engine = LocalEngine(tmp_path_factory.mktemp("engine"))
    info = engine.start()
    LOCAL_ENGINES[info.uri or ""] = engine
    yield Settings(info.uri, USER, engine.password(), DATABASE, READER,
                   engine.reader_password())  # reads go through the read-only account
    assert engine.stop()
    assert not engine._alive(info.pid), "the local engine's java process outlived stop()"


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Settings]:
    """Neo4j: the server in TECHKG_TEST_NEO4J_URI (the compose `tests` service sets it), else
    a testcontainer where a Docker engine answers, else skipped with the reason."""
    if os.environ.get("TECHKG_TEST_NEO4J_URI"):
        yield Settings(os.environ["TECHKG_TEST_NEO4J_URI"],
                       os.environ.get("TECHKG_TEST_NEO4J_USER", "neo4j"),
                       os.environ.get("TECHKG_TEST_NEO4J_PASSWORD", ""), None)
        return
    reason = docker_unavailable()
    if reason:
        pytest.skip(reason)
    from testcontainers.community.neo4j import Neo4jContainer

    with Neo4jContainer(neo4j_image(), password="techkg-test-pw") as container:
        yield Settings(container.get_connection_url(), "neo4j", "techkg-test-pw", None)


@pytest.fixture(scope="session", params=["local", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend(request: pytest.FixtureRequest) -> Settings:
    name = "local_engine" if request.param == "local" else "neo4j_server"
    return request.getfixturevalue(name)


@pytest.fixture
def graph(backend: Settings) -> Iterator[Graph]:
    """An empty graph on the backend."""
    with Graph(backend) as g:
        wipe(g)
        yield g


@pytest.fixture(scope="module")
def loaded(backend: Settings) -> Iterator[Graph]:
    """The real extracts loaded once per module, on the backend."""
    with Graph(backend) as g:
        wipe(g)
        result = validate([EXTRACTS], REAL_ARTICLES)
        assert not result.errors, result.errors
        load(g, result)
        yield g


def env_for(settings: Settings) -> dict[str, str]:
    return {"TECHKG_URI": settings.uri or "", "TECHKG_USER": settings.user or "",
            "TECHKG_PASSWORD": settings.password or "", "TECHKG_DATABASE": settings.database or "",
            "TECHKG_READ_USER": settings.read_user or "",
            "TECHKG_READ_PASSWORD": settings.read_password or ""}


@pytest.fixture
def cli(backend: Settings, tmp_path: Path) -> Callable[..., object]:
    """Run the real `techkg` CLI against the backend: cli("query", "stats")."""
    runner = CliRunner()
    home = {"TECHKG_HOME": str(tmp_path / "techkg-home")}  # lock files stay in the test's dir

    def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), env={**env_for(backend), **home, **(env or {})},
                             prog_name="techkg")

    return invoke


@pytest.fixture
def offline_cli(tmp_path: Path) -> Callable[..., object]:
    """The CLI with no graph settings and a private TECHKG_HOME (commands that need no DB)."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        base = {"TECHKG_HOME": str(tmp_path / "home"), "TECHKG_URI": "", "TECHKG_USER": "",
                "TECHKG_PASSWORD": "", "TECHKG_DATABASE": "", "TECHKG_READ_USER": "",
                "TECHKG_READ_PASSWORD": ""}
        return runner.invoke(app, list(args), env={**base, **(env or {})}, prog_name="techkg")

    return invoke


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def node_count(g: Graph) -> dict[str, int]:
    """Entities, articles, relationships and mentions: the state assertions compare."""
    rows = g.read("CALL () { MATCH (n:Entity) RETURN count(n) AS entities } "
                  "CALL () { MATCH (a:Article) RETURN count(a) AS articles } "
                  "CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS facts } "
                  "CALL () { MATCH (:Article)-[m:MENTIONS]->() RETURN count(m) AS mentions } "
                  "RETURN entities, articles, facts, mentions").records[0]
    return dict(rows)


def snapshot(g: Graph) -> list:
    """The full graph state as sorted plain data (for byte-exact before/after comparisons)."""
    nodes = g.read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").records
    # bound at the end node: read from the start, the local engine loads the end node once
    # per relationship (20 s instead of 0.9 s for 7,000 MENTIONS of an entity in 3,500 articles)
    rels = g.read("MATCH (b)<-[r]-(a) RETURN a.id AS a, type(r) AS t, b.id AS b, "
                  "properties(r) AS p").records

    sets = graph_schema().unordered

    def key(record: dict) -> str:  # property order carries no meaning: sorted too
        return repr(sorted((k, sorted((n, sorted(x) if n in sets else x) for n, x in v.items())
                            if isinstance(v, dict) else v) for k, v in record.items()))

    return sorted(map(key, nodes)) + sorted(map(key, rels))


os.environ.setdefault("COLUMNS", "80")


ARTICLES = ["--articles", str(DATA / "articles")]  # the made-up texts of tests/data


@pytest.fixture
def mini(cli, graph: Graph) -> Graph:  # type: ignore[no-untyped-def]
    result = cli("load", str(DATA / "extracts"), *ARTICLES)
    assert result.exit_code == 0, result.output
    return graph


def engine_processes(data_dir: Path) -> list[int]:
    """Every live ArcadeDB server rooted at `data_dir`, by its command line."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
            if "ArcadeDBServer" in cmd and f"-Darcadedb.server.rootPath={data_dir}\0" in cmd:
                found.append(int(proc.name))
    return found
