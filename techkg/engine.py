"""The local engine: ArcadeDB's server from the `arcadedb-embedded` wheel, run in the background.

It speaks Bolt and Neo4j 5 Cypher, so the rest of the project treats it like any Neo4j
server. It binds to 127.0.0.1 only, keeps its data under the techkg home directory, and
uses a generated password stored with 0600 permissions (never printed).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from importlib import util as importlib_util
from pathlib import Path

from techkg.errors import EngineError

DATABASE = "kg"
USER = "root"
READY_TIMEOUT = 90.0


def home() -> Path:
    """Per-user data directory (`TECHKG_HOME` overrides)."""
    if os.environ.get("TECHKG_HOME"):
        return Path(os.environ["TECHKG_HOME"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "techkg"


@dataclass
class EngineInfo:
    state: str
    uri: str | None
    pid: int | None
    data_dir: str
    version: str
    bolt_port: int | None = None
    http_port: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


class LocalEngine:
    """Start, stop and describe the background server rooted at one directory."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or home()).resolve()
        self.data_dir = self.root / "engine"
        self.state_file = self.root / "engine.json"
        self.password_file = self.root / "password"

    # -- facts ---------------------------------------------------------------------------
    @staticmethod
    def version() -> str:
        try:
            from importlib.metadata import version

            return version("arcadedb-embedded")
        except Exception:  # noqa: BLE001 - metadata missing means not installed
            return "not installed"

    def password(self) -> str:
        """The engine's root password, generated on first use, readable by the owner only."""
        if self.password_file.exists():
            return self.password_file.read_text("utf-8").strip()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        secret = secrets.token_urlsafe(24)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secret)
        return secret

    def _state(self) -> dict | None:
        try:
            return json.loads(self.state_file.read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def _alive(self, pid: int) -> bool:
        """True if `pid` is this engine's java process (not a recycled pid)."""
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists():
            try:
                text = cmdline.read_bytes().decode("utf-8", "replace")
            except OSError:
                return False
            return "ArcadeDBServer" in text and str(self.data_dir) in text
        return True

    def info(self) -> EngineInfo:
        state = self._state()
        if state and self._alive(state["pid"]):
            return EngineInfo("running", f"bolt://127.0.0.1:{state['bolt_port']}", state["pid"],
                              str(self.data_dir), self.version(), state["bolt_port"],
                              state["http_port"])
        return EngineInfo("stopped", None, None, str(self.data_dir), self.version())

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> EngineInfo:
        """Start the server unless it runs; return once a Cypher query succeeds."""
        current = self.info()
        if current.state == "running":
            return current
        self.state_file.unlink(missing_ok=True)  # a stale pid file from a dead process
        java, jars = _wheel_paths()
        bolt_port, http_port = _free_port(), _free_port()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.data_dir.mkdir(exist_ok=True)
        password = self.password()
        # the password goes in a 0600 argument file, not on the command line others can read
        secret_args = self.root / "engine.args"
        secret_args.unlink(missing_ok=True)
        fd = os.open(secret_args, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f'"-Darcadedb.server.rootPassword={password}"\n')
        cmd = [
            str(java), f"-Xmx{os.environ.get('TECHKG_ENGINE_HEAP', '1g')}",
            "-cp", f"{jars}/*", f"@{secret_args}",
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "-Darcadedb.bolt.host=127.0.0.1", f"-Darcadedb.bolt.port={bolt_port}",
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={http_port}",
            f"-Darcadedb.server.defaultDatabases={DATABASE}[{USER}]",
            f"-Darcadedb.server.rootPath={self.data_dir}",
            "com.arcadedb.server.ArcadeDBServer",
        ]
        out = open(self.root / "engine.out", "ab")  # noqa: SIM115 - handed to the child
        try:
            proc = subprocess.Popen(cmd, cwd=self.data_dir, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            out.close()
        state = {"pid": proc.pid, "bolt_port": bolt_port, "http_port": http_port}
        self.state_file.write_text(json.dumps(state), "utf-8")
        try:
            self._wait_ready(proc, bolt_port, password)
        finally:
            secret_args.unlink(missing_ok=True)  # read by the launcher at start-up
        return self.info()

    def _wait_ready(self, proc: subprocess.Popen, port: int, password: str) -> None:
        from neo4j import GraphDatabase

        logging.getLogger("neo4j").setLevel(logging.ERROR)
        deadline = time.monotonic() + READY_TIMEOUT
        last: Exception | None = None
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.state_file.unlink(missing_ok=True)
                raise EngineError(f"the local engine exited during start-up "
                                  f"(see {self.root / 'engine.out'}): {self._tail()}")
            if not _port_open(port):
                time.sleep(0.1)
                continue
            try:
                with GraphDatabase.driver(f"bolt://127.0.0.1:{port}",
                                          auth=(USER, password)) as driver:
                    driver.execute_query("RETURN 1 AS ok", database_=DATABASE)
                return
            except Exception as exc:  # noqa: BLE001 - not ready yet; retried until deadline
                last = exc
                time.sleep(0.25)
        self.stop()
        raise EngineError(f"the local engine did not answer within {READY_TIMEOUT:.0f} s: {last}")

    def _tail(self) -> str:
        try:
            lines = (self.root / "engine.out").read_text("utf-8", "replace").splitlines()
        except OSError:
            return ""
        return " | ".join(lines[-3:])

    def stop(self) -> bool:
        """Stop the server (SIGTERM, then SIGKILL); True if one was running."""
        state = self._state()
        self.state_file.unlink(missing_ok=True)
        if not state or not self._alive(state["pid"]):
            return False
        pid = state["pid"]
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not _pid_running(pid):
                return True
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
        while _pid_running(pid):
            time.sleep(0.05)
        return True


def _pid_running(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # reap our own child if it is one
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            return stat.read_text().split(") ")[1][0] != "Z"
        except (OSError, IndexError):
            return False
    return True


def _wheel_paths() -> tuple[Path, Path]:
    spec = importlib_util.find_spec("arcadedb_embedded")
    if spec is None or spec.origin is None:
        raise EngineError("the local engine needs the 'arcadedb-embedded' package: "
                          "pip install arcadedb-embedded")
    pkg = Path(spec.origin).parent
    java = pkg / "jre" / "bin" / ("java.exe" if os.name == "nt" else "java")
    jars = pkg / "jars"
    if not java.exists() or not jars.is_dir():
        raise EngineError(f"the arcadedb-embedded package at {pkg} has no bundled JRE or jars")
    return java, jars


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
