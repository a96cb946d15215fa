"""Explorer benchmark (measurements, not tests): how fast `techkg serve` answers and draws on
a synthetic corpus (tests/synthetic.py, the corpus benchmarks/bench.py uses).

Over real HTTP on 127.0.0.1 (the app served by uvicorn, reads on the read-only account):
- entity page JSON of the biggest hub (its first page of facts), and "expand"/"show more"
  (its next page), p50 and p95;
- search JSON (words from hub names, a word from the middle of a name, a typo that ends in
  "did you mean"), p50 and p95.
In headless Chromium (the system package, driven by Playwright):
- canvas layout time (fcose) for a seeded view of 500 nodes / 1,500 edges (hubs, parallel
  facts, some not `reported`), the same at every corpus size;
- frames per second while panning that view by dragging it, counted with
  requestAnimationFrame.

    python benchmarks/explorer_bench.py --size 1k                   # small, a few minutes
    python benchmarks/explorer_bench.py --size 100k --home /tmp/kg100k   # reuse a loaded home

`--home DIR` keeps the corpus and the loaded engine in DIR (a TECHKG_HOME, shared with
`bench.py --home`; built with `techkg load` on first use, then reused; the engine is left
running: `TECHKG_HOME=DIR techkg engine stop`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
WARMUP = 5
CANVAS_NODES, CANVAS_EDGES = 500, 1_500
PAN_SECONDS = 3.0


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return ordered[len(ordered) // 2], p95


def loaded_home(label: str, home: Path) -> None:
    """The synthetic corpus of this size written and loaded into the engine at `home`."""
    from tests.synthetic import Corpus

    marker = home / f"bench-{label}.loaded"
    if marker.exists():
        return
    corpus = Corpus(seed=11, articles=max(1, SIZES[label] // 100))
    extracts, articles = home / label / "extracts", home / label / "articles"
    corpus.write(extracts, articles, corpus.version_set(0))
    techkg = str(Path(sys.executable).with_name("techkg"))
    subprocess.run([techkg, "load", str(extracts), "--articles", str(articles), "--rebuild"],
                   env={**os.environ, "TECHKG_HOME": str(home)}, check=True,
                   stdout=subprocess.DEVNULL)
    marker.write_text(label, "utf-8")


def timed_get(url: str) -> tuple[float, bytes]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as r:
        body = r.read()
    return (time.perf_counter() - t0) * 1000, body


def http_rows(base: str, graph, runs: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    hub = graph.read("MATCH (n:Entity) RETURN n.id AS id, n.name AS name, "
                     "COUNT { (n)--(:Entity) } AS d ORDER BY d DESC, id LIMIT 1").records[0]
    q = urllib.parse.quote
    name_word = hub["name"].split()[0]
    middle = hub["name"][1:5].lower()
    typo = hub["name"][:-2] + "qz"
    targets = {
        "entity page (hub, first 100 facts)": [f"{base}/entity/{q(hub['id'])}.json"],
        "expand / show more (hub, next 100)": [f"{base}/entity/{q(hub['id'])}.json?skip=100"],
        "search": [f"{base}/search.json?q={q(w)}" for w in (name_word, middle, hub["name"])],
        "search with a typo (did you mean)": [f"{base}/search.json?q={q(typo)}"],
    }
    out = {"hub": f"{hub['name']} ({hub['d']:,} facts)"}
    for key, urls in targets.items():
        for _ in range(WARMUP):
            for u in urls:
                timed_get(u)
        samples = [timed_get(u)[0] for _ in range(runs) for u in urls]
        p50, p95 = percentiles(samples)
        out[key] = f"{p50:.0f} ms / {p95:.0f} ms"
    return out


def canvas_view() -> dict:
    """A view of exactly CANVAS_NODES entities and CANVAS_EDGES facts (seeded): hubs with
    many ties, pairs with parallel facts, one fact in eight not `reported`."""
    import random

    from techkg.vocabulary import vocabulary

    v = vocabulary()
    rng = random.Random(7)
    types, rels = list(v.entity_types), list(v.relationship_types)
    statuses = [s for s in v.statuses if s != "reported"]
    nodes = [{"id": f"e{i}", "name": f"Entity {i}", "type": types[i % len(types)],
              "name_zh": None} for i in range(CANVAS_NODES)]
    weights = [1 / (i + 1) ** 0.8 for i in range(CANVAS_NODES)]
    edges, seen = [], set()
    while len(edges) < CANVAS_EDGES:
        a, b = rng.choices(range(CANVAS_NODES), weights, k=2)
        rel = rng.choice(rels)
        if a == b or (a, rel, b) in seen:
            continue
        seen.add((a, rel, b))
        edges.append({"source": f"e{a}", "relationship": rel, "target": f"e{b}",
                      "status": rng.choice(statuses) if rng.random() < 0.125 else "reported",
                      "inferred": False, "role": None, "date": None, "until": None,
                      "note": None, "sources": ["a1"], "citations": ["An article"],
                      "evidence": ["A quote."]})
    return {"nodes": nodes, "edges": edges}


def browser_rows(base: str, view: dict, picture: Path | None = None) -> dict[str, str]:
    from playwright.sync_api import sync_playwright

    from tests.web_helpers import CHROMIUM_ARGS, chromium_path

    exe = chromium_path()
    if exe is None:
        return {"canvas": "no Chromium here"}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.goto(base + "/canvas")
        page.wait_for_selector(".canvas[data-ready=true]")
        layout = []
        for _ in range(3):
            layout.append(page.evaluate("""view => {
                const c = window.techkgCanvas;
                c.cy.elements().remove();
                c.add(view); c.renderFilters(); c.applyFilters(); c.layout(true);
                return c.layoutMs;
            }""", view))
        shown = page.evaluate("[techkgCanvas.cy.nodes().length, techkgCanvas.cy.edges().length]")
        if picture:
            page.locator(".canvas-graph").screenshot(path=str(picture))
        # pan as a user does (dragging the background) while the page counts frames
        page.evaluate("""() => { window.frames_ = 0; (function tick() {
            window.frames_ += 1; requestAnimationFrame(tick); })(); }""")
        box = page.locator(".canvas-graph").bounding_box()
        x, y = box["x"] + 8, box["y"] + 8  # a corner: background, not a node
        page.mouse.move(x, y)
        page.mouse.down()
        start_frames = page.evaluate("window.frames_")
        t0 = time.perf_counter()
        step = 0
        while time.perf_counter() - t0 < PAN_SECONDS:
            step += 1
            page.mouse.move(x + 150 * ((step % 40) / 40), y + 100 * ((step % 40) / 40))
        fps = (page.evaluate("window.frames_") - start_frames) / (time.perf_counter() - t0)
        page.mouse.up()
        browser.close()
    return {"canvas": f"{shown[0]} nodes / {shown[1]} edges",
            "layout": f"{min(layout):.0f} ms (best of 3; {', '.join(f'{x:.0f}' for x in layout)})",
            "pan": f"{fps:.0f} frames/s"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="1k")
    parser.add_argument("--home", type=Path, help="keep corpus and engine here (reused)")
    parser.add_argument("--runs", type=int, default=30, help="samples per address")
    parser.add_argument("--picture", type=Path, help="save the laid-out 500-node view (PNG)")
    args = parser.parse_args(argv)
    from techkg.graph import Graph, Settings
    from techkg.local.engine import DATABASE, READER, USER, LocalEngine
    from tests.web_helpers import live_server

    home = args.home or Path(tempfile.mkdtemp(prefix="techkg-explorer-bench-"))
    home.mkdir(parents=True, exist_ok=True)
    loaded_home(args.size, home)
    engine = LocalEngine(home)
    info = engine.start()
    settings = Settings(info.uri, USER, engine.password(), DATABASE, READER,
                        engine.reader_password())
    try:
        with Graph(settings) as graph, live_server(graph) as base:
            rows = {"size": f"{args.size} facts", **http_rows(base, graph, args.runs)}
            rows.update(browser_rows(base, canvas_view(), args.picture))
            rows["load average"] = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    finally:
        if not args.home:
            engine.stop()
    print("| measure | value (p50 / p95 where timed) |\n|---|---|")
    for key, value in rows.items():
        print(f"| {key} | {value} |")
    print(json.dumps(rows), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
