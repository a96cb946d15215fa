"""What a sentence's words refer to: the entities it names (first mention each), and the
draft's guesses at references ("it", "the university", "the attackers"), who a sentence
quotes, and the names listed as victims. The fact stubs pair what this finds."""

from __future__ import annotations

import re
from functools import cache

from techkg.loaders.draft.cues import roles
from techkg.loaders.draft.pairs import is_body
from techkg.loaders.draft.text import Mention, Sentence
from techkg.loaders.draft.words import drafting

# a pronoun that may stand for an entity named before
PRONOUN = re.compile(r"\b(?:it|its|they|their|he|his|she|her)\b", re.IGNORECASE)

# "the university", "this co-founder": up to three words that may name an entity named before
THE_REFERENCE = re.compile(r"\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Tt]his)((?:\s+[a-z][\w-]*){1,3})")


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
        return is_body(etype)
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
def agent_pattern() -> re.Pattern[str]:
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


def is_modifier(text: str, m: Mention, types: dict[str, str]) -> bool:
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


def named_in(s: Sentence, inside: list[Mention], focus: Mention | None,
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
        for g in agent_pattern().finditer(s.text):
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
    for the in THE_REFERENCE.finditer(s.text):
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


