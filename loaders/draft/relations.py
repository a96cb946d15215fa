"""Fact stubs: a suggested fact for each pair of entities a relation cue joins within one
clause ("X signed an agreement with Y", "Y's director X", "X, headquartered in Y"), with the
sentence as evidence. The cue sets the type and the direction (passive reversed); negation
drops the stub unless it is a denial; a status cue counts only for the pair it governs.
Every stub carries a confidence, and the draft lists the surest first."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from techkg.loaders.draft.cues import (
    CLAUSE_END,
    Cue,
    negated,
    oriented,
    relation_cue,
    roles,
    status,
    triggers_in,
)
from techkg.loaders.draft.lists import MIN_LIST, lists, unpaired
from techkg.loaders.draft.names import FIELD
from techkg.loaders.draft.text import CJK, Mention, Sentence, evidence, headline
from techkg.loaders.draft.words import drafting
from techkg.loaders.extract.evidence import quote_problem

# how sure a stub is, by what suggested it (the draft lists stubs in this order)
HIGH, MEDIUM, LOW = 3, 2, 1
CONFIDENCE = {HIGH: "high", MEDIUM: "medium", LOW: "low"}
# between a name and the place it is in: "X in", "X, ", "X (中文名) in", "X—a research
# institution in", "X, a company based in"
_LOCATIVE = re.compile(r"\s*(?:\([^()]{1,80}\)\s*)?(?:,|\(|\s+in|\s+at|\s+of"
                       r"|\s*[,—–]\s*(?:an?|the)\s+[\w\s-]{0,50}?\s(?:based\s+)?(?:in|of|from))"
                       r"\s*(?:the\s+)?")
_POSSESSED_IN = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){1,4}(?:in|at)\s+(?:the\s+)?")
_AND = re.compile(r",?\s+and\s+(?:the\s+)?")
# ", and other telecom operators such as": what follows is one more of the same kind
_AND_KIND = re.compile(r",?\s+(?:and|or)\s+(?:[\w-]+\s+){0,4}?(?:such\s+as|including|like)\s+"
                       r"(?:the\s+)?")
_IN_RELATIVE = re.compile(r",\s+(?:who|which|that|whose|a|an|the|its|his|her)\b[^,;]*$")
_SYMMETRIC = ("PARTNERS_WITH", "SIGNS_AGREEMENT_WITH", "MEETS_WITH")


@dataclass
class Stub:
    subject: str
    type: str
    object: str
    status: str
    evidence: list[str]
    comment: str
    confidence: int = MEDIUM


@dataclass(frozen=True)
class Link:
    """What a sentence's words say relates two of its names, as a rule found it: the ends and
    type, why (shown to the reviewer), how sure, and what the status cues may read: the
    words that govern the pair (`scope`), the cue word that related the ends (`trigger`: a
    modal governs only it, and it is no status cue for its own pair) and whether the link is
    only how the sentence names a body (`naming`: "China's NUDT", "the Chinese company
    Bitmain"), the outlet's own wording, which an attribution of its claim does not cover."""

    subject: str
    type: str
    object: str
    why: str
    confidence: int = MEDIUM
    scope: str = ""
    trigger: str | None = None
    naming: bool = False


ACROSS = 3  # a sentence naming one entity is paired with the first few of the sentence before
PRONOUN = re.compile(r"\b(?:it|its|they|their|he|his|she|her)\b", re.IGNORECASE)


_THE = re.compile(r"\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Tt]his)((?:\s+[a-z][\w-]*){1,3})")


@cache
def _roles() -> frozenset[str]:
    """One-word roles ("the co-founder", "this scientist")."""
    return frozenset(w for w in roles() if " " not in w)


def _refers(word: str, key: str, heads: dict[str, str], types: dict[str, str],
            this: bool = False) -> bool:
    """Whether "the <word>" can mean the entity: its head word ("the university" for "Beta
    University"), an organisation word of its type ("the company" for "Delta Robotics Inc."),
    or "the organization" for any organisation."""
    if heads.get(key) == word:
        return True
    etype = types.get(key)
    if etype == "Person":  # "this co-founder": a person by a role ("the academician" may
        return this and word in _roles()  # be someone never named)
    if word in ("organization", "organisation"):
        return _body(etype)
    return word.islower() and drafting().organisation_words.get(word.capitalize()) == etype


_PERSONAL = ("he", "his", "she", "her")


def _antecedent(pronoun: str, focus: Mention | None, recent: list[Mention],
                types: dict[str, str]) -> Mention | None:
    """What a pronoun stands for: the previous sentence's first-named entity when it can be
    meant ("he" a person, "it" no person), else the most recent entity that can ("Beta
    University hired Mira Okafor. She …" : she is Mira Okafor, not the university)."""
    def fits(m: Mention) -> bool:
        etype = types.get(m.key)
        if pronoun.lower() in _PERSONAL:
            return etype == "Person"
        if pronoun.lower() in ("it", "its"):
            return etype not in ("Person", "Technology", None)
        return etype != "Technology"
    if focus is not None and fits(focus):
        return focus
    return next((m for m in reversed(recent) if fits(m)), None)


@cache
def _agent() -> re.Pattern[str]:
    """"the attackers", "these Chinese hackers": a group named by what it does (agent_nouns),
    with at most one capitalised word before the noun."""
    nouns = "|".join(map(re.escape, drafting().agent_nouns))
    return re.compile(rf"\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir)\s+(?:[A-Z][\w-]*\s+)?"
                      rf"(?:{nouns})\b")


@cache
def _victims() -> re.Pattern[str]:
    """"the breached corporations include", "the companies hit were": a set of victims."""
    nouns = "|".join(map(re.escape, drafting().victim_nouns))
    return re.compile(rf"\b(?:[Tt]he|[Tt]hese|[Tt]hose)\s+((?:[\w-]+\s+){{0,3}}?)(?:{nouns})"
                      rf"((?:\s+[\w-]+){{0,2}}?)\s+(?:include|includes|included|were|are)\b")


def victims(s: Sentence, inside: list[Mention]) -> list[Mention]:
    """The names a sentence lists as victims ("… the breached corporations include A, B and
    C"): those after the phrase, when a victim word describes the set."""
    m = _victims().search(s.text)
    if m is None or not set((m[1] + " " + m[2]).split()) & drafting().victim_words:
        return []
    return [n for n in inside if n.start >= s.start + m.end()]


def _modifier(text: str, m: Mention, types: dict[str, str]) -> bool:
    """A technology named only to describe a body ("a semiconductor research institute"):
    no party to the sentence's facts."""
    if types.get(m.key) not in MODIFIER_TYPES:
        return False
    nouns = drafting().body_nouns
    after = re.match(r"(?:\s+[a-z][\w-]*){1,2}", text[m.end:])
    return bool(after) and any(w in nouns or w.rstrip("s") in nouns
                               for w in after[0].split()[-1:])


MODIFIER_TYPES = ("Technology",)


def speaker(s: Sentence, named: list[Mention], types: dict[str, str]) -> Mention | None:
    """The source a sentence reports after what it says: "…,” says X", "…, X said in a
    report", "…, according to X"; None if it names none."""
    verbs = "|".join(map(re.escape, sorted(drafting().speech_verbs - {"denied", "claimed"})))
    for m in named:
        if types.get(m.key) in (None, "Technology", "Place"):
            continue
        before = s.text[:m.start - s.start]
        after = s.text[m.end - s.start:]
        if re.search(rf"[,”\"]\s*(?:{verbs})\s+(?:the\s+)?$", before) and len(named) > 1 \
                or re.search(r",\s+according\s+to\s+(?:the\s+)?$", before) \
                or re.search(r",\s+(?:the\s+)?$", before) and re.match(
                    rf"\s+(?:{verbs})\b[^,;:]*[.,]?$", after):
            return m
    return None


def agent_after(text: str, m: Mention) -> bool:
    """Whether the mention names the agents right after it ("Testland government hackers"):
    a later "the hackers" or "the attackers" stands for it."""
    nouns = "|".join(map(re.escape, drafting().agent_nouns))
    return bool(re.match(rf"\s+(?:{nouns})\b", text[m.end:]))


def _named(s: Sentence, inside: list[Mention], focus: Mention | None,
           recent: list[Mention], heads: dict[str, str], types: dict[str, str],
           agent: Mention | None = None) -> list[Mention]:
    """The entities a sentence names, first mention each. The draft's guesses at references:
    a pronoun before any name stands for the previous sentence's first-named entity; "the
    university" for the entity last named with that head word ("Beta University"); "the
    attackers" for the entity last named with such a noun after it ("X hackers")."""
    firsts: dict[str, Mention] = {}
    for m in inside:
        firsts.setdefault(m.key, m)
    named = list(firsts.values())
    if agent is not None and inside:
        for g in _agent().finditer(s.text):
            at = (s.start + g.start(), s.start + g.end())
            if agent.key not in firsts and not any(m.start < at[1] and at[0] < m.end
                                                   for m in inside):
                firsts[agent.key] = Mention(*at, agent.key, g[0])
                named.append(firsts[agent.key])
                break
    pronoun = PRONOUN.search(s.text)
    if pronoun and named and s.start + pronoun.start() > named[0].start:
        pronoun = None  # "X denied that it ...": it is X
    if pronoun and named:
        focus = _antecedent(pronoun[0], focus, recent, types)
    if focus is not None and pronoun and focus.key not in firsts and named:
        named.append(Mention(s.start + pronoun.start(), s.start + pronoun.end(), focus.key,
                             pronoun[0]))
    for the in _THE.finditer(s.text):
        words = list(re.finditer(r"[a-z][\w-]*", the[1]))
        skip = the.start(1) - the.start()
        ref, end = next(((m, w.end() + skip) for w in reversed(words) for m in reversed(recent)
                         if _refers(w[0], m.key, heads, types, the[0][:4].lower() == "this")
                         and m.key not in firsts),
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
        if _body(types.get(m.key)) and m.key != place:
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
            if kind == "Place" and part == "Place" or _body(kind) and _body(part):
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
               and _body(types.get(m.key))]
    return [(members[0], m) for m in members[1:]]


_ENTRY = re.compile(r"^\s*\[[^\]\n]{1,12}\]:?\s")


def _citation_entry(s: Sentence, text: str) -> bool:
    """A sentence of a reference-list entry ("[4]: Title. Author. Outlet. May 1, 2020."):
    it cites, it states no fact."""
    start = text.rfind("\n", 0, s.start) + 1
    end = text.find("\n", s.end)
    line = text[start:end if end >= 0 else len(text)]
    return bool(_ENTRY.match(line) and re.search(r"\b(?:19|20)\d\d\b\.?\s*$", line))


def _both_technologies(a: str, b: str, types: dict[str, str]) -> bool:
    """Two technologies named together ("chips and batteries") are a list, not a fact."""
    return types.get(a) == types.get(b) == "Technology"


def _across(s: Sentence, before: Mention, named: Mention, types: dict[str, str],
            lead: str | None = None) -> Link | None:
    """The link between an entity named in the previous sentence and the one
    entity this sentence names, when a cue stands before the name in this sentence ("One of
    the contracts was with X") or in `lead` (for "The other two were with …", the sentence
    that opened the set); None without one."""
    lead = lead if lead is not None else s.text[:named.start - s.start]
    cues = triggers_in(lead)
    if not cues or negated(lead):
        return None
    cue = cues[-1]
    first, second = (named.key, before.key) if cue.reverse else (before.key, named.key)
    if (ends := oriented(cue.rel_type, first, second, types)) is None:
        return None
    return Link(*ends, f"{before.surface!r} named in the sentence before; "
                f"{cue.word!r} suggests {cue.rel_type}", LOW, trigger=cue.word)


# "Trial Attorney A B of the National Security Division", "Jason Casey of Lelling's Unit"
_OF_BODY = re.compile(r",?\s+of\s+(?:the\s+|[A-Z][\w.-]*['’]s\s+)?")


def relate(s: Sentence, named: list[Mention], x: int, y: int, types: dict[str, str],
           firsts: list[int]) -> Link | None:
    """The link between names x < y of a sentence, or None when no cue in their clause
    relates them. The words searched are those between the two names, or,
    when other names stand between, those after the last of them (or before the list the
    later name is a member of: "invested in A, B and C")."""
    a, b = named[x], named[y]
    text = s.text
    pre = text[:a.start - s.start]
    between = text[a.end - s.start:b.start - s.start]
    if b.start == a.start and "Place" in (types.get(a.key), types.get(b.key)):
        # "trade offices in A and B": the office at A is named at A
        place, other = (a, b) if types.get(a.key) == "Place" else (b, a)
        return Link(other.key, "LOCATED_IN", place.key, "named at its place", HIGH)
    if b.start < a.end:
        return None
    if types.get(b.key) == "Technology" and re.fullmatch(r"['’]s\s+", between):
        return Link(a.key, "TARGETS", b.key, "its technology (possessive)", HIGH, between,
                    naming=True)
    if re.fullmatch(r"['’]s\s+", between) and not {types.get(a.key), types.get(b.key)} & {
            "Person", "Place", None}:
        if b.surface.split()[-1] in drafting().unit_words:  # "the FBI's Cyber Division"
            return Link(b.key, "PART_OF", a.key, "a unit of it (possessive)", LOW, between,
                        naming=True)
        return Link(a.key, "RUNS", b.key, "what it runs (possessive)", LOW, between,
                    naming=True)
    if types.get(a.key) == "Person" and _OF_BODY.fullmatch(between) \
            and types.get(b.key) not in ("Person", "Place", "Technology", None):
        return Link(a.key, "HOLDS_POSITION", b.key, "a person of a body", MEDIUM, between,
                    naming=True)
    if not any(a.end <= m.start < b.start for m in named[x + 1:y]) \
            and (post := _post(s, a, b, between, types)) is not None:
        return post
    if _IN_RELATIVE.search(pre) and between.lstrip().startswith(","):
        return None  # "X, who heads A, visited B": A is not who visited
    if CLAUSE_END.search(between):
        return None  # "A would fund B; C signed with D": A and D are in two clauses
    if types.get(a.key) == "Place" and types.get(b.key) != "Place" \
            and _place_owns().match(between):
        # "Boston's Logan Airport", "a stake in Singapore-based X": the place says where the
        # name after it is, whatever comes before
        return Link(b.key, "LOCATED_IN", a.key, "a place's name before it", HIGH, between,
                    naming=True)
    if types.get(a.key) == "Place" and re.search(r"\b(?:in|at|from|of|to)\s+(?:the\s+)?$", pre) \
            and types.get(b.key) != "Place":
        return None  # "B in Mongolia signed with C": the place says where B is
    inner = [m for m in named[x + 1:y] if a.end <= m.start < b.start]
    if any(_opens_clause(s, named, i, types, firsts) for i in range(x + 1, y + 1)
           if a.end <= named[i].start):
        return None  # "A opened a lab, and B signed with C": B is the subject of that clause
    confidence = HIGH
    if inner and _speaks(text[a.end - s.start:inner[0].start - s.start]):
        return None  # "A said B funded C": C is B's, not the speaker's
    if inner:
        f = firsts[y]
        members = [i for i, g in enumerate(firsts) if g == f and types.get(named[i].key) != "Place"]
        if len(members) < MIN_LIST and not _AND.fullmatch(
                text[named[y - 1].end - s.start:b.start - s.start]) \
                or types.get(named[f].key) == "Place":
            f = y  # no list: ", visited B" is not a list of A and B
        head = [m for m in named[x + 1:f] if m.start >= a.end] if x < f <= y else inner
        start = head[-1].end if head else a.end
        end = named[f].start if x < f <= y else b.start
        if _AND.fullmatch(text[a.end - s.start:inner[0].start - s.start]) and len(inner) == 1 \
                and types.get(b.key) == "Place" != types.get(a.key) and _located(
                    text[inner[0].end - s.start:b.start - s.start]):
            # "A and B in Place", "A and B are headquartered in Place"
            segment = text[inner[0].end - s.start:b.start - s.start]
        elif types.get(b.key) == "Place":
            return None  # a place goes with the name right before it
        else:
            segment = text[start - s.start:end - s.start]
            if re.fullmatch(r",?\s+and\s+(?:with|to|from|for|at|by)\s+(?:the\s+)?", segment):
                # "signed a deal with A in X and with B": the verb before A governs B too
                segment = text[a.end - s.start:inner[0].start - s.start]
            elif len(inner) == 1 and _AND_KIND.fullmatch(segment):
                # "directs A and other operators such as B": B is one more of what the verb
                # before A governs
                segment = text[a.end - s.start:inner[0].start - s.start]
            elif re.fullmatch(r"\s*\(\s*(?:with|to|from|for|by)\s+(?:the\s+)?", segment):
                # "A won a deal in X (with B and C)": the bracket goes on with the clause
                # before it, whose cue is the last one before the bracket
                segment = text[a.end - s.start:start - s.start] + segment
        confidence = MEDIUM
    else:
        segment = between
    if types.get(b.key) == "Place" and _LOCATIVE.fullmatch(segment) and types.get(a.key) \
            and not (segment.lstrip().startswith(",")
                     and re.match(r"['’]s\b", text[b.end - s.start:])):
        # (but not "rail links with Europe, China's inland ports": the place owns what
        # follows it)
        if (ends := oriented("LOCATED_IN", a.key, b.key, types)) is None:
            return None
        return Link(*ends, f"{types[b.key]} right after the name", confidence, segment)
    if types.get(b.key) == "Place" and types.get(a.key) not in ("Place", "Person", "Technology") \
            and _POSSESSED_IN.fullmatch(between):
        # "Kestrel's research staff in Testville": the possessor is present there
        return Link(a.key, "LOCATED_IN", b.key, "its people or units in a place (possessive)",
                    MEDIUM, between, naming=True)
    if types.get(b.key) == "Place" and types.get(a.key) not in ("Place", None) \
            and re.fullmatch(r"\s*(?:\([^()]{1,40}\)\s*)?[,—–-]\s*(?:an?|the)\s+", between) \
            and re.match(r"(?:-based)?\s+[a-z]", text[b.end - s.start:]):
        # "Veeco - a U.S.-based company", "X (X), a Testland telecom carrier": the apposition
        # says where it is
        if (ends := oriented("LOCATED_IN", a.key, b.key, types)) is not None:
            return Link(*ends, "a place in its apposition", MEDIUM, between, naming=True)
    if types.get(a.key) == "Place" and re.fullmatch(r"['’]s\s+", between):
        return Link(b.key, "LOCATED_IN", a.key, "a place's name before it", confidence,
                    between, naming=True)
    if not inner and re.fullmatch(r"\s+at\s+(?:the\s+)?", between) \
            and _body(types.get(a.key)) and _body(types.get(b.key)):
        # "the Citizen Lab at the University of Toronto": a unit at the body it belongs to
        return Link(a.key, "PART_OF", b.key, "one body at another", MEDIUM, between,
                    naming=True)
    cue = relation_cue(segment)
    if cue is not None and cue.word.startswith("-") and ("," in segment[cue.end:] or inner
                                                          and segment.lstrip().startswith("-")):
        cue = None  # "like all China-based companies, Alibaba …": it describes the companies;
        # "A acquired Singapore-based B": it is the place's, not A's
    if cue is None and _AND.fullmatch(between):  # "A and B signed an agreement"
        after = re.split(r"[,;:]", text[b.end - s.start:])[0]
        cues = [c for c in triggers_in(" ".join(after.split()[:6]))
                if c.rel_type in _SYMMETRIC]
        if cues and "Place" not in (types.get(a.key), types.get(b.key)):
            return Link(a.key, cues[0].rel_type, b.key, f"{cues[0].word!r} after both",
                        MEDIUM, after, trigger=cues[0].word)
    if cue is None:
        return _nearby(s, a, b, between, types)
    if negated(segment) and status(text, segment, pre)[0] != "denied":
        return None  # "had no agreement with": no fact
    if cue.rel_type == "ESTABLISHES" and not cue.reverse and types.get(b.key) == "Place" \
            and types.get(a.key) not in ("Place", "Person", "Technology") \
            and re.search(r"\s(?:in|at)\s+(?:the\s+)?$", segment):
        # "A opened its research centre in Testville": A is present where it set up
        return Link(a.key, "LOCATED_IN", b.key, f"{cue.word!r} … in a place: where it set up",
                    MEDIUM, segment, trigger=cue.word)
    first, second = (b.key, a.key) if cue.reverse else (a.key, b.key)
    if (ends := oriented(cue.rel_type, first, second, types, cue.word)) is None:
        return None
    return Link(*ends, _why(cue), confidence, segment, trigger=cue.word)


@cache
def _place_owns() -> re.Pattern[str]:
    """The words between a place and the name it says where is: a possessive ("Boston's B"),
    a located-in trigger made a word ("Singapore-based B"), a state's ownership ("the PRC
    state-owned B", `state_ownership_words`)."""
    d = drafting()
    hyphened = "|".join(re.escape(w[1:]) for t in d.triggers for w in t.words
                        if t.rel_type == "LOCATED_IN" and t.reverse and w.startswith("-"))
    owned = "|".join(map(re.escape, d.state_ownership_words))
    return re.compile(rf"['’]s\s+(?:the\s+)?$|\s*[-–](?:{hyphened})\s+(?:[a-z][\w-]*\s+){{0,3}}$"
                      rf"|\s*(?:\([^()]{{1,40}}\)\s*)?(?:{owned})\s+(?:[a-z][\w-]*\s+){{0,2}}$")


@cache
def _role_words() -> str:
    """The role words and person titles of a post, longest first, as a regex alternation."""
    words = roles() | {t.lower() for t in drafting().person_titles}
    return "|".join(sorted((re.escape(r) for r in words), key=len, reverse=True))


def _post(s: Sentence, a: Mention, b: Mention, between: str, types: dict[str, str]
          ) -> Link | None:
    """The person's HOLDS_POSITION link to the body where the words between a person and a body
    name the post: "A, a B scientist", "A, Deputy CEO of B", "A, Special Agent in Charge, B",
    and the other way round "former B professor A", "B chief of staff, A"."""
    ta, tb = types.get(a.key), types.get(b.key)
    roles = _role_words()
    if ta == "Person" and _body(tb):
        after = s.text[b.end - s.start:]
        if re.fullmatch(r",\s+(?:(?:a|an|the|then|former|its|their)\s+)+", between) \
                and re.match(rf"\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{roles})s?\b", after):
            return Link(a.key, "HOLDS_POSITION", b.key, "a post at the body in its apposition",
                        MEDIUM, between)
        if re.fullmatch(r",\s+(?:(?:[A-Z][\w.-]*|in|of|for|and|the)\s+){1,7}?(?:of|at|for)?,?\s*"
                        r"(?:the\s+)?", between) \
                and re.search(rf"(?i)(?<!\w)(?:{roles})(?!\w)", between):
            return Link(a.key, "HOLDS_POSITION", b.key, "a title of the body after the name",
                        MEDIUM, between)
    if tb == "Person" and _body(ta) \
            and re.fullmatch(rf"\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{roles}),?\s+", between):
        return Link(b.key, "HOLDS_POSITION", a.key, "the body's post before the name",
                    MEDIUM, between)
    return None


def _located(segment: str) -> bool:
    """Whether the words before a place say where the names before them are."""
    if _LOCATIVE.fullmatch(segment):
        return True
    cue = relation_cue(segment)
    return cue is not None and cue.rel_type == "LOCATED_IN" and not cue.reverse


def _body(etype: str | None) -> bool:
    """Whether an entity type is an organisation (a body that can have units)."""
    return etype not in (None, "Person", "Place", "Technology", "Programme", "Document",
                         "Event")


def _speaks(segment: str) -> bool:
    """Whether a speech verb stands in the segment: what follows is another's clause."""
    return any(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", segment)
               for v in drafting().speech_verbs)


NEARBY_WORDS = 8  # two names this close in one clause, with a cue right next to them
NEARBY_CUE = 80  # characters from the nearer name to the cue


def _nearby(s: Sentence, a: Mention, b: Mention, between: str, types: dict[str, str]
            ) -> Link | None:
    """A weaker suggestion for two names close together in one clause when the cue is not
    between them ("Through the acquisition of A, B …"): the cue nearest to them, low
    confidence. A place only ever goes with the name right before it."""
    if types.get(b.key) == "Place" or types.get(a.key) == "Place" or CLAUSE_END.search(between) \
            or len(between.split()) > NEARBY_WORDS or negated(between) \
            or re.match(r",?\s+(?:and|or)\b", between) \
            or status(between, "", "")[0] != "reported":
        return None  # (…, according to B: B is the source, not a party)
    lo, hi = a.start - s.start, b.end - s.start
    left = re.split(r"[;:]", s.text[:lo])[-1]
    right = re.split(r"[;:]", s.text[hi:])[0]
    near = [(len(left) - c.end, True, c) for c in triggers_in(left)] + [
        (c.end, False, c) for c in triggers_in(right)]
    near = [n for n in near if n[0] <= NEARBY_CUE]
    if not near:
        return None
    _, before, cue = min(near, key=lambda n: n[0])
    # a cue before both names is a noun the first one completes ("the acquisition of A, B …"):
    # the later name acts; after both, the first does
    first, second = (b.key, a.key) if before != cue.reverse else (a.key, b.key)
    if (ends := oriented(cue.rel_type, first, second, types, cue.word)) is None:
        return None
    return Link(*ends, f"{cue.word!r} near both names suggests {cue.rel_type}", LOW, between,
                trigger=cue.word)


def _again(s: Sentence, named: list[Mention], x: int, y: int, inside: list[Mention],
           types: dict[str, str]) -> Link | None:
    """The pair once more from the first name's last mention before the second ("as Kestrel
    fell, Omega hired Kestrel's engineers in Testville"): only first mentions are paired
    otherwise. No name may stand between the two, so no list or clause rule is needed."""
    a, b = named[x], named[y]
    later = [m for m in inside if m.key == a.key and a.end <= m.start and m.end <= b.start
             and not CJK.search(m.surface)]  # (its Chinese name in brackets is no new mention)
    if not later or any(later[-1].end <= m.start < b.start for m in named):
        return None
    pair = [later[-1], b]
    found = relate(s, pair, 0, 1, types, [0, 1])
    if found is None:
        return None
    return replace(found, why=found.why + f"; from a later mention {later[-1].surface!r}",
                   confidence=min(found.confidence, MEDIUM))


def _opens_clause(s: Sentence, named: list[Mention], i: int, types: dict[str, str],
                  firsts: list[int]) -> bool:
    """Whether name i is the subject of a new clause (", and B signed …"), not the next
    member of a list (", and B in Place.")."""
    m = named[i]
    if not re.search(r",\s+(?:and|but|while|whereas)\s+(?:the\s+)?$", s.text[:m.start - s.start]):
        return False
    if firsts[i] == i:
        return True
    end = m.end
    if i + 1 < len(named) and types.get(named[i + 1].key) == "Place" and re.fullmatch(
            r"\s+in\s+(?:the\s+)?", s.text[m.end - s.start:named[i + 1].start - s.start]):
        end = named[i + 1].end  # "B in Place signed": the verb after the place
    verb = re.match(r"\s+([a-z]+)", s.text[end - s.start:])
    return bool(verb) and verb[1] not in ("and", "or", "in", "of", "at", "with", "for", "to",
                                          "from", "by")


def _why(cue: Cue) -> str:
    passive = " (passive: the later name acts)" if cue.reverse else ""
    return f"{cue.word!r} suggests {cue.rel_type}{passive}"


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
                and not _both_technologies(outer.key, inner.key, types) \
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
        if not _body(types.get(m.key)):
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
        st, cue = status(s.text, link.scope, before, after, trigger=link.trigger,
                         described=link.naming)
        if cue is not None and cue == link.trigger:
            st, cue = "reported", None  # the trigger itself ("the FBI questioned Mao") is no
            # status cue for its own pair
        if types.get(link.subject) == types.get(link.object) == "Place":
            st, cue = "reported", None  # where a place lies is geography: no plan changes it
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
        named = _named(s, inside, focus, recent, heads or {}, types, agent)
        named = [m for m in named if not _modifier(text, m, types)]
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
                        or _both_technologies(before.key, named[0].key, types):
                    continue
                found = _across(s, before, named[0], types)
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
                    if before.key != m.key and not _both_technologies(before.key, m.key, types):
                        found = _across(s, before, m, types, opened[1].text)
                        if found is not None:
                            add(found, s, [evidence(before_s, before, before),
                                           evidence(s, m, m)])
        if named:
            prev = (s, [m for m in named if m in inside])
        listed = unpaired(s, named, types)
        firsts = lists(s, named, types).group
        for x, a in enumerate(named):
            for y, b in enumerate(named[x + 1:x + 1 + max_gap], x + 1):
                if frozenset((x, y)) in listed or _both_technologies(a.key, b.key, types):
                    continue
                found = relate(s, named, x, y, types, firsts)
                if found is None:
                    found = _again(s, named, x, y, inside, types)
                if found is None:
                    continue
                ref = next((m for m in (a, b) if PRONOUN.fullmatch(m.surface)
                            or _THE.match(m.surface) or _agent().fullmatch(m.surface)), None)
                if ref is not None:
                    found = replace(found, why=found.why + f"; {ref.surface!r} taken to mean "
                                    f"{ref.key}", confidence=min(found.confidence, MEDIUM))
                add(found, s, [evidence(s, a, b)], s.text[:a.start - s.start],
                    re.split(r"[,;:.]", s.text[b.end - s.start:])[0])
    ranked = sorted(out.values(), key=lambda st: -st.confidence)
    for st in ranked:
        st.comment = f"confidence {CONFIDENCE[st.confidence]}: {st.comment}"
    return ranked
