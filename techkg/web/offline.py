"""The offline page of `techkg viz`: one self-contained HTML file with the vendored graph
library, the explorer's canvas code, its style and the view's data inline (nothing fetched)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from techkg.web.templating import config, environment

VENDOR = ("cytoscape-3.34.4.js", "layout-base-2.0.1.js", "cose-base-2.2.0.js",
          "cytoscape-fcose-2.2.0.js")


@cache
def static_text(name: str) -> str:
    return resources.files("techkg.web").joinpath("static", name).read_text("utf-8")


def offline_page(data: dict[str, Any], title: str) -> str:
    """One self-contained HTML file: the vendored library, the canvas code, its style and
    the view's data inline; nothing is fetched."""
    scripts = [static_text(f"vendor/{n}") for n in VENDOR] + [static_text("canvas.js"),
                                                              static_text("explorer.js")]
    page = {"mode": "offline", "title": title, "view": data, "config": config()}
    return environment().get_template("viz.html").render(
        title=title, css=static_text("explorer.css"), scripts=[_inline(s) for s in scripts],
        page=page)


def _inline(script: str) -> str:
    """A script safe inside <script>…</script>: no closing tag can end it early."""
    return script.replace("</script", "<\\/script")
