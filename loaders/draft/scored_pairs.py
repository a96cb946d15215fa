"""Stubs for two names in one sentence that no cue relates, kept where a learned score says
such pairs are as often real as the cued ones.

A stub needs a cue word (relations.py), and in twenty-three rounds the share of gold pairs
the stubs reach never passed a tenth on unseen texts: most related pairs are stated without
a trigger between the names ("A, B's partner", "A and B's joint lab"). A logistic regression
trained on the dev set's gold (benchmarks/uncued_pairs.py --save) scores each pair of drafted
entities that share a sentence and have no stub, from the words between and around the two
names, their types and the punctuation between. Out of fold on the spent texts, the pairs
kept from MIN_SCORE were real as often as the cued stubs (39 %) and took the stubs from 21 to
30 % of the gold pairs (docs/adding-an-article.md, the twenty-fourth round).

The type and the direction of such a stub are learned the same way (the twenty-fifth round):
one score per relationship type, the highest wins, and one for whether the first-named is
the subject. The weights (pair_weights.json) are linear scores over a pair's features: each
is a sum and, for the pair score, a logistic function, so scoring needs no library
(scikit-learn, which trains them, brings about 100 MB of numpy and scipy for dot products).

Such a stub says it has no cue and what it scored, and asks the reviewer to check its type
and direction; its status comes from the same cues as every stub's.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from techkg.errors import TechKGError
from techkg.loaders.draft.names import FIELD
from techkg.loaders.draft.pairs import LOW
from techkg.loaders.draft.relations import Stub, stub_status
from techkg.loaders.draft.text import Mention, Sentence, evidence
from techkg.loaders.draft.words import drafting
from techkg.loaders.extract.evidence import quote_problem
from techkg.vocabulary import vocabulary

WEIGHTS_FILE = "pair_weights.json"
# the least score a pair is kept from; chosen by cross-validation on the spent dev texts: the
# most pairs with the share of real stubs no lower than the cued stubs'
MIN_SCORE = 0.6
MAX_NAMES = 12  # a sentence naming more entities is a list: its pairs are not scored
WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


@dataclass(frozen=True)
class PairCandidate:
    """Two drafted entities a sentence names (their first mentions there), with no stub."""

    sentence: Sentence
    first: Mention
    second: Mention
    features: dict[str, int]


def features(sentence: Sentence, first: Mention, second: Mention, names_between: int,
             types: dict[str, str]) -> dict[str, int]:
    """What the score reads of a pair: the types, the words between and around, the gap."""
    gap = sentence.text[first.end - sentence.start:second.start - sentence.start]
    words = WORD.findall(gap.lower())
    f = {"t=" + "|".join(sorted((types[first.key], types[second.key]))): 1,
         f"d={min(len(words) // 3, 5)}": 1, f"n={min(names_between, 3)}": 1,
         "comma": int("," in gap), "semi": int(";" in gap or ":" in gap),
         "paren": int("(" in gap), "poss": int(gap.strip() in ("'s", "’s")),
         "adjacent": int(not words)}
    f.update({"w=" + w: 1 for w in words[:12]})
    if words:
        f["w0=" + words[0]] = f["wl=" + words[-1]] = 1
    before = WORD.findall(sentence.text[:first.start - sentence.start].lower())[-2:]
    after = WORD.findall(sentence.text[second.end - sentence.start:].lower())[:2]
    f.update({"b=" + w: 1 for w in before})
    f.update({"a=" + w: 1 for w in after})
    return f


def candidates(sents: list[Sentence], forms: dict[str, list[str]], types: dict[str, str],
               stubbed: set[frozenset[str]]) -> list[PairCandidate]:
    """Every pair of entities (by `forms`: key -> names) a sentence names, with no stub."""
    patterns = {k: [re.compile(rf"(?<!\w){re.escape(f)}(?!\w)") for f in names if len(f) >= 2]
                for k, names in forms.items()}
    out: list[PairCandidate] = []
    seen: set[frozenset[str]] = set()
    for s in sents:
        if FIELD.match(s.text):
            continue
        named = []
        for key, pats in patterns.items():
            hit = next((m for p in pats for m in [p.search(s.text)] if m), None)
            if hit is not None:
                named.append(Mention(s.start + hit.start(), s.start + hit.end(), key, hit[0]))
        named.sort(key=lambda m: (m.start, m.end))
        if len(named) > MAX_NAMES:
            continue
        for i, a in enumerate(named):
            for j in range(i + 1, len(named)):
                b = named[j]
                pair = frozenset((a.key, b.key))
                if len(pair) < 2 or pair in stubbed or pair in seen:
                    continue
                seen.add(pair)
                out.append(PairCandidate(s, a, b, features(s, a, b, j - i - 1, types)))
    return out


@dataclass(frozen=True)
class Linear:
    """One learned linear score: an intercept and a weight per feature."""

    intercept: float
    weights: dict[str, float]

    def z(self, feats: dict[str, int]) -> float:
        return self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())


@dataclass(frozen=True)
class Weights:
    """The shipped scores: is the pair related; which type; is the first-named the subject."""

    related: Linear
    types: dict[str, Linear]
    first_is_subject: Linear | None


def _linear(raw: dict) -> Linear:
    return Linear(float(raw["intercept"]), {k: float(v) for k, v in raw["weights"].items()})


@cache
def _weights() -> Weights:
    """The shipped weights, read once; every type they name must be the vocabulary's."""
    raw = json.loads((resources.files(__package__) / WEIGHTS_FILE).read_text("utf-8"))
    known = vocabulary().relationship_types
    if unknown := sorted(set(raw.get("types", {})) - set(known)):
        raise TechKGError(f"{WEIGHTS_FILE}: unknown relationship types {unknown}")
    return Weights(_linear(raw), {t: _linear(w) for t, w in raw.get("types", {}).items()},
                   _linear(raw["first_is_subject"]) if "first_is_subject" in raw else None)


def score(feats: dict[str, int]) -> float:
    """The learned probability that the two names are a related pair."""
    return 1 / (1 + math.exp(-_weights().related.z(feats)))


def kept(found: list[PairCandidate]) -> list[tuple[PairCandidate, float]]:
    """The candidates scored at least MIN_SCORE, best first."""
    scored = [(c, score(c.features)) for c in found]
    return sorted([(c, p) for c, p in scored if p >= MIN_SCORE], key=lambda cp: -cp[1])


def kind_named(c: PairCandidate, types: dict[str, str]) -> bool:
    """Whether an end is of a kind the object defaults type (a place, a technology …): where
    the benchmark tries the placeholder instead of the learned type (it does worse there)."""
    kinds = drafting().object_type_defaults
    return types[c.first.key] in kinds or types[c.second.key] in kinds


def oriented(c: PairCandidate, types: dict[str, str], learned: bool = True
             ) -> tuple[Mention, str, Mention]:
    """(subject, type, object) of a scored pair: learned where the weights have a type and a
    direction score (the type scored highest, the first-named the subject when its score is
    positive). Else, or with `learned=False` (the placeholder the benchmark compares), the
    name of a kind the object defaults type (a place, a technology …) is the object
    ("Testville, where A is": A is what is there), else the later name, and the type is that
    kind's default, else the default relationship."""
    w = _weights()
    if learned and w.types and w.first_is_subject is not None:
        rel = max(sorted(w.types), key=lambda t: w.types[t].z(c.features))
        if w.first_is_subject.z(c.features) >= 0:
            return c.first, rel, c.second
        return c.second, rel, c.first
    d = drafting()
    first, second = c.first, c.second
    if types[first.key] in d.object_type_defaults \
            and types[second.key] not in d.object_type_defaults:
        first, second = second, first
    return first, d.object_type_defaults.get(types[second.key], d.default_relationship), second


def scored_stubs(sents: list[Sentence], forms: dict[str, list[str]], types: dict[str, str],
                 drafted: list[Stub]) -> list[Stub]:
    """Stubs for the pairs one sentence names with no stub in `drafted`, where the score keeps
    them, best first; their status as the cued stubs' (relations.stub_status)."""
    stubbed = {frozenset((st.subject, st.object)) for st in drafted}
    out = []
    for c, p in kept(candidates(sents, forms, types, stubbed)):
        quote = evidence(c.sentence, c.first, c.second)
        if quote_problem(quote) is not None:
            continue
        first, rel, second = oriented(c, types)
        text, at = c.sentence.text, c.sentence.start
        after = re.split(r"[,;:.]", text[c.second.end - at:])[0]
        st, cue = stub_status(text, text[c.first.end - at:c.second.start - at],
                              text[:c.first.start - at], after, types, first.key, second.key)
        out.append(Stub(first.key, rel, second.key, st, [quote],
                        f"confidence low: no cue word; a learned score of {p:.2f} for two "
                        "names in one sentence: check the type and the direction"
                        + (f"; status from {cue!r}" if cue else ""), LOW))
    return out
