"""Reading an article's text for a draft: sentences, mentions of names, dates, evidence quotes.

Everything here works on character offsets into the article text, so a quote cut from it is
verbatim by construction.

Sentence splitting stays hand-written, measured against pysbd 0.3.4 (rule-based, no model):
with pysbd the drafts of the five corpus articles and of the three tuning texts of the dev set
found the same entities and pairs (one more junk candidate), and pysbd keeps a closing quote
with its footnote mark and the next sentence together ("… superpower.”[40] This strategy …")
and glues a footnote mark to the next sentence, which the rules below split cleanly. Measured
again on the nine dev texts: pysbd lost a pair and a real candidate and added eight stubs
(none real); spaCy 3.8's blank English pipeline with its rule-based sentencizer found the same
pairs with three more stubs and six fewer real candidates, at twice the time. Neither is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from techkg.loaders.draft.words import drafting
from techkg.loaders.extract.model import MAX_QUOTE

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# a footnote mark after the full stop ("… 2018). [2] As part …") goes with neither sentence
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"”’)]*(?:\s*\[\d{1,3}[a-z]?\](?:,\s*\[\d{1,3}[a-z]?\])*)?\s+"
    r"(?=[\"“‘(]?[A-Z0-9])")
_CLAUSE = re.compile(r"[,;:]\s+|\s+[—–]\s+")


@dataclass(frozen=True)
class Sentence:
    """A sentence as offsets into the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """Where an entity's surface form occurs in the text."""

    start: int
    end: int
    key: str
    surface: str


def sentences(text: str) -> list[Sentence]:
    """Sentences, never across a line break; no split after an abbreviation or an initial."""
    abbreviations = drafting().abbreviations
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        lead = re.match(r"\s*(?:[-*•]\s+)?", line[0])
        start += lead.end() if lead else 0
        cuts = []
        for b in _BOUNDARY.finditer(text, start, line.end()):
            word = text[:b.start()].rsplit(None, 1)[-1].lstrip("(“\"‘")
            following = re.match(r"[\"“‘(]?(\w+)", text[b.end():])
            ends = (following is not None and following[1] in drafting().leading_words
                    and word not in drafting().person_titles)  # "… Inc. The …": two sentences
            # "… CNEX Labs, Inc. Huawei attempted …": a legal suffix, then a name and a verb
            ends = ends or word in drafting().legal_suffixes and bool(re.match(
                r"[A-Z][\w’'-]*\s+[a-z]", text[b.end():]))
            if word in abbreviations and not ends or re.fullmatch(r"[A-Z]\.", word):
                continue
            if bill_number().match(text, b.start() - len(word)):  # "H.R. 2683", "P.L. 117-78"
                continue
            cuts.append(b)
        for b in cuts:
            out.append(_sentence(text, start, b.start()))
            start = b.end()
        out.append(_sentence(text, start, line.end()))
    return [s for s in out if s.text]


@cache
def bill_number() -> re.Pattern[str]:
    """A bill's or a law's number: "H.R. 2683", "S. 1260", "H.Res. 11", "P.L. 117-78"."""
    prefixes = "|".join(re.escape(p).replace(r"\ ", r"\s") for p in
                        sorted(drafting().bill_prefixes, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{prefixes})\s?\d{{1,4}}(?:-\d{{1,4}})?(?![\w-])")


def _sentence(text: str, start: int, end: int) -> Sentence:
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end])


def form_pattern(form: str) -> re.Pattern[str]:
    """A name as a pattern: word-bounded, case-insensitive unless it is an acronym (no
    lower-case letter), exact for Chinese; typographic quotes and spacing tolerated."""
    body = re.escape(form.strip())
    body = re.sub(r"(\\ )+", r"\\s+", body)
    body = re.sub("['’]", "['’]", body)  # (one pass: a second would rewrite the first's class)
    if CJK.search(form):
        return re.compile(body)
    left = r"(?<![\w])" if form[:1].isalnum() else ""
    right = r"(?![\w])" if form[-1:].isalnum() or form.endswith(".") else ""
    flags = 0 if not re.search(r"[a-z]", form) else re.IGNORECASE
    return re.compile(left + body + right, flags)


def find_mentions(text: str, forms: dict[str, str],
                  within: list[tuple[Mention, Mention]] | None = None) -> list[Mention]:
    """Non-overlapping mentions of the given forms (form -> key), longest match first; with
    `within`, also collects (outer, inner) for each other name printed inside a mention."""
    found: list[Mention] = []
    for form, key in forms.items():
        if len(form.strip()) < 2:
            continue
        for m in form_pattern(form).finditer(text):
            found.append(Mention(m.start(), m.end(), key, m[0]))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[Mention] = []
    for m in found:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    if within is not None:
        for m in found:
            outer = next((t for t in taken if t.start <= m.start and m.end <= t.end
                          and t.key != m.key and (t.start, t.end) != (m.start, m.end)), None)
            if outer is not None and (outer, m) not in within:
                within.append((outer, m))
        for outer, a in list(within):  # "… Plan of the Research Center of Beta University":
            for o2, b in list(within):   # a unit and whose it is, inside a title
                if o2 == outer and b.end <= a.end and a.key != b.key and (a, b) not in within \
                        and text[a.start:b.start].endswith(" of ") and not any(
                            o3 == outer and c.start <= b.start and b.end <= c.end and c != b
                            and c != a for o3, c in within):
                    within.append((a, b))
        within.sort(key=lambda pair: pair[1].start)
    return sorted(taken, key=lambda m: m.start)


def evidence(sentence: Sentence, first: Mention, last: Mention) -> str:
    """The sentence as a quote of at most MAX_QUOTE characters that keeps both mentions:
    whole clauses around them, or the two clauses joined by an ellipsis."""
    text = sentence.text
    if len(text) <= MAX_QUOTE:
        return text
    cuts = [0] + [m.end() for m in _CLAUSE.finditer(text)] + [len(text)]
    clauses = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
    a0, b0 = first.start - sentence.start, last.end - sentence.start

    def index(pos: int) -> int:
        return next(i for i, (a, b) in enumerate(clauses) if a <= pos < b or b == len(text))

    lo, hi = index(a0), index(max(b0 - 1, a0))
    if _clip(text, clauses[lo][0], clauses[hi][1]) is not None:
        grown = True
        while grown:  # widen, a clause at a time, while it fits
            grown = False
            if lo > 0 and _clip(text, clauses[lo - 1][0], clauses[hi][1]) is not None:
                lo, grown = lo - 1, True
            if hi + 1 < len(clauses) and _clip(text, clauses[lo][0], clauses[hi + 1][1]):
                hi, grown = hi + 1, True
        return _clip(text, clauses[lo][0], clauses[hi][1]) or ""
    if b0 - a0 <= MAX_QUOTE - 10:  # one window holds both (or the one) mention
        return _window(text, a0, b0, MAX_QUOTE - 10)
    left = _window(text, a0, first.end - sentence.start, MAX_QUOTE // 2 - 3)
    right = _window(text, b0 - (last.end - last.start), b0, MAX_QUOTE // 2 - 3)
    return f"{left} … {right}"


def _clip(text: str, a: int, b: int) -> str | None:
    part = text[a:b].strip().rstrip(",;:—–").strip()
    return part if len(part) <= MAX_QUOTE else None


def _window(text: str, a: int, b: int, size: int) -> str:
    """About `size` characters around text[a:b], cut at word boundaries."""
    pad = max(0, (size - (b - a)) // 2)
    lo, hi = max(0, a - pad), min(len(text), b + pad)
    while lo > 0 and not text[lo - 1].isspace() and lo < a:
        lo += 1
    while hi < len(text) and not text[hi].isspace() and hi > b:
        hi -= 1
    return text[lo:hi].strip()[:size].strip()


def headline(s: Sentence) -> bool:
    """A headline (most words capitalised, no full stop): every word would look like a name."""
    words = re.findall(r"[A-Za-z][\w’'.-]*", s.text)
    last = words[-1] if words else ""
    if s.text.endswith(".") and last not in drafting().organisation_words:
        return False
    return len(words) >= 4 and sum(w[0].isupper() for w in words) > 0.7 * len(words)
