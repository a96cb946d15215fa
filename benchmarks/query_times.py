"""The query rows: every saved query, p50 / p95, on a loaded graph.

Parameters come from the query headers: optional ones keep their defaults, entity
parameters are the two biggest hubs, required lists [the biggest hub], required text the
hub's first word. A listing (a `// row-limit:` header) is timed twice: at its default limit,
and with all rows (its limit at the header's maximum), because a listing's answer at 200
rows says nothing of the full one (`corroboration` sorts every fact). A query whose entity
is optional is also timed without one (corpus-wide); one whose optional list of ids narrows
it from the whole graph (a view's read) also with the two biggest hubs.

The engine is a JVM: until its compiler has seen the query engine's hot paths often enough,
the same query runs up to twice as slow. So `warmup` unmeasured rounds run every selected
query once each (the first round also compiles each plan and reads cold pages), then each
query is sampled `runs` times; a query slower than 30 s is sampled once.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from techkg.graph import Graph, Settings
from techkg.query import catalogue as queries
from techkg.query.service import run_saved

WARMUP = 5
SLOW = 30.0  # seconds: no more warm-up, one sample says enough
LOADER = "sync-"  # the loader's own reads: timed as part of the load and reload rows


@dataclass
class Timed:
    """One query with one set of parameters, and what its samples found."""

    key: str  # q:<entity|corpus>:<name>[ <variant>]
    name: str
    typed: dict[str, Any]
    samples: list[float] = field(default_factory=list)
    rows: int = 0
    failed: str = ""
    slow: bool = False

    def cell(self) -> str:
        if self.failed:
            return self.failed
        p50, p95 = percentiles(self.samples)
        rows = f" ({self.rows:,} rows)" if "all rows" in self.key else ""
        return f"{p50 * 1000:,.0f} / {p95 * 1000:,.0f} ms{rows}"


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def corpus_shape(settings: Settings, articles: int) -> dict[str, str]:
    with Graph(settings) as g:
        n = g.read("MATCH (n:Entity) RETURN count(n) AS n").records[0]["n"]
        r = g.read("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n").records[0]["n"]
        hub = g.read("MATCH (n:Entity) RETURN COUNT { (n)--(:Entity) } AS d "
                     "ORDER BY d DESC LIMIT 1").records[0]["d"]
    return {"shape": f"{articles:,} / {n:,} / {r:,} / {hub:,}"}


def selection(g: Graph, only: set[str] | None, all_rows: bool = True
              ) -> tuple[list[Timed], dict[str, str]]:
    """What to time (listings also with all rows unless `all_rows` is false), and the rows
    that cannot be timed on this engine."""
    hubs = [r["id"] for r in g.read("MATCH (n:Entity) RETURN n.id AS id, "
                                    "COUNT { (n)--(:Entity) } AS d ORDER BY d DESC, id "
                                    "LIMIT 2").records]
    hub_name = g.read("MATCH (n:Entity {id: $id}) RETURN n.name AS name",
                      {"id": hubs[0]}).records[0]["name"]
    timed: list[Timed] = []
    skipped: dict[str, str] = {}
    for q in queries.catalogue().values():
        if (only and q.name not in only) or q.name.startswith(LOADER):
            continue
        typed: dict[str, Any] = {}
        for p in q.params:
            if p.type == "entity":
                typed[p.name] = hubs[1] if p.name == "b" else hubs[0]
            elif not p.required:  # optional parameters keep their defaults
                continue
            elif p.type == "list":
                typed[p.name] = [hubs[0]]
            else:
                typed[p.name] = hub_name.split()[0].lower()
        kind = "entity" if any(p.type == "entity" or p.required for p in q.params) else "corpus"
        if "lucene" in {p.name for p in q.params} and not g.capabilities.fulltext:
            skipped[f"q:{kind}:{q.name}"] = "n/a (no full-text index on this engine)"
            continue
        variants = [(f"q:{kind}:{q.name}", typed)]
        if any(p.type == "entity" for p in q.params) and not any(p.required for p in q.params):
            variants.append((f"q:corpus:{q.name} without an entity", {}))
        narrowing = [p.name for p in q.params if p.type == "list" and not p.required]
        if narrowing and kind == "corpus":  # a view's read (the canvas): also of two entities
            variants.append((f"q:entity:{q.name} of the two biggest hubs",
                             {narrowing[0]: hubs[:2]}))
        if q.row_limit and all_rows:
            most = next(p.high for p in q.params if p.name == q.row_limit)
            variants += [(f"{key}{', ' if ' ' in key else ' '}all rows (limit {most:,})",
                          {**t, q.row_limit: most}) for key, t in variants]
        timed += [Timed(key, q.name, t) for key, t in variants]
    return timed, skipped


def sample(g: Graph, t: Timed) -> float:
    """One run of one query (a failure is kept for the table, not raised)."""
    t0 = time.perf_counter()
    try:
        t.rows = len(run_saved(g, t.name, typed=t.typed).records)
    except Exception as exc:  # noqa: BLE001 - the table shows the failure
        t.failed = "fails: " + str(exc).split(": ", 1)[-1][:70]  # minus the URI
    return time.perf_counter() - t0


def query_times(settings: Settings, runs: int, only: set[str] | None = None,
                warmup: int = WARMUP, all_rows: bool = True) -> dict[str, str]:
    """p50 / p95 of every selected query variant, as table cells keyed by row."""
    with Graph(settings) as g:
        timed, out = selection(g, only, all_rows)
        for _ in range(warmup):
            for t in timed:
                if not t.failed and not t.slow:
                    t.slow = sample(g, t) > SLOW
        for t in timed:
            while not t.failed and len(t.samples) < (1 if t.slow else runs):
                t.samples.append(sample(g, t))
    return {**out, **{t.key: t.cell() for t in timed}}
