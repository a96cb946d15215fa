"""`techkg entity` as a profile a reader can follow: who or what it is, the labels sources
give it, then its facts grouped by relationship, each citing numbered references."""

from __future__ import annotations

import json
from typing import Any

from techkg.graph import Rows
from techkg.query import card_json, width_of, wrap


def render_profile(card: dict[str, Any], facts: Rows, fmt: str, width: int = 80) -> str:
    if fmt == "json":
        return json.dumps({"entity": card_json(card), "facts": facts.records},
                          ensure_ascii=False, indent=2)
    if fmt == "csv":
        from techkg.query import render

        return render(facts.columns, facts.records, "csv")
    return _text(card, facts.records, width)


def _text(card: dict[str, Any], facts: list[dict[str, Any]], width: int) -> str:
    # references numbered in the entity's source order, so [1] is always its first article
    refs = {i: n for n, i in enumerate(card["sources"], 1)}
    cites = dict(zip(card["sources"], card["citations"], strict=False))

    def ref(ids: list[str], citations: list[str]) -> str:
        for i, c in zip(ids, citations, strict=False):
            refs.setdefault(i, len(refs) + 1)
            cites[i] = c
        return "".join(f"[{refs[i]}]" for i in ids)

    kind = ", ".join(x for x in (card["type"], card["country"]) if x)
    head = f"{card['name']}" + (f" ({card['name_zh']})" if card["name_zh"] else "")
    out = [f"{head} - {kind}", "=" * min(width_of(head) + len(kind) + 3, width)]
    if card["inferred"]:
        out.append("inferred: no article names it as such" +
                   (f" ({card['note']})" if card["note"] else ""))
    out.append(f"id: {card['id']}")
    if card["aliases"]:
        out += _wrap("also known as: " + "; ".join(card["aliases"]), width, "  ")
    if card["description"]:
        out += _wrap(card["description"], width, "")
    if card["labels"]:
        out.append("labelled:")
        for i, label in enumerate(card["labels"]):
            status = card["label_statuses"][i]
            mark = "" if status == "reported" else f" ({status})"
            out += _wrap(f"  {label}{mark} "
                         f"{ref([card['label_sources'][i]], [card['label_citations'][i]])}",
                         width, "    ")
            out += _wrap(f"    “{card['label_evidence'][i]}”", width, "     ")
    current = None
    for f in facts:
        if f["relationship"] != current:
            current = f["relationship"]
            out += ["", current]
        arrow = "→" if f["direction"] == "out" else "←"
        parts = [f"{arrow} {f['other']} [{f['other_type']}]"]
        parts += [x for x in (f["role"], f["date"] and _dates(f), f["status"]) if x]
        if f["inferred"]:
            parts.append("inferred")
        if f.get("unchecked"):  # loaded without the article text
            some = set(f["unchecked"]) != set(f["sources"])
            parts.append("quotes unchecked" + (" in " + ref(f["unchecked"], []) if some else ""))
        out += _wrap("  " + ", ".join(parts) + " " + ref(f["sources"], f["citations"]),
                     width, "    ")
        for quote in f["evidence"] or []:
            out += _wrap(f"    “{quote}”", width, "     ")
    if len(facts) < card["fact_count"]:
        out += ["", f"(showing {len(facts)} of {card['fact_count']} facts)"]
    if len(card["sources"]) < card["source_count"]:
        out += [""] + _wrap(f"(mentioned in {card['source_count']:,} articles; the sources below "
                            f"are the first {len(card['sources']):,} by id and those the facts "
                            "cite)", width, " ")
    out += ["", "sources:"]
    for i, n in sorted(refs.items(), key=lambda kv: kv[1]):
        out += _wrap(f"  [{n}] {cites[i]} ({i})", width, "      ")
    return "\n".join(out)


def _dates(f: dict[str, Any]) -> str:
    return f"{f['date']} to {f['until']}" if f.get("until") else f["date"]


def _wrap(text: str, width: int, indent: str) -> list[str]:
    return wrap(text, width, subsequent_indent=indent, break_long_words=False,
                break_on_hyphens=False) or [""]
