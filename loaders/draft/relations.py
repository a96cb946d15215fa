"""Fact stubs: a suggested fact for each pair of entities one sentence names, with the
sentence as evidence, a relationship type from trigger words, direction from word order
and a status from attribution cues (all from the vocabulary's drafting data)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from techkg.loaders.draft.lists import unpaired
from techkg.loaders.draft.text import Mention, Sentence, evidence, headline
from techkg.loaders.draft.words import Trigger, drafting
from techkg.vocabulary import vocabulary


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


ACROSS = 3  # a sentence naming one entity is paired with the first few of the sentence before
PRONOUN = re.compile(r"\b(?:it|its|they|their|he|his|she|her)\b", re.IGNORECASE)


_THE = re.compile(r"\b(?:[Tt]he|[Tt]hese|[Tt]hose)((?:\s+[a-z][\w-]*){1,3})")


def _refers(word: str, key: str, heads: dict[str, str], types: dict[str, str]) -> bool:
    """Whether "the <word>" can mean the entity: its head word ("the university" for "Beta
    University"), an organisation word of its type ("the company" for "Delta Robotics Inc."),
    or "the organization" for any organisation."""
    if heads.get(key) == word:
        return True
    etype = types.get(key)
    if word in ("organization", "organisation"):
        return etype not in (None, "Person", "Place", "Technology", "Programme", "Document",
                             "Event")
    return word.islower() and drafting().organisation_words.get(word.capitalize()) == etype


def _named(s: Sentence, inside: list[Mention], focus: Mention | None,
           recent: list[Mention], heads: dict[str, str], types: dict[str, str]
           ) -> list[Mention]:
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
        words = list(re.finditer(r"[a-z][\w-]*", the[1]))
        skip = the.start(1) - the.start()
        ref, end = next(((m, w.end() + skip) for w in reversed(words) for m in reversed(recent)
                         if _refers(w[0], m.key, heads, types) and m.key not in firsts),
                        (None, 0))
        if any(m.start < s.start + the.start() + end and s.start + the.start() < m.end
               for m in inside):
            continue  # the words are (part of) a name: "the hub in Testville"
        if ref is not None and (inside or pronoun):  # the mention ends at the word that refers
            firsts[ref.key] = Mention(s.start + the.start(), s.start + the.start() + end,
                                      ref.key, the[0][:end])
            named.append(firsts[ref.key])
    named.sort(key=lambda m: m.start)
    return named


# a sentence that opens a set ("One of the contracts was with A.") and one that goes on with
# the rest of it ("The other two were with B and C.")
_ONE_OF = re.compile(r"One\s+of\s+(?:the|these|those|its|their)\b")
_THE_OTHER = re.compile(r"(?:The\s+other|The\s+others|The\s+rest|The\s+remaining|Another)\b")
_CITATION = re.compile(r"\([^()]*\b(?:19|20)\d\d\b[^()]*\)")


def _place_reaches(s: Sentence, run: list[Mention], types: dict[str, str]) -> bool:
    """Whether a place named right after `run` goes with its first name: a place goes with
    the name right before it ("Alpha Corp met Beta College in Testville": Beta College), or
    with two joined by "and" ("Alpha College and Beta College in Testville"); the sentence's
    first name is paired with everything anyway."""
    names = [m for m in run if types[m.key] != "Place" and (m.start != run[0].start
                                                             or m is run[0])]
    return len(names) == 1 or len(names) == 2 and bool(re.fullmatch(
        r"\s+and\s+(?:the\s+)?", s.text[names[0].end - s.start:names[1].start - s.start]))


def _both_technologies(a: str, b: str, types: dict[str, str]) -> bool:
    """Two technologies named together ("chips and batteries") are a list, not a fact."""
    return types.get(a) == types.get(b) == "Technology"


def _across(s: Sentence, before: Mention, named: Mention, types: dict[str, str]
            ) -> tuple[str, str, str, str]:
    """(subject, type, object, why) for an entity named in the previous sentence and the one
    entity this sentence names: the earlier one is the subject unless a trigger reverses it."""
    d = drafting()
    why = f"{before.surface!r} named in the sentence before"
    if types[named.key] in d.object_type_defaults:
        return before.key, d.object_type_defaults[types[named.key]], named.key, why
    found = _trigger(s.text)
    if found is None:
        return before.key, d.default_relationship, named.key, why
    trig, word = found
    subject, obj = (named.key, before.key) if trig.reverse else (before.key, named.key)
    return subject, trig.rel_type, obj, f"{why}; {word!r} suggests {trig.rel_type}"


def _within(s: Sentence, within: list[tuple[Mention, Mention]], types: dict[str, str]
            ) -> list[tuple[str, str, str, str, Mention]]:
    """(subject, type, object, why, outer mention) for each name printed inside another in
    the sentence: "the Tianjin offshore base" is LOCATED_IN Tianjin, "MIT's … Laboratory"
    PART_OF MIT."""
    d = drafting()
    out = []
    for outer, inner in within:
        if s.start <= outer.start < s.end and outer.key in types and inner.key in types \
                and not _both_technologies(outer.key, inner.key, types):
            rel = d.object_type_defaults.get(types[inner.key], d.name_within_relationship)
            if rel in ("PARTICIPATES_IN", "ISSUES"):
                rel = d.name_within_relationship
            out.append((outer.key, rel, inner.key,
                        f"{inner.surface!r} is part of the name {outer.surface!r}", outer))
    return out


def stubs(sents: list[Sentence], mentions: list[Mention], types: dict[str, str],
          max_gap: int, heads: dict[str, str] | None = None,
          within: list[tuple[Mention, Mention]] = (), text: str = "") -> list[Stub]:
    """Stubs for every sentence naming two or more entities (and for names printed inside
    another, and for a sentence naming one entity after a sentence of the same paragraph
    naming another: "... the Lizhong Group ... One of the contracts was with UK MQP Limited");
    a stub repeated by a later sentence (same subject, type, object) collects that sentence as
    more evidence."""
    out: dict[tuple[str, str, str], Stub] = {}

    def add(key: tuple[str, str, str], s: Sentence, quotes: list[str], comment: str) -> None:
        if key[0] == key[2]:  # two names of one entity: no fact links an entity to itself
            return
        if key in out:
            out[key].evidence += [q for q in quotes if q not in out[key].evidence]
            return
        st, cue = status(s.text)
        out[key] = Stub(key[0], key[1], key[2], st, quotes,
                        comment + (f"; status from {cue!r}" if cue else ""))

    i = 0
    focus: Mention | None = None
    recent: list[Mention] = []
    prev: tuple[Sentence, list[Mention]] | None = None  # the last sentence naming entities
    opened: tuple[tuple[Sentence, list[Mention]], Sentence] | None = None  # see _ONE_OF
    for s in sents:
        if headline(s):  # a headline repeats what the body says
            continue
        inside = []
        while i < len(mentions) and mentions[i].start < s.end:
            if mentions[i].start >= s.start:
                inside.append(mentions[i])
            i += 1
        named = _named(s, inside, focus, recent, heads or {}, types)
        if inside:
            focus = inside[0]
        # a source cited in brackets ("(Test Gazette, May 4, 2021)") is no antecedent
        cited = [(s.start + c.start(), s.start + c.end()) for c in _CITATION.finditer(s.text)]
        recent = (recent + [m for m in inside
                            if not any(a <= m.start < b for a, b in cited)])[-12:]
        for subject, rel, obj, why, outer in _within(s, within, types):
            add((subject, rel, obj), s, [evidence(s, outer, outer)], why)
        if len(named) == 1 and prev is not None and "\n" not in text[prev[0].end:s.start]:
            for before in prev[1][:ACROSS]:
                if before.key == named[0].key \
                        or _both_technologies(before.key, named[0].key, types):
                    continue
                subject, rel, obj, why = _across(s, before, named[0], types)
                add((subject, rel, obj), s,
                    [evidence(prev[0], before, before), evidence(s, named[0], named[0])], why)
            opened = (prev, s) if _ONE_OF.match(s.text) else None
        elif opened is not None and prev is not None and prev[0] is opened[1] \
                and _THE_OTHER.match(s.text) and "\n" not in text[prev[0].end:s.start]:
            # "One of the contracts was with A. The other two were with B and C.": B and C
            # go with what the sentence before "One of …" named
            before_s, befores = opened[0]
            for before in befores[:ACROSS]:
                for m in inside[:ACROSS]:
                    if before.key != m.key and not _both_technologies(before.key, m.key, types):
                        subject, rel, obj, why = _across(s, before, m, types)
                        add((subject, rel, obj), s, [evidence(before_s, before, before),
                                                     evidence(s, m, m)], why)
        if named:
            prev = (s, [m for m in named if m in inside])
        listed = unpaired(s, named, types)
        for x, a in enumerate(named):
            for y, b in enumerate(named[x + 1:x + 1 + max_gap], x + 1):
                if frozenset((x, y)) in listed or _both_technologies(a.key, b.key, types):
                    continue
                if types[b.key] == "Place" and x != 0 and types[a.key] != "Place" \
                        and not _place_reaches(s, named[x:y], types):
                    continue
                subject, rel, obj, why = suggest(s, a, b, types)
                ref = next((m for m in (a, b) if PRONOUN.fullmatch(m.surface)
                            or _THE.match(m.surface)), None)
                if ref is not None:
                    why += f"; {ref.surface!r} taken to mean {ref.key}"
                add((subject, rel, obj), s, [evidence(s, a, b)], why)
    return list(out.values())
