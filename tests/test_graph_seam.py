"""The Graph seam: built from settings or a driver, never starts a server, traces statements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from techkg.errors import ConnectionFailed
from techkg.graph import Graph, Settings


def test_graph_never_starts_the_local_engine(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TECHKG_HOME", str(tmp_path / "home"))
    with pytest.raises(ConnectionFailed, match=r"^no graph URI is set \(connect\(\) starts "
                                               r"the local engine\)$"):
        Graph(Settings())
    assert not (tmp_path / "home").exists()


def test_graph_on_a_given_driver_traces_every_statement(local_engine: Settings) -> None:
    from neo4j import GraphDatabase

    seen: list[tuple[str, dict[str, Any]]] = []
    auth = (local_engine.user or "", local_engine.password or "")
    with GraphDatabase.driver(local_engine.uri or "", auth=auth) as driver:
        with Graph(Settings(database=local_engine.database), driver=driver,
                   tracer=lambda query, params: seen.append((query, params))) as graph:
            assert graph.read("RETURN $x AS x", {"x": 1}).records == [{"x": 1}]
            assert graph.write_tx(lambda tx: tx.run("RETURN 2 AS y", z=3).single()["y"]) == 2
        driver.verify_connectivity()  # the caller's driver is still open
    assert seen == [("RETURN 1 AS ok", {}), ("RETURN $x AS x", {"x": 1}),
                    ("RETURN 2 AS y", {"z": 3})]
