"""How many related pairs same-sentence pairs of gold entities reach (measured, not asserted).

Given the gold entities' mentions, how many of a text's related pairs can same-sentence
candidates reach, and does a learned scorer sharpen them? This tells whether the drafts' pair
gap lies in finding names (the pairs are reachable once the names are given), in making stubs
(a scorer over the candidates beats the stub rules) or beyond any sentence-level method (the
pairs never share a sentence). A measurement for deciding where drafting work would pay; not
part of the product.

Protocol: the candidates are the pairs of distinct gold entities mentioned in one sentence; a
gold pair is real. Train on the texts numbered below --test-from, where 5-fold CV grouped by
text (out-of-fold scores pooled, mean over 3 seeded shuffles) picks the thresholds with the
highest recall at precision >= 40 % and >= 60 %; then score --test-from..--test-to once. --cv
stops after the CV and opens no test text. The settings were chosen by such CV on 01-41 and
are frozen. Ceilings: gold pairs whose ends occur anywhere / in one paragraph / within 2
adjacent sentences / in one sentence. The no-model baseline proposes every co-occurring pair.

Oracle mentions: where the text writes a gold entity's name or alias, as name_tagger.py's
align() finds them; `other` names block spans but are never candidates; the Title:/Source:/
Date: header is blanked. So names are found perfectly and the candidates are the analyst's
own entities, which flatters scorer and baseline alike (drafting finds fewer of the ends,
among spurious names).

  features  per mention pair, OR-ed over the pair's sentences: lemmas between the mentions
            (<= 12 tokens apart) and the first and last of them, lemmas up to 3 tokens
            outside, trigger words (lemmas of vocabulary.yaml's relationship types and
            descriptions), distance, mentions and punctuation between, the type pair, list /
            coordination / `A (B)` / possessive patterns, sentence size, first / last
            mention; per pair, the sentences shared and each end's mention count
  model     logistic regression (liblinear, C 0.3, balanced, features seen twice or more)

    python benchmarks/pair_scorer.py DEVSET_FOLDER... [--test-from 42] [--test-to N] [--cv]

A text is looked up as `<gold name>.txt` in the folders given, in order; --test-to defaults to
the highest gold number whose text is there (newer gold without its text is left out). Needs
`pip install scikit-learn` (not a dependency of the project).
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import re
import sys
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from draft_devset import ROOT
from lemminflect import getAllLemmas
from name_tagger import QUOTES, align, golds, split, split_parser
from name_tagger import Doc as Tagged

from techkg.loaders.draft import Token, token_sentences, words_of

Mention = tuple[int, int, str]  # tokens [i, j) of a sentence, the gold entity
Bag = dict[str, float]
Forms = dict[tuple[str, ...], tuple[str, str | None]]  # tokens -> form, entity (None: other)
Scored = tuple[int, frozenset[str], bool, float]  # text, pair, real, score
STOP = set("""a an the of to in on at by for with from and or is are be as its it this that
which who whose object subject e g eg etc s one another any some what how many such without
formal tie says role more than own not into under within over""".split())
PUNCT = {",": "comma", ";": "semi", "(": "lpar", ")": "rpar", ":": "colon", "—": "dash",
         "–": "dash", '"': "quote", "“": "quote", "”": "quote"}


@dataclass
class Text:
    num: int
    name: str
    etype: dict[str, str]
    pairs: dict[frozenset[str], dict[str, Any]]
    sents: list[list[Token]]
    paras: list[int]  # each sentence's line
    mentions: list[list[Mention]]  # per sentence, in order
    bags: dict[frozenset[str], Bag] = field(default_factory=dict)  # candidate -> features


@cache
def lemma(w: str) -> str:
    lw = w.lower()
    lemmas = getAllLemmas(lw) if lw.isalpha() else {}
    return next((lemmas[p][0] for p in ("VERB", "NOUN", "ADJ", "ADV") if p in lemmas), lw)


@cache
def triggers() -> dict[str, set[str]]:
    """Lemma -> relationship types, from the vocabulary's type names and descriptions: a
    list independent of the drafts' own cue words (loaders/draft/words.yaml `triggers`),
    so the score does not inherit what the rules were tuned on."""
    voc = yaml.safe_load((ROOT / "techkg" / "vocabulary.yaml").read_text("utf-8"))
    out: dict[str, set[str]] = defaultdict(set)
    for t, d in voc["relationship_types"].items():
        for w in t.lower().split("_") + re.findall(r"[A-Za-z]+", d["description"].split("(")[0]):
            if (lw := lemma(w)) not in STOP and len(lw) > 2:
                out[lw].add(t)
    return out


def bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 12, 20, 30)) -> str:
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def instance(t: Text, si: int, x: Mention, y: Mention) -> Bag:
    """Features of one mention pair in one sentence, x before y."""
    words, ms = [w for w, _, _ in t.sents[si]], t.mentions[si]
    ta, tb = t.etype[x[2]], t.etype[y[2]]
    between, dist = words[x[1]:y[0]], y[0] - x[1]
    inner = [m for m in ms if m[0] >= x[1] and m[1] <= y[0]]
    masked = {k for m in inner for k in range(m[0], m[1])}
    rest = [w for k, w in enumerate(between, start=x[1]) if k not in masked]
    lems, low = [lemma(w) for w in rest], [w.lower() for w in rest]
    f: Bag = {"bias": 1.0, "dist=" + bucket(dist): 1, "tpair=" + "|".join(sorted((ta, tb))): 1,
              "ninner=" + bucket(len(inner), (0, 1, 2, 3, 5)): 1, f"tord={ta}>{tb}": 1,
              "sentlen=" + bucket(len(words), (10, 20, 30, 45, 70)): 1, "ta=" + ta: 1,
              "nents=" + bucket(len({m[2] for m in ms}), (2, 3, 4, 6, 9)): 1, "tb=" + tb: 1}
    f |= {"p_" + name: 1 for p, name in PUNCT.items() if p in between}
    f |= {"trigtype=" + k: 1 for lw in lems for k in triggers().get(lw, ())}
    f |= {"trig": 1} if any(lw in triggers() for lw in lems) else {}
    if dist <= 12:  # farther apart, the words between say little
        f |= {"w=" + lw: 1 for lw in lems if lw.isalpha() or lw in {"'s", "("}}
        f |= {"first=" + lems[0]: 1, "last=" + lems[-1]: 1} if lems else {}
    outside = [k for k in [*range(max(0, x[0] - 3), x[0]), *range(y[1], y[1] + 3)]
               if k < len(words) and not any(m[0] <= k < m[1] for m in ms)]
    f |= {("L=" if k < x[0] else "R=") + lemma(words[k]): 1 for k in outside}
    flags = {"far": dist > 12, "adjacent": dist == 0,
             "list": low and all(w in {",", "and", "or", "&"} for w in low) and (
                 inner or "," in low or words[y[1]:y[1] + 1] in ([","], ["and"])
                 or words[max(0, x[0] - 1):x[0]] == [","]),
             "coord": low and all(w in {"and", "or"} for w in low) and not inner,
             "paren_alias": between == ["("] and words[y[1]:y[1] + 1] == [")"],
             "poss": low in (["'s"], ["’s"]), "y_in_paren": "(" in between and ")" not in between,
             "x_first": x == ms[0], "y_last": y == ms[-1], "x_starts": x[0] == 0}
    return f | {k: 1 for k, on in flags.items() if on}


def bags(t: Text) -> dict[frozenset[str], Bag]:
    """One row per candidate pair: its instances' features OR-ed, and pair-level counts."""
    out: dict[frozenset[str], Bag] = {}
    shared: dict[frozenset[str], set[int]] = defaultdict(set)
    for si, ms in enumerate(t.mentions):
        for x, y in itertools.combinations(ms, 2):
            if x[2] != y[2]:
                bag = out.setdefault(pr := frozenset((x[2], y[2])), {})
                bag |= {k: max(bag.get(k, 0), v) for k, v in instance(t, si, x, y).items()}
                shared[pr].add(si)
    count = Counter(m[2] for ms in t.mentions for m in ms)
    for pr, bag in out.items():
        lo, hi = sorted(count[e] for e in pr)
        bag |= {"nsent=" + bucket(len(shared[pr]), (1, 2, 3, 5, 8)): 1,
                "minment=" + bucket(lo, (1, 2, 3, 5, 10)): 1,
                "maxment=" + bucket(hi, (1, 2, 3, 5, 10, 20)): 1}
    return out


def _accepts(doc: Tagged, form: str, span: list[Token]) -> bool:
    probe = Tagged(0, doc.gold, [form], "", [span])
    align(probe)
    return "O" not in probe.labels[0]


def mentions(doc: Tagged, forms: Forms) -> list[list[Mention]]:
    """The spans align() labelled, each with the entity of the form it matched: the exact
    one, else the first that align() accepts for the span alone, as it did in the text."""
    out = []
    for sent, labels in zip(doc.sents, doc.labels, strict=True):
        out.append([])
        for i in (k for k, lab in enumerate(labels) if lab == "B-ENT"):
            j = next((k for k in range(i + 1, len(labels)) if labels[k] != "I-ENT"), len(labels))
            words = tuple(w.translate(QUOTES) for w, _, _ in sent[i:j])
            ent = forms[words][1] if words in forms else next(
                e for toks, (f, e) in forms.items() if len(toks) == j - i
                and _accepts(doc, f, sent[i:j]))
            out[-1] += [(i, j, ent)] if ent is not None else []
    return out


def load(devsets: list[Path], nums: range) -> list[Text]:
    """The texts numbered in `nums` with their oracle mentions; no other gold file is opened."""
    texts = []
    for num, gold, raw, found in golds(devsets, nums):
        lines = found.read_text("utf-8").split("\n")  # the header relates nothing
        lines[:6] = [" " * len(ln) if re.match("(Source|Date):", ln)
                     else re.sub("^Title:", " " * 6, ln) for ln in lines[:6]]
        text = "\n".join(lines)
        forms: Forms = {}
        for f, ent in [(f, e["name"]) for e in raw["entities"]
                       for f in [e["name"], *e.get("aliases", [])]] + [
                (o, None) for o in raw.get("other", [])]:
            if toks := tuple(w.translate(QUOTES) for w in words_of(f)):
                forms.setdefault(toks, (f, ent))  # as align() does: the first form wins
        doc = Tagged(num, gold, [f for f, _ in forms.values()], text, token_sentences(text))
        align(doc)
        starts = [m.start() for m in re.finditer(r"[^\n]+", text)]
        t = Text(num, gold.name, {e["name"]: e["type"] for e in raw["entities"]},
                 {p: v for p, v in gold.pairs.items() if len(p) == 2}, doc.sents,
                 [bisect_right(starts, s[0][1]) - 1 for s in doc.sents], mentions(doc, forms))
        t.bags = bags(t)
        texts.append(t)
    return texts


def ceilings(t: Text) -> Counter[str]:
    """Gold pairs whose ends occur anywhere / in a paragraph / in 2 adjacent sentences / in one."""
    ents = [{m[2] for m in ms} for ms in t.mentions]
    para: dict[int, set[str]] = defaultdict(set)
    for s, p in zip(ents, t.paras, strict=True):
        para[p] |= s
    scopes = {"any": [set().union(*ents)], "para": list(para.values()),
              "adj2": [s | u for s, u in zip(ents, [*ents[1:], set()], strict=True)], "sent": ents}
    return Counter({"gold": len(t.pairs)} | {k: sum(any(pr <= s for s in v) for pr in t.pairs)
                                             for k, v in scopes.items()})


def fit(texts: list[Text]) -> Callable[[list[Text]], list[Scored]]:
    """Train on `texts`' candidates; what scores other texts' candidates."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    rows = [b for t in texts for b in t.bags.values()]
    seen = Counter(k for f in rows for k in f)
    dv = DictVectorizer().fit([{k: v for k, v in f.items() if seen[k] >= 2} for f in rows])

    def matrix(rows: list[Bag]) -> Any:  # liblinear insists on 32-bit indices
        M = dv.transform(rows).tocsr()
        M.indices, M.indptr = M.indices.astype("int32"), M.indptr.astype("int32")
        return M

    clf = LogisticRegression(C=0.3, class_weight="balanced", solver="liblinear", max_iter=3000)
    clf.fit(matrix(rows), [pr in t.pairs for t in texts for pr in t.bags])

    def score(tests: list[Text]) -> list[Scored]:
        keys = [(t, pr) for t in tests for pr in t.bags]
        p = clf.predict_proba(matrix([t.bags[pr] for t, pr in keys]))[:, 1]
        return [(t.num, pr, pr in t.pairs, float(s)) for (t, pr), s in zip(keys, p, strict=True)]
    return score


def cross_validate(texts: list[Text], seed: int) -> list[Scored]:
    """Out-of-fold scores over 5 folds grouped by text (a seeded shuffle)."""
    order = [t.num for t in texts]
    random.Random(seed).shuffle(order)
    fold = {n: i % 5 for i, n in enumerate(order)}
    return [r for k in range(5) for r in fit([t for t in texts if fold[t.num] != k])(
        [t for t in texts if fold[t.num] == k])]


def threshold(scored: list[Scored], pmin: float) -> float:
    """The cut that keeps the most real pairs at precision >= pmin."""
    best, best_tp, tp = float("inf"), 0, 0
    ranked = sorted(scored, key=lambda r: -r[3])
    for i, r in enumerate(ranked):
        tp += r[2]
        last = i + 1 == len(ranked) or ranked[i + 1][3] < r[3]
        if last and tp / (i + 1) >= pmin and tp > best_tp:
            best, best_tp = r[3], tp
    return best


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} % ({a}/{b})" if b else "-"


def row(label: str, kept: list[bool], gold: int, co: int) -> str:
    n, tp = len(kept), sum(kept)
    return f"| {label} | {n} | {tp} | {_pct(tp, n)} | {_pct(tp, gold)} | {_pct(tp, co)} |"


def results(scored: list[Scored], texts: list[Text], cuts: dict[str, float], label: str) -> str:
    """Predicted, real, precision and recall at each threshold and with no model."""
    gold, co = (sum(ceilings(t)[k] for t in texts) for k in ("gold", "sent"))
    return "\n".join([f"| {label} | threshold | predicted | real | precision | recall, all gold "
                      "| recall, co-occurring gold |", "|---|---|---|---|---|---|---|"] + [
        row(f"{name} | {cut:.3f}", [r[2] for r in scored if r[3] >= cut], gold, co)
        for name, cut in [*cuts.items(), ("every co-occurring pair (no model)", 0.0)]]) + "\n"


def main(argv: list[str]) -> None:
    args = split_parser(__doc__, "only cross-validate on the training texts; open no test "
                                 "text").parse_args(argv)
    if importlib.util.find_spec("sklearn") is None:
        raise SystemExit("needs scikit-learn, which is not a project dependency: "
                         "pip install scikit-learn")
    started = time.perf_counter()
    docs, tests, test_to = split(args, load)
    runs = [cross_validate(docs, seed) for seed in (0, 1, 2)]
    cuts = {f"precision >= {p} %": sum(threshold(s, p / 100) for s in runs) / 3 for p in (40, 60)}
    ceil = {f"{g[0].num:02d}-{g[-1].num:02d}": sum(map(ceilings, g), Counter())
            for g in (docs, tests) if g}
    print("| gold pairs whose ends occur | "
          + " | ".join(f"{k} ({c['gold']} pairs)" for k, c in ceil.items()) + " |\n|---|"
          + "---|" * len(ceil))
    for key, title in (("any", "anywhere"), ("para", "in one paragraph"),
                       ("adj2", "within 2 adjacent sentences"), ("sent", "in one sentence")):
        print(f"| {title} | " + " | ".join(_pct(c[key], c["gold"]) for c in ceil.values()) + " |")
    print("\n" + results(runs[0], docs, cuts, f"CV {len(docs)} texts, seed 0"))
    if tests:
        scored, p40 = fit(docs)(tests), cuts["precision >= 40 %"]
        print(results(scored, tests, cuts, f"TEST {args.test_from:02d}-{test_to:02d}"))
        print("| text at the 40 % threshold | gold pairs | co-occurring | predicted | real "
              "| precision | recall, all gold | recall, co-occurring gold |\n" + "|---" * 8 + "|")
        for t in tests:
            c = ceilings(t)
            kept = [r[2] for r in scored if r[0] == t.num and r[3] >= p40]
            print(row(f"{t.name[:40]} | {c['gold']} | {c['sent']}", kept, c["gold"], c["sent"]))
    print(f"\n{time.perf_counter() - started:.0f} s (training texts {len(docs)})")


if __name__ == "__main__":
    main(sys.argv[1:])
