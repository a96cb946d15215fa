"""The offline HTML view (`techkg viz`): one self-contained file drawn by the explorer's own
canvas code and vendored Cytoscape.js, rendered in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                  "--virtual-time-budget=15000"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)  # type: ignore[return-value]
    pytest.skip("no Chromium here (scripts/test.sh installs Debian's chromium when it can)")


def render(page: Path, tmp_path: Path) -> tuple[str, Path]:
    exe = chromium()
    profile = tmp_path / "profile"
    dom = subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120)
    png = tmp_path / "shot.png"
    subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
                    page.as_uri()], capture_output=True, timeout=120)
    return dom.stdout, png


def drawn(dom: str) -> dict[str, str]:
    """What the canvas reports on its section once drawn (nodes, edges, visible edges)."""
    section = re.search(r'<section class="canvas"[^>]*>', dom)
    assert section, dom[:2000]
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', section.group(0)))


def test_headline_view_renders(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "headline.html"
    result = cli("viz", "--query", "bases-us-universities", "-o", str(page))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {page}: 9 entities, 12 facts.\n"
    html = page.read_text("utf-8")
    assert not re.search(r"""(src|href)=["']?https?:""", html)  # nothing fetched
    assert "<script src" not in html
    assert "Copyright (c) 2016-2026, The Cytoscape Consortium." in html  # its licence notice
    dom, png = render(page, tmp_path)
    assert drawn(dom) == {"ready": "true", "nodes": "9", "edges": "12", "visible-edges": "12"}
    assert "Suzhou Industrial Park" in dom
    assert png.stat().st_size > 20_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_entity_neighbourhood_and_whole_graph(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "zhou.html"
    result = cli("viz", "--entity", "Catherine Zhou", "--hops", "1", "-o", str(page))
    assert result.stdout == f"Wrote {page}: 7 entities, 8 facts.\n"
    dom, _ = render(page, tmp_path)
    assert drawn(dom)["nodes"] == "7"
    whole = tmp_path / "all.html"
    assert cli("viz", "-o", str(whole)).stdout == f"Wrote {whole}: 203 entities, 265 facts.\n"
    dom, _ = render(whole, tmp_path)
    shown = drawn(dom)
    assert (shown["nodes"], shown["edges"]) == ("203", "265")
    hidden = loaded.read("MATCH (:Entity)-[r]->(:Entity) WHERE r.status IN ['denied', 'disputed'] "
                         "RETURN count(r) AS n").records[0]["n"]
    assert int(shown["visible-edges"]) == 265 - hidden and hidden > 0  # hidden by default


def test_viz_bad_input(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("viz", "--query", "nope", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown query 'nope'; valid queries:")
    assert not (tmp_path / "x.html").exists()


def test_viz_refuses_a_view_too_big(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "all.html"
    result = cli("viz", "-o", str(page), "--most-entities", "202")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the whole graph has 203 entities, more than the 202 a view may draw: draw a "
        "saved query's entities or a smaller neighbourhood, or export the graph for a desktop "
        "tool\n")
    assert not page.exists()
    result = cli("viz", "--entity", "Catherine Zhou", "-o", str(page), "--most-entities", "6")
    assert result.stderr.startswith("Error: the neighbourhood of 'Catherine Zhou' has 7 ")
    assert not page.exists()
    result = cli("viz", "--entity", "Catherine Zhou", "-o", str(page), "--most-entities", "7")
    assert result.stdout == f"Wrote {page}: 7 entities, 8 facts.\n"


def test_viz_of_a_query_draws_the_named_entities_alone_when_those_between_are_too_many(  # type: ignore[no-untyped-def]
        cli, loaded, tmp_path: Path) -> None:
    page = tmp_path / "q.html"
    result = cli("viz", "--query", "bases-us-universities", "-o", str(page))
    assert result.stdout == f"Wrote {page}: 9 entities, 12 facts.\n"
    result = cli("viz", "--query", "bases-us-universities", "-o", str(page),
                 "--most-entities", "8")
    assert result.stdout == (
        f"Wrote {page}: 4 entities, 1 facts.\n"
        "Only the entities the rows name are drawn: with the 5 that join two of them, the "
        "view would have 9 entities, more than the 8 a view may draw.\n")
    dom, _ = render(page, tmp_path)
    assert drawn(dom)["nodes"] == "4"


def test_viz_refuses_entities_with_too_many_facts(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # the bound: every fact that starts at one of the view's entities, read from edge lists;
    # over the limit, the facts among them are counted (8 of the 12 here)
    ids = loaded.read("MATCH (n:Entity {id: 'catherine-zhou'})--(m:Entity) "
                      "RETURN collect(DISTINCT m.id) + ['catherine-zhou'] AS ids").records[0]["ids"]
    bound = loaded.read("MATCH (a:Entity)-[r]->(:Entity) WHERE a.id IN $ids "
                        "RETURN count(r) AS n", {"ids": ids}).records[0]["n"]
    assert (len(ids), bound) == (7, 12)
    page = tmp_path / "zhou.html"
    result = cli("viz", "--entity", "Catherine Zhou", "-o", str(page), "--most-facts", "7")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the neighbourhood of 'Catherine Zhou' has 7 entities with 8 facts among "
        "them, more than the 7 a view may draw: draw a saved query's entities or a smaller "
        "neighbourhood, or export the graph for a desktop tool\n")
    assert not page.exists()
    result = cli("viz", "--entity", "Catherine Zhou", "-o", str(page), "--most-facts", "8")
    assert result.stdout == f"Wrote {page}: 7 entities, 8 facts.\n"  # the bound is 12
    page.unlink()
    # the whole graph's 265 facts: counted up to LOOKED_THROUGH (25) times the limit
    result = cli("viz", "-o", str(page), "--most-facts", "264")
    assert result.stderr.startswith("Error: the whole graph has 203 entities with 265 facts "
                                    "among them, more than the 264 a view may draw: ")
    result = cli("viz", "-o", str(page), "--most-facts", "10")
    assert result.stderr.startswith("Error: the whole graph has 203 entities that start 265 "
                                    "facts, more than the 250 a view may look through: ")
    assert not page.exists()


def test_viz_limit_documented(offline_cli) -> None:  # type: ignore[no-untyped-def]
    from techkg.web.viz import LOOKED_THROUGH, MOST_DRAWN, MOST_FACTS

    shown = f"{MOST_DRAWN:,}"
    help_text = " ".join(offline_cli("viz", "--help").stdout.split())
    assert f"(default: {shown}," in help_text
    assert f"(default: {MOST_FACTS:,})" in help_text
    docs = Path(__file__).resolve().parents[1] / "docs"

    def text(name: str) -> str:
        return " ".join((docs / name).read_text("utf-8").split())

    assert (f"A view of more than {shown} entities, or with more than {MOST_FACTS:,} facts "
            "among its entities, is refused") in text("visualising.md")
    assert (f"and only up to {LOOKED_THROUGH} times the limit "
            f"({MOST_FACTS * LOOKED_THROUGH:,} facts by default)") in text("visualising.md")
    assert (f"A result whose view would hold more than {shown} entities, or more than "
            f"{MOST_FACTS:,} facts among them") in text("exploring.md")
