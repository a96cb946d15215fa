"""Timing one child process as a whole, with the CPU it and the engine used and how busy the
machine was meanwhile (Linux /proc).

Wall time alone does not travel between machines or between hours of a shared one: a load
that waits for a busy CPU looks slow. So each timed run also records the CPU seconds of the
client (the child, from `wait4`) and of the engine (the JVM's utime + stime from
/proc/<pid>/stat, before and after), the machine's idle share over the run (/proc/stat, all
CPUs), what other processes used meanwhile (busy CPU minus the client's and the engine's,
in cores) and the 1-minute load average at the end.

The client's CPU includes its worker processes. `techkg load` checks many extracts in a
process pool; the pool's fork server (which waits for the workers) is never waited for by
techkg, so `wait4` of techkg leaves them out. This process therefore makes itself a child
subreaper (Linux `prctl`): a descendant orphaned when the client exits is handed to it,
and it waits for each descendant it saw (sampled from /proc while the child runs) to add
its resource usage. Without that, the pool's CPU was counted as *others*.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")  # /proc reports CPU time in these ticks


@dataclass(frozen=True)
class Run:
    """One timed child process; seconds unless named otherwise."""

    wall: float
    client_cpu: float
    engine_cpu: float
    idle: float  # share of all CPUs' time that was idle during the run, 0..1
    others: float  # cores that processes other than client and engine used, on average
    loadavg: float  # 1-minute load average at the end (counts client and engine too)
    rss_mb: float  # the child's peak resident memory

    @property
    def cpu(self) -> float:
        return self.client_cpu + self.engine_cpu


def machine_ticks() -> tuple[int, int]:
    """(busy, idle) ticks of all CPUs since boot; iowait counts as idle."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return user + nice + system + irq + softirq + steal, idle + iowait


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process (all its threads)."""
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(after_name[11]) + int(after_name[12])) / TICK  # fields 14 and 15


PR_SET_CHILD_SUBREAPER = 36


def settle(pid: int, window: float = 1.0, busy: float = 0.05, limit: float = 60.0
           ) -> tuple[float, float]:
    """Wait until the engine has used less than `busy` of one core over `window` seconds (at
    most `limit` seconds); return (seconds waited, CPU seconds it used meanwhile).

    After a big commit the engine compacts its indexes and compiles for a few seconds
    (benchmarks/README.md, "What the engine does right after the 1M load"); a query timed
    then measures that work as much as the query. Waiting for it makes the figure one of the
    query, and the wait is reported beside it."""
    start, cpu0 = time.monotonic(), process_cpu(pid)
    while time.monotonic() - start < limit:
        before = process_cpu(pid)
        time.sleep(window)
        if process_cpu(pid) - before < busy * window:
            break
    return time.monotonic() - start, process_cpu(pid) - cpu0


def _become_subreaper() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process now."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # it ended meanwhile
            out[int(entry.name)] = int(fields[1])  # field 4
    return out


class _Descendants(threading.Thread):
    """Every process below `root` seen while it runs (sampled every 50 ms)."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.seen, self.done = root, set(), threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            parents = _parents()
            below = {self.root}
            grew = True
            while grew:
                more = {p for p, pp in parents.items() if pp in below} - below
                below |= more
                grew = bool(more)
            self.seen |= below - {self.root}


def _reap(pids: set[int]) -> tuple[float, float]:
    """Wait for each orphaned descendant handed to this process; (their CPU, largest RSS)."""
    cpu, rss = 0.0, 0.0
    for pid in sorted(pids):
        try:
            _, _, usage = os.wait4(pid, 0)
        except ChildProcessError:
            continue  # its own parent waited for it: counted in that parent's usage
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, usage.ru_maxrss / 1024)
    return cpu, rss


def timed(cmd: list[str], env: dict[str, str], engine_pid: int) -> Run:
    """Run `cmd` to its end and measure it; RuntimeError with its output if it fails."""
    _become_subreaper()
    busy0, idle0 = machine_ticks()
    engine0 = process_cpu(engine_pid)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    below = _Descendants(proc.pid)
    below.start()
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    below.done.set()
    below.join()
    orphans_cpu, orphans_rss = _reap(below.seen - {engine_pid})
    wall = time.perf_counter() - t0
    engine_cpu = process_cpu(engine_pid) - engine0
    busy1, idle1 = machine_ticks()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} exited {proc.returncode}: {out[-1500:]}")
    busy, idle = busy1 - busy0, idle1 - idle0
    client_cpu = usage.ru_utime + usage.ru_stime + orphans_cpu
    return Run(wall=wall, client_cpu=client_cpu, engine_cpu=engine_cpu,
               idle=idle / max(1, busy + idle),
               others=max(0.0, busy / TICK - client_cpu - engine_cpu) / wall,
               loadavg=os.getloadavg()[0], rss_mb=max(usage.ru_maxrss / 1024, orphans_rss))


def footer(started: str, what: str = "") -> str:
    """The line a measurement ends with: what ran, on what, from when to when, and how busy
    the machine was at the end (so a figure carries its conditions)."""
    return (f"({what}python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {started} to "
            f"{time.strftime('%H:%M UTC', time.gmtime())}, load average at the end "
            f"{os.getloadavg()[0]:.1f})")
