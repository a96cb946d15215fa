"""Every text reaches the explorer's pages as text: an extract whose names, quotes, notes and
title hold markup and script (tests/data/markup) renders escaped in every page, in the JSON
twins as it is, in the offline file inside JSON only, and in a real browser as plain text
with no script run. Also `techkg serve` itself: empty graph, URL, Host check, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from techkg.graph import Graph
from techkg.loaders.extract.validation import validate
from techkg.loaders.sync.load import load
from techkg.loaders.sync.writes import wipe
from techkg.web import create_app

from .conftest import DATA, env_for
from .web_helpers import chromium, live_server, local_only

BUREAU = '<script>alert("entity")</script> Bureau'
LAB = '<b>Bold</b> & "Quoted" Lab'
FUNDS_QUOTE = ('The <script>alert("entity")</script> Bureau funds the <b>Bold</b> & "Quoted" '
               'Lab.')
RAW = ("<script>alert", "<b>Bold</b>", "<img src=x", "<svg onload", "</script><script>",
       "<i>Test</i>", "<b>note</b>", "<b>description</b>", "<b>made-up</b>")


@pytest.fixture(scope="module")
def markup(backend) -> Iterator[Graph]:  # type: ignore[no-untyped-def]
    with Graph(backend) as g:
        wipe(g)
        result = validate([DATA / "markup"], DATA / "articles")
        assert not result.errors, result.errors
        load(g, result)
        yield g


@pytest.fixture(scope="module")
def client(markup: Graph) -> Iterator[TestClient]:
    app = create_app(markup, articles=DATA / "articles")  # the made-up texts: "in context"
    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        yield c


PAGES = ["/", "/search?q=bureau", "/search?q=<script>", "/entity/script-bureau",
         "/entity/bold-lab", "/entity/closing-group", "/sources", "/canvas",
         "/query/claims-by-status?statuses=all", "/query/entity-card?id=script-bureau",
         "/path?a=script-bureau&b=closing-group&statuses=all", "/entity/%3Cscript%3E",
         "/context?articles=markup&quote=" + quote(FUNDS_QUOTE)]


@pytest.mark.parametrize("url", PAGES)
def test_pages_show_markup_as_text(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (200, 400, 404), response.text  # 400: ambiguous name
    html = response.text
    assert [r for r in RAW if r in html] == []
    # the page's data for its script is JSON with <, > and & escaped
    data = html.split('<script id="techkg-page" type="application/json">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data


def test_escaped_text_is_there(client: TestClient) -> None:
    html = client.get("/entity/script-bureau").text
    assert "<h1>&lt;script&gt;alert(&#34;entity&#34;)&lt;/script&gt; Bureau</h1>" in html
    assert ("“The &lt;script&gt;alert(&#34;entity&#34;)&lt;/script&gt; Bureau funds the "
            "&lt;b&gt;Bold&lt;/b&gt; &amp; &#34;Quoted&#34; Lab.”") in html
    assert "Note: &lt;b&gt;note&lt;/b&gt; with &lt;script&gt;alert(5)&lt;/script&gt;" in html
    sources = client.get("/sources").text
    assert "“&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; A &lt;b&gt;made-up&lt;/b&gt; " \
           "article”" in sources


def test_json_keeps_the_text_as_it_is(client: TestClient) -> None:
    data = client.get("/entity/script-bureau.json").json()
    assert data["entity"]["name"] == BUREAU
    assert data["entity"]["aliases"] == ["<svg onload=alert(3)>"]
    funds = next(f for f in data["facts"] if f["relationship"] == "FUNDS")
    assert (funds["other"], funds["evidence"]) == (LAB, [FUNDS_QUOTE])
    assert client.get("/search.json?q=<script>").json()["results"][0]["name"] == BUREAU


def test_a_quote_in_context(client: TestClient, markup: Graph) -> None:
    url = "/context.json?articles=markup&quote=" + quote("Bureau funds the <b>Bold</b>")
    data = client.get(url).json()
    assert data == {"article": "markup", "citation": data["citation"],
                    "quote": "Bureau funds the <b>Bold</b>", "paragraph": FUNDS_QUOTE,
                    "marks": [[37, 65]]}
    assert FUNDS_QUOTE[37:65] == "Bureau funds the <b>Bold</b>"
    html = client.get(url.replace(".json", "")).text
    assert "<mark>Bureau funds the &lt;b&gt;Bold&lt;/b&gt;</mark> &amp; &#34;Quoted&#34;" in html
    page = client.get("/entity/script-bureau").text
    assert '<a class="in-context" href="/context?articles=markup&amp;quote=The+%3Cscript' in page
    missing = client.get("/context.json?articles=markup&quote=not+there")
    assert (missing.status_code, missing.json()) == (
        404, {"error": "the quote is not in the configured article texts"})
    without = TestClient(create_app(markup), base_url="http://127.0.0.1")
    assert without.get(url).status_code == 404
    assert "in-context" not in without.get("/entity/script-bureau").text


def test_offline_view_holds_markup_only_as_json(cli, markup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "markup.html"
    result = cli("viz", "--entity", "script-bureau", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert [r for r in RAW if r in html] == []
    assert "<title>techkg: script-bureau (1 hop)</title>" in html


def test_browser_renders_markup_as_text(markup: Graph) -> None:
    with chromium() as browser, live_server(markup) as url:
        page = browser.new_page(viewport={"width": 1500, "height": 1500})
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "/entity/script-bureau")
        page.wait_for_selector(".canvas[data-ready=true]", timeout=30_000)
        assert page.inner_text("h1") == BUREAU
        assert page.evaluate("window.techkgCanvas.cy.getElementById('bold-lab').data('name')") \
            == LAB
        page.locator(".canvas-graph").scroll_into_view_if_needed()
        page.evaluate("window.techkgCanvas.showEdge(window.techkgCanvas.cy.getElementById("
                      "'script-bureau|FUNDS|bold-lab'))")
        assert page.locator(".canvas-panel blockquote").inner_text() == f"“{FUNDS_QUOTE}”"
        assert page.locator(".canvas-panel .panel-title").inner_text() == f"{BUREAU} —FUNDS→ {LAB}"
        page.goto(url + "/sources")
        page.goto(url + "/search?q=%3Cimg")
        assert page.locator("table.results a").inner_text() == \
            "<img src=x onerror=alert(1)> Programme"
        assert dialogs == [] and local_only(requests) == []
        assert page.evaluate("document.querySelectorAll('main script, main img, main b').length") \
            == 0


# -- `techkg serve` as a process ----------------------------------------------------------------
def serve(settings, *args: str,  # type: ignore[no-untyped-def]
          env: dict[str, str] | None = None) -> subprocess.Popen:
    env = {**os.environ, **env_for(settings), "PYTHONUNBUFFERED": "1", **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "techkg.cli.app", "serve", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def fetch(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_serve_says_how_to_load_an_empty_graph_and_stops_on_ctrl_c(backend, graph) -> None:  # type: ignore[no-untyped-def]
    proc = serve(backend)
    try:
        first = proc.stdout.readline() if proc.stdout else ""
        assert first.startswith("techkg explorer: http://127.0.0.1:"), first
        url = first.split()[2]
        assert first == f"techkg explorer: {url}  (Ctrl-C stops it)\n"
        status, body = fetch(url + ".json")
        assert status == 200 and json.loads(body)["empty"] is True
        assert "The graph is empty." in fetch(url)[1]
        assert fetch(url, host="attacker.example")[0] == 400  # DNS rebinding
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out == "Explorer stopped.\n"
    assert err == ("The graph is empty: load it with `techkg load` (the explorer shows it once "
                   "loaded).\n")


def test_serve_opens_the_browser(backend, graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opened = tmp_path / "opened"
    browser = tmp_path / "browser.sh"  # stands in for the user's browser (BROWSER variable)
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    browser.chmod(0o755)
    proc = serve(backend, "--open", env={"BROWSER": str(browser)})
    try:
        url = (proc.stdout.readline() if proc.stdout else "").split()[2]
        for _ in range(100):
            if opened.exists() and opened.read_text():
                break
            time.sleep(0.1)
        assert opened.read_text() == url + "\n"
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=60)
    assert proc.returncode == 0


def test_serve_on_another_host_warns(backend, graph) -> None:  # type: ignore[no-untyped-def]
    proc = serve(backend, "--host", "0.0.0.0", "--port", "0")
    try:
        first = proc.stdout.readline() if proc.stdout else ""
        assert first.startswith("techkg explorer: http://0.0.0.0:"), first
        port = first.split()[2].rstrip("/").rsplit(":", 1)[1]
        assert fetch(f"http://127.0.0.1:{port}/.json")[0] == 200
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert err.startswith("warning: listening on 0.0.0.0: other machines can reach the explorer")
