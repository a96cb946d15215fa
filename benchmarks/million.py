"""The million-fact column (measurements, not tests): 10,000 articles × 100 facts.

At this size one load takes minutes, so the column is one first load on a fresh install
(a new engine in an empty directory, its start-up not timed, its cold JVM timed), not
alternating rounds; the floors are not run. Then, on that engine:

- reloads with nothing changed, and each after one article was edited (`--rounds` of each);
- every saved query at its default limit, p50 / p95 (benchmarks/query_times.py), in the
  engine that loaded the graph, then again after the engine is restarted (as on the next
  day: a heap without the load's garbage), each after the same unmeasured warm-up rounds;
- before the reloads and before each round of queries, the engine is left to settle (less
  than 5 % of a core for a second: benchmarks/procstat.py `settle`): after a big commit it
  compacts its indexes and compiles for a few seconds, which a query timed then would
  measure too. How long it went on working, and the CPU it used, is printed as a row;
- the engine's heap setting and peak resident memory (VmHWM), and the disk its data uses.

Each round of queries is one pass (20 samples per query), and one pass's p95 moves a lot at
this size (benchmarks/README.md, "Pass after pass"): hub_passes.py gives the median and range
of several passes for the biggest hub's reads.

The load's progress lines are counted (no terminal: one plain line per step). The corpus is
the one bench.py draws (tests/synthetic.py, seed 11), written to `--work` and reused.

    python benchmarks/million.py --work /tmp/million            # about 40 min on 2 cores
    python benchmarks/million.py --work /tmp/million --articles 1000   # the same at 100k
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from load_rounds import Corpus, commands, compile_bytecode, engine_env, engine_pid  # noqa: E402
from procstat import Run, footer, process_cpu, settle, timed  # noqa: E402
from query_times import corpus_shape, query_times  # noqa: E402

from techkg.local.engine import heap  # noqa: E402
from tests.soak import engine_at  # noqa: E402
from tests.synthetic import Corpus as Synthetic  # noqa: E402
from tests.synthetic import Version  # noqa: E402


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def write_corpus(synthetic: Synthetic, corpus: Corpus) -> None:
    """Write the corpus unless a previous run left it complete."""
    last = corpus.extracts / f"{synthetic.article_id(synthetic.articles - 1)}.yaml"
    if not last.exists() or len(list(corpus.extracts.glob("syn*.yaml"))) != synthetic.articles:
        say(f"writing {synthetic.articles:,} articles to {corpus.extracts.parent} ...")
        synthetic.write(corpus.extracts, corpus.articles, synthetic.version_set(0))


def edit_first(synthetic: Synthetic, corpus: Corpus, edits: int) -> None:
    """Article 0 with `edits` small changes (0: as first written); nothing else rewritten."""
    art = synthetic.article(0, Version(0, edits))
    (corpus.extracts / f"{art.id}.yaml").write_text(art.extract, "utf-8")
    (corpus.articles / f"{art.id}.txt").write_text(art.text, "utf-8")


def peak_kb(pid: int) -> int:
    """Peak resident memory of a running process (VmHWM), in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def disk_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def worked(waited: tuple[float, float]) -> str:
    """How long the engine went on working before it settled, and the CPU it used."""
    return f"settled after {waited[0]:.1f} s ({waited[1]:.1f} s of engine CPU)"


def spread(values: list[float]) -> str:
    return (f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f} s)"
            if len(values) > 1 else f"{values[0]:.2f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--work", type=Path, required=True, help="corpus and engine folder")
    ap.add_argument("--articles", type=int, default=10_000, help="100 facts each")
    ap.add_argument("--rounds", type=int, default=3, help="reloads of each kind")
    ap.add_argument("--query-runs", type=int, default=20)
    args = ap.parse_args(argv)
    work = args.work.resolve()
    synthetic = Synthetic(seed=11, articles=args.articles)
    corpus = Corpus(work / "extracts", work / "articles")
    # in a child process: a command started by this one would otherwise report this
    # process's peak memory as its own (a fork's peak resident size survives its exec)
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        pool.submit(write_corpus, synthetic, corpus).result()
    engine_dir = work / "engine"
    shutil.rmtree(engine_dir, ignore_errors=True)
    compile_bytecode()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    cells: dict[str, str] = {}
    with engine_at(engine_dir) as eng:
        pid, env = engine_pid(eng), engine_env(eng)
        cmd = [c for c in commands(corpus)["techkg"] if c != "--no-progress"]
        say("first load (fresh engine) ...")
        t0, cpu0 = time.perf_counter(), process_cpu(pid)
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, text=True,
                              capture_output=True)
        wall, engine_cpu = time.perf_counter() - t0, process_cpu(pid) - cpu0
        if proc.returncode != 0:
            say(proc.stdout[-2000:] + proc.stderr[-2000:])
            cells["load"] = f"fails (exit {proc.returncode}) after {wall:.0f} s"
        else:
            lines = proc.stderr.strip().splitlines()
            rss_mb = int(lines[-1]) / 1024
            steps = sum(1 for line in lines if line.startswith("load:"))
            cells["load"] = (f"{wall:.0f} s (engine CPU {engine_cpu:.0f} s); peak RSS "
                             f"{rss_mb:.0f} MB; {steps:,} progress lines")
            cells["engine work after the load"] = worked(settle(pid))
            cells.update(corpus_shape(eng.settings, synthetic.articles))
            unchanged: list[Run] = [timed(cmd, env, pid) for _ in range(args.rounds)]
            edited: list[Run] = []
            for n in range(1, args.rounds + 1):
                edit_first(synthetic, corpus, n % 2)
                edited.append(timed(cmd, env, pid))
            edit_first(synthetic, corpus, 0)
            if args.rounds % 2:
                timed(cmd, env, pid)
            cells["reload"] = spread([r.wall for r in unchanged])
            cells["edit"] = spread([r.wall for r in edited])
            cells["reload rss"] = f"{max(r.rss_mb for r in unchanged + edited):.0f} MB"
            if args.query_runs:
                cells["engine work after the reloads"] = worked(settle(pid))
                say("timing the saved queries at their default limits ...")
                cells.update(query_times(eng.settings, args.query_runs, all_rows=False))
        cells["engine"] = (f"heap -Xmx{heap()}, peak resident {peak_kb(pid) / 2**20:.1f} GB, "
                           f"data on disk {disk_mb(engine_dir) / 1024:.2f} GB")
    if args.query_runs and "reload" in cells:
        # the same graph the next day: the engine restarted, nothing loaded since
        say("timing the saved queries again, after an engine restart ...")
        with engine_at(engine_dir) as eng:
            cells["engine work after the restart"] = worked(settle(engine_pid(eng)))
            cells.update({f"{key}, after a restart": cell for key, cell in
                          query_times(eng.settings, args.query_runs, all_rows=False).items()})
    for key, value in cells.items():
        print(f"| {key} | {value} |")
    print("\n" + footer(started, f"{args.articles:,} articles, "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
