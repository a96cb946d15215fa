"""The explorer's Jinja2 templates: autoescaping always on, so every name, quote and title
reaches the page as text (data for scripts goes through the `tojson` filter)."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("techkg.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = _cell
    return env


def _cell(value: object) -> str:
    """A table cell as the CLI prints it (lists joined with ' | ')."""
    from techkg.cli.output import cell

    return cell(value)
