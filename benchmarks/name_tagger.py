"""The learned name tagger `techkg draft` ships: trains it, and measures it (not asserted).

A CRF sequence tagger trained on our own hand-written gold (benchmarks/devset) marks where
names start and end; loaders/draft/tagger.py runs the shipped model (names.crfsuite) beside
the drafting rules. This script trains that model from the dev texts (kept outside the
project) and measures a tagger alone on texts it has not seen.

Protocol: train on the texts numbered below --test-from, tag the texts --test-from..--test-to
once and score them. --cv instead cross-validates on the training texts (5 folds grouped by
text, fixed by a seeded shuffle, pooled) and opens no test text. No other gold file is read.
--save MODEL trains on the texts below --test-from and writes the model, testing nothing.

  tokens    the draft's sentences (loaders/draft/text.py), cut into words by tagger.TOKEN:
            `U.S.`-style abbreviations, words with an inner - ' ’ &, a possessive 's alone,
            other characters one by one
  labels    untyped B-ENT/I-ENT on each gold name, alias and `other` name the text writes,
            longest first: exact case, then all-caps or first-letter case; ’ and ' alike
  features  the product's (tagger.featurize): word, shapes, 1-3 letter affixes,
            capitalisation, digits, punctuation, word lists (words.yaml's organisation words,
            titles and small words; the months), words ±2, bigrams, how often the word is
            capitalised elsewhere in the text; crfsuite L-BFGS, 150 iterations,
            c1 = c2 = 0.1 (chosen by the cross-validation)
  scoring   as draft_devset.py: each distinct predicted span is a candidate; entity recall
            counts gold entities some candidate names (same form case-blind, or rapidfuzz
            token_sort_ratio >= 85); candidate precision, candidates that name a gold entity
            or an `other` name; recall is also split by the gold name's first letter

    python benchmarks/name_tagger.py DEVSET_FOLDER... [--test-from 42] [--test-to 49] [--cv]
    python benchmarks/name_tagger.py DEVSET_FOLDER... --test-from 101 \
        --save loaders/draft/names.crfsuite             # the shipped model: texts 01-100

A text is looked up as `<gold name>.txt` in the folders given, in order; --test-to defaults to
the highest gold number whose text is there.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import yaml
from draft_devset import GOLD, Gold, _norm, read_gold
from draft_recall import match

from techkg.loaders.draft import Features, Token, featurize, token_sentences, words_of

T = TypeVar("T")


QUOTES = str.maketrans("’‘“”", "''\"\"")  # curly and straight quotes are the same


@dataclass
class Doc:
    num: int
    gold: Gold
    forms: list[str]  # gold names and aliases, then `other` names, as written in the gold
    text: str
    sents: list[list[Token]]
    labels: list[list[str]] = field(default_factory=list)  # training texts only


def align(doc: Doc) -> None:
    """Label the gold's names where the text writes them, so training needs no span gold."""
    written = [tuple(w.translate(QUOTES) for w in words_of(f)) for f in doc.forms]
    forms = sorted((list(f) for f in dict.fromkeys(written) if f), key=lambda f: -len(f))
    doc.labels = []
    for sent in doc.sents:
        words = [w.translate(QUOTES) for w, _, _ in sent]
        lab = ["O"] * len(words)
        for case_blind in (False, True):
            for toks in forms:
                n = len(toks)
                for i in range(len(words) - n + 1):
                    span, joined = words[i:i + n], " ".join(words[i:i + n])
                    if any(lab[i + k] != "O" for k in range(n)):
                        continue
                    if not case_blind:
                        ok = span == toks
                    else:  # an all-caps form, or only the first letter's case differs
                        ok = (span != toks and joined.lower() == " ".join(toks).lower()
                              and ((joined.isupper() and any(c.isalpha() for c in joined))
                                   or (span[0][1:] == toks[0][1:] and span[1:] == toks[1:])))
                    if ok:
                        lab[i:i + n] = ["B-ENT"] + ["I-ENT"] * (n - 1)
        doc.labels.append(lab)


def doc_features(doc: Doc) -> list[list[Features]]:
    """The product's word features of each sentence of the text (loaders/draft/tagger.py)."""
    return featurize(doc.sents)


def text_path(devsets: list[Path], name: str) -> Path | None:
    """`<name>.txt` in the first of the folders that holds it."""
    return next((f / f"{name}.txt" for f in devsets if (f / f"{name}.txt").is_file()), None)


def last_with_text(devsets: list[Path]) -> int:
    """The highest gold number whose text the folders hold (newer gold may have none here)."""
    return max([int(p.name.split("_")[0]) for p in GOLD.glob("*.gold.yaml")
                if text_path(devsets, p.name.removesuffix(".gold.yaml"))], default=0)


def golds(devsets: list[Path], nums: range) -> Iterator[tuple[int, Gold, dict, Path]]:
    """(number, gold, the gold file as read, text path) of the texts numbered in `nums`, in
    order; no other gold file is opened, and a missing text stops the run."""
    for path in sorted(GOLD.glob("*.gold.yaml")):
        if (num := int(path.name.split("_")[0])) not in nums:
            continue
        gold, raw = read_gold(path), yaml.safe_load(path.read_text("utf-8"))
        if (found := text_path(devsets, gold.name)) is None:
            raise SystemExit(f"{gold.name}.txt is in none of: {', '.join(map(str, devsets))}")
        yield num, gold, raw, found


def load(devsets: list[Path], nums: range) -> list[Doc]:
    """The gold and text of the texts numbered in `nums`."""
    docs = []
    for num, gold, raw, found in golds(devsets, nums):
        forms = [f for e in raw["entities"] for f in [e["name"], *e.get("aliases", [])]]
        text = found.read_text("utf-8")
        docs.append(Doc(num, gold, forms + raw.get("other", []), text,
                        token_sentences(text)))
    return docs


def train(crf: ModuleType, docs: list[Doc], c1: float, c2: float, model: str) -> float:
    """Train a model file from the aligned docs; the seconds it took (features included)."""
    started = time.perf_counter()
    trainer = crf.Trainer(verbose=False)
    for doc in docs:
        for x, y in zip(doc_features(doc), doc.labels, strict=True):
            trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": 150,
                        "feature.possible_transitions": True})
    trainer.train(model)
    return time.perf_counter() - started


def tag(crf: ModuleType, doc: Doc, model: str) -> dict[str, int]:
    """Tag one text and score its distinct predicted spans against its gold."""
    tagger = crf.Tagger()
    tagger.open(model)
    names: set[str] = set()
    for sent, x in zip(doc.sents, doc_features(doc), strict=True):
        start = None
        for i, lab in enumerate([*tagger.tag(x), "O"]):
            if start is not None and lab != "I-ENT":
                names.add(_norm(doc.text[sent[start][1]:sent[i - 1][2]]))
                start = None
            if lab == "B-ENT" or (lab == "I-ENT" and start is None):
                start = i
    tagger.close()
    names.discard("")
    gold, other = doc.gold.entities, {"other": doc.gold.other}
    hits = {c: match({c}, gold) for c in names}
    found = {h for h in hits.values() if h}
    s = {"gold": len(gold), "found": len(found), "cands": len(names),
         "real": sum(h is not None or c in doc.gold.other or match({c}, other) is not None
                     for c, h in hits.items())}
    for kind, test in (("cap", str.isupper), ("low", str.islower)):
        of_kind = [n for n in gold if test(n.strip()[:1])]
        s[kind + " gold"], s[kind + " found"] = len(of_kind), len(found.intersection(of_kind))
    return s


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} % ({a}/{b})" if b else "-"


ROWS = [("entity recall", "found", "gold"), ("candidate precision", "real", "cands"),
        ("… recall, capitalised gold names", "cap found", "cap gold"),
        ("… recall, lower-case gold names", "low found", "low gold")]


def table(scores: dict[int, dict[str, int]], label: str) -> str:
    total = {k: sum(s[k] for s in scores.values()) for k in scores[min(scores)]}
    lines = [f"| measure | {label} | " + " | ".join(f"{n:02d}" for n in scores) + " |",
             "|---|---|" + "---|" * len(scores)]
    for title, num, den in ROWS:
        cells = " | ".join(_pct(s[num], s[den]) for s in scores.values())
        lines.append(f"| {title} | {_pct(total[num], total[den])} | {cells} |")
    return "\n".join(lines) + "\n"


def cross_validate(crf: ModuleType, docs: list[Doc], c1: float, c2: float, model: str
                   ) -> tuple[dict[int, dict[str, int]], float]:
    """Scores of each text by a model trained on the other folds; mean training seconds."""
    order = [d.num for d in docs]
    random.Random(0).shuffle(order)
    fold = {n: i % 5 for i, n in enumerate(order)}
    scores: dict[int, dict[str, int]] = {}
    secs = 0.0
    for k in range(5):
        secs += train(crf, [d for d in docs if fold[d.num] != k], c1, c2, model)
        scores.update({d.num: tag(crf, d, model) for d in docs if fold[d.num] == k})
    return dict(sorted(scores.items())), secs / 5


def split_parser(doc: str, cv_help: str) -> argparse.ArgumentParser:
    """The arguments every dev-set measurement takes: the folders, the test range, --cv."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("devset", type=Path, nargs="+",
                        help="the folders holding the dev-set texts (searched in order)")
    parser.add_argument("--test-from", type=int, default=42,
                        help="first test text; lower numbers train (42)")
    parser.add_argument("--test-to", type=int,
                        help="last test text (the highest gold number whose text is found)")
    parser.add_argument("--cv", action="store_true", help=cv_help)
    return parser


def split(args: argparse.Namespace, load: Callable[[list[Path], range], list[T]]
          ) -> tuple[list[T], list[T], int]:
    """The training texts, the test texts (none with --cv: they stay unopened) and the last
    test number, each loaded by `load`."""
    test_to = args.test_to or last_with_text(args.devset)
    docs = load(args.devset, range(1, args.test_from))
    tests = [] if args.cv else load(args.devset, range(args.test_from, test_to + 1))
    if not docs or not (tests or args.cv):
        raise SystemExit(f"no gold text numbered below {args.test_from} or in "
                         f"{args.test_from}..{test_to}")
    return docs, tests, test_to


def main(argv: list[str]) -> None:
    parser = split_parser(__doc__, "cross-validate on the training texts instead of testing")
    parser.add_argument("--c1", type=float, default=0.1, help="L1 weight (0.1)")
    parser.add_argument("--c2", type=float, default=0.1, help="L2 weight (0.1)")
    parser.add_argument("--save", type=Path, metavar="MODEL",
                        help="train on the texts below --test-from, write the model to MODEL "
                             "(the product's: loaders/draft/names.crfsuite) and test nothing")
    args = parser.parse_args(argv)
    import pycrfsuite as crf
    if args.save:
        docs = load(args.devset, range(1, args.test_from))
        for doc in docs:
            align(doc)
        secs = train(crf, docs, args.c1, args.c2, str(args.save))
        first, last = min(d.num for d in docs), max(d.num for d in docs)
        print(f"trained on {len(docs)} texts ({first:02d}-{last:02d}) in "
              f"{secs:.1f} s: {args.save}, {args.save.stat().st_size:,} bytes")
        return
    docs, tests, test_to = split(args, load)
    for doc in docs:
        align(doc)
    scores: dict[int, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:  # the model never lands in the project
        model = os.path.join(tmp, "names.crfsuite")
        if args.cv:
            scores, secs = cross_validate(crf, docs, args.c1, args.c2, model)
            print(table(scores, f"5-fold CV, {len(docs)} texts") + f"\ntraining {secs:.1f} s "
                  f"per fold (c1 {args.c1}, c2 {args.c2})")
            return
        secs = train(crf, docs, args.c1, args.c2, model)
        size = os.path.getsize(model)
        times: list[float] = []
        for doc in tests:
            started = time.perf_counter()
            scores[doc.num] = tag(crf, doc, model)
            times.append(time.perf_counter() - started)
    print(table(scores, f"test {args.test_from:02d}-{test_to:02d} ({len(scores)} texts)")
          + f"\ntrained on {len(docs)} texts (c1 {args.c1}, c2 {args.c2}) in {secs:.1f} s; "
          f"model {size:,} bytes; tagging {min(times):.2f}-{max(times):.2f} s per text")


if __name__ == "__main__":
    main(sys.argv[1:])
