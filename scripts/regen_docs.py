"""Regenerate the generated parts of the docs from their single sources.

    python scripts/regen_docs.py            # vocabulary and query tables, Browser assets
    python scripts/regen_docs.py --examples # also re-run the README examples (loads extracts)

Tests fail when these fall behind (tests/test_docs.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def splice(path: Path, start: str, end: str, body: str) -> None:
    text = path.read_text("utf-8")
    i = text.index(start) + len(start)
    j = text.index(end, i)
    path.write_text(text[:i] + body + text[j:], "utf-8")


def main() -> None:
    from techkg import settings
    from techkg.export import ftm
    from techkg.export.browser import write_assets
    from techkg.graph_schema import graph_schema
    from techkg.query import catalogue as queries
    from techkg.vocabulary import vocabulary

    write_assets(ROOT / "techkg" / "browser")  # Browser style and guide

    splice(ROOT / "docs" / "extract-format.md", "<!-- vocabulary:start -->\n",
           "<!-- vocabulary:end -->", vocabulary().markdown())
    splice(ROOT / "docs" / "graph-model.md", "<!-- graph-schema:start -->\n",
           "<!-- graph-schema:end -->", graph_schema().markdown())
    splice(ROOT / "docs" / "visualising.md", "<!-- ftm-mapping:start -->\n",
           "<!-- ftm-mapping:end -->", ftm.markdown())
    splice(ROOT / "README.md", "<!-- settings:start -->\n", "<!-- settings:end -->",
           settings.markdown())
    splice(ROOT / "docs" / "queries.md", "<!-- queries:start -->\n", "<!-- queries:end -->",
           queries.markdown())
    if "--examples" in sys.argv:
        sys.path.insert(0, str(ROOT))
        from tests.readme_examples import regenerate

        regenerate()


if __name__ == "__main__":
    main()
