"""Checking extract files, in worker processes when there are many (validation's per-file
work, given as a picklable function: this module knows nothing of what it checks).

Parsing and checking an extract is pure Python (the located YAML events, the strict model,
the quote check) and holds the interpreter lock: 14.3 s for 1,000 extracts of 100 facts on
one core of the benchmark host, while a first load's engine has little to do. Two worker
processes (the standard library's pool, `forkserver`: the caller has threads, which
`fork` does not copy safely) checked the same files in 9.4 s with the results sent back,
on that 2-vCPU host: about 5 ms saved per file. Starting the pool costs about as much as it
saves on 100 such files (a `techkg load` of 100 extracts took 3.6 s with workers against
3.4 s without, medians of 6 alternating pairs on a warm engine), so fewer than
`PARALLEL_FROM` files are checked in the caller's process.

The results come back in file order, so findings, summaries and reductions are the same
whichever way the files were checked. At most `WINDOW` chunks per worker are in flight, so a
caller that consumes slowly (a load writing to the engine) does not hold every result.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from techkg.errors import TechKGError

PARALLEL_FROM = 200  # files
MAX_WORKERS = 4
CHUNK = 8  # files a worker checks per task
WINDOW = 4  # tasks in flight per worker
# imported once by the fork server, so each worker starts with them loaded
PRELOAD = ["techkg.loaders.extract.validation", "techkg.loaders.sync.inputs"]

T = TypeVar("T")


def _each(work: Callable[[Path], T], paths: list[Path]) -> list[T]:
    return [work(p) for p in paths]


def default_workers(files: int) -> int:
    """Worker processes for `files` files: none (the caller's process) for few files or
    one CPU; else one per CPU this process may use, at most MAX_WORKERS."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 0 if files < PARALLEL_FROM or (cpus or 1) < 2 else min(cpus or 1, MAX_WORKERS)


def in_order(work: Callable[[Path], T], files: list[Path], workers: int | None = None
             ) -> Iterator[T]:
    """`work(file)` for each file, in order. `workers`: processes to use (None:
    default_workers; 0: this process). With workers, `work` must be picklable (a
    module-level function or a functools.partial of one), and so must what it returns."""
    n = default_workers(len(files)) if workers is None else workers
    if n <= 0:
        yield from map(work, files)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    pool = ProcessPoolExecutor(n, mp_context=context)
    chunks = iter([files[i:i + CHUNK] for i in range(0, len(files), CHUNK)])
    pending: deque[Future] = deque()
    try:
        while True:
            while len(pending) < n * WINDOW and (chunk := next(chunks, None)) is not None:
                pending.append(pool.submit(_each, work, chunk))
            if not pending:
                return
            try:
                results = pending.popleft().result()
            except BrokenProcessPool as exc:
                raise TechKGError(f"a process checking extracts stopped: {exc}") from None
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
