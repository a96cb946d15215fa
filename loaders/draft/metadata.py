"""An article's metadata and dates as the text shows them: title, date, author, publisher."""

from __future__ import annotations

import re

from techkg.loaders.draft.text import Sentence, headline

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1)}
_MONTH_RE = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATES = [
    (re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?,\s+(\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+{_MONTH_RE}\s+(\d{{4}})\b"), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
]


def dates_in(text: str) -> list[tuple[int, str]]:
    """(offset, partial ISO date) for each calendar date written out in the text."""
    out: list[tuple[int, str]] = []
    for pattern, kind in _DATES:
        for m in pattern.finditer(text):
            if kind == "iso":
                y, mo, d = m[1], int(m[2]), int(m[3])
            else:
                month, day, y = (m[1], m[2], m[3]) if kind == "mdy" else (m[2], m[1], m[3])
                mo = next((i for name, i in _MONTHS.items() if name.startswith(month.lower()
                                                                              .rstrip("."))), 0)
                d = int(day)
            if 1 <= mo <= 12 and 1 <= d <= 31:
                out.append((m.start(), f"{y}-{mo:02d}-{d:02d}"))
    return sorted(out)


def guess_metadata(text: str) -> dict[str, str]:
    """Title, date, author and publisher where the text shows them; `unknown` otherwise."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    heads = [ln for ln in lines[:3] if 3 < len(ln.split()) and len(ln) <= 200]
    title = next((ln for ln in heads if headline(Sentence(0, len(ln), ln))),
                 next((ln for ln in heads if not ln.endswith(".")), "unknown"))
    # dates on short lines near the top or bottom (a dateline, "Source: …, May 4, 2023")
    head = "\n".join(ln for ln in lines[:6] if len(ln) <= 100)
    tail = "\n".join(ln for ln in lines[-5:] if len(ln) <= 100)
    found = dates_in(head) or dates_in(tail)[-1:]
    author = next((m[1].strip() for ln in lines[:8] + lines[-5:]
                   if (m := re.fullmatch(r"By:?\s+([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){1,3})",
                                         ln))), "unknown")
    publisher = next((m[1].strip() for ln in lines[-5:]
                      if (m := re.match(r"Source:\s*([^,;]+)", ln))), None)
    if publisher is None:  # a dateline "Publisher, June 3, 2022"
        publisher = next((ln.split(",")[0].strip() for ln in lines[:6] if len(ln) <= 100
                          and dates_in(ln) and re.match(r"[A-Z][^,]{1,60}, ", ln)
                          and dates_in(ln)[0][0] == len(ln.split(",")[0]) + 2), "unknown")
    return {"title": title, "publisher": publisher, "author": author,
            "date": found[0][1] if found else "unknown"}
