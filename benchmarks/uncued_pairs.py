"""The learned pair score `techkg draft` ships: what it adds, out of fold, and its weights.

A draft makes a stub where a cue word relates two names (docs/adding-an-article.md), and on
unseen texts those stubs reached about a tenth of the gold pairs. This measures how many more
a learned score reaches without lowering the share of stubs that state a real relation (the
candidates are the pairs of drafted entities that share a sentence and have no stub), and
with --save trains the weights loaders/draft/scored_pairs.py reads.

Protocol: every dev text numbered 01..--last whose text is found is drafted as `techkg draft`
drafts it without the scored stubs (the rules and the shipped name tagger; both have seen
these texts, so the names are in sample: this measures the score, not the names). The
candidates are the product's own (loaders/draft/scored_pairs.py): in each sentence (not a
header field, at most 12 drafted entities) the first mention of each drafted entity (its
name, an alias or a known form, word-bounded); every pair of two entities without a stub is
one, labelled real when its two ends are a gold pair. A logistic regression
(scikit-learn's, C 0.3, balanced classes; scikit-learn is not a project dependency) scores
each candidate out of fold: 5 folds grouped by text, fixed by a seeded shuffle.

  features  the product's (scored_pairs.features): the two entity types; the lower-case
            words between the two mentions (the first 12), the first and last of them, two
            words before and after; how far apart (words / 3, at most 5), how many drafted
            names between (at most 3), a comma, a semicolon or colon, a bracket between, a
            possessive or nothing between

For each threshold it prints the candidates kept, how many are real, and what the drafts'
"pairs in a stub" and "stubs that state a real relation" would become with them added.

    python benchmarks/uncued_pairs.py DEVSET_FOLDER... [--last 100] [--types] [--save]

--types also compares, out of fold on the real candidates, the placeholder type and direction
the scored stubs get with a learned type (multinomial logistic regression) and direction.

--save then trains on all of them and writes the weights `techkg draft` ships
(loaders/draft/pair_weights.json; the same texts give the same file).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from draft_devset import GOLD, ROOT, _norm, read_gold
from draft_recall import match

from techkg.loaders.draft import (
    MIN_SCORE,
    WEIGHTS_FILE,
    draft,
    entity_forms,
    kind_named,
    oriented,
    pair_candidates,
    registry,
    sentences,
)

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass
class Candidate:
    text: int
    features: dict[str, int]
    real: bool
    pair: frozenset[str]
    # of a real pair: the gold's acceptable types, and whether the stub `techkg draft` would
    # write (scored_pairs.oriented) has its type among them and the gold's subject first
    types: tuple[str, ...] = ()
    kind_named: bool = False  # an end is of a kind the object defaults type (a place …)
    placeholder_type_right: bool = False
    placeholder_direction_right: bool = False
    first_is_subject: bool = False


@dataclass
class Drafted:
    gold_pairs: int
    stubs: int
    real_stubs: int
    pairs_in_a_stub: set[frozenset[str]]


def collect(devsets: list[Path], last: int) -> tuple[list[Candidate], dict[int, Drafted]]:
    """The candidates of every text found, and what its draft scores today."""
    known, _ = registry(sorted((ROOT / "extracts").glob("*.yaml")))
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
        d = draft(text, {"id": "900_devset", "file": text_path.name, "sha256": "0" * 64}, known,
                  scored_pairs=False)
        to_gold, types = {}, {}
        forms = entity_forms(d.entities, known)
        for e in d.entities:
            if hit := match({_norm(f) for f in forms[e.id] if f}, gold.entities):
                to_gold[e.id] = hit
            types[e.id] = e.type

        def ends(pair: frozenset[str], to_gold: dict[str, str] = to_gold) -> frozenset[str]:
            return frozenset(to_gold.get(k, "?" + k) for k in pair)

        stubbed = {frozenset((s.subject, s.object)) for s in d.stubs}
        drafted[num] = Drafted(len(gold.pairs), len(d.stubs),
                               sum(ends(frozenset((s.subject, s.object))) in gold.pairs
                                   for s in d.stubs),
                               {ends(p) for p in stubbed} & set(gold.pairs))
        for c in pair_candidates(sentences(text), forms, types, stubbed):
            pair = ends(frozenset((c.first.key, c.second.key)))
            row = Candidate(num, c.features, pair in gold.pairs, pair)
            if row.real:
                gp = gold.pairs[pair]
                subject, rel, _ = oriented(c, types, learned=False)
                row.types = tuple(gp["types"])
                row.kind_named = kind_named(c, types)
                row.placeholder_type_right = rel in gp["types"]
                row.placeholder_direction_right = to_gold.get(subject.key) == gp["a"]
                row.first_is_subject = to_gold.get(c.first.key) == gp["a"]
            rows.append(row)
    return rows, drafted


def _types(rows: list[Candidate], fold: dict[int, int], scores: list[float]) -> None:
    """Out of fold, on the real candidates: the placeholder type and direction the stubs get
    (scored_pairs.oriented) against a multinomial logistic regression on the same features
    (the gold's first acceptable type) and a binary one (is the first-named the subject)."""
    real = [i for i, r in enumerate(rows) if r.real]
    learned_type, learned_first = {}, {}
    for k in range(5):
        train = [rows[i] for i in real if fold[rows[i].text] != k]
        test = [i for i in real if fold[rows[i].text] == k]
        vec, typed = _fit(train, [r.types[0] for r in train], False, 3000)
        _, first = _fit(train, [r.first_is_subject for r in train], False, 3000)
        xt = vec.transform([rows[i].features for i in test])
        learned_type.update(zip(test, typed.predict(xt), strict=True))
        learned_first.update(zip(test, first.predict(xt), strict=True))
    print("\n| real candidates, out of fold | placeholder type right | learned type right "
          "| learned, placeholder where a kind is named | placeholder direction right "
          "| learned direction right | learned, placeholder where a kind is named |")
    print("|---|---|---|---|---|---|---|")
    for label, threshold in (("all", 0.0), (f"scored {MIN_SCORE} or more", MIN_SCORE)):
        picked = [i for i in real if scores[i] >= threshold]
        n = len(picked)

        def pct(hits: int, n: int = n) -> str:
            return f"{100 * hits / n:.0f} % ({hits}/{n})"

        type_right = {i: learned_type[i] in rows[i].types for i in picked}
        first_right = {i: learned_first[i] == rows[i].first_is_subject for i in picked}
        mixed_type = sum(rows[i].placeholder_type_right if rows[i].kind_named else type_right[i]
                         for i in picked)
        mixed_first = sum(rows[i].placeholder_direction_right if rows[i].kind_named
                          else first_right[i] for i in picked)
        print(f"| {label} | {pct(sum(rows[i].placeholder_type_right for i in picked))} "
              f"| {pct(sum(type_right.values()))} | {pct(mixed_type)} "
              f"| {pct(sum(rows[i].placeholder_direction_right for i in picked))} "
              f"| {pct(sum(first_right.values()))} | {pct(mixed_first)} |")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("devset", type=Path, nargs="+",
                        help="the folders holding the dev-set texts (searched in order)")
    parser.add_argument("--last", type=int, default=100, help="the last text number (100)")
    parser.add_argument("--types", action="store_true",
                        help="also: would a learned type and direction beat the placeholders?")
    parser.add_argument("--save", action="store_true",
                        help=f"also train on every text and write loaders/draft/{WEIGHTS_FILE}")
    args = parser.parse_args(argv)
    rows, drafted = collect(args.devset, args.last)
    texts = sorted(drafted)
    random.Random(0).shuffle(texts)
    fold = {n: i % 5 for i, n in enumerate(texts)}
    scores = [0.0] * len(rows)
    for k in range(5):
        train = [r for r in rows if fold[r.text] != k]
        test = [i for i, r in enumerate(rows) if fold[r.text] == k]
        vec, model = _fit(train, [r.real for r in train], True, 2000)
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
    if args.types:
        _types(rows, fold, scores)
    if args.save:
        _save(rows)


def _fit(rows: list[Candidate], labels: list[object], balanced: bool, max_iter: int
         ) -> tuple[object, object]:
    """A logistic regression (C 0.3) of `labels` on the rows' features: (the features'
    vectorizer, the model). The pair score is fitted balanced in 2,000 iterations, the type
    and direction scores unbalanced in 3,000, out of fold and for --save alike."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([r.features for r in rows])
    model = LogisticRegression(C=0.3, class_weight="balanced" if balanced else None,
                               max_iter=max_iter).fit(x, labels)
    return vec, model


def _linear(names: list[str], intercept: float, coef: object) -> dict[str, object]:
    return {"intercept": round(float(intercept), 6),
            "weights": dict(sorted((n, round(float(w), 6)) for n, w in zip(names, coef,
                                                                             strict=True)
                                   if round(float(w), 6)))}


def _save(rows: list[Candidate]) -> None:
    """Train on every text and write the weights techkg draft ships: the related score (all
    candidates), the type scores and the direction score (the real ones)."""
    vec, related = _fit(rows, [r.real for r in rows], True, 2000)
    names = list(vec.get_feature_names_out())
    real = [r for r in rows if r.real]
    type_vec, typed = _fit(real, [r.types[0] for r in real], False, 3000)
    first_vec, first = _fit(real, [r.first_is_subject for r in real], False, 3000)
    type_names = list(type_vec.get_feature_names_out())
    first_names = list(first_vec.get_feature_names_out())
    out = ROOT / "loaders" / "draft" / WEIGHTS_FILE
    weights = {**_linear(names, related.intercept_[0], related.coef_[0]),
               "types": {str(t): _linear(type_names, b, w) for t, b, w in
                         zip(typed.classes_, typed.intercept_, typed.coef_, strict=True)},
               "first_is_subject": _linear(first_names, first.intercept_[0], first.coef_[0])}
    out.write_text(json.dumps(weights, indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"\ntrained on {len({r.text for r in rows})} texts: {out}, "
          f"{len(weights['weights']):,} weights, {len(weights['types'])} types")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main(sys.argv[1:])
