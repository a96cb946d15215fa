"""Scale benchmark (measurements, not tests): one table at 1k / 10k / 100k facts.

For each size it writes a synthetic corpus (tests/synthetic.py: 100 facts and 40 entities per
article, a shared entity pool with Zipf reuse so hubs appear, quotes verbatim in generated
article texts) and measures, the protocol being in benchmarks/README.md:

- the load rows (load_rounds.py): `techkg load` against two raw floors (raw_minimal.py,
  raw_records.py), each a whole process, in alternating rounds on a warm engine and on
  freshly started ones; every round printed, then medians and ranges, with the CPU time of
  client and engine and how busy the machine was (procstat.py);
- reloads with nothing changed and after editing one article, and peak RSS;
- every saved query, p50 / p95, listings also with all rows (query_times.py).

    python benchmarks/bench.py                                  # 1k and 10k
    python benchmarks/bench.py --sizes 1k,10k,100k --rounds 5
    python benchmarks/bench.py --sizes 10k --rounds 3 --no-queries --modes warm

`--home DIR` keeps a loaded corpus in DIR (a TECHKG_HOME; the engine is left running: stop it
with `TECHKG_HOME=DIR techkg engine stop`) and measures only the shape and query rows;
`--queries a,b` times only those saved queries.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from load_rounds import (  # noqa: E402
    SIDES,
    Corpus,
    cold_rounds,
    commands,
    compile_bytecode,
    fresh_engine,
    reloads,
    warm_rounds,
)
from procstat import Run  # noqa: E402
from query_times import WARMUP, corpus_shape, query_times  # noqa: E402

from techkg.graph import Settings  # noqa: E402
from techkg.local.engine import DATABASE, USER, LocalEngine  # noqa: E402
from tests.synthetic import Corpus as Synthetic  # noqa: E402
from tests.synthetic import Version  # noqa: E402

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
MODES = ("warm", "cold")
SIDE_TEXT = {
    "techkg": "`techkg load` into an empty graph (validation included)",
    "minimal": "minimal floor: libyaml + `UNWIND … MERGE` of entities and facts",
    "records": "same-records floor: every record techkg writes, plain `UNWIND`",
}
FLOORS = ("minimal", "records")


@dataclass(frozen=True)
class Options:
    """What to measure (from the command line)."""

    rounds: int = 5
    modes: tuple[str, ...] = MODES
    query_runs: int = 20
    warmup: int = WARMUP
    only: set[str] | None = None


@dataclass
class SizeResult:
    """Everything measured at one size."""

    cells: dict[str, str] = field(default_factory=dict)  # shape and query rows
    rounds: dict[str, list[dict[str, Run]]] = field(default_factory=dict)  # by mode
    unchanged: list[Run] = field(default_factory=list)
    edited: list[Run] = field(default_factory=list)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- measuring ---------------------------------------------------------------------------------
def measure_size(label: str, facts: int, opts: Options, work: Path) -> SizeResult:
    """Every row of one size; the engines start fresh in `work` and are stopped after."""
    synthetic = Synthetic(seed=11, articles=max(1, facts // 100))
    corpus = Corpus(work / label / "extracts", work / label / "articles")

    def rewrite(edits: int) -> None:
        synthetic.write(corpus.extracts, corpus.articles,
                        {**synthetic.version_set(0), 0: Version(0, edits)})

    rewrite(0)
    result = SizeResult()
    if "warm" in opts.modes:
        # a new, empty store each run: a store kept from earlier runs had grown (348 MB of
        # deleted records) and the same minimal floor took 21 s there, 15–18 s in a fresh one
        with fresh_engine(work / label / "engine-warm") as eng:
            result.rounds["warm"] = warm_rounds(eng, corpus, opts.rounds, say)
            result.unchanged, result.edited = reloads(eng, corpus, rewrite, opts.rounds)
            result.cells.update(corpus_shape(eng.settings, synthetic.articles))
            if opts.query_runs > 0:
                say(f"timing the saved queries at {label} ...")
                result.cells.update(query_times(eng.settings, opts.query_runs, opts.only,
                                                opts.warmup))
    if "cold" in opts.modes:
        result.rounds["cold"] = cold_rounds(work / label, corpus, opts.rounds, say)
    return result


def measure_home(label: str, facts: int, opts: Options, home: Path) -> SizeResult:
    """Shape and query rows on the graph kept in `home` (corpus written and loaded there
    once; the engine is left running for the next call)."""
    synthetic = Synthetic(seed=11, articles=max(1, facts // 100))
    engine = LocalEngine(home)
    settings = Settings(engine.start().uri, USER, engine.password(), DATABASE)
    marker = home / f"bench-{label}.loaded"
    if not marker.exists():
        corpus = Corpus(home / label / "extracts", home / label / "articles")
        synthetic.write(corpus.extracts, corpus.articles, synthetic.version_set(0))
        subprocess.run([*commands(corpus)["techkg"], "--rebuild"], check=True,
                       stdout=sys.stderr, env={**os.environ, "TECHKG_HOME": str(home)})
        marker.write_text(label, "utf-8")
    cells = {**corpus_shape(settings, synthetic.articles),
             **query_times(settings, opts.query_runs, opts.only, opts.warmup)}
    return SizeResult(cells=cells)


# -- summarising -------------------------------------------------------------------------------
def spread(values: list[float], fmt: Callable[[float], str]) -> str:
    """Median and range: `1.35× (1.20–1.50)`; a single value alone."""
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}–{fmt(max(values))})"


def seconds(x: float) -> str:
    return f"{x:.1f} s" if x >= 1 else f"{x:.2f} s"


def times(x: float) -> str:
    return f"{x:.2f}×"


def share(x: float) -> str:
    return f"{x:.0%}"


def round_machine(runs: dict[str, Run]) -> tuple[float, float]:
    """Idle share and other processes' cores over a round (its runs, weighted by wall)."""
    wall = sum(r.wall for r in runs.values())
    return (sum(r.idle * r.wall for r in runs.values()) / wall,
            sum(r.others * r.wall for r in runs.values()) / wall)


def load_cells(mode: str, rounds: list[dict[str, Run]]) -> dict[str, str]:
    """The summary rows of one mode: wall and CPU per side, ratios per round, machine."""
    cells: dict[str, str] = {}
    for side in SIDES:
        runs = [r[side] for r in rounds]
        cells[f"{mode}:{side}"] = spread([r.wall for r in runs], seconds)
        cells[f"{mode}:cpu:{side}"] = (
            f"{statistics.median(r.client_cpu for r in runs):.1f} + "
            f"{statistics.median(r.engine_cpu for r in runs):.1f} s")
    for floor in FLOORS:
        cells[f"{mode}:ratio:{floor}"] = spread(
            [r["techkg"].wall / r[floor].wall for r in rounds], times)
        cells[f"{mode}:cpu-ratio:{floor}"] = spread(
            [r["techkg"].cpu / r[floor].cpu for r in rounds], times)
    machine = [round_machine(r) for r in rounds]
    loads = [run.loadavg for r in rounds for run in r.values()]
    cells[f"{mode}:machine"] = (
        f"idle {spread([m[0] for m in machine], share)}; others "
        f"{spread([m[1] for m in machine], lambda x: f'{x:.2f}')} cores; "
        f"load avg {min(loads):.1f}–{max(loads):.1f}")
    return cells


def reload_cells(result: SizeResult) -> dict[str, str]:
    if not result.unchanged:
        return {}
    rss = [r["techkg"].rss_mb for rounds in result.rounds.values() for r in rounds]
    return {"reload": spread([r.wall for r in result.unchanged], seconds),
            "edit": spread([r.wall for r in result.edited], seconds),
            "rss": f"{max(rss):.0f} MB"}


def all_cells(result: SizeResult) -> dict[str, str]:
    cells = dict(result.cells)
    for mode, rounds in result.rounds.items():
        cells.update(load_cells(mode, rounds))
    cells.update(reload_cells(result))
    return cells


def row_names(modes: list[str]) -> list[tuple[str, str]]:
    """(cell key, row text) of the load rows, in table order."""
    rows = [("shape", "articles / entities / relationships / top hub degree")]
    for mode in modes:
        rows += [(f"{mode}:{side}", f"{mode}: {SIDE_TEXT[side]}, wall")
                 for side in ("techkg", *FLOORS)]
        rows += [(f"{mode}:ratio:{floor}", f"{mode}: ratio `techkg load` / {floor} floor, "
                                           "wall, per round") for floor in FLOORS]
        rows += [(f"{mode}:cpu:{side}", f"{mode}: CPU client + engine, {name}")
                 for side, name in (("techkg", "`techkg load`"), ("minimal", "minimal floor"),
                                    ("records", "same-records floor"))]
        rows += [(f"{mode}:cpu-ratio:{floor}", f"{mode}: ratio `techkg load` / {floor} floor, "
                                               "CPU (client + engine), per round")
                 for floor in FLOORS]
        rows.append((f"{mode}:machine", f"{mode}: the machine during the rounds"))
    return rows + [("reload", "reload, nothing changed (warm)"),
                   ("edit", "reload after editing one article (warm)"),
                   ("rss", "`techkg load` peak RSS (largest of the timed loads)")]


def table(results: dict[str, SizeResult]) -> str:
    """The summary: a column per size, a row per measure (medians and ranges)."""
    cells = {size: all_cells(r) for size, r in results.items()}
    modes = [m for m in MODES if any(m in r.rounds for r in results.values())]
    lines = ["| measure | " + " | ".join(cells) + " |", "|---|" + "---|" * len(cells)]
    for key, text in row_names(modes):
        if any(key in c for c in cells.values()):
            lines.append(f"| {text} | " + " | ".join(c.get(key, "–") for c in cells.values())
                         + " |")
    query_keys = sorted({k for c in cells.values() for k in c if k.startswith("q:")})
    for key in query_keys:
        _, kind, name = key.split(":", 2)
        where = "entity-centred" if kind == "entity" else "corpus-wide"
        name, _, rest = name.partition(" ")
        lines.append(f"| `{name}`{' ' * bool(rest)}{rest} p50 / p95 ({where}) | "
                     + " | ".join(c.get(key, "–") for c in cells.values()) + " |")
    return "\n".join(lines)


def run_cell(run: Run) -> str:
    return f"{seconds(run.wall)} (CPU {run.client_cpu:.1f} + {run.engine_cpu:.1f})"


def rounds_table(results: dict[str, SizeResult]) -> str:
    """Every round: each side's wall (CPU client + engine), the ratios and the machine."""
    lines = ["| size | row | round | minimal floor | same-records floor | `techkg load` | "
             "÷ minimal | ÷ records | idle | others (cores) | load avg |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for size, result in results.items():
        for mode, rounds in result.rounds.items():
            for n, r in enumerate(rounds, 1):
                idle, others = round_machine(r)
                loads = [run.loadavg for run in r.values()]
                lines.append(
                    f"| {size} | {mode} | {n} | {run_cell(r['minimal'])} | "
                    f"{run_cell(r['records'])} | {run_cell(r['techkg'])} | "
                    f"{times(r['techkg'].wall / r['minimal'].wall)} | "
                    f"{times(r['techkg'].wall / r['records'].wall)} | {share(idle)} | "
                    f"{others:.2f} | {min(loads):.1f}–{max(loads):.1f} |")
    return "\n".join(lines)


# -- command line ------------------------------------------------------------------------------
def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Scale benchmark: one table at 1k/10k/100k facts.")
    ap.add_argument("--sizes", default="1k,10k", help="comma-separated: 1k, 10k, 100k")
    ap.add_argument("--rounds", type=int, default=5,
                    help="timed rounds per load row and size (default %(default)s); also the "
                         "number of each kind of reload")
    ap.add_argument("--modes", default="warm,cold",
                    help="load rows: warm (one running engine), cold (a fresh engine per "
                         "side), or both (default %(default)s)")
    ap.add_argument("--query-runs", type=int, default=20,
                    help="samples per saved query (default %(default)s; p95 is the second slowest)")
    ap.add_argument("--warmup", type=int, default=WARMUP,
                    help="unmeasured rounds of every timed query first (default %(default)s)")
    ap.add_argument("--json", type=Path, help="also write every measurement here")
    ap.add_argument("--home", type=Path,
                    help="keep and reuse the corpus and loaded engine here (one size; only "
                         "the shape and query rows are measured)")
    ap.add_argument("--queries", help="comma-separated saved-query names to time (default all)")
    ap.add_argument("--work", type=Path, help="keep the corpora in this folder and reuse "
                    "them (default: a temporary folder, removed afterwards)")
    ap.add_argument("--no-queries", action="store_true", help="only the load and reload rows")
    args = ap.parse_args(argv)
    modes = tuple(m for m in args.modes.split(",") if m)
    if not set(modes) <= set(MODES) or args.rounds < 1:
        ap.error("--modes takes warm and/or cold; --rounds at least 1")
    if args.home and "," in args.sizes:
        ap.error("--home takes one size")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    opts = Options(rounds=args.rounds, modes=tuple(args.modes.split(",")),
                   query_runs=0 if args.no_queries else args.query_runs, warmup=args.warmup,
                   only=set(args.queries.split(",")) if args.queries else None)
    # a SIGTERM unwinds like Ctrl-C, so the engines are stopped on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    compile_bytecode()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results: dict[str, SizeResult] = {}
    if args.home:
        results[args.sizes] = measure_home(args.sizes, SIZES[args.sizes], opts,
                                           args.home.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="techkg-bench-") as tmp:
            work = (args.work or Path(tmp)).resolve()
            for label in args.sizes.split(","):
                say(f"measuring {label} facts ...")
                results[label] = measure_size(label, SIZES[label], opts, work)
    print(table(results))
    rounds = any(r.rounds for r in results.values())
    if rounds:
        print("\nEvery round (wall, CPU client + engine in seconds):\n")
        print(rounds_table(results))
    print(f"\n(python {sys.version.split()[0]}, {os.cpu_count()} CPUs, local engine "
          f"arcadedb-embedded {LocalEngine.version()}, {started} to "
          f"{time.strftime('%H:%M UTC', time.gmtime())}"
          + (f", {args.rounds} rounds)" if rounds else ")"))
    if args.json:
        args.json.write_text(json.dumps({k: asdict(v) for k, v in results.items()}, indent=2),
                             "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
