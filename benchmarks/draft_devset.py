"""How `techkg draft` does on texts its rules were not written from (measured, not asserted).

The dev set is a folder of public texts kept outside the project (never copied in); the gold
is ours, in benchmarks/devset/<text name>.gold.yaml, written by reading each text before any
draft of it was seen:

  split:    which round the text belongs to: tune | held-out | held-out-2 | held-out-3 |
            held-out-4 | held-out-5 | held-out-6 | held-out-7 |
            held-out-8 | held-out-9 | held-out-10 | held-out-11 | held-out-12 | held-out-13 |
            held-out-14 | held-out-15 | held-out-16 | held-out-17 | held-out-18 |
            held-out-19 | held-out-20 | held-out-21 | held-out-22 |
            held-out-23 | held-out-24 | held-out-25 | held-out-26 | held-out-27 |
            held-out-28 | held-out-29 | held-out-30 | held-out-31
            (the rules are tuned on the texts of earlier rounds only; a held-out split is
            scored once, then joins the tuning texts)
  entities: [{name, type, aliases}]   what an analyst would declare
  other:    [name]   real names the text only cites (reference lists, passing mentions): a
                     candidate naming one is a real entity, but recall does not need them
  pairs:    [{a, b, types, status}]   related pairs as the text states them: the acceptable
            relationship types (a is the subject) and the status in the text's voice

Each text is drafted with the project's extracts as the known entities (as `techkg draft`
does), then:
  entity recall     gold entities the draft declares (known or candidate; same name or alias
                    case-blind, or rapidfuzz token_sort_ratio >= 85)
  cand. precision   new candidates that name a gold entity or an `other` name
  pairs in a stub   gold pairs some stub connects (and among pairs whose both ends were found)
  real stubs        stubs whose two ends are a gold pair
  type right        on stubs of gold pairs: the stub's type is one of the pair's types
  status right      on stubs of gold pairs: the stub's status is the pair's (and what always
                    writing `reported` would score on the same stubs)

    python benchmarks/draft_devset.py DEVSET_FOLDER... [--split SPLIT[,SPLIT...]|all]
                                      [--rules-only | --no-scored-pairs]

--rules-only drafts without the learned name tagger (loaders/draft/tagger.py) and without the
stubs the learned pair score keeps (scored_pairs.py), as every round before the twenty-third
did; --no-scored-pairs without those stubs only, as the twenty-third round did. The shipped
tagger and pair weights were trained on the texts of held-out-29 and earlier (01-100): scored
on those, they are in sample.

A text is looked up by its gold's name (`<name>.txt`) in the folders given, in order, so a
later round's texts can live in a folder of their own.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from draft_recall import match

from techkg.loaders.draft import Draft, draft, registry

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "devset"


def _norm(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", name).casefold()


@dataclass
class Gold:
    name: str
    split: str
    entities: dict[str, set[str]]  # gold name -> its forms
    other: set[str]
    pairs: dict[frozenset[str], dict]  # {a, b} -> {a, b, types, status}


def read_gold(path: Path) -> Gold:
    raw = yaml.safe_load(path.read_text("utf-8"))
    entities = {e["name"]: {_norm(f) for f in [e["name"], *e.get("aliases", [])]}
                for e in raw["entities"]}
    pairs = {}
    for p in raw["pairs"]:
        for end in (p["a"], p["b"]):
            if end not in entities:
                raise SystemExit(f"{path}: pair end {end!r} is not a gold entity")
        pairs.setdefault(frozenset((p["a"], p["b"])), p)
    return Gold(path.name.removesuffix(".gold.yaml"), raw["split"], entities,
                {_norm(o) for o in raw.get("other", [])}, pairs)


@dataclass
class Score:
    text: str
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def score(gold: Gold, d: Draft, known_forms: dict[str, tuple[str, ...]]) -> Score:
    s = Score(gold.name)
    to_gold: dict[str, str] = {}
    for ent in d.entities:
        forms = {_norm(f) for f in [ent.name, *ent.aliases, ent.name_zh or "",
                                   *known_forms.get(ent.id, ())] if f}
        hit = match(forms, gold.entities)
        if hit:
            to_gold[ent.id] = hit
        if not ent.known:
            s.add("candidates")
            real = hit is not None or bool(forms & gold.other) or match(
                forms, {"other": gold.other}) is not None
            s.add("real candidates", real)
    found = set(to_gold.values())
    s.add("gold entities", len(gold.entities))
    s.add("entities found", len(found))
    s.add("gold pairs", len(gold.pairs))
    s.add("pairs with both ends", sum(p <= found for p in gold.pairs))
    paired: set[frozenset[str]] = set()
    s.add("stubs", len(d.stubs))
    for stub in d.stubs:
        ends = frozenset(to_gold.get(x, "?" + x) for x in (stub.subject, stub.object))
        pair = gold.pairs.get(ends)
        if pair is None:
            continue
        paired.add(ends)
        s.add("real stubs")
        s.add("type right", stub.type in pair["types"])
        s.add("direction right", to_gold.get(stub.subject) == pair["a"])
        s.add("status right", stub.status == pair["status"])
        s.add("reported right", pair["status"] == "reported")
    s.add("pairs in a stub", len(paired))
    return s


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} % ({a}/{b})" if b else "-"


ROWS = [
    ("entity recall (known + candidates)", "entities found", "gold entities"),
    ("candidate precision (new candidates that are real entities)", "real candidates",
     "candidates"),
    ("related pairs in some stub", "pairs in a stub", "gold pairs"),
    ("… where both ends were found", "pairs in a stub", "pairs with both ends"),
    ("stubs that state a real relation (stub ends are a gold pair)", "real stubs", "stubs"),
    ("suggested relationship type right, on stubs of real pairs", "type right", "real stubs"),
    ("… and direction right (subject is the pair's subject)", "direction right", "real stubs"),
    ("suggested status right, on stubs of real pairs", "status right", "real stubs"),
    ("… always writing `reported` on the same stubs", "reported right", "real stubs"),
]


def table(scores: list[Score], label: str) -> str:
    total: dict[str, int] = {}
    for sc in scores:
        for k, v in sc.counts.items():
            total[k] = total.get(k, 0) + v
    head = " | ".join(sc.text.split("_")[0] for sc in scores)
    lines = [f"| measure | {label} | {head} |", "|---|---|" + "---|" * len(scores)]
    for title, num, den in ROWS:
        cells = " | ".join(_pct(sc.counts.get(num, 0), sc.counts.get(den, 0)) for sc in scores)
        lines.append(f"| {title} | {_pct(total.get(num, 0), total.get(den, 0))} | {cells} |")
    return "\n".join(lines) + "\n"


def _text_path(devsets: list[Path], name: str) -> Path:
    for folder in devsets:
        if (path := folder / f"{name}.txt").is_file():
            return path
    raise SystemExit(f"{name}.txt is in none of: {', '.join(map(str, devsets))}")


def run(devsets: list[Path], split: str, tagger: bool = True, scored_pairs: bool = True
        ) -> list[Score]:
    golds = [read_gold(path) for path in sorted(GOLD.glob("*.gold.yaml"))]
    wanted = {g.split for g in golds} if split == "all" else set(split.split(","))
    if unknown := wanted - {g.split for g in golds}:
        raise SystemExit(f"no gold has split {', '.join(sorted(unknown))}; "
                         f"splits: {', '.join(sorted({g.split for g in golds}))}, all")
    known, _ = registry(sorted((ROOT / "extracts").glob("*.yaml")))
    known_forms = {k: v.forms for k, v in known.items()}
    scores = []
    for gold in golds:
        if gold.split not in wanted:
            continue
        text_path = _text_path(devsets, gold.name)
        text = text_path.read_text("utf-8")
        d = draft(text, {"id": "900_devset", "file": text_path.name, "sha256": "0" * 64},
                  known, tagger=tagger, scored_pairs=scored_pairs)
        scores.append(score(gold, d, known_forms))
    return scores


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("devset", type=Path, nargs="+",
                        help="the folders holding the dev-set texts (searched in order)")
    parser.add_argument("--split", default="tune",
                        help="a split, several joined by commas, or `all` (default: tune)")
    parser.add_argument("--rules-only", action="store_true",
                        help="draft without the learned name tagger and pair score (the rules "
                             "alone)")
    parser.add_argument("--no-scored-pairs", action="store_true",
                        help="draft without the stubs the learned pair score keeps")
    args = parser.parse_args(argv)
    scores = run(args.devset, args.split, tagger=not args.rules_only,
                 scored_pairs=not (args.rules_only or args.no_scored_pairs))
    label = args.split + f" ({len(scores)} texts" + (
        ", rules only" if args.rules_only else ", no scored pairs" if args.no_scored_pairs
        else "") + ")"
    print(table(scores, label), end="")


if __name__ == "__main__":
    main(sys.argv[1:])
