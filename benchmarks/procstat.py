"""Timing one child process as a whole, with the CPU it and the engine used and how busy the
machine was meanwhile (Linux /proc).

Wall time alone does not travel between machines or between hours of a shared one: a load
that waits for a busy CPU looks slow. So each timed run also records the CPU seconds of the
client (the child, from `wait4`) and of the engine (the JVM's utime + stime from
/proc/<pid>/stat, before and after), the machine's idle share over the run (/proc/stat, all
CPUs), what other processes used meanwhile (busy CPU minus the client's and the engine's,
in cores) and the 1-minute load average at the end.
"""

from __future__ import annotations

import os
import subprocess
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


def timed(cmd: list[str], env: dict[str, str], engine_pid: int) -> Run:
    """Run `cmd` to its end and measure it; RuntimeError with its output if it fails."""
    busy0, idle0 = machine_ticks()
    engine0 = process_cpu(engine_pid)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    engine_cpu = process_cpu(engine_pid) - engine0
    busy1, idle1 = machine_ticks()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} exited {proc.returncode}: {out[-1500:]}")
    busy, idle = busy1 - busy0, idle1 - idle0
    client_cpu = usage.ru_utime + usage.ru_stime
    return Run(wall=wall, client_cpu=client_cpu, engine_cpu=engine_cpu,
               idle=idle / max(1, busy + idle),
               others=max(0.0, busy / TICK - client_cpu - engine_cpu) / wall,
               loadavg=os.getloadavg()[0], rss_mb=usage.ru_maxrss / 1024)
