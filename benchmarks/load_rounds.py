"""The load rows: `techkg load` against the two raw floors, in alternating rounds.

One figure per side from one run said little on a shared machine (the same script gave
1.65× and then 0.73× run twice). So each side is a whole process timed the same way
(procstat.timed), the sides alternate within the same engine state, and the ratio is taken
per round, then summarised as a median and a range over the rounds:

- *warm*: one engine for the whole row; one untimed load of each side first (the JVM
  compiles each side's statements); then every timed load runs into a graph emptied by the
  same untimed wipe (`MATCH (n) DETACH DELETE n`, what `techkg load --rebuild` runs inside
  its transaction), so neither side pays for the wipe and both write into the same
  emptied store;
- *cold*: a new engine in a new, empty directory before each side (a first load on a
  fresh install: start-up of the engine not timed, its cold JVM is).

The order of the sides is reversed every other round (minimal, records, techkg; then
techkg, records, minimal), so a drift of the machine's load within a round evens out.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from procstat import Run, timed

from techkg.graph import Graph
from tests.soak import Engine, engine_at

HERE = Path(__file__).resolve().parent
SIDES = ("minimal", "records", "techkg")
Say = Callable[[str], None]


@dataclass(frozen=True)
class Corpus:
    """Where one size's corpus lies on disk."""

    extracts: Path
    articles: Path


def compile_bytecode() -> None:
    """Compile the interpreter's packages and the project to byte code first, as a normal
    `pip install` leaves them: with an install made with `--no-compile` (the test script's,
    for speed) and PYTHONDONTWRITEBYTECODE set, every timed command compiled about 300
    modules again, 0.5 s of a 2 s reload at 1M facts."""
    import compileall
    import sysconfig

    for folder in (sysconfig.get_paths()["purelib"], *(str(ROOT / p) for p in PACKAGES)):
        compileall.compile_dir(folder, quiet=1, workers=0)


ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("techkg", "loaders", "cli")


def commands(corpus: Corpus) -> dict[str, list[str]]:
    """Each side as the command a reader would type (same interpreter, same venv)."""
    techkg = str(Path(sys.executable).with_name("techkg"))
    return {
        "minimal": [sys.executable, str(HERE / "raw_minimal.py"), str(corpus.extracts)],
        "records": [sys.executable, str(HERE / "raw_records.py"), str(corpus.extracts)],
        "techkg": [techkg, "load", str(corpus.extracts), "--articles", str(corpus.articles),
                   "--no-progress"],
    }


def engine_env(eng: Engine) -> dict[str, str]:
    """The environment `techkg` and both floors read to reach one engine."""
    return {**os.environ, "TECHKG_URI": eng.settings.uri or "", "TECHKG_USER": "root",
            "TECHKG_PASSWORD": eng.settings.password or "", "TECHKG_DATABASE": "kg"}


def engine_pid(eng: Engine) -> int:
    pid = eng.engine.info().pid
    if not pid:
        raise RuntimeError("the engine is not running")
    return pid


def wipe(eng: Engine) -> None:
    """Empty the graph (indexes and constraints stay), then check that nothing is left."""
    with Graph(eng.settings) as g:
        g.write("MATCH (n) DETACH DELETE n")
        left = g.read("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    if left:
        raise RuntimeError(f"the wipe left {left} nodes")


def order(round_no: int) -> tuple[str, ...]:
    return SIDES if round_no % 2 == 0 else tuple(reversed(SIDES))


def warm_rounds(eng: Engine, corpus: Corpus, rounds: int, say: Say) -> list[dict[str, Run]]:
    """`rounds` rounds on one running engine, after one untimed load of each side."""
    cmds, env, pid = commands(corpus), engine_env(eng), engine_pid(eng)
    for side in SIDES:
        wipe(eng)
        timed(cmds[side], env, pid)
    out = []
    for n in range(rounds):
        runs: dict[str, Run] = {}
        for side in order(n):
            wipe(eng)
            runs[side] = timed(cmds[side], env, pid)
        say(f"warm round {n + 1}: {describe(runs)}")
        out.append(runs)
    return out


@contextmanager
def fresh_engine(root: Path) -> Iterator[Engine]:
    """A local engine in a new, empty directory, removed afterwards."""
    shutil.rmtree(root, ignore_errors=True)
    try:
        with engine_at(root) as eng:
            yield eng
    finally:
        shutil.rmtree(root, ignore_errors=True)


def cold_rounds(work: Path, corpus: Corpus, rounds: int, say: Say) -> list[dict[str, Run]]:
    """`rounds` rounds, each side into a freshly started engine of its own."""
    cmds = commands(corpus)
    out = []
    for n in range(rounds):
        runs: dict[str, Run] = {}
        for side in order(n):
            with fresh_engine(work / "engine-cold") as eng:
                runs[side] = timed(cmds[side], engine_env(eng), engine_pid(eng))
        say(f"cold round {n + 1}: {describe(runs)}")
        out.append(runs)
    return out


def reloads(eng: Engine, corpus: Corpus, rewrite: Callable[[int], None],
            times: int) -> tuple[list[Run], list[Run]]:
    """After a fresh `techkg load`: `times` reloads with nothing changed, then `times`
    reloads each after one article changed (`rewrite(n)` writes the corpus with article 0
    edited when n is odd, restored when even, so every reload sees one changed article);
    the folder is left as first loaded."""
    cmd, env, pid = commands(corpus)["techkg"], engine_env(eng), engine_pid(eng)
    wipe(eng)
    timed(cmd, env, pid)
    unchanged = [timed(cmd, env, pid) for _ in range(times)]
    edited = []
    for n in range(1, times + 1):
        rewrite(n % 2)
        edited.append(timed(cmd, env, pid))
    if times % 2:
        rewrite(0)
        timed(cmd, env, pid)
    return unchanged, edited


def describe(runs: dict[str, Run]) -> str:
    """One round on one line (progress on stderr)."""
    parts = [f"{side} {runs[side].wall:.1f} s" for side in SIDES if side in runs]
    ratios = [f"{runs['techkg'].wall / runs[side].wall:.2f}× {side}"
              for side in ("minimal", "records") if side in runs and "techkg" in runs]
    idle = min(r.idle for r in runs.values())
    return ", ".join(parts + ratios) + f"; idle ≥ {idle:.0%}"
