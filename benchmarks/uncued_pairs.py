"""What a learned score would add to the drafts' stubs (measured, not asserted; not the product).

A draft makes a stub only where a cue word relates two names (docs/adding-an-article.md), and
on unseen texts its stubs reach about a tenth of the gold pairs. This asks how many more a
score could reach without lowering the share of stubs that state a real relation: the
candidates are the pairs of drafted entities that share a sentence and have no stub.

Protocol: every dev text numbered 01..--last whose text is found is drafted as `techkg draft`
drafts it (the rules and the shipped name tagger; both have seen these texts, so the names
are in sample: this measures the score, not the names). In each sentence (not a header field,
at most 12 drafted entities), the first mention of each drafted entity (its name, an alias or
a known form, word-bounded) is found; every pair of two entities without a stub between them
is a candidate, labelled real when its two ends are a gold pair. A logistic regression
(scikit-learn's, C 0.3, balanced classes; scikit-learn is not a project dependency) scores
each candidate out of fold: 5 folds grouped by text, fixed by a seeded shuffle.

  features  the two entity types; the lower-case words between the two mentions (the first
            12), the first and last of them, two words before and after; how far apart
            (words / 3, at most 5), how many drafted names between (at most 3), a comma, a
            semicolon or colon, a bracket between, a possessive or nothing between

For each threshold it prints the candidates kept, how many are real, and what the drafts'
"pairs in a stub" and "stubs that state a real relation" would become with them added.

    python benchmarks/uncued_pairs.py DEVSET_FOLDER... [--last 100]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from draft_devset import GOLD, ROOT, _norm, read_gold
from draft_recall import match

from techkg.loaders.draft import draft, registry, sentences

WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
HEADER = re.compile(r"(?:Source|Title|Date|URL|By):\s")  # a header field: no stub there either
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass
class Candidate:
    text: int
    features: dict[str, int]
    real: bool
    pair: frozenset[str]


@dataclass
class Drafted:
    gold_pairs: int
    stubs: int
    real_stubs: int
    pairs_in_a_stub: set[frozenset[str]]


def _features(sentence: str, a: tuple[int, int, str], b: tuple[int, int, str], between_names: int,
              types: dict[str, str]) -> dict[str, int]:
    gap = sentence[a[1]:b[0]]
    words = WORD.findall(gap.lower())
    f = {"t=" + "|".join(sorted((types[a[2]], types[b[2]]))): 1,
         f"d={min(len(words) // 3, 5)}": 1, f"n={min(between_names, 3)}": 1,
         "comma": int("," in gap), "semi": int(";" in gap or ":" in gap),
         "paren": int("(" in gap), "poss": int(gap.strip() in ("'s", "’s")),
         "adjacent": int(not words)}
    f.update({"w=" + w: 1 for w in words[:12]})
    if words:
        f["w0=" + words[0]] = f["wl=" + words[-1]] = 1
    f.update({"b=" + w: 1 for w in WORD.findall(sentence[:a[0]].lower())[-2:]})
    f.update({"a=" + w: 1 for w in WORD.findall(sentence[b[1]:].lower())[:2]})
    return f


def collect(devsets: list[Path], last: int) -> tuple[list[Candidate], dict[int, Drafted]]:
    """The candidates of every text found, and what its draft scores today."""
    known, _ = registry(sorted((ROOT / "extracts").glob("*.yaml")))
    known_forms = {k: v.forms for k, v in known.items()}
    rows: list[Candidate] = []
    drafted: dict[int, Drafted] = {}
    for path in sorted(GOLD.glob("*.gold.yaml")):
        num = int(path.name.split("_")[0])
        gold = read_gold(path)
        text_path = next((f / f"{gold.name}.txt" for f in devsets
                          if (f / f"{gold.name}.txt").is_file()), None)
        if num > last or text_path is None:
            continue
        text = text_path.read_text("utf-8")
        d = draft(text, {"id": "900_devset", "file": text_path.name, "sha256": "0" * 64}, known)
        to_gold, forms, types = {}, {}, {}
        for e in d.entities:
            names = [f for f in [e.name, *e.aliases, *(known_forms.get(e.id, ()))]
                     if f and len(f) >= 2]
            if hit := match({_norm(f) for f in names}, gold.entities):
                to_gold[e.id] = hit
            forms[e.id], types[e.id] = names, e.type

        def ends(pair: frozenset[str], to_gold: dict[str, str] = to_gold) -> frozenset[str]:
            return frozenset(to_gold.get(k, "?" + k) for k in pair)

        stubbed = {frozenset((s.subject, s.object)) for s in d.stubs}
        drafted[num] = Drafted(len(gold.pairs), len(d.stubs),
                               sum(ends(frozenset((s.subject, s.object))) in gold.pairs
                                   for s in d.stubs),
                               {ends(p) for p in stubbed} & set(gold.pairs))
        seen: set[frozenset[str]] = set()
        for s in sentences(text):
            if HEADER.match(s.text):
                continue
            found = []
            for key, names in forms.items():
                hit = next((m for f in names for m in [re.search(
                    rf"(?<!\w){re.escape(f)}(?!\w)", s.text)] if m), None)
                if hit is not None:
                    found.append((hit.start(), hit.end(), key))
            found.sort()
            if len(found) > 12:
                continue
            for i, a in enumerate(found):
                for j in range(i + 1, len(found)):
                    b = found[j]
                    pair = frozenset((a[2], b[2]))
                    if len(pair) < 2 or pair in stubbed or pair in seen:
                        continue
                    seen.add(pair)
                    rows.append(Candidate(num, _features(s.text, a, b, j - i - 1, types),
                                          ends(pair) in gold.pairs, ends(pair)))
    return rows, drafted


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("devset", type=Path, nargs="+",
                        help="the folders holding the dev-set texts (searched in order)")
    parser.add_argument("--last", type=int, default=100, help="the last text number (100)")
    args = parser.parse_args(argv)
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, drafted = collect(args.devset, args.last)
    texts = sorted(drafted)
    random.Random(0).shuffle(texts)
    fold = {n: i % 5 for i, n in enumerate(texts)}
    scores = [0.0] * len(rows)
    for k in range(5):
        train = [r for r in rows if fold[r.text] != k]
        test = [i for i, r in enumerate(rows) if fold[r.text] == k]
        vec = DictVectorizer()
        model = LogisticRegression(C=0.3, class_weight="balanced", max_iter=2000).fit(
            vec.fit_transform([r.features for r in train]), [r.real for r in train])
        for i, p in zip(test, model.predict_proba(vec.transform(
                [rows[i].features for i in test]))[:, 1], strict=True):
            scores[i] = p
    gold = sum(d.gold_pairs for d in drafted.values())
    stubs = sum(d.stubs for d in drafted.values())
    real = sum(d.real_stubs for d in drafted.values())
    paired = sum(len(d.pairs_in_a_stub) for d in drafted.values())
    print(f"{len(drafted)} texts, {gold:,} gold pairs; {len(rows):,} candidates, "
          f"{sum(r.real for r in rows):,} real\n")
    print("| threshold | kept | real | precision | pairs in a stub | real stubs |")
    print("|---|---|---|---|---|---|")
    print(f"| drafts today | – | – | – | {100 * paired / gold:.1f} % | "
          f"{100 * real / stubs:.1f} % |")
    for threshold in THRESHOLDS:
        kept = [r for r, p in zip(rows, scores, strict=True) if p >= threshold]
        hits = sum(r.real for r in kept)
        new = {(r.text, r.pair) for r in kept
               if r.real and r.pair not in drafted[r.text].pairs_in_a_stub}
        print(f"| {threshold} | {len(kept):,} | {hits:,} | {100 * hits / max(len(kept), 1):.0f} % "
              f"| {100 * (paired + len(new)) / gold:.1f} % "
              f"| {100 * (real + hits) / (stubs + len(kept)):.1f} % |")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main(sys.argv[1:])
