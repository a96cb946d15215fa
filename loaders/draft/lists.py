"""Lists of names in a sentence ("visited Alpha Corp, Beta Labs, Gamma Inc. and Delta"):
the members share what the sentence says about them, they are rarely related to each other,
so the draft does not pair two members of one list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from techkg.loaders.draft.text import Mention, Sentence

MIN_LIST = 3  # "A and B" is often the pair a sentence is about ("signed between A and B")

# a few lower-case words may describe a member on either side of the comma ("the Beta Labs
# startup incubator, research firm Gamma Medical"), a bracketed figure may follow one
# ("Testland (12)"); words that start a clause or a phrase end the list
_CLAUSE_WORDS = {"which", "who", "whom", "whose", "that", "where", "when", "while", "with",
                 "to", "by", "in", "at", "for", "from", "of", "on", "as", "but", "said", "says",
                 "is", "was", "are", "were", "has", "had", "have", "not", "its", "their", "his",
                 "her", "it", "they", "he", "she"}
_WORD = r"[a-z][\w’'-]*"
_SEPARATOR = re.compile(rf"(?:\s*\([^()]*\))?((?:\s+{_WORD}){{0,3}})\s*,\s+(?:(?:and|or)\s+)?"
                        rf"((?:{_WORD}\s+){{0,3}})")
_LAST = re.compile(r"(?:\s*\([^()]*\))?\s+(?:and|or)\s+(?:the\s+)?")
_LOCATIVE = re.compile(r"\s+(?:in|from|of)\s+(?:the\s+)?")


def _separates(gap: str) -> bool:
    m = _SEPARATOR.fullmatch(gap)
    if m:
        words = (m[1] + " " + m[2]).split()
        return not any(w in _CLAUSE_WORDS for w in words)
    return bool(_LAST.fullmatch(gap))


@dataclass
class Lists:
    """How the names of a sentence form lists: a list number per name (the index of its first
    member), the members a place follows, the gap joining a member to the one before, and
    names printed at the same words as the one before."""

    group: list[int]
    place_of: dict[int, list[int]]
    joined: dict[int, str]
    twin: dict[int, int]


def lists(s: Sentence, named: list[Mention], types: dict[str, str]) -> Lists:
    """The lists the names of a sentence (sorted by position) form."""
    group: list[int] = []  # list number per mention
    place_of: dict[int, list[int]] = {}  # a place's index -> the members it follows
    joined: dict[int, str] = {}  # a member's index -> the gap that joined it to the one before
    twin: dict[int, int] = {}  # a mention at the same words as the one before -> that one
    for i, m in enumerate(named):
        gap = s.text[named[i - 1].end - s.start:m.start - s.start] if i else ""
        if i and m.start == named[i - 1].start:  # "offices in A and B": A, and the office at A
            twin[i] = twin.get(i - 1, i - 1)
            group.append(group[-1])
        elif i and types.get(m.key) == "Place" and _LOCATIVE.fullmatch(gap) \
                and i - 1 not in place_of:
            owners = [i - 1]
            if i - 2 >= 0 and re.fullmatch(r"\s+and\s+(?:the\s+)?", joined.get(i - 1, "")):
                owners.append(i - 2)
            place_of[i] = owners
            group.append(group[-1])
        elif i and _separates(gap):
            group.append(group[-1])
            joined[i] = gap
        else:
            group.append(i)
    return Lists(group, place_of, joined, twin)


def unpaired(s: Sentence, named: list[Mention], types: dict[str, str]) -> set[frozenset[int]]:
    """Index pairs (into `named`, sorted by position) of two members of one list of MIN_LIST or
    more names. A place right after a member ("Alpha University and Beta College in Testland,
    Gamma Institute in Otherland") goes with that member (and one joined to it by "and"), not
    with the other members. Places separated by commas alone are an address ("Alpha District,
    Beta City, Gamma Province"): each is paired with the next."""
    found = lists(s, named, types)
    group, place_of, joined, twin = found.group, found.place_of, found.joined, found.twin
    out: set[frozenset[int]] = set()
    for g in set(group):
        idx = [i for i, x in enumerate(group) if x == g]
        members = [i for i in idx if i not in place_of and i not in twin]
        # one named at a member of a list goes with that member alone
        out |= {frozenset((a, b)) for a in idx for b in idx if a < b and len(members) > 1
                and (a in twin or b in twin) and twin.get(b, b) != twin.get(a, a)}
        if len(members) < MIN_LIST:
            continue
        if all(types.get(named[i].key) == "Place" for i in idx) \
                and all(re.fullmatch(r",\s+", joined.get(i, "")) for i in idx[1:]):
            out |= {frozenset((a, b)) for a in idx for b in idx if b > a + 1}
            continue
        out |= {frozenset((a, b)) for a in idx for b in idx if b > a
                and a not in place_of.get(b, ()) and b not in place_of.get(a, ())
                and twin.get(b, b) != twin.get(a, a)}
    return out
