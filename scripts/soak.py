"""The large soak: >= 50 random load / modify / reload cycles over >= 200 synthetic articles.

Each cycle changes the synthetic corpus on disk (a whole re-extracted set, one or several
edited articles, an article removed, added or restored, or nothing), runs `techkg load
--prune` on a long-lived local engine, rebuilds a second engine from the same folder, and
requires both graphs to be identical (every node and relationship with all properties) and
both engine logs free of integrity warnings. Stops at the first failing cycle.

    python scripts/soak.py                      # 200 articles, 50 cycles
    python scripts/soak.py --articles 300 --cycles 80 --seed 5

Prints one line per cycle and a summary; exit status 1 if any check failed.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def use_checkout() -> None:
    """Import techkg from this checkout, installed or not: the installed package maps
    loaders/, cli/ and cypher/ into techkg (pyproject.toml), so without an install the
    checkout's root joins the techkg package's search path to give the same names."""
    sys.path.insert(0, str(ROOT))
    import techkg

    if Path(techkg.__file__).parent == ROOT / "techkg" and str(ROOT) not in techkg.__path__:
        techkg.__path__.append(str(ROOT))


use_checkout()
from tests.soak import Cycle, Soak, engine_at  # noqa: E402
from tests.synthetic import Corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--cycles", type=int, default=50)
    ap.add_argument("--facts", type=int, default=5, help="facts per article")
    ap.add_argument("--entities", type=int, default=6, help="entities per article")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    # a SIGTERM unwinds like Ctrl-C, so both engines are stopped on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    corpus = Corpus(seed=args.seed, articles=args.articles, facts_per_article=args.facts,
                    entities_per_article=args.entities, pool_size=args.articles * 3)
    started = time.monotonic()

    def report(c: Cycle) -> None:
        status = "ok" if c.ok else "FAILED"
        print(f"cycle {c.number:3d} {c.operation:<11} {c.articles:4d} articles  {status}  "
              f"[{time.monotonic() - started:7.1f} s] {c.output}", flush=True)
        if not c.equal:
            print(c.difference)
        for line in c.integrity[:5]:
            print("  engine log:", line[:300])

    with tempfile.TemporaryDirectory(prefix="techkg-soak-") as tmp:
        work = Path(tmp)
        with engine_at(work / "soaked") as soaked, engine_at(work / "reference") as reference:
            cycles = Soak(corpus, work / "corpus", soaked, reference, seed=args.seed).run(
                args.cycles, report)
    failed = [c for c in cycles if not c.ok]
    ops = sorted({c.operation for c in cycles})
    print(f"\n{len(cycles) - 1} cycles over {args.articles} articles x {args.facts} facts "
          f"(seed {args.seed}, operations: {', '.join(ops)}): "
          f"{'FAILED at cycle ' + str(failed[0].number) if failed else 'all equal to a fresh load'}"
          f", engine logs {'with' if any(c.integrity for c in cycles) else 'without'} "
          f"integrity warnings, {time.monotonic() - started:.0f} s.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
