"""The words that say how two names of one clause are related: relationship triggers (which
type, which way), negation, and status cues with the scope they govern.

A stub is only suggested where such a cue stands between its two ends: on texts the rules
were not written from, pairing every two names of a sentence made five stubs in six wrong
(docs/adding-an-article.md, "How much it finds").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from techkg.loaders.draft.words import drafting
from techkg.vocabulary import vocabulary

MAX_CUE_WORDS = 14  # a cue further from the names than this rarely relates them
# a clause ends at a semicolon or a colon; commas do not end one ("X, headquartered in Y")
CLAUSE_END = re.compile(r"[;:]")
NEGATION = re.compile(r"\b(?:not|never|no|neither|nor|without)\b|n[’']t\b", re.IGNORECASE)
_PERSON_SUBJECT = ("HOLDS_POSITION", "MEMBER_OF")
# a state or party body that directs a company or institution supervises it (it does not run
# it day to day)
_STATE = ("GovernmentBody", "PartyBody")
_DIRECTED = ("Company", "University", "ResearchInstitute", "Association")
_DIRECTS = re.compile(r"\bdirect")
# what else a body can do to a technology than seek it (TARGETS)
_ON_TECHNOLOGY = ("TARGETS", "RESTRICTS", "FUNDS", "INVESTS_IN", "SUPPORTS", "ACQUIRES")
# what a place can be a party to (else a place in the clause only says where)
_WITH_PLACE = ("LOCATED_IN", "VISITS", "TARGETS", "RESTRICTS", "INVESTS_IN", "SUPPORTS",
               "COMMENTS_ON", "RECOGNIZES")


@dataclass(frozen=True)
class Cue:
    """A trigger found in a segment of text: the type it suggests, and whether the later-named
    entity is the subject (a passive form: "run by", "funded by")."""

    rel_type: str
    word: str
    reverse: bool
    end: int  # where the trigger ends in the segment


@cache
def _word(word: str) -> re.Pattern[str]:
    left = r"(?<![\w-])" if word[:1].isalnum() else ""
    return re.compile(left + re.escape(word).replace(r"\ ", r"\s+") + r"(?![\w])",
                      re.IGNORECASE if not word.isupper() else 0)


@cache
def _cue(word: str) -> re.Pattern[str]:
    """A status cue as a word: in lower case, or capitalised only where a sentence starts
    ("Will Rollins", "May Chen" are names, not a plan or a maybe)."""
    if not word.islower():
        return _word(word)
    lower = re.escape(word).replace(r"\ ", r"\s+")
    upper = re.escape(word[0].upper() + word[1:]).replace(r"\ ", r"\s+")
    left = r"(?<![\w-])" if word[:1].isalnum() else ""
    start = r"(?:^[“\"(]?|(?<=[.!?]\s)|(?<=[.!?][”\"]\s))"
    return re.compile(rf"{left}(?:{lower}|{start}{upper})(?!\w)")


def triggers_in(segment: str) -> list[Cue]:
    """Every trigger in the segment, by position; where two overlap the longer one wins
    ("run by" over "run")."""
    found: list[tuple[int, int, Cue]] = []
    for trig in drafting().triggers:
        for word in trig.words:
            for m in _word(word).finditer(segment):
                passive = bool(re.match(r"\s+by\b", segment[m.end():]))
                found.append((m.start(), m.end(), Cue(trig.rel_type, word,
                                                      trig.reverse or passive and not
                                                      word.endswith(" by"), m.end())))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[Cue] = []
    last_end = -1
    for start, end, cue in found:
        if start >= last_end:
            out.append(cue)
            last_end = end
    return out


def relation_cue(segment: str) -> Cue | None:
    """The trigger that relates the names around `segment` (the words between them): the one
    nearest the later name, within MAX_CUE_WORDS of it and in the same clause; none if the
    clause is negated (a denial is handled by the status)."""
    if CLAUSE_END.search(segment) or len(segment.split()) > MAX_CUE_WORDS + 3:
        return None
    cues = triggers_in(segment)
    return cues[-1] if cues else None


def negated(segment: str) -> bool:
    return bool(NEGATION.search(segment))


# "… founded by former naval officer Mira Okafor": "former" goes with the role right before
# the second name (a past of that person's), not with the pair (but "Kestrel's former
# engineer X", "a former director of X" are the pair's past)
_PAST_ROLE = re.compile(r"^(?!['’]s\b).*\b(?:former|formerly)(?:\s+(?!(?:of|at|in|with|for|to|"
                        r"and|the|a|an)\b)[a-z][\w-]*){1,3}\s*$", re.DOTALL)
# "according to the plea agreement": facts the defendant admitted, not an attribution
_ADMITTED = re.compile(r"\baccording\s+to\s+(?:the|her|his|their)\s+(?:guilty\s+)?plea"
                       r"(?:\s+agreements?)?\b", re.IGNORECASE)
# "from 2011 to 2013", "between 2015 and 2018": a period that has ended
# ("from 2006 to August 2019", "between March 2015 and 2018": a month may name either end)
_MONTH = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December)\s+(?:\d{1,2},?\s+)?)?")
CLOSED_PERIOD = re.compile(rf"\b(?:[Ff]rom|[Bb]etween)\s+{_MONTH}(?:19|20)\d\d\s*(?:to|and|until|"
                           rf"through|-|–)\s*{_MONTH}(?:19|20)\d\d\b")


@cache
def roles() -> frozenset[str]:
    """Lower-case words that name a person by a role ("the co-founder", "a researcher at"):
    the person titles and the position triggers."""
    d = drafting()
    words = {t for t in d.person_titles if t.islower()}
    words |= {w for t in d.triggers if t.rel_type == "HOLDS_POSITION" for w in t.words
              if w.islower()}
    return frozenset(words)


@cache
def _past_post() -> re.Pattern[str]:
    """"A was a trusted researcher at B", "A was the director of B": a post the past tense
    holds (a role word names the post)."""
    alternatives = "|".join(sorted((re.escape(r) for r in roles()), key=len, reverse=True))
    return re.compile(rf"^\s*(?:,\s*)?(?:was|were)\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?"
                      rf"(?:{alternatives})s?\s+(?:at|of|with|for|in)\s+(?:the\s+)?$")


def status(sentence: str, between: str, before_first: str, after: str = "", *,
           trigger: str | None = None, described: bool = False) -> tuple[str, str | None]:
    """The most contested status whose cue governs the pair: an attribution anywhere in the
    sentence ("according to", "reportedly"; not "according to the plea agreement", which
    states what was admitted), any other cue only between the two names or just
    before the first ("former X"), a closed period of years between them or in the clause
    after the second ("worked at X from 2011 to 2013"); `reported` if none.

    A modal ("would", "will") counts only right before the pair's `trigger` ("would fund";
    not "the ban will hurt …"). A pair the sentence only `described` (how it names a body:
    "China's NUDT", "the Chinese company Bitmain") is the outlet's own wording, which an
    attribution of the sentence's claim does not cover: on the spent development texts
    (01–57), attribution cues made seven such real pairs `alleged`, and the gold has six of
    them `reported`."""
    d = drafting()
    close = before_first[-30:]
    # (what a plea agreement says, the defendant admitted: "according to the plea agreement")
    attributed = _ADMITTED.sub(" ", sentence)
    hits = [] if described else [("alleged", cue) for cue in d.attribution_cues
                                 if _cue(cue).search(attributed)]
    for st, cues in d.status_cues.items():
        hits += [(st, cue) for cue in cues if (_cue(cue).search(close)
                 and not (_speech(st, cue) and _speaker(sentence, before_first, cue))
                 and not _reports(st, cue, close)
                 or _cue(cue).search(between) and not _speech(st, cue)
                 and not _reports(st, cue, between)
                 and not (st == "former" and _PAST_ROLE.search(between)))
                 and (cue not in d.modals or _plans(cue, trigger, close + " " + between))]
    if _past_post().match(between):
        hits.append(("former", between.strip()))
    period = CLOSED_PERIOD.search(between + " " + after)
    if period is None and "," in before_first:  # an opening period: "From 2006 to 2019, A …"
        period = CLOSED_PERIOD.match(before_first.lstrip())
    if period:
        hits.append(("former", period[0]))
    if not hits:
        return "reported", None
    best = vocabulary().strongest_status([s for s, _ in hits])
    return best, next(cue for s, cue in hits if s == best)


def _plans(modal: str, trigger: str | None, segment: str) -> bool:
    """Whether the modal governs the trigger: it stands at most two words before it ("would
    fund", "will also fund", "would have directed"), and not before a verb of going on
    ("will continue investigating" says it goes on)."""
    if trigger is None:
        return False
    ongoing = "|".join(map(re.escape, drafting().ongoing_verbs))
    governed = re.compile(rf"{_cue(modal).pattern}\s+(?!(?:{ongoing})\b)(?:[\w-]+\s+){{0,2}}?"
                          rf"(?i:{_word(trigger).pattern})")
    return bool(governed.search(segment))


def _reports(st: str, cue: str, segment: str) -> bool:
    """"X claimed that …", "it is claimed that …": a claim verb reporting a clause is not a
    self-description (`claimed` is for "claims to be", "describes itself as"); the clause
    keeps its own status."""
    return st == "claimed" and all(re.match(r"\s+that\b", segment[m.end():])
                                   for m in _word(cue).finditer(segment))


def _speech(st: str, cue: str) -> bool:
    """A speech verb between the two names ("Tang said the Zeta Office …") joins the speaker
    to what is said: the pair straddles the attribution, it is not inside the reported
    clause, so the verb does not make it `alleged`."""
    return st == "alleged" and cue in drafting().speech_verbs


def _speaker(sentence: str, before_first: str, verb: str) -> bool:
    """"… ," says Mira Okafor, a director at X': the verb names the speaker right after it, and
    what the apposition after the speaker's name says of them is the outlet's own
    description, not the quote. So does a verb right after the quote closes ("…,” said FBI
    Deputy Director A"), whatever titles stand before the speaker's name."""
    if re.search(rf"[”\"]\s*(?i:{_word(verb).pattern})(?:\s+[A-Z][\w.-]*)*\s*$", before_first):
        return True
    return (bool(re.search(rf"{_word(verb).pattern}\s*$", before_first, re.IGNORECASE))
            and bool(_APPOSITION.match(sentence, len(before_first))))


_APPOSITION = re.compile(r"[^,;:.]{1,40},\s+(?:a|an|the)?\s*[\w-]")  # "Mira Okafor, a …"


def oriented(rel: str, first: str, second: str, types: dict[str, str], word: str = ""
             ) -> tuple[str, str, str] | None:
    """(subject, type, object) with the ends a type's meaning fixes: a person holds the
    position, a place is where the other is, a technology is what the other targets, a
    company a state body directs (the cue `word`) is supervised by it; None when the ends
    cannot take the type."""
    t1, t2 = types.get(first), types.get(second)
    if rel in _PERSON_SUBJECT and {t1, t2} & {"Technology", "Place"}:
        return None  # "a co-founder … worked on drones": a position is held in a body
    if rel in _PERSON_SUBJECT and t2 == "Person" and t1 != "Person":
        return second, rel, first
    if rel == "HOLDS_POSITION" and "Person" not in (t1, t2):
        return None  # "a Huawei employee … Nortel": a title word relates a person only
    if rel == "LOCATED_IN":
        if t1 == "Place" and t2 != "Place":
            first, second, t1, t2 = second, first, t2, t1
        if t1 == "Person" and t2 != "Place":
            return first, "HOLDS_POSITION", second
    if rel == "RUNS" and t1 in _STATE and t2 in _DIRECTED and _DIRECTS.search(word):
        return second, "SUPERVISED_BY", first  # "the Party directs X": X is supervised
    if t1 == "Technology" and t2 != "Technology":  # a technology acts on nothing
        return second, rel if rel in _ON_TECHNOLOGY else "TARGETS", first
    if t2 == "Technology" and t1 != "Technology" and rel not in _ON_TECHNOLOGY:
        return first, "TARGETS", second  # it is what the other seeks or works on
    if t2 == "Place" and rel not in _WITH_PLACE:
        return None  # "signed a deal in Testville": the place is where, not a party
    # (a place that acts stands for its government or base: "Shanghai works with X")
    return first, rel, second
