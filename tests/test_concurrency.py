"""Commands run at the same time: one engine start for many commands, one writer at a time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from techkg.engine import LocalEngine
from techkg.graph import Graph, Settings
from techkg.locks import writer_lock

from .conftest import DATA, env_for, snapshot

EMPTY_ENV = {"TECHKG_URI": "", "TECHKG_USER": "", "TECHKG_PASSWORD": "", "TECHKG_DATABASE": "",
             "TECHKG_READ_USER": "", "TECHKG_READ_PASSWORD": ""}


def techkg(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "techkg.cli.app", *args],
                            env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def engine_processes(data_dir: Path) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
            if "ArcadeDBServer" in cmd and f"-Darcadedb.server.rootPath={data_dir}\0" in cmd:
                pids.append(int(proc.name))
    return pids


def test_five_commands_at_once_share_one_engine_start(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**EMPTY_ENV, "TECHKG_HOME": str(home)}
    procs = [techkg("stats", "-f", "csv", env=env) for _ in range(5)]
    try:
        results = [(p.wait(timeout=600), *p.communicate()) for p in procs]
        assert [code for code, _, _ in results] == [0] * 5, results
        assert len({out for _, out, _ in results}) == 1
        starters = [err for _, _, err in results if "\nstarting the local engine (" in "\n" + err]
        assert len(starters) == 1, results
        engine = LocalEngine(home)
        assert engine_processes(engine.data_dir) == [engine.info().pid]
    finally:
        LocalEngine(home).stop()


def test_second_writer_fails_plainly_and_writes_nothing(cli, graph: Graph,
                                                        tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "locks-home"
    before = snapshot(graph)
    with writer_lock(graph.target, root=home):
        result = cli("cypher", "--write", "CREATE (:Pwn)",
                     env={"TECHKG_HOME": str(home), "TECHKG_WRITE_WAIT": "0.3"})
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"waiting up to 0.3 s for another load on {graph.target} to finish...\n"
        f"Error: another load is running on {graph.target}\n")
    assert snapshot(graph) == before
    after = cli("cypher", "--write", "CREATE (n:Pwn) RETURN count(n) AS n", "-f", "csv",
                env={"TECHKG_HOME": str(home)})  # the lock is free again
    assert after.stdout == "n\n1\n"
    graph.write("MATCH (n:Pwn) DELETE n")


def test_two_loads_at_once_run_one_after_the_other(local_engine: Settings,
                                                            graph: Graph,
                                                            tmp_path: Path) -> None:
    env = {**env_for(local_engine), "TECHKG_HOME": str(tmp_path / "home"),
           "TECHKG_ARTICLES": str(DATA / "articles")}
    graph.write("MATCH (n) DETACH DELETE n")  # nothing left over from other tests
    procs = [techkg("load", str(DATA / "extracts"), env=env) for _ in range(2)]
    results = [(p.wait(timeout=600), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], results
    together = snapshot(graph)
    graph.write("MATCH (n) DETACH DELETE n")
    for _ in range(2):  # the same two loads, one after the other
        alone = techkg("load", str(DATA / "extracts"), env=env)
        assert alone.wait(timeout=600) == 0, alone.communicate()
    assert snapshot(graph) == together
