"""Printing rows as an 80-column table, one JSON array, or CSV with a header row."""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from typing import Any

from rich.cells import cell_len

_PAD = "\x00"  # stands for a wide character's second column while textwrap measures lines


class _CellWrapper(textwrap.TextWrapper):
    """textwrap counting terminal columns: CJK and other wide characters take two.

    textwrap counts code points; rich has the display widths (`cell_len`) but its own
    wrapping breaks lines differently from textwrap, and the README examples and tests pin
    textwrap's lines. So each wide character is followed by a pad while textwrap measures,
    and the pads are removed after; a long word is never cut between a character and its pad.
    """

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str],
                          cur_len: int, width: int) -> None:
        super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
        if (cur_line and len(cur_line[-1]) > 1 and reversed_chunks
                and reversed_chunks[-1].startswith(_PAD)):
            reversed_chunks[-1] = cur_line[-1][-1] + reversed_chunks[-1]
            cur_line[-1] = cur_line[-1][:-1]


def _padded(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c + _PAD if cell_len(c) == 2 else c for c in text)


def wrap(text: str, width: int, **options: Any) -> list[str]:
    """textwrap.wrap measured in terminal columns (see _CellWrapper)."""
    lines = _CellWrapper(width, **options).wrap(_padded(text))
    return [line.replace(_PAD, "") for line in lines]


def width_of(text: str) -> int:
    """Terminal columns `text` takes (a CJK character takes two)."""
    return len(text) if text.isascii() else cell_len(text)


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns."""
    return text + " " * max(width - width_of(text), 0)


def cell(value: Any) -> str:
    """A value as table/CSV text: lists joined with ' | ', maps as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " | ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def render(columns: list[str], records: list[dict[str, Any]], fmt: str,
           width: int | None = None) -> str:
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for rec in records:
            writer.writerow([cell(rec.get(c)) for c in columns])
        return buf.getvalue().rstrip("\n")
    # tables cite "Publisher, date, “Title…”"; the ids stay in JSON and CSV
    from techkg.query.citations import citation_column, source_columns

    ids = set(source_columns(columns))
    shown = [c for c in columns if not (c in ids and citation_column(c) in columns)]
    marked = [{**r, **({"inferred": "inferred" if r.get("inferred") else None}
                       if "inferred" in r else {})} for r in records]
    return table(shown, marked,
                 width or min(shutil.get_terminal_size((80, 24)).columns, 120))


def once_per_path(rows: Any) -> Any:
    """Path rows where a quote already printed for an earlier hop of the same path is
    replaced by a pointer to it (one sentence often supports two hops)."""
    from techkg.graph import Rows

    seen: dict[tuple[Any, str], Any] = {}
    out = []
    for r in rows.records:
        quotes = []
        for q in r.get("evidence") or []:
            key = (r.get("path"), q)
            if key in seen and seen[key] != r.get("hop"):
                quotes.append(f"(same quote as hop {seen[key]})")
            else:
                seen.setdefault(key, r.get("hop"))
                quotes.append(q)
        out.append({**r, "evidence": quotes})
    return Rows(rows.columns, out)


def reference_list(records: list[dict[str, Any]], width: int = 80) -> str:
    """Full references, one paragraph each, with what each article contributed."""
    lines: list[str] = []
    for r in records:
        parts = [r.get("author") if r.get("author") not in (None, "", "unknown") else None,
                 f"“{r['title']}”", r.get("publisher"),
                 r.get("date") if r.get("date") not in (None, "unknown") else "n.d."]
        text = ", ".join(p for p in parts if p)
        text += "" if text.endswith(".") else "."
        if r.get("url"):
            text += f" {r['url']}"
        lines += wrap(f"[{r['article']}] {text}", width, subsequent_indent="    ",
                      break_long_words=False, break_on_hyphens=False)
        counts = [f"{r[k]} {label}" for k, label in
                  (("entities", "entities"), ("facts", "facts"), ("only_here", "only here"))
                  if r.get(k) is not None]
        if r.get("quotes_checked") is False:
            counts.append("quotes never checked against the article text")
        if counts:
            lines.append("    " + ", ".join(counts))
    lines.append(f"({len(records)} article{'s' if len(records) != 1 else ''})")
    return "\n".join(lines)


def table(columns: list[str], records: list[dict[str, Any]], width: int = 80) -> str:
    """A plain-text table that fits `width` columns; long cells wrap inside their column."""
    if not columns:
        return "(0 rows)"
    texts = [[cell(r.get(c)) for c in columns] for r in records]
    natural = [max([width_of(c)] + [width_of(t[i]) for t in texts])
               for i, c in enumerate(columns)]
    budget = width - 2 * (len(columns) - 1)
    widths = _fit(natural, budget, columns)
    if widths is None or (len(columns) > 3 and sum(natural) > budget):
        # too wide to read as a grid: one block per row instead
        return records_view(columns, records, width)
    lines = [_line([c for c in columns], widths), _line(["-" * w for w in widths], widths)]
    for row in texts:
        wrapped = [wrap(v, w) or [""] for v, w in zip(row, widths, strict=True)]
        for k in range(max(len(w) for w in wrapped)):
            lines.append(_line([w[k] if k < len(w) else "" for w in wrapped], widths))
    lines.append(f"({len(records)} row{'s' if len(records) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines)


def records_view(columns: list[str], records: list[dict[str, Any]], width: int = 80) -> str:
    """Expanded display (as psql's \\x): `column  value` lines, list items one per line,
    empty values left out."""
    label = max(width_of(c) for c in columns)
    room = max(width - label - 2, 20)
    lines: list[str] = []
    for n, rec in enumerate(records, 1):
        lines.append(f"-[ {n} ]" + "-" * max(width - len(str(n)) - 5, 0))
        for c in columns:
            value = rec.get(c)
            if value is None or value == "" or value == []:
                continue
            items = value if isinstance(value, list) else [value]
            first = True
            for item in items:
                for k, part in enumerate(wrap(cell(item), room) or [""]):
                    head = c if first and k == 0 else ""
                    lines.append(f"{pad(head, label)}  {part}".rstrip())
                first = False
    lines.append(f"({len(records)} row{'s' if len(records) != 1 else ''})")
    return "\n".join(lines)


def _fit(natural: list[int], budget: int, headers: list[str]) -> list[int] | None:
    """Short columns keep their width; long ones share the rest in proportion to length.
    None when even the short widths do not fit."""
    base = [min(n, max(width_of(h), 8)) for n, h in zip(natural, headers, strict=False)]
    spare = budget - sum(base)
    if spare < 0:
        return None
    want = [n - b for n, b in zip(natural, base, strict=False)]
    total = sum(want)
    if total <= spare:
        return list(natural)
    return [b + (w * spare) // total for b, w in zip(base, want, strict=False)]


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(pad(c, w) for c, w in zip(cells, widths, strict=False))
