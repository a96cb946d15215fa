"""Nearest names for a typo ("did you mean …"), with rapidfuzz.

The library only finds the names; they travel as `TechKGError.suggestions` and the CLI
words them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

CUTOFF = 60.0  # score (0-100) below which a name is not offered


def _score(query: str, choice: str, **_options: Any) -> float:
    """WRatio finds a short typo inside a long name ("Harvad" in "Harvard University") but
    rates any name containing a short word highly ("US" for "Suzhu Industrial"); averaged
    with the whole-string ratio, the name that is closest as a whole comes first, and a
    name less than half as long as the query is only compared whole."""
    from rapidfuzz import fuzz

    if 2 * len(choice) < len(query):
        return fuzz.QRatio(query, choice)
    return (fuzz.WRatio(query, choice) + fuzz.QRatio(query, choice)) / 2


def nearest(text: str, choices: Iterable[str], limit: int = 3,
            cutoff: float = CUTOFF) -> tuple[str, ...]:
    """Up to `limit` distinct choices closest to `text`, best first (case-insensitive)."""
    from rapidfuzz import process, utils

    unique = list(dict.fromkeys(c for c in choices if c))
    found = process.extract(text, unique, scorer=_score, processor=utils.default_process,
                            limit=limit, score_cutoff=cutoff)
    return tuple(choice for choice, _score, _index in found)
