"""The explorer's Jinja2 templates: autoescaping always on, so every name, quote and title
reaches the page as text (data for scripts goes through the `tojson` filter); and what every
page's scripts are told about the vocabulary (`config`), for the app and the offline page."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from techkg.query.formats import cell
from techkg.vocabulary import vocabulary


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("techkg.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = _cell
    return env


def _cell(value: object) -> str:
    """A table cell as the CLI prints it (lists joined with ' | ')."""
    return cell(value)


def config() -> dict[str, Any]:
    """What the front end needs from the vocabulary: colours, statuses in rank order (the
    ones analytic queries leave out are hidden on the canvas until asked for), types."""
    v = vocabulary()
    ranked = sorted(v.statuses.values(), key=lambda s: s.rank)
    return {"colors": {t.label: t.color for t in v.entity_types.values()},
            "statuses": [s.name for s in ranked],
            "hidden_statuses": [s.name for s in ranked if not s.counted],
            "entity_types": list(v.entity_types),
            "relationship_types": list(v.relationship_types)}

