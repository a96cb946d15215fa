"""The local engine through the real CLI: start, status, stop, persistence, stale state."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from typer.testing import CliRunner

from techkg.cli.app import app
from techkg.engine import LocalEngine

from .conftest import DATA


def run(home: Path, *args: str):  # type: ignore[no-untyped-def]
    env = {"TECHKG_HOME": str(home), "TECHKG_URI": "", "TECHKG_USER": "", "TECHKG_PASSWORD": "",
           "TECHKG_DATABASE": "", "TECHKG_ARTICLES": str(DATA / "articles")}
    return CliRunner().invoke(app, list(args), env=env, prog_name="techkg")


def test_engine_lifecycle_persistence_and_stale_pid(tmp_path: Path) -> None:
    home = tmp_path / "home"
    stopped = run(home, "engine", "status", "--json")
    assert stopped.exit_code == 0
    assert json.loads(stopped.stdout)["state"] == "stopped"

    started = run(home, "engine", "start")
    assert started.exit_code == 0, started.output
    status = json.loads(run(home, "engine", "status", "--json").stdout)
    assert status["state"] == "running"
    assert status["uri"].startswith("bolt://127.0.0.1:")
    assert status["data_dir"] == str((home / "engine").resolve())
    assert status["version"] == "26.10.2.post1"
    pid = status["pid"]
    password_file = home / "password"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    secret = password_file.read_text()
    assert secret not in started.output
    assert secret not in Path(f"/proc/{status['pid']}/cmdline").read_text(errors="replace")
    assert secret not in (home / "engine.out").read_text(errors="replace")
    assert not (home / "engine.args").exists()

    # with no URI configured, commands use (and would start) the local engine
    loaded = run(home, "load", str(DATA / "extracts"))
    assert loaded.exit_code == 0, loaded.output
    assert run(home, "engine", "start").exit_code == 0  # already running: no second server
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
