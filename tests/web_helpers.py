"""For the explorer's browser tests: the app served by uvicorn in a thread, and Playwright
driving the system Chromium (the Debian package; no browser is ever downloaded)."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest

from techkg.graph import Graph

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
NO_CHROMIUM = "no Chromium here (scripts/test.sh installs Debian's chromium when it can)"


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@contextmanager
def live_server(graph: Graph) -> Iterator[str]:
    """The explorer on a free 127.0.0.1 port, for as long as the block runs."""
    import uvicorn

    from techkg.web import create_app, listen, url_of

    sock = listen("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(graph), log_level="warning",
                                           lifespan="off", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:  # uvicorn says when it accepts connections
        if not thread.is_alive():
            raise RuntimeError("the explorer did not start")
        time.sleep(0.02)
    try:
        yield url_of(sock, "127.0.0.1").rstrip("/")
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium driven by Playwright; skips the test where none is installed."""
    path = chromium_path()
    if path is None:
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def local_only(urls: list[str]) -> list[str]:
    """The requests that went anywhere but 127.0.0.1 (data: and blob: URLs stay local)."""
    return [u for u in urls if urlparse(u).scheme not in ("data", "blob")
            and urlparse(u).hostname != "127.0.0.1"]


def click_edge(page, edge_id: str) -> None:  # type: ignore[no-untyped-def]
    """Click a point of the drawn edge that no node covers (as a user would)."""
    page.locator(".canvas-graph").scroll_into_view_if_needed()
    x, y = page.evaluate("""id => {
        const c = window.techkgCanvas, e = c.cy.getElementById(id);
        const s = e.renderedSourceEndpoint(), t = e.renderedTargetEndpoint();
        const cp = e.controlPoints() ? e.renderedControlPoints()[0] : null;  // or straight
        const box = c.box.getBoundingClientRect();
        for (const f of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
            const g = 1 - f;
            const p = cp ? {x: g * g * s.x + 2 * g * f * cp.x + f * f * t.x,
                            y: g * g * s.y + 2 * g * f * cp.y + f * f * t.y}
                         : {x: g * s.x + f * t.x, y: g * s.y + f * t.y};
            const covered = c.cy.nodes(":visible").some(n => {
                const b = n.renderedBoundingBox({includeLabels: true});
                return p.x >= b.x1 - 4 && p.x <= b.x2 + 4 && p.y >= b.y1 - 4 && p.y <= b.y2 + 4;
            });
            if (!covered) { return [box.left + p.x, box.top + p.y]; }
        }
        throw new Error("every point of " + id + " lies under a node");
    }""", edge_id)
    page.mouse.click(x, y)
