"""Scale benchmark (measurements, not tests): one table at 1k / 10k / 100k facts.

For each size it writes a synthetic corpus (tests/synthetic.py: 100 facts and 40 entities per
article, a shared entity pool with Zipf reuse so hubs appear, quotes verbatim in generated
article texts) and, on fresh local engines:

- `techkg load` of the whole folder, validation included, as a whole process (and its peak
  RSS), side by side with a minimal raw-driver loader: libyaml parse, then the same entities
  and facts written with `UNWIND $rows ... MERGE` in batches of 2,000 into a second fresh
  engine (also a whole process); the ratio of the two;
- `techkg load` again with nothing changed; then after editing one article;
- every saved query (parameters from their headers; entity parameters are the biggest hubs),
  p50 and p95, entity-centred (takes an entity or text) vs corpus-wide.

    python benchmarks/bench.py                  # 1k and 10k
    python benchmarks/bench.py --sizes 1k,10k,100k
    python benchmarks/bench.py --sizes 100k --query-runs 3

To iterate on queries without reloading: `--home DIR` keeps the corpus and a loaded engine in
DIR (a TECHKG_HOME: built there with `techkg load` on first use, then reused; the engine is
left running, stop it with `TECHKG_HOME=DIR techkg engine stop`) and measures only the
shape and query rows; `--queries a,b` times only those saved queries.

    python benchmarks/bench.py --sizes 100k --home /tmp/kg100k --queries timeline,visits
    python benchmarks/bench.py --sizes 100k --work /tmp/bench --no-queries  # load rows only,
                                                # the corpus kept in /tmp/bench for the next run
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
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BATCH = 2000
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}

WARMUP = 5  # unmeasured rounds of every timed query before the samples (the engine's JIT)


# -- the raw-driver baseline (runs as its own process) -----------------------------------------
def raw_load(folder: Path, uri: str, password: str) -> None:
    """Parse with libyaml and MERGE the same entities and facts, batches of BATCH rows."""
    import yaml
    from neo4j import GraphDatabase

    entities: dict[str, dict] = {}
    facts: dict[tuple[str, str, str], dict] = {}
    for path in sorted(folder.glob("*.yaml")):
        with path.open("rb") as fh:
            doc = yaml.load(fh, Loader=yaml.CSafeLoader)
        art = doc["article"]["id"]
        for e in doc["entities"]:
            node = entities.setdefault(e["id"], {"id": e["id"], "type": e["type"],
                                                 "name": e["name"], "sources": []})
            node["sources"].append(art)
        for f in doc["relationships"]:
            rel = facts.setdefault((f["subject"], f["type"], f["object"]),
                                   {"sources": [], "evidence": [], "status": "reported"})
            rel["sources"].append(art)
            rel["evidence"] += f["evidence"]
            rel["status"] = f.get("status", rel["status"])
    by_label: dict[str, list] = defaultdict(list)
    for e in entities.values():
        by_label[e["type"]].append({"id": e["id"], "props": e})
    by_type: dict[str, list] = defaultdict(list)
    for (s, t, o), props in facts.items():
        by_type[t].append({"s": s, "o": o, "props": props})
    with GraphDatabase.driver(uri, auth=("root", password)) as driver, \
            driver.session(database="kg") as session:
        session.run("CREATE CONSTRAINT entity_id IF NOT EXISTS "
                    "FOR (n:Entity) REQUIRE n.id IS UNIQUE").consume()
        for label, rows in by_label.items():
            for i in range(0, len(rows), BATCH):
                session.execute_write(lambda tx, b=rows[i:i + BATCH], lb=label: tx.run(
                    f"UNWIND $rows AS row MERGE (n:Entity:`{lb}` {{id: row.id}}) "
                    "SET n += row.props", rows=b).consume())
        for rel_type, rows in by_type.items():
            for i in range(0, len(rows), BATCH):
                session.execute_write(lambda tx, b=rows[i:i + BATCH], t=rel_type: tx.run(
                    "UNWIND $rows AS row MATCH (a:Entity {id: row.s}), (b:Entity {id: row.o}) "
                    f"MERGE (a)-[r:`{t}`]->(b) SET r += row.props", rows=b).consume())


# -- measuring -------------------------------------------------------------------------------
def run_process(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and output of one child process; raises if it fails."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} exited {proc.returncode}: {out[-1500:]}")
    return seconds, usage.ru_maxrss / 1024, out


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def measure_size(label: str, facts: int, query_runs: int, work: Path,
                 only: set[str] | None = None, warmup: int = WARMUP) -> dict[str, str]:
    """Every measurement of one size, as display strings keyed by row name (query rows only
    when `query_runs` > 0). Engines always start fresh; the corpus in `work` is rewritten
    only where it differs (the edit row changes one article, which the next run restores)."""
    import shutil

    from tests.soak import engine_at
    from tests.synthetic import Corpus, Version

    corpus = Corpus(seed=11, articles=max(1, facts // 100))
    extracts, articles = work / label / "extracts", work / label / "articles"
    for engine_dir in ("engine-techkg", "engine-raw"):
        shutil.rmtree(work / label / engine_dir, ignore_errors=True)
    corpus.write(extracts, articles, corpus.version_set(0))
    techkg = str(Path(sys.executable).with_name("techkg"))
    row: dict[str, str] = {}
    with engine_at(work / label / "engine-techkg") as eng, \
            engine_at(work / label / "engine-raw") as raw:
        env = {**os.environ, "TECHKG_URI": eng.settings.uri or "", "TECHKG_USER": "root",
               "TECHKG_PASSWORD": eng.settings.password or "", "TECHKG_DATABASE": "kg"}
        load_cmd = [techkg, "load", str(extracts), "--articles", str(articles)]
        seconds, rss, _ = run_process(load_cmd, env)
        raw_seconds, _, _ = run_process(
            [sys.executable, __file__, "--raw-load", str(extracts), "--uri", raw.settings.uri
             or ""], {**os.environ, "BENCH_RAW_PASSWORD": raw.settings.password or ""})
        row["load"] = f"{seconds:.1f} s"
        row["raw"] = f"{raw_seconds:.1f} s"
        row["ratio"] = f"{seconds / raw_seconds:.2f}×"
        row["rss"] = f"{rss:.0f} MB"
        row["reload"] = f"{run_process(load_cmd, env)[0]:.1f} s"
        corpus.write(extracts, articles, {**corpus.version_set(0), 0: Version(0, 1)})
        row["edit"] = f"{run_process(load_cmd, env)[0]:.1f} s"
        row.update(corpus_shape(eng.settings, corpus.articles))
        if query_runs > 0:
            row.update(query_times(eng.settings, query_runs, only, warmup))
    return row


def corpus_shape(settings, articles: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from techkg.graph import Graph

    with Graph(settings) as g:
        n = g.read("MATCH (n:Entity) RETURN count(n) AS n").records[0]["n"]
        r = g.read("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n").records[0]["n"]
        hub = g.read("MATCH (n:Entity) RETURN COUNT { (n)--(:Entity) } AS d "
                     "ORDER BY d DESC LIMIT 1").records[0]["d"]
    return {"shape": f"{articles:,} / {n:,} / {r:,} / {hub:,}"}


def measure_home(label: str, facts: int, query_runs: int, home: Path,
                 only: set[str] | None, warmup: int = WARMUP) -> dict[str, str]:
    """Shape and query rows on the graph kept in `home` (corpus written and loaded there once;
    the engine is left running for the next call)."""
    from techkg.engine import DATABASE, USER, LocalEngine
    from techkg.graph import Settings
    from tests.synthetic import Corpus

    corpus = Corpus(seed=11, articles=max(1, facts // 100))
    engine = LocalEngine(home)
    info = engine.start()
    settings = Settings(info.uri, USER, engine.password(), DATABASE)
    marker = home / f"bench-{label}.loaded"
    if not marker.exists():
        extracts, articles = home / label / "extracts", home / label / "articles"
        corpus.write(extracts, articles, corpus.version_set(0))
        env = {**os.environ, "TECHKG_HOME": str(home)}
        techkg = str(Path(sys.executable).with_name("techkg"))
        run_process([techkg, "load", str(extracts), "--articles", str(articles), "--rebuild"],
                    env)
        marker.write_text(label, "utf-8")
    return {**corpus_shape(settings, corpus.articles),
            **query_times(settings, query_runs, only, warmup)}


def query_times(settings, runs: int,  # type: ignore[no-untyped-def]
                only: set[str] | None = None, warmup: int = WARMUP) -> dict[str, str]:
    """p50 / p95 of every saved query (or those in `only`); a query that fails shows its
    error's first words.

    The engine is a JVM: until its compiler has seen the query engine's hot paths often
    enough, the same query runs up to twice as slow. So `warmup` unmeasured rounds run every
    selected query once each (the first round also compiles each plan and reads cold pages),
    then each query is sampled `runs` times."""
    from techkg import queries
    from techkg.graph import Graph
    from techkg.service import run_saved

    out: dict[str, str] = {}
    with Graph(settings) as g:
        hubs = [r["id"] for r in g.read("MATCH (n:Entity) RETURN n.id AS id, "
                                        "COUNT { (n)--(:Entity) } AS d ORDER BY d DESC, id "
                                        "LIMIT 2").records]
        hub_name = g.read("MATCH (n:Entity {id: $id}) RETURN n.name AS name",
                          {"id": hubs[0]}).records[0]["name"]
        timed: list[tuple[str, dict[str, object]]] = []
        for q in queries.catalogue().values():
            if only and q.name not in only:
                continue
            typed: dict[str, object] = {}
            for p in q.params:
                if p.type == "entity":
                    typed[p.name] = hubs[1] if p.name == "b" else hubs[0]
                elif not p.required:  # optional parameters keep their defaults
                    continue
                elif p.type == "list":
                    typed[p.name] = [hubs[0]]
                else:
                    typed[p.name] = hub_name.split()[0].lower()
            kind = "entity" if any(p.type == "entity" or p.required
                                   for p in q.params) else "corpus"
            key = f"q:{kind}:{q.name}"
            if "lucene" in {p.name for p in q.params} and not g.capabilities.fulltext:
                out[key] = "n/a (no full-text index on this engine)"
                continue
            timed.append((key, typed))
            if any(p.type == "entity" for p in q.params) and not any(
                    p.required for p in q.params):  # its entity is optional: also corpus-wide
                timed.append((f"q:corpus:{q.name} without an entity", {}))
        failed: dict[str, str] = {}

        def run(key: str, typed: dict[str, object]) -> float:
            t0 = time.perf_counter()
            try:
                run_saved(g, key.split(":", 2)[2].split()[0], typed=typed)
            except Exception as exc:  # noqa: BLE001 - the table shows the failure
                failed[key] = "fails: " + str(exc).split(": ", 1)[-1][:70]  # minus the URI
            return time.perf_counter() - t0

        slow: set[str] = set()  # over 30 s: no more warm-up, one sample says enough
        for _ in range(warmup):
            for key, typed in timed:
                if key not in failed and key not in slow and run(key, typed) > 30:
                    slow.add(key)
        for key, typed in timed:
            samples: list[float] = []
            while len(samples) < (1 if key in slow else runs) and key not in failed:
                samples.append(run(key, typed))
            if key in failed:
                out[key] = failed[key]
                continue
            p50, p95 = percentiles(samples)
            out[key] = f"{p50 * 1000:,.0f} / {p95 * 1000:,.0f} ms"
    return out


ROWS = [
    ("shape", "articles / entities / relationships / top hub degree"),
    ("load", "`techkg load`, empty graph (whole process, validation included)"),
    ("raw", "raw driver: libyaml + `UNWIND … MERGE`, batches of 2,000 (whole process)"),
    ("ratio", "ratio `techkg load` / raw driver"),
    ("reload", "reload, nothing changed"),
    ("edit", "reload of the folder after editing one article"),
    ("rss", "`techkg load` peak RSS"),
]


def table(results: dict[str, dict[str, str]]) -> str:
    sizes = list(results)
    lines = ["| measure | " + " | ".join(sizes) + " |", "|---|" + "---|" * len(sizes)]
    for key, text in ROWS:
        if not any(key in results[s] for s in sizes):
            continue  # not measured (--home)
        lines.append(f"| {text} | " + " | ".join(results[s].get(key, "–") for s in sizes) + " |")
    query_keys = sorted({k for r in results.values() for k in r if k.startswith("q:")})
    for key in query_keys:
        _, kind, name = key.split(":", 2)
        where = "entity-centred" if kind == "entity" else "corpus-wide"
        name, _, rest = name.partition(" ")
        lines.append(f"| `{name}`{' ' * bool(rest)}{rest} p50 / p95 ({where}) | "
                     + " | ".join(results[s].get(key, "–") for s in sizes) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Scale benchmark: one table at 1k/10k/100k facts.")
    ap.add_argument("--sizes", default="1k,10k", help="comma-separated: 1k, 10k, 100k")
    ap.add_argument("--query-runs", type=int, default=20,
                    help="samples per saved query (default %(default)s; p95 is the second slowest)")
    ap.add_argument("--warmup", type=int, default=WARMUP,
                    help="unmeasured rounds of every timed query first (default %(default)s)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--home", type=Path,
                    help="keep and reuse the corpus and loaded engine here (one size; only "
                         "the shape and query rows are measured)")
    ap.add_argument("--queries", help="comma-separated saved-query names to time (default all)")
    ap.add_argument("--work", type=Path, help="keep corpora (and engines) in this folder and "
                    "reuse its corpora (default: a temporary folder, removed afterwards)")
    ap.add_argument("--no-queries", action="store_true", help="only the load rows")
    ap.add_argument("--raw-load", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--uri", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.raw_load:
        raw_load(args.raw_load, args.uri, os.environ["BENCH_RAW_PASSWORD"])
        return 0
    # a SIGTERM unwinds like Ctrl-C, so the engines are stopped on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results: dict[str, dict[str, str]] = {}
    only = set(args.queries.split(",")) if args.queries else None
    runs = 0 if args.no_queries else args.query_runs
    if args.home:
        if "," in args.sizes:
            ap.error("--home takes one size")
        results[args.sizes] = measure_home(args.sizes, SIZES[args.sizes], runs,
                                           args.home.resolve(), only, args.warmup)
    else:
        with tempfile.TemporaryDirectory(prefix="techkg-bench-") as tmp:
            work = args.work or Path(tmp)
            for label in args.sizes.split(","):
                print(f"measuring {label} facts ...", file=sys.stderr, flush=True)
                results[label] = measure_size(label, SIZES[label], runs, work, only,
                                              args.warmup)
    from techkg.engine import LocalEngine

    print(table(results))
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"\n(python {sys.version.split()[0]}, {os.cpu_count()} CPUs, local engine "
          f"arcadedb-embedded {LocalEngine.version()}, {when})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
