"""Fact stubs: a suggested fact for each pair of entities one sentence names, with the
sentence as evidence, a relationship type from trigger words, direction from word order
and a status from attribution cues (all from the vocabulary's drafting data)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from techkg.loaders.draft_names import headline
from techkg.loaders.draft_text import Mention, Sentence, evidence
from techkg.vocabulary import Trigger, drafting, vocabulary


@dataclass
class Stub:
    subject: str
    type: str
    object: str
    status: str
    evidence: list[str]
    comment: str


@cache
def _word(word: str) -> re.Pattern[str]:
    left = r"(?<![\w-])" if word[:1].isalnum() else ""
    return re.compile(left + re.escape(word).replace(r"\ ", r"\s+") + r"(?![\w])",
                      re.IGNORECASE if not word.isupper() else 0)


def _trigger(text: str) -> tuple[Trigger, str] | None:
    """The first trigger (vocabulary order) any of whose words occurs in `text`."""
    for trig in drafting().triggers:
        for word in trig.words:
            if _word(word).search(text):
                return trig, word
    return None


def suggest(sentence: Sentence, a: Mention, b: Mention, types: dict[str, str]
            ) -> tuple[str, str, str, str]:
    """(subject, type, object, why) for the pair a, b (a named first)."""
    d = drafting()
    between = sentence.text[a.end - sentence.start:b.start - sentence.start]
    if types[b.key] == "Place" and re.search(r"(?:\bin|\bat|\bfrom|\bof|,)\s+(?:the\s+)?$",
                                            between):
        return a.key, "LOCATED_IN", b.key, f"{types[b.key]} right after {between.split()[-1]!r}"
    found = _trigger(between)
    if found is None:
        for key, other in ((b.key, a.key), (a.key, b.key)):
            if types[key] in d.object_type_defaults:
                return other, d.object_type_defaults[types[key]], key, \
                    f"no trigger word; the {types[key]} is the object"
        found = _trigger(sentence.text)
    if found is None:
        return a.key, d.default_relationship, b.key, \
            f"no trigger word: {d.default_relationship} is a placeholder"
    trig, word = found
    subject, obj = (b.key, a.key) if trig.reverse else (a.key, b.key)
    return subject, trig.rel_type, obj, f"{word!r} suggests {trig.rel_type}"


def status(text: str) -> tuple[str, str | None]:
    """The most contested status whose cue occurs in `text` (reported if none)."""
    hits = [(s, cue) for s, cues in drafting().status_cues.items() for cue in cues
            if _word(cue).search(text)]
    if not hits:
        return "reported", None
    best = vocabulary().strongest_status([s for s, _ in hits])
    return best, next(cue for s, cue in hits if s == best)


PRONOUN = re.compile(r"\b(?:it|its|they|their|he|his|she|her)\b", re.IGNORECASE)


_THE = re.compile(r"\bthe((?:\s+[a-z][\w-]*){1,3})")


def _named(s: Sentence, inside: list[Mention], focus: Mention | None,
           recent: list[Mention], heads: dict[str, str]) -> list[Mention]:
    """The entities a sentence names, first mention each. The draft's guesses at references:
    a pronoun before any name stands for the previous sentence's first-named entity; "the
    university" for the entity last named with that head word ("Beta University")."""
    firsts: dict[str, Mention] = {}
    for m in inside:
        firsts.setdefault(m.key, m)
    named = list(firsts.values())
    pronoun = PRONOUN.search(s.text)
    if pronoun and named and s.start + pronoun.start() > named[0].start:
        pronoun = None  # "X denied that it ...": it is X
    if focus is not None and pronoun and focus.key not in firsts and named:
        named.append(Mention(s.start + pronoun.start(), s.start + pronoun.end(), focus.key,
                             pronoun[0]))
    for the in _THE.finditer(s.text):
        words = the[1].split()
        ref = next((m for w in reversed(words) for m in reversed(recent)
                    if heads.get(m.key) == w and m.key not in firsts), None)
        if ref is not None and (inside or pronoun):
            firsts[ref.key] = Mention(s.start + the.start(), s.start + the.end(), ref.key,
                                      the[0])
            named.append(firsts[ref.key])
    named.sort(key=lambda m: m.start)
    return named


def stubs(sents: list[Sentence], mentions: list[Mention], types: dict[str, str],
          max_gap: int, heads: dict[str, str] | None = None) -> list[Stub]:
    """Stubs for every sentence naming two or more entities; a stub repeated by a later
    sentence (same subject, type, object) collects that sentence as more evidence."""
    out: dict[tuple[str, str, str], Stub] = {}
    i = 0
    focus: Mention | None = None
    recent: list[Mention] = []
    for s in sents:
        if headline(s):  # a headline repeats what the body says
            continue
        inside = []
        while i < len(mentions) and mentions[i].start < s.end:
            if mentions[i].start >= s.start:
                inside.append(mentions[i])
            i += 1
        named = _named(s, inside, focus, recent, heads or {})
        if inside:
            focus = inside[0]
        recent = (recent + inside)[-12:]
        for x, a in enumerate(named):
            for b in named[x + 1:x + 1 + max_gap]:
                subject, rel, obj, why = suggest(s, a, b, types)
                st, cue = status(s.text)
                quote = evidence(s, a, b)
                key = (subject, rel, obj)
                if key in out:
                    if quote not in out[key].evidence:
                        out[key].evidence.append(quote)
                    continue
                ref = next((m for m in (a, b) if PRONOUN.fullmatch(m.surface)
                            or m.surface.startswith("the")), None)
                if ref is not None:
                    why += f"; {ref.surface!r} taken to mean {ref.key}"
                comment = why + (f"; status from {cue!r}" if cue else "")
                out[key] = Stub(subject, rel, obj, st, [quote], comment)
    return list(out.values())
