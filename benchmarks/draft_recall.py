"""How much of a reviewed extract `techkg draft` finds on its own (measured, not asserted).

For each article, draft it with the *other* extracts as the known registry, then compare
with its reviewed extract:
  entities  share of the reviewed entities the draft declares (same id, or a candidate with
            an equal name/alias/Chinese name, or a name within rapidfuzz token_sort_ratio 85)
  pairs     share of the reviewed extract's related entity pairs some stub connects
  survive   share of stubs whose two entities the reviewed extract relates by some fact
  type / status  on those stubs: the stub's type (status) is one of that pair's facts'; and
            what always writing `reported` would score

    TECHKG_ARTICLES=path/to/articles python benchmarks/draft_recall.py [--update-docs]

prints the table (and with --update-docs splices it into docs/adding-an-article.md).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz

from techkg.loaders.draft import FUZZY_HINT, draft, registry
from techkg.loaders.extract.articles import articles_dir
from techkg.loaders.extract.model import Extract
from techkg.loaders.extract.yaml_source import read_located

ROOT = Path(__file__).resolve().parents[1]


def _forms(names: list[str | None]) -> set[str]:
    """Names compared case-blind, without a disambiguating "(…)" ("Li (Baoding official)")."""
    return {re.sub(r"\s*\([^)]*\)$", "", n).casefold() for n in names if n}


def match(draft_forms: set[str], reviewed: dict[str, set[str]]) -> str | None:
    """The reviewed (or gold) entity a drafted one stands for, if any: a shared form, else
    the closest form at FUZZY_HINT or above (draft_devset.py scores with it too)."""
    for rid, forms in reviewed.items():
        if draft_forms & forms:
            return rid
    best, best_id = 0.0, None
    for rid, forms in reviewed.items():
        for a in draft_forms:
            for b in forms:
                if len(a) >= 4 and len(b) >= 4 and (s := fuzz.token_sort_ratio(a, b)) > best:
                    best, best_id = s, rid
    return best_id if best >= FUZZY_HINT else None


def measure(path: Path, others: list[Path], articles: Path) -> dict[str, object]:
    model = Extract.model_validate(read_located(path).data)
    text = (articles / model.article.file).read_text("utf-8")
    known, _ = registry(others)
    started = time.perf_counter()
    d = draft(text, {"id": model.article.id, "file": model.article.file, "sha256": "0" * 64},
              known)
    seconds = time.perf_counter() - started
    reviewed = {e.id: _forms([e.name, *e.aliases, e.name_zh]) for e in model.entities}
    to_reviewed: dict[str, str] = {}
    for ent in d.entities:
        if ent.known and ent.id in reviewed:
            to_reviewed[ent.id] = ent.id
        elif (rid := match(_forms([ent.name, *ent.aliases, ent.name_zh]), reviewed)):
            to_reviewed[ent.id] = rid
    found = set(to_reviewed.values())
    pairs = {frozenset((f.subject, f.object)) for f in model.relationships
             if f.subject != f.object}
    stub_pairs = [frozenset(to_reviewed.get(x, "?" + x) for x in (s.subject, s.object))
                  for s in d.stubs]
    facts: dict[frozenset[str], list] = {}
    for f in model.relationships:
        facts.setdefault(frozenset((f.subject, f.object)), []).append(f)
    on_real = [(s, facts[p]) for s, p in zip(d.stubs, stub_pairs, strict=True) if p in facts]
    return {"article": model.article.id, "entities": len(reviewed),
            "found": len(found & set(reviewed)), "known": sum(e.known for e in d.entities),
            "candidates": sum(not e.known for e in d.entities), "pairs": len(pairs),
            "paired": len(pairs & set(stub_pairs)), "stubs": len(d.stubs),
            "survive": sum(p in pairs for p in stub_pairs), "seconds": seconds,
            "type": sum(any(s.type == f.type for f in fs) for s, fs in on_real),
            "status": sum(any(s.status == f.status for f in fs) for s, fs in on_real),
            "reported": sum(any(f.status == "reported" for f in fs) for _, fs in on_real)}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} %" if b else "-"


def table(rows: list[dict]) -> str:
    total = {k: sum(r[k] for r in rows) for k in rows[0] if k != "article"}
    lines = ["| article | entities found | pairs in a stub | stubs surviving review | "
             "type right | status right (always `reported`) | "
             "known / candidates drafted | draft time |", "|---|---|---|---|---|---|---|---|"]
    for r in [*rows, {"article": "**all five**", **total}]:
        lines.append(
            f"| {r['article']} | {_pct(r['found'], r['entities'])} ({r['found']}/"
            f"{r['entities']}) | {_pct(r['paired'], r['pairs'])} ({r['paired']}/{r['pairs']}) "
            f"| {_pct(r['survive'], r['stubs'])} ({r['survive']}/{r['stubs']}) | "
            f"{_pct(r['type'], r['survive'])} | {_pct(r['status'], r['survive'])} "
            f"({_pct(r['reported'], r['survive'])}) | "
            f"{r['known']} / {r['candidates']} | {r['seconds']:.1f} s |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    files = sorted((ROOT / "extracts").glob("*.yaml"))
    articles = articles_dir(None)
    rows = [measure(f, [o for o in files if o != f], articles) for f in files]
    text = table(rows)
    print(text, end="")
    if "--update-docs" in argv:
        doc = ROOT / "docs" / "adding-an-article.md"
        start, end = "<!-- draft-recall:start -->\n", "<!-- draft-recall:end -->"
        body = doc.read_text("utf-8")
        head, rest = body.split(start, 1)
        doc.write_text(head + start + text + end + rest.split(end, 1)[1], "utf-8")
        print(f"updated {doc}")


if __name__ == "__main__":
    main(sys.argv[1:])
