"""Soak: randomized load / modify / reload cycles, each checked against a fresh load.

Shared by tests/test_soak.py (a small run in CI) and scripts/soak.py (the large run). Two
local engines run side by side: the *soaked* one only ever receives incremental loads of
the changing synthetic corpus; the *reference* one is rebuilt from the same folder after
every cycle. After each cycle the two graphs must hold exactly the same nodes and
relationships with the same properties, and neither engine's log may report an integrity
problem (the local engine logs "Ghost (dangling) edges" when an edge list points at a
deleted edge).

Two operations spoil the folder instead (REFUSED): one article declares a shared entity
with another type than the other articles do, or an article text loses a quoted sentence.
`validate`, the incremental load and a fresh load must all refuse it, the soaked graph must
stay as it was, and once the file is restored the cycle goes on as usual.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

from techkg.cli.app import app
from techkg.graph import Graph, Settings
from techkg.graph_schema import graph_schema
from techkg.local.engine import DATABASE, USER, LocalEngine
from tests.synthetic import Corpus, Version

# what the local engine writes to log/ when its store is inconsistent
INTEGRITY_MARKERS = ("Ghost (dangling)", "data-integrity", "RecordNotFound", " SEVER ")
REFUSED = ("contradict", "break-text")
OPERATIONS = ("switch-set", "edit-one", "edit-some", "edit-text", "remove", "add", "restore",
              "unchanged", *REFUSED)


@dataclass
class Engine:
    """A throwaway local engine and how to reach it."""

    engine: LocalEngine
    settings: Settings

    @property
    def log_dir(self) -> Path:
        return self.engine.data_dir / "log"

    def integrity_problems(self) -> list[str]:
        """Lines of the engine's own log that report an integrity anomaly."""
        lines: list[str] = []
        for path in sorted(self.log_dir.glob("*.log*")):
            if path.suffix == ".lck":
                continue
            text = path.read_text("utf-8", "replace")
            lines += [ln for ln in text.splitlines() if any(m in ln for m in INTEGRITY_MARKERS)]
        return lines


@contextmanager
def engine_at(root: Path) -> Iterator[Engine]:
    """Start a local engine rooted at `root`; stop it afterwards."""
    engine = LocalEngine(root)
    info = engine.start()
    try:
        yield Engine(engine, Settings(info.uri, USER, engine.password(), DATABASE))
    finally:
        engine.stop()


def full_snapshot(settings: Settings) -> list[str]:
    """Every node (labels, all properties) and every relationship (its end nodes' labels and
    keys, type, all properties), as sorted text lines: equal graphs give equal lists."""
    with Graph(settings) as g:
        nodes = g.read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").records
        rels = g.read("MATCH (a)-[r]->(b) RETURN labels(a) AS al, coalesce(a.id, a.key) AS a, "
                      "type(r) AS t, labels(b) AS bl, coalesce(b.id, b.key) AS b, "
                      "properties(r) AS p").records
    sets = graph_schema().unordered

    def line(kind: str, row: dict) -> str:
        return kind + " " + repr(sorted((k, _in_order(k, v, sets)) for k, v in row.items()))

    return sorted(line("node", r) for r in nodes) + sorted(line("rel", r) for r in rels)


def _in_order(column: str, value: object, sets: frozenset[str]) -> object:
    """Labels, property names and the schema's unordered lists sorted: none of those orders
    carries meaning (a record created whole lists its properties in schema order, one
    updated in the order they were set; a tally's fact ids are a set)."""
    if column in ("l", "al", "bl") and isinstance(value, list):
        return sorted(value)
    if isinstance(value, dict):
        return sorted((k, sorted(v) if k in sets and isinstance(v, list) else v)
                      for k, v in value.items())
    return value


def diff(left: list[str], right: list[str], limit: int = 8) -> str:
    """A short description of how two snapshots differ (for failure messages)."""
    a, b = set(left), set(right)
    only_a, only_b = sorted(a - b)[:limit], sorted(b - a)[:limit]
    return ("only in the soaked graph:\n  " + "\n  ".join(x[:300] for x in only_a)
            + "\nonly in a fresh load:\n  " + "\n  ".join(x[:300] for x in only_b))


@dataclass
class Cycle:
    """What one cycle did and what it found."""

    number: int
    operation: str
    articles: int
    output: str
    equal: bool
    difference: str = ""
    integrity: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.equal and not self.integrity


class Soak:
    """The changing corpus on disk, the two engines and the cycle loop."""

    def __init__(self, corpus: Corpus, work: Path, soaked: Engine, reference: Engine,
                 seed: int = 0) -> None:
        self.corpus, self.soaked, self.reference = corpus, soaked, reference
        self.extracts, self.articles = work / "extracts", work / "articles"
        self.rng = random.Random(f"soak-{seed}")
        self.versions: dict[int, Version] = corpus.version_set(0)
        self.next_index = corpus.articles
        self.removed: list[int] = []
        self.runner = CliRunner()

    def invoke(self, engine: Engine, *args: str):  # type: ignore[no-untyped-def]
        """The real command on the corpus folder, against one engine."""
        env = {"TECHKG_URI": engine.settings.uri or "", "TECHKG_USER": USER,
               "TECHKG_PASSWORD": engine.settings.password or "", "TECHKG_DATABASE": DATABASE}
        return self.runner.invoke(app, [*args, str(self.extracts), "--articles",
                                        str(self.articles)], env=env, prog_name="techkg")

    def load(self, engine: Engine, *options: str) -> str:
        """`techkg load` of the folder into one engine (the real command); its output."""
        result = self.invoke(engine, "load", *options)
        if result.exit_code != 0:
            raise AssertionError(f"techkg load {' '.join(options)} exited {result.exit_code}: "
                                 f"{result.output[-2000:]}")
        return result.output.strip().splitlines()[-1] if result.output.strip() else ""

    def start(self) -> Cycle:
        """Cycle 0: the first load of the whole corpus into both engines."""
        self.corpus.write(self.extracts, self.articles, self.versions)
        return self._check(0, "first-load", self.load(self.soaked, "--prune"))

    def cycle(self, number: int, operation: str | None = None) -> Cycle:
        operation = operation or self.rng.choice(OPERATIONS)
        if operation in REFUSED:
            return self._refused(number, operation)
        self.modify(operation)
        self.corpus.write(self.extracts, self.articles, self.versions)
        return self._check(number, operation, self.load(self.soaked, "--prune"))

    def _refused(self, number: int, operation: str) -> Cycle:
        """Spoil one file, require every command to refuse it and the graph to stay, then
        restore the file and check as any cycle does."""
        before = full_snapshot(self.soaked.settings)
        path, good, what = self.spoil(operation)
        # a text that lost a sentence no longer has the sha256 its extract pins
        why = "contradicts" if operation == "contradict" else "changed since the extract was made"
        try:
            results = {"validate": self.invoke(self.soaked, "validate"),
                       "load": self.invoke(self.soaked, "load", "--prune"),
                       "fresh load": self.invoke(self.reference, "load", "--rebuild")}
            after = full_snapshot(self.soaked.settings)
        finally:
            path.write_text(good, "utf-8")
        accepted = sorted(k for k, r in results.items() if r.exit_code != 1 or why not in r.output)
        cycle = self._check(number, operation, self.load(self.soaked, "--prune"))
        cycle.output = f"{what}: refused by {len(results) - len(accepted)} of 3 commands"
        if accepted or after != before:
            cycle.equal = False
            cycle.difference = (f"{what}: accepted by {', '.join(accepted)}" if accepted else
                                "the refused load changed the graph:\n" + diff(after, before))
        return cycle

    def spoil(self, operation: str) -> tuple[Path, str, str]:
        """Write a bad version of one file: (its path, the good text, what was done)."""
        live = sorted(self.versions)
        extracts = {i: self.corpus.article(i, self.versions[i]) for i in live}
        if operation == "break-text":
            art = extracts[self.rng.choice(live)]
            path = self.articles / f"{art.id}.txt"
            good = path.read_text("utf-8")
            lines = good.splitlines(keepends=True)
            path.write_text("".join(lines[:1] + lines[2:]), "utf-8")  # a quoted sentence gone
            return path, good, f"quoted sentence removed from {art.id}.txt"
        declared: dict[str, list[int]] = {}
        for i, art in extracts.items():
            for line in art.extract.splitlines():
                if line.startswith("  - id: "):
                    declared.setdefault(line[8:], []).append(i)
        entity = min((e for e, by in declared.items() if len(by) > 1),
                     key=lambda e: (-len(declared[e]), e))
        i = self.rng.choice(declared[entity])
        art = extracts[i]
        path = self.extracts / f"{art.id}.yaml"
        good = path.read_text("utf-8")
        head = f"  - id: {entity}\n    type: "
        start = good.index(head) + len(head)
        old = good[start:good.index("\n", start)]
        new = "Technology" if old != "Technology" else "Person"
        path.write_text(good[:start] + new + good[start + len(old):], "utf-8")
        return path, good, f"{art.id} declares {entity} a {new}, not a {old}"

    def run(self, cycles: int, report: Callable[[Cycle], None] = lambda c: None) -> list[Cycle]:
        """The first load and `cycles` random cycles; stops at the first failing check."""
        done = [self.start()]
        report(done[-1])
        for number in range(1, cycles + 1):
            if not done[-1].ok:
                break
            done.append(self.cycle(number))
            report(done[-1])
        return done

    def modify(self, operation: str) -> None:
        """Change the corpus on disk the way an analyst (or a re-extraction) would."""
        rng, v = self.rng, self.versions
        live = sorted(v)
        if operation == "switch-set":  # every article re-extracted: A -> B -> A ...
            variant = rng.choice([x for x in range(3) if x != v[live[0]].variant])
            for i in live:
                v[i] = Version(variant)
        elif operation in ("edit-one", "edit-some"):
            for i in rng.sample(live, 1 if operation == "edit-one" else min(len(live), 10)):
                v[i] = Version(v[i].variant, v[i].edits + 1, v[i].text_edits)
        elif operation == "edit-text":  # the text changes, its extract does not
            i = rng.choice(live)
            v[i] = Version(v[i].variant, v[i].edits, v[i].text_edits + 1)
        elif operation == "remove" and len(live) > 2:
            gone = rng.choice(live)
            del v[gone]
            self.removed.append(gone)
        elif operation == "restore" and self.removed:
            back = self.removed.pop(rng.randrange(len(self.removed)))
            v[back] = Version(rng.randrange(3))
        elif operation == "add":
            v[self.next_index] = Version(0)
            self.next_index += 1

    def _check(self, number: int, operation: str, output: str) -> Cycle:
        self.load(self.reference, "--rebuild")
        soaked, fresh = full_snapshot(self.soaked.settings), full_snapshot(self.reference.settings)
        equal = soaked == fresh
        return Cycle(number, operation, len(self.versions), output, equal,
                     "" if equal else diff(soaked, fresh),
                     self.soaked.integrity_problems() + self.reference.integrity_problems())
