"""Likely duplicate entities: different ids whose names (or aliases) are nearly equal.

Comparing every name with every other is quadratic (10,879 names took 38 s). Names are
blocked instead: two names are compared only when their normalised forms share the first or
the last four characters and their lengths allow the similarity threshold at all (fuzz.ratio
>= 92 means the lengths differ by at most 8 % of their sum). Within a block, rapidfuzz
compares one name against a slice of candidates in C. A near-duplicate pair that differs in
both its first and its last four characters is missed; such pairs are rare for
organisation names, which vary in their middle ("Science & Technology") or punctuation.
These warnings catch near-identical spellings as files are checked; `techkg xref`
(techkg.loaders.extract.xref) builds on the same normalised names to rank every kind of candidate
pair, and both leave out pairs already judged (techkg.loaders.extract.judgements).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable

THRESHOLD = 92
MIN_LENGTH = 4
_S = 1 - THRESHOLD / 100
_PUNCT = re.compile(r"[^\w\s]+")


def name_key(name: str) -> str:
    """A name compared: lower case, punctuation as spaces, no leading "the" (also xref's)."""
    text = " ".join(_PUNCT.sub(" ", name.lower()).split())
    return text.removeprefix("the ")


def likely_duplicates(names: Iterable[tuple[str, str]],
                      focus: set[str] | None = None) -> dict[str, dict[str, tuple[str, str]]]:
    """For each entity id, the smaller ids it may duplicate: {b: {a: (name_b, name_a)}}.

    `names` holds (entity id, name) pairs (names and aliases). With `focus`, only pairs
    involving an id in `focus` (new or changed entities) are looked for.
    """
    from rapidfuzz import fuzz, process

    unique = sorted({(eid, n.lower()) for eid, n in names if len(n) >= MIN_LENGTH})
    blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for eid, name in unique:
        key = name_key(name)
        blocks["<" + key[:4]].append((eid, name))
        blocks[">" + key[-4:]].append((eid, name))
    found: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for members in blocks.values():
        if len({eid for eid, _ in members}) < 2:
            continue
        members.sort(key=lambda m: len(m[1]))
        lengths = [len(n) for _, n in members]
        texts = [n for _, n in members]
        for eid, name in members:
            if focus is not None and eid not in focus:
                continue
            # ratio >= T needs |la - lb| <= s * (la + lb) with s = 1 - T / 100
            lo = bisect.bisect_left(lengths, len(name) * (1 - _S) / (1 + _S) - 1)
            hi = bisect.bisect_right(lengths, len(name) * (1 + _S) / (1 - _S) + 1)
            for _, _score, j in process.extract(name, texts[lo:hi], scorer=fuzz.ratio,
                                                score_cutoff=THRESHOLD, limit=None):
                other_id, other = members[lo + j]
                if other_id == eid:
                    continue
                (a, na), (b, nb) = sorted([(eid, name), (other_id, other)])
                found[b].setdefault(a, (nb, na))
    return dict(found)
