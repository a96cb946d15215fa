"""Reads are bounded and the local engine keeps answering: a read that runs too long is
stopped by the server, one that needs more memory than a string can hold does not wedge the
engine, killed clients leave nothing running for long, a stopped engine ends a load at once,
and a wedged engine is named in one sentence and restarted by `techkg engine restart`."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from techkg.local.engine import LocalEngine
from techkg.local.process import pid_running

from .synthetic import Corpus, Version

EMPTY_ENV = {"TECHKG_URI": "", "TECHKG_USER": "", "TECHKG_PASSWORD": "", "TECHKG_DATABASE": "",
             "TECHKG_READ_USER": "", "TECHKG_READ_PASSWORD": ""}
TIMEOUT = "2"  # seconds: the engine of this module stops statements after this long
LONG_READ = "UNWIND range(1, 20000000) AS x UNWIND range(1, 20) AS y RETURN count(x) AS n"
HUGE_STRING = "RETURN size(reduce(acc = 'x', j IN range(1, 31) | acc + acc)) AS n"
CLIENT = """
import sys
from techkg.graph import connect
with connect() as graph:
    print("sending", flush=True)
    graph.read(sys.argv[1])
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A local engine of its own, started with a read timeout of TIMEOUT seconds."""
    root = tmp_path_factory.mktemp("limits") / "home"
    started = techkg(root, "engine", "start")
    assert started.returncode == 0, started.stderr
    yield root
    LocalEngine(root).stop()


def env(root: Path) -> dict[str, str]:
    return {**os.environ, **EMPTY_ENV, "TECHKG_HOME": str(root), "TECHKG_READ_TIMEOUT": TIMEOUT}


def techkg(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "techkg.cli.app", *args], env=env(root),
                          capture_output=True, text=True, timeout=600)


def answers(root: Path) -> None:
    result = techkg(root, "cypher", "RETURN 1 AS ok", "-f", "csv")
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n1\n", "")


def test_a_long_read_is_stopped_in_one_sentence(home: Path) -> None:
    result = techkg(home, "cypher", LONG_READ)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == ("Error: the query ran longer than 2 s and was stopped; narrow it "
                             "or raise TECHKG_READ_TIMEOUT\n")
    answers(home)


def test_a_bad_timeout_setting_is_one_sentence(home: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "techkg.cli.app", "cypher", "RETURN 1"],
                            env={**env(home), "TECHKG_READ_TIMEOUT": "soon"},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 2
    assert result.stderr == ("Error: TECHKG_READ_TIMEOUT='soon' is not a number of seconds "
                             "above 0\n")


def test_a_read_that_runs_the_engine_out_of_memory_does_not_wedge_it(home: Path) -> None:
    """The audit's query: it used to wedge the engine (every later command waited 30 s and
    failed). Now it fails once, in one sentence, and the engine answers at once."""
    pid = LocalEngine(home).info().pid
    result = techkg(home, "cypher", HUGE_STRING)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: the local engine dropped the connection while running the query: it needed "
        "more memory than the engine has (TECHKG_ENGINE_HEAP) or failed; narrow the query\n")
    answers(home)
    assert LocalEngine(home).info().pid == pid  # the same engine, not a restarted one


def test_killed_clients_leave_the_engine_answering(home: Path) -> None:
    """Four reads whose client is killed mid-query used to hold every query slot."""
    clients = [subprocess.Popen([sys.executable, "-c", CLIENT, LONG_READ], env=env(home),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(4)]
    for client in clients:
        assert client.stdout is not None
        assert client.stdout.readline() == "sending\n"
    for client in clients:
        client.kill()
        client.wait()
    answers(home)
    for _ in range(3):  # and keeps answering while the orphaned reads run out their time
        answers(home)


def test_a_stopped_engine_ends_a_load_at_once(home: Path, tmp_path: Path) -> None:
    """kill -9 of the engine during a load: the load stops with one sentence instead of
    retrying for half a minute, nothing is committed, and the next command starts it."""
    extracts, articles = tmp_path / "extracts", tmp_path / "articles"
    corpus = Corpus(seed=21, articles=30)
    corpus.write(extracts, articles, {i: Version() for i in range(corpus.articles)})
    engine = LocalEngine(home)
    pid = engine.info().pid
    assert pid is not None
    load = subprocess.Popen([sys.executable, "-m", "techkg.cli.app", "load", "--progress",
                             str(extracts), "--articles", str(articles)], env=env(home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert load.stderr is not None
    seen = []
    for line in load.stderr:
        seen.append(line)
        if line.startswith("load: written"):
            break
    os.kill(pid, signal.SIGKILL)
    rest = load.stderr.read()
    assert load.wait() == 1, seen
    assert rest.splitlines()[-1] == ("Error: the local engine stopped while this command ran; "
                                     "nothing was written (the next command starts it again)"), rest
    counted = techkg(home, "cypher", "MATCH (a:Article) RETURN count(a) AS n", "-f", "csv")
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout == "n\n0\n"
    assert engine.info().pid != pid


def test_a_wedged_engine_is_named_and_restarted(home: Path) -> None:
    """An engine whose process runs but does not answer (here: stopped with SIGSTOP)."""
    engine = LocalEngine(home)
    pid = engine.info().pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        result = techkg(home, "cypher", "RETURN 1 AS ok")
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr == (f"Error: the local engine (pid {pid}) is running but does not "
                                 "answer: run `techkg engine restart`\n")
        restarted = techkg(home, "engine", "restart")
    finally:
        with contextlib.suppress(ProcessLookupError):  # restart has ended it
            os.kill(pid, signal.SIGCONT)
    assert restarted.returncode == 0, restarted.stderr
    info = engine.info()
    assert restarted.stdout == (f"Local engine running at {info.uri} (pid {info.pid}, "
                                f"data {info.data_dir}).\n")
    assert info.pid != pid and not pid_running(pid)
    answers(home)


@pytest.mark.neo4j
def test_neo4j_reads_carry_the_timeout(neo4j_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """On Neo4j the limit is the transaction timeout sent with each read."""
    from .conftest import env_for

    long_read = "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(*) AS n"
    result = subprocess.run([sys.executable, "-m", "techkg.cli.app", "cypher", long_read],
                            env={**os.environ, **env_for(neo4j_server),
                                 "TECHKG_HOME": str(tmp_path / "home"),
                                 "TECHKG_READ_TIMEOUT": "1"},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert result.stderr == ("Error: the query ran longer than 1 s and was stopped; narrow it "
                             "or raise TECHKG_READ_TIMEOUT\n")


def test_an_engine_out_of_memory_is_named(tmp_path: Path) -> None:
    """A load bigger than the engine's heap: the JVM exits on the full heap, and the load
    names the cause in one sentence; nothing was committed."""
    root = tmp_path / "home"
    small = {**env(root), "TECHKG_ENGINE_HEAP": "96m"}
    del small["TECHKG_READ_TIMEOUT"]  # the default: a thrashing heap runs out before it
    extracts, articles = tmp_path / "extracts", tmp_path / "articles"
    corpus = Corpus(seed=21, articles=200)
    corpus.write(extracts, articles, {i: Version() for i in range(corpus.articles)})

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "techkg.cli.app", *args], env=small,
                              capture_output=True, text=True, timeout=600)

    try:
        load = run("load", str(extracts), "--articles", str(articles), "--no-progress")
        assert load.returncode == 1, load.stderr
        assert load.stderr.splitlines()[-1] == (
            "Error: the local engine stopped while this command ran: it ran out of memory "
            "(TECHKG_ENGINE_HEAP sets its Java heap); nothing was written (the next command "
            "starts it again)")
        counted = run("cypher", "MATCH (a:Article) RETURN count(a) AS n", "-f", "csv")
        assert (counted.returncode, counted.stdout) == (0, "n\n0\n"), counted.stderr
    finally:
        LocalEngine(root).stop()
