"""Fact stubs: a suggested fact for each pair of entities a relation cue joins within one
clause ("X signed an agreement with Y", "Y's director X", "X, headquartered in Y"), with the
sentence as evidence, and for the shapes a sentence gives a set (a list under a place's
label, "including", joint work) or a name (one printed inside another, "the Chinese vendor
X"). The pair rules are in `pairs`, the references in `references`; a status cue counts
only for the pair it governs. Every stub carries a confidence, and the draft lists the
surest first."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from techkg.loaders.draft.cues import status
from techkg.loaders.draft.lists import MIN_LIST, lists, unpaired
from techkg.loaders.draft.names import FIELD
from techkg.loaders.draft.pairs import (
    CONFIDENCE,
    LOW,
    MEDIUM,
    Link,
    across,
    again,
    both_technologies,
    is_body,
    relate,
)
from techkg.loaders.draft.references import (
    PRONOUN,
    THE_REFERENCE,
    agent_after,
    agent_pattern,
    is_modifier,
    named_in,
    speaker,
    victims,
)
from techkg.loaders.draft.text import Mention, Sentence, evidence, headline
from techkg.loaders.draft.words import drafting
from techkg.loaders.extract.evidence import quote_problem


@dataclass
class Stub:
    subject: str
    type: str
    object: str
    status: str
    evidence: list[str]
    comment: str
    confidence: int = MEDIUM


ACROSS = 3  # a sentence naming one entity is paired with the first few of the sentence before


# a sentence that opens a set ("One of the contracts was with A.") and one that goes on with
# the rest of it ("The other two were with B and C.")
_ONE_OF = re.compile(r"One\s+of\s+(?:the|these|those|its|their)\b")
_THE_OTHER = re.compile(r"(?:The\s+other|The\s+others|The\s+rest|The\s+remaining|Another)\b")
_CITATION = re.compile(r"\([^()]*\b(?:19|20)\d\d\b[^()]*\)")
# "Testland has three mobile operators: A, B and C", "… had four major carriers - A, B, C"
_PLACE_HAS = re.compile(r"\s+(?:has|had|have)\s+(?:[\w-]+\s+){0,5}?[a-z][\w-]*s\s*(?::|\s[-–—])\s+")


_LIST_SEP = re.compile(r"\s*(?:;|,)\s+(?:and\s+)?|\s+and\s+")


def _place_heading(s: Sentence, named: list[Mention], types: dict[str, str],
                   places: dict[str, str]) -> list[tuple[Mention, str, Mention]]:
    """(member, place key, the label) for each body of a list after a label that ends in a
    place's name and a colon ("Companies of the PRC: A; B; C", "Operators in Testland: A, B
    and C")."""
    label = re.match(r"([^:;.]{3,200}?)\s*:\s", s.text)
    if label is None:
        return []
    place = next((key for form, key in places.items()
                  if re.search(rf"(?<!\w){re.escape(form)}$", label[1])), None)
    after = [m for m in named if m.start - s.start >= label.end()]
    if place is None or not after or after[0].start - s.start != label.end():
        return []
    out = []
    for j, m in enumerate(after):
        gap = s.text[after[j - 1].end - s.start:m.start - s.start] if j else ""
        if j and not _LIST_SEP.fullmatch(gap):
            break
        if is_body(types.get(m.key)) and m.key != place:
            out.append((m, place, Mention(s.start, s.start + label.end(1), place, label[1])))
    return out if len(out) >= MIN_LIST else []


def _place_has(s: Sentence, named: list[Mention], types: dict[str, str]
               ) -> list[tuple[Mention, Mention]]:
    """(member, place) for each member of the list a place "has" after a colon or a dash:
    bodies of that place."""
    firsts = lists(s, named, types).group
    for i, m in enumerate(named):
        if types.get(m.key) != "Place" or i + 1 == len(named):
            continue
        gap = _PLACE_HAS.match(s.text, m.end - s.start)
        if gap is None or named[i + 1].start - s.start != gap.end():
            continue
        group = firsts[i + 1]
        return [(named[j], m) for j in range(i + 1, len(named)) if firsts[j] == group
                and types.get(named[j].key) not in ("Place", "Technology", "Person")]
    return []


# "the Chinese government, including the State Administration …", "Google, including its
# Threat Analysis Group", "the PRC (including Hong Kong and Macau)"
_INCLUDING = re.compile(
    r"\s*(?:,|\()\s*including\s+(?:the\s+|its\s+|their\s+|[A-Z][\w.]*['’]s\s+)?")


def _including(s: Sentence, named: list[Mention], types: dict[str, str]
               ) -> list[tuple[Mention, Mention]]:
    """(part, whole) for each member of the list right after "<whole>, including": a body's
    units, a place's places."""
    firsts = lists(s, named, types).group
    out = []
    for i, m in enumerate(named[:-1]):
        gap = _INCLUDING.match(s.text, m.end - s.start)
        if gap is None or named[i + 1].start - s.start != gap.end():
            continue
        kind = types.get(m.key)
        for j in range(i + 1, len(named)):
            if firsts[j] != firsts[i + 1]:
                break
            part = types.get(named[j].key)
            if kind == "Place" and part == "Place" or is_body(kind) and is_body(part):
                out.append((named[j], m))
    return out


@cache
def _joint_work() -> re.Pattern[str]:
    """The words before a list of bodies that worked together (`joint_work_cues`)."""
    cues = "|".join(map(re.escape, sorted(drafting().joint_work_cues, key=len, reverse=True)))
    return re.compile(rf"\b(?:{cues})\s+(?:the\s+)?")


def _joint(s: Sentence, named: list[Mention], types: dict[str, str]
           ) -> list[tuple[Mention, Mention]]:
    """(first, other) for the bodies listed right after "investigated by" and the like."""
    cue = _joint_work().search(s.text)
    if cue is None:
        return []
    start = next((i for i, m in enumerate(named) if m.start - s.start == cue.end()), None)
    if start is None:
        return []
    firsts = lists(s, named, types).group
    members = [m for i, m in enumerate(named) if firsts[i] == firsts[start] and i >= start
               and is_body(types.get(m.key))]
    return [(members[0], m) for m in members[1:]]


_ENTRY = re.compile(r"^\s*\[[^\]\n]{1,12}\]:?\s")


def _citation_entry(s: Sentence, text: str) -> bool:
    """A sentence of a reference-list entry ("[4]: Title. Author. Outlet. May 1, 2020."):
    it cites, it states no fact."""
    start = text.rfind("\n", 0, s.start) + 1
    end = text.find("\n", s.end)
    line = text[start:end if end >= 0 else len(text)]
    return bool(_ENTRY.match(line) and re.search(r"\b(?:19|20)\d\d\b\.?\s*$", line))


def _place_in_a_compound(s: Sentence, inner: Mention, types: dict[str, str]) -> bool:
    """A place name that is only a word of a longer name ("South China Morning Post"): the
    next word is capitalised and is no organisation word."""
    if types.get(inner.key) != "Place":
        return False
    after = re.match(r"\s+([A-Z][\w.’'-]*)", s.text[inner.end - s.start:])
    d = drafting()
    return bool(after) and after[1] not in d.organisation_words \
        and after[1] not in d.legal_suffixes


def _within(s: Sentence, within: list[tuple[Mention, Mention]], types: dict[str, str]
            ) -> list[tuple[Link, Mention]]:
    """(link, outer mention) for each name printed inside another in
    the sentence: "the Tianjin offshore base" is LOCATED_IN Tianjin, "MIT's … Laboratory"
    PART_OF MIT."""
    d = drafting()
    out = []
    for outer, inner in within:
        if s.start <= outer.start < s.end and outer.key in types and inner.key in types \
                and not both_technologies(outer.key, inner.key, types) \
                and not _place_in_a_compound(s, inner, types):
            rel = d.object_type_defaults.get(types[inner.key], d.name_within_relationship)
            if rel in ("PARTICIPATES_IN", "ISSUES"):
                rel = d.name_within_relationship
            out.append((Link(outer.key, rel, inner.key,
                             f"{inner.surface!r} is part of the name {outer.surface!r}", LOW,
                             naming=True), outer))
    return out


@cache
def _described() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A demonym and a body noun before a name ("the Chinese vendor X", "Chinese vendors X
    and Y") and in an apposition after it ("X (another Chinese vendor)", "X, a Swedish
    telecom company")."""
    d = drafting()
    dem = "|".join(map(re.escape, sorted(d.demonyms, key=len, reverse=True)))
    nouns = "|".join(map(re.escape, d.body_nouns))
    kind = rf"(?P<dem>{dem})(?:\s+[a-z][\w-]*){{0,3}}?\s+(?:{nouns})s?"
    return (re.compile(rf"\b{kind}\s+(?:the\s+)?$"),
            re.compile(rf"\s*(?:,|\(|\s[-–—])\s*(?:an?|another|the)\s+(?:[a-z][\w-]*\s+){{0,2}}?"
                       rf"{kind}\b"))


def _demonym_places(s: Sentence, named: list[Mention], types: dict[str, str],
                    places: dict[str, str]) -> list[tuple[Mention, str, str]]:
    """(name, place key, demonym) for each body the sentence describes by a demonym whose
    place the text names ("the Chinese vendor Huawei": Huawei is LOCATED_IN China)."""
    before, after = _described()
    out = []
    for m in named:
        if not is_body(types.get(m.key)):
            continue
        found = before.search(s.text[:_first_of_pair(s, named, m) - s.start]) \
            or after.match(s.text, m.end - s.start)
        place = places.get(drafting().demonyms[found["dem"]]) if found else None
        if place is not None and place != m.key:
            out.append((m, place, found["dem"]))
    return out


def _first_of_pair(s: Sentence, named: list[Mention], m: Mention) -> int:
    """Where "X and Y" begins when m is its Y ("Chinese vendors X and Y"); else m itself."""
    i = named.index(m)
    if i and re.fullmatch(r"\s+and\s+", s.text[named[i - 1].end - s.start:m.start - s.start]):
        return named[i - 1].start
    return m.start


def stub_status(sentence: str, between: str, before: str, after: str, types: dict[str, str],
                subject: str, obj: str, trigger: str | None = None, described: bool = False
                ) -> tuple[str, str | None]:
    """A stub's status and the cue it comes from (cues.status), but the trigger itself ("the
    FBI questioned Mao") is no status cue for its own pair, and where a place lies is
    geography: no plan changes it."""
    st, cue = status(sentence, between, before, after, trigger=trigger, described=described)
    if (cue is not None and cue == trigger) \
            or types.get(subject) == types.get(obj) == "Place":
        return "reported", None
    return st, cue


def stubs(sents: list[Sentence], mentions: list[Mention], types: dict[str, str],
          max_gap: int, heads: dict[str, str] | None = None,
          within: list[tuple[Mention, Mention]] = (), text: str = "",
          places: dict[str, str] | None = None) -> list[Stub]:
    """Stubs for every sentence naming two or more entities (and for names printed inside
    another, and for a sentence naming one entity after a sentence of the same paragraph
    naming another: "... the Lizhong Group ... One of the contracts was with UK MQP Limited");
    a stub repeated by a later sentence (same subject, type, object) collects that sentence as
    more evidence."""
    out: dict[tuple[str, str, str], Stub] = {}

    def add(link: Link, s: Sentence, quotes: list[str], before: str = "",
            after: str = "") -> None:
        """One stub, or one more quote for it; `before` and `after` are the sentence's words
        before the pair's first name and after its second, where a few status cues count."""
        if link.subject == link.object:  # two names of one entity: no fact links an entity
            return  # to itself
        quotes = [q for q in quotes if quote_problem(q) is None]  # too slight to prove it
        if not quotes:
            return
        key = (link.subject, link.type, link.object)
        if key in out:
            out[key].evidence += [q for q in quotes if q not in out[key].evidence]
            out[key].confidence = max(out[key].confidence, link.confidence)
            return
        st, cue = stub_status(s.text, link.scope, before, after, types, link.subject,
                              link.object, trigger=link.trigger, described=link.naming)
        out[key] = Stub(*key, st, quotes, link.why + (f"; status from {cue!r}" if cue else ""),
                        link.confidence)

    i = 0
    focus: Mention | None = None
    agent: Mention | None = None  # the last entity named with an agent noun ("X hackers")
    event: Mention | None = None  # the last event named
    recent: list[Mention] = []
    prev: tuple[Sentence, list[Mention]] | None = None  # the last sentence naming entities
    opened: tuple[tuple[Sentence, list[Mention]], Sentence] | None = None  # see _ONE_OF
    for s in sents:
        if headline(s) or _citation_entry(s, text) or FIELD.match(s.text):
            continue  # a headline repeats what the body says; a reference cites
        inside = []
        while i < len(mentions) and mentions[i].start < s.end:
            if mentions[i].start >= s.start:
                inside.append(mentions[i])
            i += 1
        named = named_in(s, inside, focus, recent, heads or {}, types, agent)
        named = [m for m in named if not is_modifier(text, m, types)]
        actor = event or agent  # of an attack: the event named last, else the attackers
        for m in victims(s, inside) if actor is not None else []:
            add(Link(actor.key, "TARGETS", m.key,
                     f"listed as a victim; the attack is {actor.surface!r}, named before", LOW),
                s, [evidence(s, m, m)])
        if (said := speaker(s, named, types)) is not None:
            # (what is said comes before the source; its apposition is not what it said)
            topic = next((m for m in named if m.key != said.key and m.start < said.start),
                         None)
            if topic is not None:
                add(Link(said.key, "COMMENTS_ON", topic.key,
                         f"{said.surface!r} is the source of what the sentence says", LOW),
                    s, [evidence(s, *sorted((said, topic), key=lambda m: m.start))])
        agent = next((m for m in reversed(inside) if agent_after(text, m)), agent)
        event = next((m for m in reversed(inside) if types.get(m.key) == "Event"), event)
        if inside:
            focus = inside[0]
        # a source cited in brackets ("(Test Gazette, May 4, 2021)") is no antecedent
        cited = [(s.start + c.start(), s.start + c.end()) for c in _CITATION.finditer(s.text)]
        recent = (recent + [m for m in inside
                            if not any(a <= m.start < b for a, b in cited)])[-12:]
        for link, outer in _within(s, within, types):
            add(link, s, [evidence(s, outer, outer)])
        for m, place, dem in _demonym_places(s, named, types, places or {}):
            add(Link(m.key, "LOCATED_IN", place, f"described as {dem!r}", MEDIUM, naming=True),
                s, [evidence(s, m, m)])
        for first, other in _joint(s, named, types):
            add(Link(first.key, "PARTNERS_WITH", other.key,
                     "listed together after a cue of joint work", LOW),
                s, [evidence(s, first, other)])
        for part, whole in _including(s, named, types):
            add(Link(part.key, "PART_OF", whole.key,
                     f"listed after {whole.surface!r}, including", MEDIUM),
                s, [evidence(s, whole, part)])
        for member, key, label in _place_heading(s, named, types, places or {}):
            add(Link(member.key, "LOCATED_IN", key, "listed under a label that names a place",
                     MEDIUM),
                s, list(dict.fromkeys([evidence(s, label, label), evidence(s, member, member)])))
        for member, place in _place_has(s, named, types):
            add(Link(member.key, "LOCATED_IN", place.key, "a member of the list a place has",
                     MEDIUM),
                s, [evidence(s, place, member)])
        if len(named) == 1 and prev is not None and "\n" not in text[prev[0].end:s.start]:
            for before in prev[1][:ACROSS]:
                if before.key == named[0].key \
                        or both_technologies(before.key, named[0].key, types):
                    continue
                found = across(s, before, named[0], types)
                if found is not None:
                    add(found, s, [evidence(prev[0], before, before),
                                   evidence(s, named[0], named[0])])
            opened = (prev, s) if _ONE_OF.match(s.text) else None
        elif opened is not None and prev is not None and prev[0] is opened[1] \
                and _THE_OTHER.match(s.text) and "\n" not in text[prev[0].end:s.start]:
            # "One of the contracts was with A. The other two were with B and C.": B and C
            # go with what the sentence before "One of …" named
            before_s, befores = opened[0]
            for before in befores[:ACROSS]:
                for m in inside[:ACROSS]:
                    if before.key != m.key and not both_technologies(before.key, m.key, types):
                        found = across(s, before, m, types, opened[1].text)
                        if found is not None:
                            add(found, s, [evidence(before_s, before, before),
                                           evidence(s, m, m)])
        if named:
            prev = (s, [m for m in named if m in inside])
        listed = unpaired(s, named, types)
        firsts = lists(s, named, types).group
        for x, a in enumerate(named):
            for y, b in enumerate(named[x + 1:x + 1 + max_gap], x + 1):
                if frozenset((x, y)) in listed or both_technologies(a.key, b.key, types):
                    continue
                found = relate(s, named, x, y, types, firsts)
                if found is None:
                    found = again(s, named, x, y, inside, types)
                if found is None:
                    continue
                ref = next((m for m in (a, b) if PRONOUN.fullmatch(m.surface)
                            or THE_REFERENCE.match(m.surface)
                            or agent_pattern().fullmatch(m.surface)), None)
                if ref is not None:
                    found = replace(found, why=found.why + f"; {ref.surface!r} taken to mean "
                                    f"{ref.key}", confidence=min(found.confidence, MEDIUM))
                add(found, s, [evidence(s, a, b)], s.text[:a.start - s.start],
                    re.split(r"[,;:.]", s.text[b.end - s.start:])[0])
    ranked = sorted(out.values(), key=lambda st: -st.confidence)
    for st in ranked:
        st.comment = f"confidence {CONFIDENCE[st.confidence]}: {st.comment}"
    return ranked
