"""Benchmarks (measurements, not tests): CLI start-up, engine start, validate, load, queries.

Run from the project root with the venv active:

    python benchmarks/bench.py            # prints a Markdown table of medians

It uses a throwaway local engine in a temporary directory and stops it afterwards.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, runs: int = 5) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return min(samples), statistics.median(samples), max(samples)


def main() -> None:
    from techkg import queries
    from techkg.engine import DATABASE, USER, LocalEngine
    from techkg.graph import Graph, Settings
    from techkg.loaders.load import load, wipe
    from techkg.loaders.validate import validate
    from techkg.service import run_saved

    rows: list[tuple[str, tuple[float, float, float]]] = []
    techkg = str(Path(sys.executable).with_name("techkg"))
    rows.append(("`techkg --help` (process)", timed(
        lambda: subprocess.run([techkg, "--help"], capture_output=True, check=True), 10)))
    with tempfile.TemporaryDirectory() as tmp:
        engine = LocalEngine(Path(tmp))
        t0 = time.perf_counter()
        info = engine.start()
        start = time.perf_counter() - t0
        rows.append(("engine start (cold, until Cypher answers)", (start, start, start)))
        try:
            settings = Settings(info.uri, USER, engine.password(), DATABASE)
            with Graph(settings) as graph:
                extracts = [ROOT / "extracts"]
                rows.append(("validate all extracts", timed(lambda: validate(extracts), 3)))
                result = validate(extracts)

                def fresh() -> None:
                    wipe(graph)
                    load(graph, result)

                rows.append(("load all extracts into an empty graph", timed(fresh, 3)))
                rows.append(("reload (no changes)", timed(lambda: load(graph, result), 3)))
                for name in ("bases-us-universities", "most-connected", "timeline",
                             "united-front", "corroboration"):
                    q = queries.get(name)
                    rows.append((f"query `{q.name}`", timed(lambda n=name: run_saved(graph, n))))
        finally:
            engine.stop()
    print("| measurement | min s | median s | max s |\n|---|---|---|---|")
    for label, (lo, med, hi) in rows:
        print(f"| {label} | {lo:.3f} | {med:.3f} | {hi:.3f} |")
    print(f"\n(python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
