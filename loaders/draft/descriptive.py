"""Candidates an article names by description rather than by a capitalised name: a lower-case
name listed with technologies ("robotics, marine sensing, and tidal power"), a generic
organisation qualified by its place ("the Zetan consulate in Testville", "trade offices in A
and B") or by its parent ("the joint research center of Delta Robotics")."""

from __future__ import annotations

import re

from lemminflect import getAllLemmas

from techkg.loaders.draft.candidate import Candidate
from techkg.loaders.draft.text import Sentence, form_pattern
from techkg.loaders.draft.words import drafting

# words that make a phrase a clause or a quantity, not a name
_FUNCTION = {"the", "a", "an", "this", "that", "these", "those", "which", "who", "whom",
             "whose", "where", "when", "while", "with", "to", "by", "in", "at", "for", "from",
             "of", "on", "as", "but", "is", "was", "are", "were", "be", "been", "has", "had",
             "have", "not", "its", "their", "his", "her", "it", "they", "he", "she", "we",
             "some", "other", "others", "more", "most", "many", "such", "etc", "also", "than",
             "all", "any", "each", "both", "related", "including", "include", "includes"}
_ITEM_SPLIT = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_PLAIN = re.compile(r"[a-z][a-z-]{2,}(?:\s+[a-z][a-z-]{2,}){0,2}")


def _plain(piece: str) -> bool:
    """A short lower-case phrase that could name a field ("marine sensing"), not a clause
    ("technologies evolved")."""
    return (bool(_PLAIN.fullmatch(piece)) and not set(piece.split()) & _FUNCTION
            and not piece.endswith("ed"))


def listed_technologies(s: Sentence) -> list[Candidate]:
    """Lower-case items of a list that names technologies ("covering robotics, biology,
    marine sensing, and tidal power": marine sensing, tidal power): a two-item list needs one
    listed technology, a longer one two."""
    terms = [form_pattern(t) for t in drafting().technology_terms]
    pieces = [p.strip().rstrip(".;:").strip() for p in _ITEM_SPLIT.split(s.text)]

    def tech(piece: str) -> bool:  # the piece is, or ends with, a listed technology
        return any((m := t.search(piece)) and m.end() == len(piece) for t in terms)

    out: list[Candidate] = []
    chain: list[str] = []
    for piece in [*pieces, ""]:
        # a technology piece may carry the words before the list ("including robotics")
        if piece and (_plain(piece) or tech(piece) and not chain):
            chain.append(piece)
            continue
        techs = sum(tech(p) for p in chain)
        if len(chain) >= 2 and techs >= min(2, len(chain) - 1):
            out += [Candidate(p, "Technology", "listed with technologies")
                    for p in chain if _plain(p) and not tech(p)]
        chain = [piece] if piece and tech(piece) else []
    return out


def _org_word(word: str) -> str | None:
    """The entity type a lower-case organisation word suggests ("consulate", "office")."""
    return drafting().organisation_words.get(word.capitalize()) if word.islower() else None


def _place(name: str) -> bool:
    """A listed place, or a name headed by a place word ("Testville County")."""
    d = drafting()
    return name in d.place_names or d.organisation_words.get(name.split()[-1]) == "Place"


_NAME = r"[A-Z][\w’'&.-]*(?:\s+(?:of\s+)?[A-Z][\w’'&.-]*)*"
# "the Zetan consulate in Testville": after "the"/"a", a descriptor (a few words), a
# lower-case organisation word, "in" and a place
_IN_PLACE = re.compile(
    rf"(?:(?<=\bthe\s)|(?<=\ba\s)|(?<=\ban\s))"
    rf"((?:[A-Za-z][\w&-]*\s+){{1,4}}?([a-z]+)(?:\s+general)?)"
    rf"\s+in\s+((?:the\s+)?{_NAME})")


def placed_organisations(s: Sentence) -> list[Candidate]:
    """A generic organisation named with its place ("the Zetan consulate in Testville",
    "the trade office in Testville"), typed by the organisation word."""
    out: list[Candidate] = []
    for m in _IN_PLACE.finditer(s.text):
        org = _org_word(m[2])
        words = m[1].split()
        if org is None or set(words) & _FUNCTION:
            continue
        place = m[3].rstrip(".")  # a full stop ends the sentence, not the name
        if _place(re.sub(r"^the\s+", "", place)):
            out.append(Candidate(s.text[m.start(1):m.start(3) + len(place)], org,
                                 f"a {m[2]} named by its place"))
    return out


# "the ZTA research center of Delta Robotics": after "the", lower-case words (or an acronym),
# an organisation word, "of" and a capitalised name
_OF_PARENT = re.compile(
    rf"(?<=\bthe\s)((?:(?:[A-Z]{{2,5}}|[a-z][\w-]*)\s+){{1,5}}?([a-z]+))\s+of\s+({_NAME})")


def parented_organisations(s: Sentence) -> list[Candidate]:
    """A unit named by what it is and whose it is ("the joint research center of Beta
    University"), typed by the organisation word."""
    out: list[Candidate] = []
    for m in _OF_PARENT.finditer(s.text):
        org = _org_word(m[2])
        parent = m[3].rstrip(".")
        if org in (None, "Place") or set(m[1].split()) & _FUNCTION or parent.split()[0] in (
                drafting().leading_words):
            continue
        out.append(Candidate(s.text[m.start(1):m.start(3) + len(parent)], org,
                             f"a {m[2]} named by whose it is"))
    return out


def described_events(s: Sentence) -> list[Candidate]:
    """An event named by a description with a capitalised word (a name or an acronym) in it
    ("the Zeta robotics achievement conference"), typed Event by its last word."""
    words = sorted(w.lower() for w, t in drafting().organisation_words.items() if t == "Event")
    pattern = re.compile(rf"(?<=\b(?:the|The)\s)((?:[A-Za-z][\w&-]*\s+){{2,5}}?"
                         rf"({'|'.join(words)}))\b")
    out: list[Candidate] = []
    for m in pattern.finditer(s.text):
        words = m[1].split()
        if not set(words) & _FUNCTION and any(w[0].isupper() for w in words) \
                and any(w.islower() for w in words[:-1]):
            out.append(Candidate(m[1], "Event", f"an event described as a {m[2]}"))
    return out


def _verb(word: str) -> bool:
    """A word English uses as a verb and never as an adjective ("steal", "deploy"), from
    lemminflect's lexicon: before a technology it is what is done to it."""
    lemmas = getAllLemmas(word)
    return "VERB" in lemmas and "ADJ" not in lemmas


def headed_technologies(s: Sentence) -> list[Candidate]:
    """A technology named by what it is of: one or two lower-case words right after a function
    word or a comma and before a technology head word ("in antenna technology", "the coal
    conversion technologies"), where none says only what kind it is ("advanced technology")
    and none is a verb's object ("steal robot technology" names no technology)."""
    d = drafting()
    heads = "|".join(map(re.escape, d.technology_heads))
    stop = d.generic_modifiers | _FUNCTION | {"and", "or"}
    out: list[Candidate] = []
    for head in re.finditer(rf"\b(?:{heads})\b", s.text):
        before = list(re.finditer(r"[A-Za-z][\w-]*|[^\w\s]", s.text[:head.start()]))[-3:]
        for k in (2, 1):
            words, lead = before[-k:], before[:-k][-1:]
            if len(words) < k or any(not re.fullmatch(r"[a-z][a-z-]+", w[0]) or w[0] in stop
                                     or w[0].endswith(("ed", "ing", "ly")) for w in words) \
                    or _verb(words[0][0]) or lead and lead[0][0].isalpha() \
                    and lead[0][0] not in stop:
                continue
            out.append(Candidate(s.text[words[0].start():head.end()], "Technology",
                                 "named by its head word"))
            break
    return out


def descriptive_names(s: Sentence) -> list[Candidate]:
    """Every candidate the rules of this module find in the sentence."""
    return (listed_technologies(s) + headed_technologies(s) + placed_organisations(s)
            + parented_organisations(s) + described_events(s))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def kind_forms(names: list[str]) -> list[str]:
    """The singular forms of a kind of thing the article names in the plural, in lower case
    ("coastal trade hubs": "coastal trade hub"), longest first."""
    out = []
    for name in names:
        words = name.split()
        if 2 <= len(words) <= 4 and all(re.fullmatch(r"[a-z][a-z-]+", w) for w in words) \
                and _singular(words[-1]) != words[-1] and not set(words) & _FUNCTION:
            out.append(" ".join([*words[:-1], _singular(words[-1])]))
    return sorted(dict.fromkeys(out), key=lambda f: (-len(f.split()), f))


def instances(sentences: list[Sentence], kinds: list[Candidate]) -> list[Candidate]:
    """One of a kind named by its place: "the Testville coastal trade hub", or "the hub in
    Testville" (named "Testville coastal trade hub", with the words printed as an alias),
    given a kind the article names in the plural ("coastal trade hubs")."""
    out: list[Candidate] = []
    for kind in kinds:
        forms = kind_forms(kind.forms())
        if not forms:
            continue
        heads = sorted({f.split()[-1] for f in forms} | set(forms), key=len, reverse=True)
        alt = "|".join(re.escape(f) for f in heads)
        placed = re.compile(rf"(?<=\b[Tt]he\s)((?:{alt}))\s+in\s+({_NAME})")
        named = re.compile(rf"(?<=\b[Tt]he\s)({_NAME})\s+((?:{alt}))\b")
        for s in sentences:
            for m in placed.finditer(s.text):
                place = m[2].rstrip(".")
                if _place(place):
                    out.append(Candidate(f"{place} {forms[0]}", kind.type,
                                         f"one of the {kind.name} named by its place",
                                         aliases=[s.text[m.start(1):m.start(2) + len(place)]],
                                         kind=kind.name))
            out += _listed_instances(s, kind, forms[0], heads)
            for m in named.finditer(s.text):
                if _place(m[1]) and " " in m[2]:
                    out.append(Candidate(m[0], kind.type,
                                         f"one of the {kind.name} named by its place",
                                         kind=kind.name))
    taken = {c.spans[0][:2] for c in out if c.spans}
    out += [c for s in sentences for c in _listed_instances(s, None, "", [])
            if c.spans[0][:2] not in taken]
    return out


_SET_UP = (r"(?:\s+(?:were|are|have\s+been|had\s+been)\s+"
           r"(?:set\s+up|established|opened|launched|built|located))?")
_PLURAL_IN = re.compile(rf"((?:[a-z][\w-]*\s+){{0,3}}([a-z]+))[”\"]?{_SET_UP}\s+in\s+"
                        rf"({_NAME}(?:(?:,\s+(?:and\s+)?|,?\s+and\s+){_NAME})+)")


def _listed_instances(s: Sentence, kind: Candidate | None, form: str, heads: list[str]
                      ) -> list[Candidate]:
    """Several of a kind named by their places ("trade offices were set up in A, B and C"):
    one candidate per place, named at the place."""
    out: list[Candidate] = []
    for m in _PLURAL_IN.finditer(s.text):
        words = m[1].split()
        while words and words[0] in _FUNCTION:
            words = words[1:]
        one = _singular(m[2])
        org = _org_word(one)
        if org is None or one == m[2] or not words or set(words) & _FUNCTION:
            continue
        if kind is not None and one not in heads:
            continue
        places = [(p[0].rstrip("."), p.start()) for p in re.finditer(_NAME, m[3])]
        if not all(_place(p) for p, _ in places):
            continue
        base = m.start(3) + s.start
        for place, at in places:
            name = f"{place} {form}" if kind else " ".join([*words[:-1], one, "in", place])
            out.append(Candidate(name, kind.type if kind else org,
                                 f"one of the {m[2]} named by their places",
                                 kind=kind.name if kind else None,
                                 spans=[(base + at, base + at + len(place),
                                         s.start + m.start(2), s.start + m.end(2))]))
    return out
