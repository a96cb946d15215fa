"""Commands run at the same time: one engine start for many commands, one writer at a time,
and reads that see the graph before or after a load's commit, never in between."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from techkg.graph import Graph, Settings
from techkg.local.engine import LocalEngine
from techkg.local.locks import writer_lock

from .conftest import DATA, engine_processes, env_for, snapshot
from .synthetic import Corpus, Version

EMPTY_ENV = {"TECHKG_URI": "", "TECHKG_USER": "", "TECHKG_PASSWORD": "", "TECHKG_DATABASE": "",
             "TECHKG_READ_USER": "", "TECHKG_READ_PASSWORD": ""}


def techkg(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "techkg.cli.app", *args],
                            env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


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


COUNTER = """
import sys
from pathlib import Path
from techkg.graph import connect
stop = Path(sys.argv[1])
with connect() as graph:
    for _ in range(1_000_000):
        last = stop.exists()
        print(graph.read("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"], flush=True)
        if last:
            break
"""


def test_reads_during_loads_see_the_graph_before_or_after(tmp_path: Path) -> None:
    """Three processes count relationships over and over while loads switch every article
    to other facts and back: every count is one the graph had between two loads. Without
    the commit lock, reads overlapping a commit on the local engine saw part of it (at
    this size about one read in 7,000 gave a count that the graph never had)."""
    home = tmp_path / "home"
    env = {**os.environ, **EMPTY_ENV, "TECHKG_HOME": str(home)}
    corpus = Corpus(seed=5, articles=40)
    extracts, articles = tmp_path / "extracts", tmp_path / "articles"

    def load(variant: int) -> int:
        corpus.write(extracts, articles, {i: Version(variant) for i in range(corpus.articles)})
        done = subprocess.run([sys.executable, "-m", "techkg.cli.app", "load", "--prune",
                               str(extracts), "--articles", str(articles)],
                              env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        counted = subprocess.run([sys.executable, "-m", "techkg.cli.app", "cypher",
                                  "MATCH ()-[r]->() RETURN count(r) AS n", "-f", "csv"],
                                 env=env, capture_output=True, text=True)
        return int(counted.stdout.split()[-1])

    try:
        counts = {load(0)}
        stop = tmp_path / "stop"
        readers = [subprocess.Popen([sys.executable, "-c", COUNTER, str(stop)], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for _ in range(3)]
        seen = [int(reader.stdout.readline()) for reader in readers if reader.stdout]
        for variant in (1, 0, 1, 0):
            counts.add(load(variant))
        stop.touch()
        for reader in readers:
            out, err = reader.communicate(timeout=600)
            assert reader.returncode == 0, err
            seen += [int(line) for line in out.split()]
        assert len(counts) == 2
        assert set(seen) <= counts, sorted(set(seen) - counts)
    finally:
        LocalEngine(home).stop()


def test_a_commit_waits_for_the_reads_it_overlaps(tmp_path: Path) -> None:
    """While a read holds the commit lock, a load's commit does not happen: here the read
    outlasts the load's wait (the read timeout plus 10 s), so the load stops, nothing
    committed; once the read is over the same load commits."""
    from techkg.local.locks import CommitLock

    home = tmp_path / "home"
    env = {**os.environ, **EMPTY_ENV, "TECHKG_HOME": str(home), "TECHKG_READ_TIMEOUT": "1",
           "TECHKG_ARTICLES": str(DATA / "articles")}

    def techkg_run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "techkg.cli.app", *args], env=env,
                              capture_output=True, text=True)

    def articles() -> str:
        return techkg_run("cypher", "MATCH (a:Article) RETURN count(a) AS n", "-f", "csv").stdout

    try:
        assert techkg_run("engine", "start").returncode == 0
        with CommitLock.for_target("the local engine", home).shared(wait=5):
            blocked = techkg_run("load", str(DATA / "extracts"))
        assert blocked.returncode == 1
        assert blocked.stderr.splitlines()[-1] == (
            "Error: reads of the local engine kept the commit waiting for more than 11 s; "
            "nothing was committed")
        assert articles() == "n\n0\n"
        loaded = techkg_run("load", str(DATA / "extracts"))
        assert loaded.returncode == 0, loaded.stderr
        assert articles() != "n\n0\n"
    finally:
        LocalEngine(home).stop()
