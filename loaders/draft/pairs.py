"""Whether the words of one sentence relate two of its names, and how: the pair rules of the
fact stubs. A relation cue between the two names, within one clause, sets the type and the
direction (passive reversed); a name's possessive, apposition or place says where a body is
or whose unit it is; negation drops the pair unless it is a denial. Each rule returns a
`Link` that says why, how sure, and what the status cues of the pair may read."""

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
from techkg.loaders.draft.lists import MIN_LIST
from techkg.loaders.draft.names import is_office
from techkg.loaders.draft.text import CJK, Mention, Sentence
from techkg.loaders.draft.words import drafting

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


def both_technologies(a: str, b: str, types: dict[str, str]) -> bool:
    """Two technologies named together ("chips and batteries") are a list, not a fact."""
    return types.get(a) == types.get(b) == "Technology"


def across(s: Sentence, before: Mention, named: Mention, types: dict[str, str],
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
    if types.get(b.key) == "Person" and re.fullmatch(r"\s+", between) and is_office(a.surface):
        # "Secretary of Commerce Gina Raimondo": the person holds the office
        return Link(b.key, "HOLDS_POSITION", a.key, "an office's title right before the name",
                    HIGH, between, naming=True)
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
            and is_body(types.get(a.key)) and is_body(types.get(b.key)):
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
    if ta == "Person" and is_body(tb):
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
    if tb == "Person" and is_body(ta) \
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


def is_body(etype: str | None) -> bool:
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


def again(s: Sentence, named: list[Mention], x: int, y: int, inside: list[Mention],
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


