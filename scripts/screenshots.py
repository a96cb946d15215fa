"""Make the pictures in docs/images from the real explorer (README and docs show them).

Serves the configured graph (load the extracts first: `techkg load`) on a free 127.0.0.1
port and photographs it in headless Chromium (the system package, driven by Playwright):

- explorer-headline.png: the headline question (`bases-us-universities`) on the canvas,
  with the evidence of the claimed FUNDS tie open;
- explorer-entity.png: the entity page of Suzhou Industrial Park;
- explorer-evidence.png: the evidence panel of that FUNDS edge, close up;
- headline-graph.png: the offline view `techkg viz --query bases-us-universities` writes.

    python scripts/screenshots.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FUNDS = "suzhou-industrial-park|FUNDS|mit-csail"
SIZE = {"width": 1440, "height": 900}


def select_edge(page, edge_id: str, tries: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Click the edge as a user would (a point of it no node covers), until its panel opens:
    a click while the canvas still settles after loading can miss it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from tests.web_helpers import click_edge

    for _ in range(tries):
        click_edge(page, edge_id)
        try:
            page.wait_for_selector(".canvas-panel[data-kind=edge]", timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    raise SystemExit(f"the panel of {edge_id} did not open after {tries} clicks")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    from techkg.graph import connect
    from techkg.web import viz
    from tests.web_helpers import CHROMIUM_ARGS, chromium_path, live_server

    exe = chromium_path()
    if exe is None:
        print("no Chromium here: install Debian's chromium package", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with connect() as graph, live_server(graph) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=SIZE)
        page.goto(url + "/query/bases-us-universities")
        page.wait_for_selector(".canvas[data-ready=true]")
        select_edge(page, FUNDS)
        page.locator(".canvas").screenshot(path=str(args.out / "explorer-headline.png"))
        page.locator(".canvas-panel").screenshot(path=str(args.out / "explorer-evidence.png"))
        page.goto(url + "/entity/suzhou-industrial-park")
        page.wait_for_selector(".canvas[data-ready=true]")
        page.screenshot(path=str(args.out / "explorer-entity.png"))
        with tempfile.TemporaryDirectory() as tmp:
            html = Path(tmp) / "headline.html"
            viz.write(graph, html, "bases-us-universities")
            page.goto(html.as_uri())
            page.wait_for_selector(".canvas[data-ready=true]")
            page.locator(".canvas").screenshot(path=str(args.out / "headline-graph.png"))
        browser.close()
    for name in ("explorer-headline", "explorer-evidence", "explorer-entity", "headline-graph"):
        print(args.out / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
