"""The local engine: ArcadeDB's server from the `arcadedb-embedded` wheel, run in the background.

It speaks Bolt and Neo4j 5 Cypher, so the rest of the project treats it like any Neo4j
server. It binds to 127.0.0.1 only, keeps its data under the techkg home directory, and has
two accounts with generated passwords stored 0600 (never printed): `root` for writes and
`reader`, whose group may only read records, so the server itself refuses writes on reads.
Starting is serialized by a lock, so commands launched together share one server.

Every statement is bounded by the read timeout (the engine's `arcadedb.command.timeout`;
its per-group `readTimeout` and `resultSetLimit` bound only its SQL, not Cypher: measured,
a reader with a 3 s `readTimeout` ran a Cypher read for 131 s). The engine's query
admission gate is off: a query that dies of an out-of-memory error leaks its slot, and four
such leaks made every later query wait 30 s and fail. A real heap exhaustion stops the
JVM (`ExitOnOutOfMemoryError`) instead of leaving it half alive; the next command starts it.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from techkg.errors import EngineError, EngineUnresponsive
from techkg.local import home as home_dir
from techkg.local import locks
from techkg.local.process import (
    engine_pids,
    free_port,
    is_engine,
    jvm_started,
    pid_running,
    port_open,
    wheel_paths,
)
from techkg.local.reader import READER as READER
from techkg.local.reader import configure_before_boot, ensure_reader
from techkg.settings import engine_heap, read_timeout

DATABASE = "kg"
USER = "root"
READY_TIMEOUT = 90.0
Progress = Callable[[str], None]
home = home_dir.home  # kept for callers that import it from here


def default_heap() -> str:
    """A quarter of the machine's memory, at least 1 GB and at most 4 GB."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "1g"
    gigabytes = max(1, min(4, total // 4 // 2**30))
    return f"{gigabytes}g"


def heap() -> str:
    """The engine's Java heap (TECHKG_ENGINE_HEAP, e.g. 2g or 1536m; default_heap() if unset)."""
    return engine_heap() or default_heap()


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
        self.root = (root or home_dir.home()).resolve()
        self.data_dir = self.root / "engine"
        self.state_file = self.root / "engine.json"
        self.password_file = self.root / "password"
        self.reader_password_file = self.root / "reader-password"

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
        return self._secret(self.password_file)

    def reader_password(self) -> str:
        """The read-only account's password (same rules as the root one)."""
        return self._secret(self.reader_password_file)

    def _secret(self, path: Path) -> str:
        if path.exists():
            return path.read_text("utf-8").strip()
        home_dir.prepare(self.root)
        secret = secrets.token_urlsafe(24)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secret)
        return secret

    def _state(self) -> dict | None:
        """The state file, checked: None if absent; EngineError if it cannot be trusted."""
        try:
            data = self.state_file.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise EngineError(f"cannot read the engine state file {self.state_file}: "
                              f"{exc.strerror}") from exc
        try:
            state = json.loads(data.decode("utf-8"))
        except ValueError:  # not UTF-8, or not JSON
            state = None
        problem = _state_problem(state)
        if problem:
            raise EngineError(f"the engine state file {self.state_file} is malformed ({problem});"
                              " nothing was signalled; remove the file if no engine is running")
        return state

    def _alive(self, pid: int) -> bool:
        """True only if `pid` is a positive pid running this engine (our data dir)."""
        return is_engine(pid, self.data_dir)

    def running(self) -> bool:
        """True while the engine named by the state file runs (it may not answer)."""
        try:
            state = self._state()
        except EngineError:
            return False
        return bool(state) and self._alive(state["pid"])

    def unresponsive(self) -> EngineUnresponsive:
        """The error for an engine whose process runs but does not answer."""
        state = self._state() or {}
        return EngineUnresponsive(f"the local engine (pid {state.get('pid')}) is running but "
                                  "does not answer")

    def info(self) -> EngineInfo:
        state = self._state()
        if state and self._alive(state["pid"]):
            ready = state.get("ready") is not False  # False while a start is under way
            return EngineInfo("running" if ready else "starting",
                              f"bolt://127.0.0.1:{state['bolt_port']}", state["pid"],
                              str(self.data_dir), self.version(), state["bolt_port"],
                              state["http_port"])
        return EngineInfo("stopped", None, None, str(self.data_dir), self.version())

    # -- lifecycle -----------------------------------------------------------------------
    def start(self, progress: Progress | None = None) -> EngineInfo:
        """Start the server unless it runs; return once both accounts answer Cypher.

        Concurrent callers are serialized by a lock: one starts the server, the others wait
        for it and then use it.
        """
        home_dir.prepare(self.root)
        if self._ready():
            return self.info()
        memory = heap()
        say = progress or (lambda _message: None)
        try:
            with locks.file_lock(self.root / "engine.lock", READY_TIMEOUT + 30, say,
                                 "waiting for another command that is starting the local "
                                 "engine"):
                if self._ready():
                    return self.info()
                state = self._state()
                if state and self._alive(state["pid"]):
                    if "ready" not in state:  # started by an earlier techkg: no reader yet
                        return self._add_reader(state, say)
                    self._terminate(state["pid"])  # half-started by a command that died
                for pid in engine_pids(self.data_dir):  # one the state file lost track of
                    self._terminate(pid)
                return self._start_locked(memory, say)
        except locks.LockTimeout:
            raise EngineError("another command has been starting the local engine for more "
                              f"than {READY_TIMEOUT + 30:.0f} s; see {self.root / 'engine.out'}"
                              ) from None

    def _ready(self) -> bool:
        """True if the engine runs and finished its start (both accounts work)."""
        state = self._state()
        return bool(state) and state.get("ready") is True and self._alive(state["pid"])

    def _add_reader(self, state: dict, say: Progress) -> EngineInfo:
        say("creating the read-only account")
        ensure_reader(self.data_dir, state["http_port"], state["bolt_port"], self.password(),
                      self.reader_password(), DATABASE)
        self._write_state({**state, "ready": True})
        return self.info()

    def restart(self, progress: Progress | None = None) -> EngineInfo:
        """Stop the engine (whatever state it is in) and start it again."""
        self.stop()
        return self.start(progress)

    @property
    def _secret_args(self) -> Path:
        return self.root / "engine.args"

    def _start_locked(self, memory: str, say: Progress) -> EngineInfo:
        self.state_file.unlink(missing_ok=True)  # a stale pid file from a dead process
        java, jars = wheel_paths()
        bolt_port, http_port = free_port(), free_port()
        self.data_dir.mkdir(exist_ok=True)
        configure_before_boot(self.data_dir)
        password = self.password()
        timeout_ms = max(1, round(read_timeout() * 1000))
        # the password goes in a 0600 argument file, not on the command line others can
        # read, and is deleted as soon as the launcher has read it; the JVM keeps no shared
        # perf-data file (-XX:-UsePerfData), which would show its arguments to the world
        secret_args = self._secret_args
        secret_args.unlink(missing_ok=True)
        fd = os.open(secret_args, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f'"-Darcadedb.server.rootPassword={password}"\n')
        cmd = [
            str(java), f"-Xmx{memory}", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError",
            "-cp", f"{jars}/*", f"@{secret_args}",
            f"-Darcadedb.command.timeout={timeout_ms}",
            "-Darcadedb.queryMaxConcurrent=0",
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "-Darcadedb.bolt.host=127.0.0.1", f"-Darcadedb.bolt.port={bolt_port}",
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={http_port}",
            f"-Darcadedb.server.defaultDatabases={DATABASE}[{USER}]",
            f"-Darcadedb.server.rootPath={self.data_dir}",
            "com.arcadedb.server.ArcadeDBServer",
        ]
        say(f"starting the local engine (heap {memory}, data {self.data_dir})")
        out = open(self.root / "engine.out", "ab")  # noqa: SIM115 - handed to the child
        try:
            proc = subprocess.Popen(cmd, cwd=self.data_dir, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            out.close()
        state = {"pid": proc.pid, "bolt_port": bolt_port, "http_port": http_port,
                 "ready": False}
        self._write_state(state)
        try:
            self._wait_args_read(proc)
            self._wait_ready(proc, bolt_port, password, say)
        finally:
            secret_args.unlink(missing_ok=True)
        try:
            return self._add_reader(state, say)
        except BaseException:
            self.stop()
            raise

    def _write_state(self, state: dict) -> None:
        temp = self.state_file.with_suffix(".tmp")
        temp.write_text(json.dumps(state), "utf-8")
        temp.replace(self.state_file)  # readers never see half a file

    def _wait_args_read(self, proc: subprocess.Popen) -> None:
        """Delete the password file once the launcher has read it (a second or less).

        Without /proc (macOS) this cannot be seen; the file then goes once the engine is up.
        """
        if not Path("/proc/self").exists():
            return
        deadline = time.monotonic() + 10
        while proc.poll() is None and time.monotonic() < deadline:
            if jvm_started(proc.pid):
                self._secret_args.unlink(missing_ok=True)
                return
            time.sleep(0.02)

    def _wait_ready(self, proc: subprocess.Popen, port: int, password: str,
                    say: Progress) -> None:
        from neo4j import GraphDatabase

        say(f"waiting for the local engine to open its Bolt port 127.0.0.1:{port}")
        deadline = time.monotonic() + READY_TIMEOUT
        last: Exception | None = None
        told = False
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.state_file.unlink(missing_ok=True)
                raise EngineError(f"the local engine exited during start-up "
                                  f"(see {self.root / 'engine.out'}): {self._tail()}")
            if not port_open(port):
                time.sleep(0.1)
                continue
            if not told:
                say("waiting for the local engine to answer Cypher")
                told = True
            try:
                with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=(USER, password),
                                          connection_timeout=5) as driver:
                    driver.execute_query("RETURN 1 AS ok", database_=DATABASE)
                return
            except Exception as exc:  # noqa: BLE001 - not ready yet; retried until deadline
                last = exc
                time.sleep(0.25)
        self.stop()
        raise EngineError(f"the local engine did not answer within {READY_TIMEOUT:.0f} s: {last}")

    def stop_reason(self) -> str | None:
        """Why the engine's process ended, when its output says: the JVM exits on a full
        heap (ExitOnOutOfMemoryError) after printing it."""
        try:
            with open(self.root / "engine.out", "rb") as out:
                out.seek(max(0, out.seek(0, os.SEEK_END) - 4096))
                tail = out.read().decode("utf-8", "replace")
        except OSError:
            return None
        if "OutOfMemoryError" in tail.rsplit("Starting", 1)[-1]:
            return "it ran out of memory (TECHKG_ENGINE_HEAP sets its Java heap)"
        return None

    def _tail(self) -> str:
        try:
            lines = (self.root / "engine.out").read_text("utf-8", "replace").splitlines()
        except OSError:
            return ""
        return " | ".join(lines[-3:])

    def stop(self) -> bool:
        """Stop the server (SIGTERM, then SIGKILL); True if one was running.

        Only a positive pid whose command line is this engine with this data directory is
        ever signalled; a malformed state file is an EngineError and nothing is signalled.
        An engine the state file lost track of is found by its data directory and stopped.
        """
        state = self._state()
        self._secret_args.unlink(missing_ok=True)  # left by a start that was killed
        pids = set(engine_pids(self.data_dir))
        if state and self._alive(state["pid"]):
            pids.add(state["pid"])
        for pid in sorted(pids):
            self._terminate(pid)
        self.state_file.unlink(missing_ok=True)
        return bool(pids)

    def _terminate(self, pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):  # it may end between the two signals
            os.kill(pid, signal.SIGTERM)
            os.kill(pid, signal.SIGCONT)  # a stopped (wedged) process handles SIGTERM only now
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not pid_running(pid):
                return
            time.sleep(0.1)
        if self._alive(pid):  # still ours: the pid cannot have been recycled meanwhile
            os.kill(pid, signal.SIGKILL)
        while pid_running(pid):
            time.sleep(0.05)


def _state_problem(state: object) -> str | None:
    if not isinstance(state, dict):
        return "not a JSON object"
    pid = state.get("pid")
    if isinstance(pid, bool) or not isinstance(pid, int) or pid <= 0:
        return f"pid must be a positive integer, found {json.dumps(pid)[:40]}"
    for key in ("bolt_port", "http_port"):
        port = state.get(key)
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            return f"{key} must be a port number, found {json.dumps(port)[:40]}"
    return None
