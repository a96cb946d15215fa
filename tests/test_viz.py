"""The offline HTML view, rendered in headless Chromium: the drawn nodes are counted."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1400,900"]


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


def test_headline_view_renders(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "headline.html"
    result = cli("viz", "--query", "bases-us-universities", "-o", str(page))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {page}: 9 entities, 12 facts.\n"
    html = page.read_text("utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "<script src" not in html
    dom, png = render(page, tmp_path)
    assert 'data-rendered-nodes="9"' in dom
    assert len(re.findall(r'<circle[^>]*class="node"', dom)) == 9
    assert len(re.findall(r'<line[^>]*class="edge', dom)) == 12
    assert "Suzhou Industrial Park" in dom
    assert png.stat().st_size > 20_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_entity_neighbourhood_and_whole_graph(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "zhou.html"
    result = cli("viz", "--entity", "Catherine Zhou", "--hops", "1", "-o", str(page))
    assert result.stdout == f"Wrote {page}: 7 entities, 8 facts.\n"
    dom, _ = render(page, tmp_path)
    assert 'data-rendered-nodes="7"' in dom
    whole = tmp_path / "all.html"
    assert cli("viz", "-o", str(whole)).stdout == f"Wrote {whole}: 203 entities, 265 facts.\n"


def test_viz_bad_input(cli, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("viz", "--query", "nope", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown query 'nope'; valid queries:")
    assert not (tmp_path / "x.html").exists()
