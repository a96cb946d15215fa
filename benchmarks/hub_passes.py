"""The biggest hub's entity-centred reads, pass after pass on one engine (measurements, not
tests): how much one pass's p95 says, and whether the engine that did a load reads slower.

million.py times each query in one pass (20 samples after warm-up) and compares the engine
that did the load with the same graph after a restart, once each. On this 2-core host one
pass's p95 of the hub's `timeline` moved between 99 and 194 ms on one engine within minutes,
so one pass against one pass cannot tell an engine's state from the host's speed. This
script runs `--passes` passes on one engine and prints, for each, the p50 / p95 of the
queries below (query_times.py: the biggest hub, unmeasured warm-up rounds first) beside a
host reference: the time of a fixed pure-Python loop (one core, no I/O, no engine) taken
just before the pass, which moves with the host's speed and nothing else. Then, per query,
the median and the range of the passes' p95s.

With `--load`, the engine is new and empty and first loads the corpus (`techkg load`), the
passes run on the engine that did the load, then the engine is restarted and the passes run
again. Before each half the engine is left to settle (procstat.settle).

    python benchmarks/hub_passes.py --work /tmp/million --passes 8          # the graph there
    python benchmarks/hub_passes.py --work /tmp/million --passes 6 --load   # load it first

`--work` is million.py's folder (its corpus and its engine directory, `engine/`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from load_rounds import Corpus, commands, engine_env, engine_pid  # noqa: E402
from procstat import footer, settle  # noqa: E402
from query_times import query_times  # noqa: E402

from tests.soak import Engine, engine_at  # noqa: E402

# the entity-centred reads of the biggest hub that came nearest the 1M target (< 150 ms p95)
QUERIES = ("timeline", "neighbourhood", "visits", "entity-card", "entity-profile")
LOOP = 3_000_000


def host_loop_ms() -> float:
    """A fixed piece of pure-Python work: its time moves with the host's speed only."""
    t0, x = time.perf_counter(), 0
    for i in range(LOOP):
        x += i
    return (time.perf_counter() - t0) * 1000


def passes(eng: Engine, count: int, runs: int, label: str) -> dict[str, list[float]]:
    """Run the passes, print a row for each; the p95s by query."""
    waited, cpu = settle(engine_pid(eng))
    print(f"\n{label} (settled after {waited:.1f} s, {cpu:.1f} s of engine CPU)\n")
    print("| pass | host loop | " + " | ".join(QUERIES) + " |")
    print("|---|---|" + "---|" * len(QUERIES))
    p95s: dict[str, list[float]] = {q: [] for q in QUERIES}
    for n in range(count):
        loop = host_loop_ms()
        cells = query_times(eng.settings, runs, only=set(QUERIES), warmup=5 if n == 0 else 1,
                            all_rows=False)
        row = []
        for q in QUERIES:
            cell = cells[f"q:entity:{q}"]
            row.append(cell)
            if not cell.startswith("fails"):
                p95s[q].append(float(cell.split(" / ")[1].split()[0].replace(",", "")))
        print(f"| {n + 1} | {loop:.0f} ms | " + " | ".join(row) + " |", flush=True)
    summary = [f"{statistics.median(v):.0f} ({min(v):.0f}–{max(v):.0f})" if v else "–"
               for v in p95s.values()]
    print("| p95: median (range) | | " + " | ".join(summary) + " |", flush=True)
    return p95s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--work", type=Path, required=True, help="million.py's folder")
    ap.add_argument("--passes", type=int, default=8)
    ap.add_argument("--runs", type=int, default=20, help="samples of each query in a pass")
    ap.add_argument("--load", action="store_true",
                    help="load the corpus into a new engine first, restart it after the passes")
    args = ap.parse_args(argv)
    work = args.work.resolve()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    if args.load:
        shutil.rmtree(work / "engine", ignore_errors=True)
        with engine_at(work) as eng:
            cmd = commands(Corpus(work / "extracts", work / "articles"))["techkg"]
            t0 = time.perf_counter()
            subprocess.run(cmd, env=engine_env(eng), check=True, capture_output=True)
            print(f"load: {time.perf_counter() - t0:.0f} s")
            passes(eng, args.passes, args.runs, "The engine that did the load")
    with engine_at(work) as eng:
        passes(eng, args.passes, args.runs,
               "After a restart" if args.load else "The engine started on the graph")
    print("\n" + footer(started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
