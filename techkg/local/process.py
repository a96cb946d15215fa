"""Operating-system helpers for the local engine: its files in the wheel, ports, processes."""

from __future__ import annotations

import os
import socket
import subprocess
from importlib import util as importlib_util
from pathlib import Path

from techkg.errors import EngineError


def wheel_paths() -> tuple[Path, Path]:
    """The JRE and the server jars shipped in the `arcadedb-embedded` wheel."""
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


def cmdline(pid: int) -> str | None:
    """The NUL-separated command line of a live process, or None if unknown or gone."""
    if pid <= 0:
        return None
    proc = Path(f"/proc/{pid}/cmdline")
    if Path("/proc/self/cmdline").exists():
        try:
            return proc.read_bytes().decode("utf-8", "replace") or None
        except OSError:
            return None
    try:  # no /proc (macOS): ask ps
        out = subprocess.run(["ps", "-ww", "-o", "command=", "-p", str(pid)], check=False,
                             capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return "\0".join(out.split(" ")) + "\0" if out else None


def engine_pids(data_dir: Path) -> list[int]:
    """Live ArcadeDB servers rooted at `data_dir`, found by their command line.

    The state file can be wrong (replaced, or naming a pid that another program now has);
    the command line of the server itself cannot, so this is how a running engine is never
    lost track of. Without /proc (macOS) it finds none: the state file is all there is.
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    found = []
    for entry in proc.iterdir():
        if entry.name.isdigit() and is_engine(int(entry.name), data_dir):
            found.append(int(entry.name))
    return sorted(found)


def is_engine(pid: int, data_dir: Path) -> bool:
    """True only if `pid` is a positive pid running the engine rooted at `data_dir`."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    text = cmdline(pid)
    return text is not None and "ArcadeDBServer" in text \
        and f"-Darcadedb.server.rootPath={data_dir}\0" in text + "\0" and pid_running(pid)


def jvm_started(pid: int) -> bool:
    """True once the Java launcher has created the JVM (it has read its @argument files).

    The launcher reads argument files on its first thread, then starts the JVM on a second
    one; without /proc this is unknown and the caller waits for the server's port instead.
    """
    try:
        return len(os.listdir(f"/proc/{pid}/task")) > 1
    except OSError:
        return False


def pid_running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie (reaping it if it is our child)."""
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            return stat.read_text().split(") ")[1][0] != "Z"
        except (OSError, IndexError):
            return False
    return True


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
