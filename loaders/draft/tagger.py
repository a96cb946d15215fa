"""Names a learned tagger finds, as candidates beside the rules' (names.py).

Twenty-two rounds of hand rules moved texts they never saw by a few names at a time: on the
unseen dev sets the rules found 42-67 % of the gold entities. A sequence tagger (a CRF, from
python-crfsuite) trained on our own gold for the dev texts marks where a name starts and ends
from the word, its shape, its neighbours and how often the text capitalises it; in
cross-validation grouped by text it found names the rules miss, lower-case ones too
("critical minerals"). docs/adding-an-article.md has the measurements; the model is trained
by benchmarks/name_tagger.py --save from the dev texts (kept outside the project) and
shipped here as names.crfsuite: weights of word features, no text.

The rules keep the say where they named something: a tagged name equal to, inside, or
holding a name the rules found (or an existing extract declares) adds nothing, so the tagger
only adds names the rules have no opinion on, and only those it is sure of
(MIN_CONFIDENCE).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycrfsuite

from techkg.loaders.draft.names import FIELD
from techkg.loaders.draft.text import sentences
from techkg.loaders.draft.words import drafting

MODEL_FILE = "names.crfsuite"
# the least marginal probability of each word of a tagged name; chosen by cross-validation
# on the dev set's spent texts (docs/adding-an-article.md, the twenty-third round)
MIN_CONFIDENCE = 0.8

Token = tuple[str, int, int]  # (word, start, end) in the text
Features = dict[str, object]

TOKEN = re.compile(r"""
    (?:[A-Za-z]\.){2,}(?![A-Za-z])        # U.S.  E.O.
  | \w+(?:[-'’&](?![sS]\b)\w+)*          # words, with - ' ’ & inside (not a possessive)
  | ['’][sS]\b                           # possessive
  | \S                                   # any other character
""", re.VERBOSE)


@dataclass(frozen=True)
class TaggedName:
    """A name as the tagger marks it: its first occurrence and its least sure word."""

    name: str
    start: int
    end: int
    confidence: float


def words_of(name: str) -> list[str]:
    """A name cut into words as the tagger cuts a text (to mark a name where it is written)."""
    return [m[0] for m in TOKEN.finditer(name)]


def token_sentences(text: str) -> list[list[Token]]:
    """The draft's sentences (text.py), each as words and punctuation with text offsets."""
    return [[(m[0], s.start + m.start(), s.start + m.end()) for m in TOKEN.finditer(s.text)]
            for s in sentences(text)]


@cache
def _lists() -> dict[str, frozenset[str]]:
    """The word lists the features read, lower case, from words.yaml (and the months)."""
    d = drafting()
    titles = [*d.person_titles, *d.office_titles, *d.title_modifiers]
    return {
        "org": frozenset(w.casefold() for w in d.organisation_words),
        "titleword": frozenset(p.casefold().rstrip(".") for t in titles for p in t.split()),
        "func": frozenset(w.casefold() for w in d.title_small_words | d.connectors),
        "month": frozenset(m.casefold() for m in calendar.month_name if m),
    }


def _shape(w: str, short: bool = False) -> str:
    s = re.sub(r"[0-9]", "d", re.sub(r"[a-z]", "x", re.sub(r"[A-Z]", "X", w)))
    return re.sub(r"(.)\1+", r"\1", s) if short else s


def _features(sent: list[Token], i: int, cap: Counter[str], low: Counter[str]) -> Features:
    """One word's features; `cap`/`low` count the word capitalised mid-sentence / in lower
    case in the whole text, which tells a name from a sentence's capitalised first word."""
    lists = _lists()
    w = sent[i][0]
    lw = w.lower()
    f: Features = {
        "bias": 1.0, "lower": lw, "shape": _shape(w)[:8], "sshape": _shape(w, True),
        "title": w[:1].isupper(), "upper": w.isupper() and any(c.isalpha() for c in w),
        "digit": any(c.isdigit() for c in w), "alldigit": w.isdigit(),
        "punct": not any(c.isalnum() for c in w), "hyphen": "-" in w,
        "abbr": bool(re.fullmatch(r"(?:[A-Za-z]\.){2,}", w)),
        "len": min(len(w), 10) // 2, "first": i == 0, "last": i == len(sent) - 1,
        "pos": min(i, 3),
    }
    f.update({name: lw in words for name, words in lists.items()})
    for k in range(1, 4):
        f[f"p{k}"], f[f"s{k}"] = lw[:k], lw[-k:]
    c, n = cap.get(lw, 0), low.get(lw, 0)
    f["doc_cap"] = "none" if c == 0 else ("few" if c < 3 else "many")
    f["doc_caprate"] = "na" if c + n == 0 else str(round(4 * c / (c + n)))
    for d in (-2, -1, 1, 2):
        if 0 <= i + d < len(sent):
            v, lv, pre = sent[i + d][0], sent[i + d][0].lower(), f"{d:+d}:"
            f.update({pre + "lower": lv, pre + "shape": _shape(v, True),
                      pre + "title": v[:1].isupper(), pre + "upper": v.isupper(),
                      pre + "org": lv in lists["org"], pre + "titleword": lv in lists["titleword"],
                      pre + "func": lv in lists["func"]})
        else:
            f[f"{d:+d}:pad"] = True
    if i > 0:
        f["bi-1"] = sent[i - 1][0].lower() + "|" + lw
    if i + 1 < len(sent):
        f["bi+1"] = lw + "|" + sent[i + 1][0].lower()
    return f


def featurize(sents: list[list[Token]]) -> list[list[Features]]:
    """Each sentence's word features, the capitalisation counts taken once per text."""
    cap = Counter(w.lower() for s in sents for i, (w, _, _) in enumerate(s)
                  if i and w[:1].isupper())
    low = Counter(w.lower() for s in sents for w, _, _ in s if w[:1].islower())
    return [[_features(s, i, cap, low) for i in range(len(s))] for s in sents]


@cache
def _tagger() -> pycrfsuite.Tagger:
    """The shipped model, opened once (pycrfsuite reads it from a file path)."""
    tagger = pycrfsuite.Tagger()
    with resources.as_file(resources.files(__package__) / MODEL_FILE) as path:
        tagger.open(str(path))
    return tagger


def spans(text: str, sents: list[list[Token]], labels: list[list[str]],
          confidence: list[list[float]]) -> list[TaggedName]:
    """The names a labelling marks (B-ENT, then I-ENT), each with its least sure word."""
    out = []
    for sent, labs, conf in zip(sents, labels, confidence, strict=True):
        start = None
        for i, lab in enumerate([*labs, "O"]):
            if start is not None and lab != "I-ENT":
                out.append(TaggedName(text[sent[start][1]:sent[i - 1][2]], sent[start][1],
                                      sent[i - 1][2], min(conf[start:i])))
                start = None
            if lab == "B-ENT" or (lab == "I-ENT" and start is None):
                start = i
    return out


def tagged_names(text: str) -> list[TaggedName]:
    """Every name the shipped model marks in `text`, in text order, but in a header field
    ("Source: …"), where the rules take no name either."""
    tagger = _tagger()
    sents = token_sentences(text)
    labels, confidence = [], []
    for x in featurize(sents):
        labs = tagger.tag(x)
        labels.append(labs)
        confidence.append([tagger.marginal(lab, i) for i, lab in enumerate(labs)])
    fields = [(s.start, s.end) for s in sentences(text) if FIELD.match(s.text)]
    return [t for t in spans(text, sents, labels, confidence)
            if not any(a <= t.start < b for a, b in fields)]


def norm(name: str) -> str:
    """A name as the tagger and the rules are compared: no leading "the", no possessive."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", name).casefold()


def new_names(text: str, taken: list[str]) -> list[TaggedName]:
    """The names the shipped model marks in `text` that `taken` leaves to it (unclaimed)."""
    return unclaimed(tagged_names(text), taken)


def unclaimed(tagged: list[TaggedName], taken: list[str]) -> list[TaggedName]:
    """The tagged names, at least MIN_CONFIDENCE sure, that are not, are not inside and do not
    hold any of the names `taken` (the rules' and the known entities'): one per name, where it
    is first written, with its surest occurrence's confidence."""
    have = {n for t in taken if (n := norm(t))}
    best: dict[str, TaggedName] = {}
    for t in tagged:
        key = norm(t.name)
        if not key or key in have or any(_within(key, n) or _within(n, key) for n in have):
            continue
        old = best.get(key)
        if old is None or t.confidence > old.confidence:
            best[key] = TaggedName(old.name if old else t.name, old.start if old else t.start,
                                   old.end if old else t.end, t.confidence)
    return [t for t in sorted(best.values(), key=lambda t: t.start)
            if t.confidence >= MIN_CONFIDENCE]


def _within(part: str, whole: str) -> bool:
    """Whether `part` is a word sequence of `whole` ("huawei" in "huawei technologies")."""
    at = whole.find(part)
    while at >= 0:
        end = at + len(part)
        if (at == 0 or not whole[at - 1].isalnum()) and (end == len(whole)
                                                          or not whole[end].isalnum()):
            return True
        at = whole.find(part, at + 1)
    return False
