"""The local engine through the real CLI: start, status, stop, persistence, stale state."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from techkg.cli.app import app
from techkg.local.engine import LocalEngine

from .conftest import DATA, engine_processes


def run(home: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    base = {"TECHKG_HOME": str(home), "TECHKG_URI": "", "TECHKG_USER": "", "TECHKG_PASSWORD": "",
            "TECHKG_DATABASE": "", "TECHKG_READ_USER": "", "TECHKG_READ_PASSWORD": "",
            "TECHKG_ARTICLES": str(DATA / "articles")}
    return CliRunner().invoke(app, list(args), env={**base, **(env or {})}, prog_name="techkg")


def test_engine_lifecycle_persistence_and_stale_pid(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)  # a pre-existing, too open home is tightened
    stopped = run(home, "engine", "status", "--json")
    assert stopped.exit_code == 0
    assert json.loads(stopped.stdout)["state"] == "stopped"

    started = run(home, "engine", "start", env={"TECHKG_ENGINE_HEAP": "768m"})
    assert started.exit_code == 0, started.output
    status = json.loads(run(home, "engine", "status", "--json").stdout)
    data = home.resolve() / "engine"
    assert started.stderr == (
        f"starting the local engine (heap 768m, data {data})...\n"
        f"waiting for the local engine to open its Bolt port 127.0.0.1:{status['bolt_port']}...\n"
        "waiting for the local engine to answer Cypher...\n"
        "creating the read-only account...\n")
    assert started.stdout == (f"Local engine running at {status['uri']} (pid {status['pid']}, "
                              f"data {data}).\n")
    assert "\0-Xmx768m\0" in Path(f"/proc/{status['pid']}/cmdline").read_text()
    assert status["state"] == "running"
    assert status["uri"].startswith("bolt://127.0.0.1:")
    assert status["data_dir"] == str((home / "engine").resolve())
    assert status["version"] == "26.10.2.post1"
    pid = status["pid"]
    password_file = home / "password"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    reader_file = home / "reader-password"
    assert stat.S_IMODE(reader_file.stat().st_mode) == 0o600
    for secret in (password_file.read_text(), reader_file.read_text()):
        assert secret not in started.output
        assert secret not in Path(f"/proc/{status['pid']}/cmdline").read_text(errors="replace")
        assert secret not in (home / "engine.out").read_text(errors="replace")
    assert not (home / "engine.args").exists()

    # with no URI configured, commands use (and would start) the local engine
    loaded = run(home, "load", str(DATA / "extracts"))
    assert loaded.exit_code == 0, loaded.output
    assert run(home, "engine", "start").exit_code == 0  # already running: no second server
    assert json.loads(run(home, "engine", "status", "--json").stdout)["pid"] == pid

    # an engine started by an earlier techkg (no read-only account) gets one, no restart
    state = json.loads((home / "engine.json").read_text())
    del state["ready"]
    (home / "engine.json").write_text(json.dumps(state))
    reader_file.unlink()
    upgraded = run(home, "cypher", "MATCH (n:Entity) RETURN count(n) AS n", "-f", "csv")
    assert (upgraded.exit_code, upgraded.stdout) == (0, "n\n6\n")
    assert upgraded.stderr == "creating the read-only account...\n"
    assert json.loads(run(home, "engine", "status", "--json").stdout)["pid"] == pid

    assert run(home, "engine", "stop").stdout == "Local engine stopped.\n"
    assert not LocalEngine(home)._alive(pid)
    assert run(home, "engine", "stop").stdout == "Local engine was not running.\n"

    # a stale pid file (a live process that is not the engine) is replaced, not fatal
    (home / "engine.json").write_text(json.dumps({"pid": os.getpid(), "bolt_port": 1,
                                                  "http_port": 2}))
    assert json.loads(run(home, "engine", "status", "--json").stdout)["state"] == "stopped"
    # data survives stop/start: the graph answers without loading again
    count = run(home, "cypher", "MATCH (n:Entity) RETURN count(n) AS n", "--format", "json")
    assert count.exit_code == 0, count.output
    assert json.loads(count.stdout) == [{"n": 6}]
    new_pid = json.loads(run(home, "engine", "status", "--json").stdout)["pid"]
    assert new_pid != os.getpid()
    assert run(home, "engine", "stop").exit_code == 0
    assert not LocalEngine(home)._alive(new_pid)


MALFORMED = [
    ({"pid": 0, "bolt_port": 1, "http_port": 2}, "pid must be a positive integer, found 0"),
    ({"pid": -1, "bolt_port": 1, "http_port": 2}, "pid must be a positive integer, found -1"),
    ({"pid": "abc", "bolt_port": 1, "http_port": 2},
     'pid must be a positive integer, found "abc"'),
    ({"bolt_port": 1, "http_port": 2}, "pid must be a positive integer, found null"),
    ({"pid": 12345}, "bolt_port must be a port number, found null"),
    ("{not json", "not a JSON object"),
    (b'\xff\xfe{"pid": 1}', "not a JSON object"),  # not UTF-8: was a traceback
]


@pytest.mark.parametrize(("state", "problem"), MALFORMED)
def test_malformed_state_file_is_one_line_and_signals_nothing(tmp_path: Path, state,
                                                               problem: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    state_file = home / "engine.json"
    if isinstance(state, bytes):
        state_file.write_bytes(state)
    else:
        state_file.write_text(state if isinstance(state, str) else json.dumps(state))
    expected = (f"Error: the engine state file {state_file.resolve()} is malformed ({problem}); "
                "nothing was signalled; remove the file if no engine is running\n")
    for command in (["engine", "stop"], ["engine", "status"], ["engine", "start"]):
        result = run(home, *command)  # pid 0 or -1 signalled would end this test run
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == expected
    assert state_file.exists()


@pytest.mark.parametrize("argv", [
    ["sleep", "60"],
    [sys.executable, "-c", "import time; time.sleep(60)", "ArcadeDBServer",
     "-Darcadedb.server.rootPath=/elsewhere/engine"],
])
def test_stop_never_signals_a_process_that_is_not_our_engine(tmp_path: Path, argv) -> None:
    home = tmp_path / "home"
    home.mkdir()
    other = subprocess.Popen(argv)
    try:
        (home / "engine.json").write_text(json.dumps({"pid": other.pid, "bolt_port": 1,
                                                      "http_port": 2}))
        result = run(home, "engine", "stop")
        assert result.exit_code == 0
        assert result.stdout == "Local engine was not running.\n"
        assert other.poll() is None
        assert not (home / "engine.json").exists()  # stale: removed
    finally:
        other.kill()
        other.wait()


def test_unusable_home_is_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(blocker, "engine", "start")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: the techkg home {blocker} is not a directory; "
                             "set TECHKG_HOME to a private writable directory\n")
    below = run(blocker / "home", "cypher", "RETURN 1 AS one")
    assert below.exit_code == 1
    assert below.stderr == (f"Error: the techkg home {blocker / 'home'} is not writable "
                            "(not a directory); set TECHKG_HOME to a private writable "
                            "directory\n")
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        denied = run(locked / "home", "engine", "start")
        assert denied.stderr == (f"Error: the techkg home {locked / 'home'} is not writable "
                                 "(permission denied); set TECHKG_HOME to a private writable "
                                 "directory\n")


def test_bad_heap_setting(tmp_path: Path) -> None:
    result = run(tmp_path / "home", "engine", "start", env={"TECHKG_ENGINE_HEAP": "lots"})
    assert result.exit_code == 1
    assert result.stderr == ("Error: TECHKG_ENGINE_HEAP='lots' is not a Java heap size such as "
                             "2g or 1536m\n")
    assert not (tmp_path / "home" / "engine.json").exists()


def test_default_home_is_the_platform_data_folder(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Without TECHKG_HOME the home is the user data folder (XDG_DATA_HOME on Linux)."""
    from techkg.local import home as home_dir

    monkeypatch.delenv("TECHKG_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert home_dir.home() == tmp_path / "data" / "techkg"
    monkeypatch.setenv("TECHKG_HOME", str(tmp_path / "mine"))
    assert home_dir.home() == tmp_path / "mine"


def test_password_stays_out_of_perf_data_and_engine_is_never_orphaned(tmp_path: Path) -> None:
    """The JVM keeps no shared perf-data file (it held the root password, readable by all),
    and a state file naming another live process neither hides nor orphans the engine."""
    home = tmp_path / "home"
    assert run(home, "engine", "start").exit_code == 0
    engine = LocalEngine(home)
    data = engine.data_dir
    pid = engine.info().pid
    password = engine.password().encode()
    perf = list(Path("/tmp").glob(f"hsperfdata_*/{pid}"))
    assert perf == []
    for path in Path("/tmp").glob("hsperfdata_*/*"):
        try:
            assert password not in path.read_bytes(), path
        except PermissionError:
            continue
    other = subprocess.Popen(["sleep", "120"])
    try:
        state = json.loads((home / "engine.json").read_text())
        (home / "engine.json").write_text(json.dumps({**state, "pid": other.pid}))
        restarted = run(home, "engine", "start")  # must not start a second server
        assert restarted.exit_code == 0, restarted.output
        assert engine_processes(data) == [engine.info().pid]
        assert not (home / "engine.args").exists()
        (home / "engine.json").write_text(json.dumps({**state, "pid": other.pid}))
        stopped = run(home, "engine", "stop")
        assert stopped.stdout == "Local engine stopped.\n"
        assert engine_processes(data) == []
        assert other.poll() is None  # never signalled
    finally:
        other.kill()
        other.wait()
        engine.stop()


def test_a_killed_start_leaves_no_password_file(tmp_path: Path) -> None:
    """The root password's argument file goes as soon as the JVM has read it; a start killed
    after that leaves none, and stopping the half-started engine cleans up the rest."""
    home = tmp_path / "home"
    env = {**os.environ, "TECHKG_HOME": str(home), "TECHKG_URI": ""}
    start = subprocess.Popen([sys.executable, "-m", "techkg.cli.app", "engine", "start"],
                             env=env, stderr=subprocess.PIPE, text=True)
    assert start.stderr is not None
    try:
        for line in start.stderr:
            if line.startswith("waiting for the local engine to open its Bolt port"):
                break
        start.kill()
        start.wait()
        assert not (home / "engine.args").exists()
        engine = LocalEngine(home)
        assert engine_processes(engine.data_dir) != []  # a JVM left half-started
        (home / "engine.args").write_text("left by a start killed even earlier")
        assert run(home, "engine", "stop").stdout == "Local engine stopped.\n"
        assert engine_processes(engine.data_dir) == []
        assert not (home / "engine.args").exists()
    finally:
        LocalEngine(home).stop()


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small filesystem needs root")
def test_a_full_disk_is_named_in_one_sentence(tmp_path: Path) -> None:
    """The engine reports a full disk only as "Transaction error on commit"."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    home = disk / "home"
    heap = {"TECHKG_ENGINE_HEAP": "512m"}
    try:
        assert run(home, "engine", "start", env=heap).exit_code == 0
        assert run(home, "stats", env=heap).exit_code == 0  # lock files made while there is room
        ballast = disk / "ballast"
        with open(ballast, "wb") as fh, contextlib.suppress(OSError):
            for _ in range(64):
                fh.write(b"\0" * 2**20)
                fh.flush()
        loaded = run(home, "load", str(DATA / "extracts"), env=heap)
        assert loaded.exit_code == 1
        data = LocalEngine(home).data_dir
        last = loaded.stderr.splitlines()[-1]
        assert re.fullmatch(
            rf"Error: the disk holding the data of the local engine \({re.escape(str(data))}, "
            r"\d+\.\d MB free\) is full; nothing was committed: free some space and run the "
            r"command again", last), loaded.stderr
        counted = run(home, "cypher", "MATCH (a:Article) RETURN count(a) AS n", "-f", "csv")
        assert counted.stdout == "n\n0\n"
        ballast.unlink()
        again = run(home, "load", str(DATA / "extracts"), env=heap)
        assert again.exit_code == 0, again.output
    finally:
        LocalEngine(home).stop()
        subprocess.run(["umount", str(disk)], check=False)
