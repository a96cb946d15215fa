"""New entity candidates in an article's text: `Name (中文名)` pairs, `Name (ACRONYM)`,
capitalised names headed by an organisation word, persons with titles, listed places and
technologies. The type is only a suggestion, read from the vocabulary's drafting data."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache

from techkg.loaders.draft.candidate import Candidate
from techkg.loaders.draft.descriptive import descriptive_names, instances
from techkg.loaders.draft.text import CJK, Sentence, bill_number, form_pattern, headline
from techkg.loaders.draft.words import drafting

_TOKEN = re.compile(r"[^\W_](?:[\w’'&./\-]*[\w’'&])?\.?")
_PAREN = re.compile(r"\s*[(（]([^()（）\n]{1,60})[)）]")
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&./\-]*")
_POSSESSIVE = re.compile(r"['’]s$")
# a bracketed word or two inside a company's name (not an acronym), and the word after it
_BRACKETED = re.compile(r"[A-Z][a-z]\w*(?:\s[A-Z][a-z]\w*)?\)\s+([A-Z][\w.]*)")
_MONTHS = frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])


@cache
def _place_adjective() -> re.Pattern[str]:
    """"India-based", "U.S.-headquartered": a place made a word that describes the name after
    it (`place_adjective_endings`)."""
    endings = "|".join(map(re.escape, drafting().place_adjective_endings))
    return re.compile(rf"(?:[A-Z][\w.]*)+-(?:{endings})")


def _bracketed(text: str, at: int) -> bool:
    """Whether a bracket opening at `at` holds a word or two of a company's name: its legal
    form or an organisation word follows it ("… (Group) Company Limited")."""
    m = _BRACKETED.match(text, at)
    d = drafting()
    return m is not None and (m[1] in d.legal_suffixes or m[1] in d.organisation_words)


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str


def _tokens(text: str) -> list[_Tok]:
    keep = drafting().abbreviations | set(drafting().organisation_words)
    out = []
    for m in _TOKEN.finditer(text):
        word, end = m[0], m.end()
        if word.endswith(".") and word not in keep and not re.fullmatch(r"(?:[A-Z]\.)+", word):
            word, end = word[:-1], end - 1
        out.append(_Tok(m.start(), end, word))
    return out


def _capitalised(word: str) -> bool:
    return (word[:1].isupper() or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)?", word))
            or bool(re.fullmatch(r"[a-z][A-Z]\w+", word)))  # "eXchange", "iPhone"


def phrases(sentence: Sentence, common: frozenset[str] = frozenset()) -> list[list[_Tok]]:
    """Maximal runs of capitalised words (with connectors inside) on one line, minus leading
    function words ("The", "In", ...) and a sentence's first word when the text also writes
    it in lower case ("Had", "Given": `common`); a legal suffix after a comma stays in the
    name ("CNEX Labs, Inc.")."""
    d = drafting()
    toks = _tokens(sentence.text)
    runs: list[list[_Tok]] = []
    run: list[_Tok] = []
    tail = 0  # words of a name tail still to take
    bills = [m.span() for m in bill_number().finditer(sentence.text)]
    for k, tok in enumerate(toks):
        if any(a <= tok.start < b for a, b in bills) \
                or _date_at(toks, k) and not (run and run[-1].text == "of"):
            # a bill's number is a name of its own; a date is no name ("on June 3"), but it
            # can name what it dates ("the Order of August 14")
            runs.append(run)
            run = []
            continue
        gap = sentence.text[run[-1].end:tok.start] if run else " "
        suffix = gap == ", " and tok.text in d.legal_suffixes and tok.text[:1].isupper()
        # "Harbour & Dock Association": an ampersand between capitalised words joins them
        amp = gap == " & " and _capitalised(tok.text)
        # "CSSC Offshore (Group) Company Limited", "China Unicom (Hong Kong) Limited": a
        # bracketed word or two inside a company's name, before its legal form
        bracket = gap == " (" and _bracketed(sentence.text, tok.start) \
            or gap == ") " and bool(run) and _bracketed(
                sentence.text, sentence.text.rfind("(", 0, tok.start) + 1)
        joined = (gap == " " or suffix or amp or bracket) and not (
            run and _POSSESSIVE.search(run[-1].text) and not _capitalised(tok.text))
        lower_org = tok.text.islower() and tok.text.capitalize() in d.organisation_words \
            and not (run and _topic(sentence.text, run, tok))
        # "University of Testville at Dunmore": a campus is named after "at"
        campus = tok.text == "at" and len(run) >= 3 and run[1].text == "of" \
            and d.organisation_words.get(run[0].text) == "University"
        # "the Department of the Treasury", "the Committee on Foreign Investment": "the"
        # after "of" or "for", and "on" after an organisation word, go on with a name that
        # goes on in capitals
        inner = k + 1 < len(toks) and _capitalised(toks[k + 1].text) and bool(run) \
            and _inner_word([*run, tok], len(run)) and not _date_at(toks, k + 1)
        if run and _place_adjective().fullmatch(tok.text):
            runs.append(run)  # "Cisco and India-based Tejas": the place word describes the
            run = []  # name after it and ends the one before
            continue
        if not tail and run and joined and (_capitalised(tok.text) or tok.text in d.connectors
                                            or lower_org and not _incorporated(sentence.text,
                                                                               run, tok)
                                            or campus or inner):
            run.append(tok)
            continue
        if tail or run and (tail := _tail(sentence.text, run) or _lower_body(sentence.text, run)):
            run.append(tok)  # "… government in exile"
            tail -= 1
            continue
        runs.append(run)
        # "the government of Testland": a lower-case body word opens a name before "of Name"
        body = lower_org and bool(re.match(r"\s+of\s+[A-Z]", sentence.text[tok.end:])) \
            and d.organisation_words[tok.text.capitalize()] in ("GovernmentBody", "PartyBody")
        run = [tok] if _capitalised(tok.text) or body else []
    runs.append(run)
    runs = [part for r in runs for part in _after_descriptor(r)]
    out = []
    first = toks[0].start if toks else -1
    # a sentence that is one capitalised run (an outlet in a reference entry)
    whole = bool(re.fullmatch(r"(?:[A-Z][\w’'&-]*\s+)*(?:of\s+|for\s+|and\s+|the\s+)*"
                              r"(?:[A-Z][\w’'&-]*\s+)*[A-Z][\w’'&-]*\.", sentence.text))

    def lead(run: list[_Tok]) -> list[_Tok]:
        while run and (run[0].text in d.leading_words or run[0].text in d.connectors
                       or run[0].text == "the"  # (left by a split inside "… of the X")
                       # "London-based" (but "T-mobile" is a name: one capital before the hyphen)
                       or re.search(r"(?<![A-Z])-[a-z]+$", run[0].text)
                       or re.fullmatch(r"\d+", run[0].text)  # "2008 Huawei"
                       or run[0].start == first and _common_opener(run[0].text, common)
                       and not whole  # ("Information Warfare Monitor." is all name)
                       or run[0].start == first and re.fullmatch(r"[IVX]+\.", run[0].text)
                       # a transcript's question mark ("Q Hi there, I wanted to ask …")
                       or run[0].start == first and run[0].text == "Q" and len(run) > 1
                       # "Senators Casey and Cornyn": the names follow a plural title
                       or len(run) > 1 and run[0].text[:1].isupper()
                       and run[0].text.endswith("s") and run[0].text[:-1] in d.person_titles):
            run = run[1:]  # (a section number: "II. Testco's rise")
        return run

    def resplit(run: list[_Tok]) -> list[list[_Tok]]:
        """At "and" once more without the leading words ("Besides Google and Adobe"), but
        not after an article ("The Globe and Mail" is one name)."""
        rest = lead(run)
        if run[:1] and run[0].text in ("The", "the") and len(rest) < len(run):
            return [rest]
        return _split_and(rest)

    for run in (p for r in runs for whole in _titled_of(r) for part in _split_and(whole)
                for p in resplit(part)):
        if len(run) == 2 and re.fullmatch(r"\d+", run[1].text) \
                and run[0].text not in d.organisation_words:
            continue  # "Season 5", "Case 1": a number fragment
        if len(run) >= 2 and run[0].text in d.text_parts \
                and re.fullmatch(r"\d+[A-Za-z]?|[IVXLC]+|[A-Z]", run[1].text) \
                and all(t.text in d.connectors for t in run[2:]):
            continue  # "Section 2", "Title XVII", "Subtitle B of the Act": a part of a text
        if run and all(t.text in d.group_words or t.text == "and" for t in run):
            continue  # "Overseas Chinese", "Canadian and Australian": a group, not an entity
        kind = d.organisation_words.get(run[-1].text.capitalize()) if run else None
        if len(run) > 1 and run[-1].text.islower() and kind not in ("GovernmentBody",
                                                                     "PartyBody") \
                and all(t.text in d.group_words or t.text in d.place_names
                        and kind not in _NOT_BODIES for t in run[:-1]):
            continue  # "Canadian university", "a PRC company": some university, some
            # company (but the Chinese government, and "the One China policy")
        if run and " ".join(t.text for t in run) in d.not_names:
            continue
        core = run
        while core and core[-1].text in d.connectors:
            core = core[:-1]
        if office := _office([t.text for t in core]):
            out += [core[:office]] + ([core[office:]] if office < len(core) else [])
            continue  # "Secretary of the Treasury", "Secretary of Commerce Gina Raimondo"
        if len(run) > 2 and run[0].text in d.person_titles and run[1].text == "of":
            # "Professor of Physics" is a job title; "Chairman of the Board of Governors of
            # the Federal Reserve" names the body after the title
            run = run[3:] if run[2].text == "the" else run[2:]
            if not any(t.text in d.organisation_words for t in run):
                continue
        tails = {tuple(t.split()) for t in d.name_tails}
        while run and (run[-1].text in d.connectors or run[-1].text == "at"
                       or run[-1].text in d.not_names  # "PRC IP": shorthand, no name
                       or _stray_end(run[-1].text, len(run))) \
                and not any(tuple(t.text for t in run[-len(w):]) == w for w in tails):
            run = run[:-1]
        for i, tok in enumerate(run[1:-1], 1):  # "Executive Order 13959 of November 12":
            if tok.text == "of" and run[i + 1].text in _MONTHS \
                    and run[i - 1].text[:1].isdigit():  # its number names it, not the date
                run = run[:i]  # ("the Order of August 14" is named by its date)
                break
        if len(run) >= 2 and all(t.text in d.legal_suffixes or t.text in d.organisation_words
                                 for t in run) and any(t.text in d.legal_suffixes for t in run):
            continue  # "Company Limited": a legal form, no name
        if len(run) > 3 and _plain_name(run[-3:]) and re.fullmatch(r"[A-Z]\.", run[-2].text) \
                and not _titled(run[:-3], run[-3:]):
            # "Assistant Attorney General for National Security John C. Demers": a name with a
            # middle initial ends the run, and what comes before it is the person's title
            out += [run[-3:]]
            rest = run[:-3]
            run = [] if rest[0].text[:1].islower() or _leading_title(rest) else rest
        if run and _title_alone(run):
            continue  # "Acting U.S. Attorney", "FBI Special Agent": a title names no one
        if (k := _leading_title(run)) and not _plain_name(run[k:]):
            run = run[k:]  # "Deputy CEO Huawei NZ": the post's body
            while run and (run[0].text in d.connectors or run[0].text == "the"):
                run = run[1:]  # ("Assistant Director of the FBI’s … Division")
        out += _split_possessive(run) if run else []
    return out


_INCORPORATION = re.compile(r"\s*(?:limited\s+liability\s+company|limited\s+partnership"
                            r"|company|corporation|limited)\b")


def _date_at(toks: list[_Tok], k: int) -> bool:
    """A month and its day or year ("June 3", "August 2022") start at token k."""
    return k + 1 < len(toks) and toks[k].text in _MONTHS and toks[k + 1].text.isdigit()


def _topic(text: str, run: list[_Tok], word: _Tok) -> bool:
    """"U.S. policy", "China strategy": a place's name alone before a topic word names a
    topic, not a programme (but "the one China policy" is one)."""
    return (word.text in drafting().topic_words
            and text[run[0].start:run[-1].end] in drafting().place_names
            and not re.search(r"\bone\s+$", text[:run[0].start], re.IGNORECASE))


def _incorporated(text: str, run: list[_Tok], form: _Tok | None = None) -> bool:
    """"a Delaware corporation", "a British Virgin Islands company": after "a", a lower-case
    legal form says where a company is incorporated; the capitalised words are that place
    (a company's own name takes its form in capitals: "Testco Corporation")."""
    after = text[run[-1].end:] if form is None else text[form.start - 1:]
    return bool(re.search(r"\b(?:a|an)\s+$", text[:run[0].start])) \
        and not re.search(r"-[a-z]+$", run[-1].text) \
        and _INCORPORATION.match(after) is not None  # (but "a PRC-based company")


# the most words after an office's "of" ("Commerce for Industry and Security"); more is two
# names run together ("Secretary of State and National Security Advisor Marco Rubio and …")
OFFICE_BODY = 6


def _office(words: list[str]) -> int:
    """How many of the words name an office by its title (`office_titles`), which is a
    government body: "Secretary of the Treasury", "Under Secretary of Commerce for Industry
    and Security", "Attorney General", "U.S. Trade Representative"; where a person's name of
    two or three words ends them ("Secretary of Commerce Gina Raimondo"), the words before
    it. 0 if they name none."""
    d = drafting()
    # ("U.S. Trade Representative": a place may open it)
    k = next((i for i in (2, 1) if len(words) > i and " ".join(words[:i]) in d.place_names), 0)
    title = next((t.split() for t in d.office_titles if words[k:k + len(t.split())] == t.split()),
                 None)
    if title is None:
        return 0
    end = k + len(title)
    if end == len(words):
        return end if len(title) > 1 else 0  # "the Attorney General"; not "the Secretary"
    if words[end] not in ("of", "for") or end + 1 == len(words):
        return 0
    # a person's name after the office: two words, three with a middle initial (a third
    # capitalised word is the body's: "Secretary of Homeland Security Jane Roe")
    for n in (3, 2) if re.fullmatch(r"[A-Z]\.", words[-2]) else (2,):
        body = words[end + 1:-n]
        if body and len(body) <= OFFICE_BODY and body[-1][:1].isupper() \
                and body[-1] not in d.connectors \
                and re.fullmatch(r"[A-Z][a-z]+", words[-n]) and all(
                    re.fullmatch(r"[A-Z][a-z’'-]+|[A-Z]\.", w) for w in words[-n:]) \
                and words[-1][-1:].islower() and words[-n] not in d.organisation_words \
                and words[-1] not in d.organisation_words and words[-1] not in d.place_names:
            return len(words) - n
    return len(words) if len(words) - end - 1 <= OFFICE_BODY else 0


def is_office(name: str) -> bool:
    """Whether the whole name is an office named by its title ("Secretary of Commerce")."""
    return _office(name.split()) == len(name.split())


def _title_alone(run: list[_Tok]) -> bool:
    """A run that ends in a capitalised person title, with no organisation word in it."""
    d = drafting()
    words = [t.text for t in run]
    return not any(w in d.organisation_words for w in words) and any(
        title[:1].isupper() and words[-len(title.split()):] == title.split()
        for title in d.person_titles)


def _leading_title(run: list[_Tok]) -> int:
    """How many words at the start of a run are a capitalised person title, with its rank
    words ("Deputy CEO"), where a name follows; 0 if none are."""
    d = drafting()
    words = [t.text for t in run]
    k = 0
    while k < len(words) and words[k] in d.title_modifiers:
        k += 1
    for title in sorted(d.person_titles, key=len, reverse=True):
        tw = title.split()
        if title[:1].isupper() and words[k:k + len(tw)] == tw and k + len(tw) < len(words):
            return k + len(tw)
    return 0


def _lower_org(word: str) -> str | None:
    """The type a lower-case organisation word suggests, singular or plural ("service",
    "services")."""
    d = drafting()
    if not word.islower():
        return None
    return d.organisation_words.get(word.capitalize()) or (
        d.organisation_words.get(word[:-1].capitalize()) if word.endswith("s") else None)


_LOWER_BODY = re.compile(r"(?:\s+[a-z]{3,}(?![\w-])){2,3}")


def _lower_body(text: str, run: list[_Tok]) -> int:
    """How many lower-case words after a group or place word name a state body with it
    ("the Canadian security intelligence service", "U.S. intelligence agencies"), 0 if
    none do."""
    d = drafting()
    last = run[-1].text
    if any(t.text not in d.leading_words for t in run[:-1]) \
            or not (last in d.group_words or last in d.place_names):
        return 0
    m = _LOWER_BODY.match(text, run[-1].end)
    words = m[0].split() if m else []
    for k in range(2, len(words) + 1):
        if _lower_org(words[k - 1]) in ("GovernmentBody", "PartyBody") and not any(
                w in d.connectors or _lower_org(w) for w in words[:k - 1]):
            return k
    return 0


def _tail(text: str, run: list[_Tok]) -> int:
    """How many words of a name tail ("in exile") follow a run ending in an organisation
    word ("the Testland government in exile"), or of a listed place after "in the" follow a
    body "on" a subject ("the Committee on Foreign Investment in the United States"); 0 if
    none do."""
    d = drafting()
    words = [t.text for t in run if t.text not in d.leading_words]
    if len(words) > 2 and words[0] in d.organisation_words and "on" in words[1:-1]:
        place = re.match(r"\s+in\s+the\s+((?:[A-Z][\w.]*\s+)*[A-Z][\w.]*)", text[run[-1].end:])
        if place and place[1] in d.place_names:
            return 2 + len(place[1].split())
    if not run or run[-1].text.capitalize() not in d.organisation_words:
        return 0
    for tail in d.name_tails:
        words = tail.split()
        if re.match(r"\s+" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", text[run[-1].end:]):
            return len(words)
    return 0


def _split_possessive(run: list[_Tok]) -> list[list[_Tok]]:
    """"Sweden’s Inspectorate of …", "South Korea’s Testco": in a run of three words or more,
    or after a listed place ("China's Testco"), a possessive ends the owner's name and the
    owned one follows ("the People’s Bank" is one name, and so is "Office of China’s
    Ministry of …": a listed place inside an "of" is the owner's, not a name's end)."""
    d = drafting()
    for i, tok in enumerate(run[:-1]):
        if not _POSSESSIVE.search(tok.text):
            continue
        owner = _POSSESSIVE.sub("", tok.text)
        if any(t.text in d.connectors for t in run[:i]) and not (
                run[-1].text in d.unit_words
                or run[0].text in d.organisation_words and owner not in d.place_names):
            break  # (but "the Department of Justice’s National Security Division": a unit
            # word ends the owned name, so the owner is the whole name before it; and so
            # does a body's name whose owner is no listed place: "the Department of
            # Commerce’s Bureau of …", "the Department of Homeland Security’s U.S. …")
        if (len(run) > 2 or owner in d.place_names) and owner not in d.possessive_names:
            return [run[:i + 1], *_split_possessive(run[i + 1:])]
    return [run]


def _after_descriptor(run: list[_Tok]) -> list[list[_Tok]]:
    """"Chinese company Alibaba", "research firm Gamma Medical": a lower-case organisation
    word inside a run describes the name after it; the name is what follows."""
    for i, tok in enumerate(run[:-1]):
        if tok.text.islower() and tok.text not in drafting().connectors \
                and tok.text not in ("at", "in", "the") \
                and run[i + 1].text[:1].isupper() and not _inner_word(run, i):
            return [run[i + 1:]]
    return [run]


def _titled_of(run: list[_Tok]) -> list[list[_Tok]]:
    """"Trial Attorney Evan Turgeon of the National Security Division", "Assistant U.S.
    Attorneys A B and C D of the … Section": a title and one or two persons' names end at
    "of"; the body follows."""
    for i, tok in enumerate(run):
        if tok.text == "of" and _titled_names(run[:i]):
            rest = run[i + 1:]
            return [run[:i], *_titled_of(rest[1:] if rest[:1] and rest[0].text == "the"
                                         else rest)]
    return [run]


def _titled_names(part: list[_Tok]) -> bool:
    """A person title, then a name of two or three words, or two such names joined by "and"."""
    for last in (2, 3):
        if _titled(part[:-last], part[-last:]):
            return True
        for first in (2, 3):
            k = last + 1 + first
            if len(part) > k and part[-last - 1].text == "and" \
                    and _titled(part[:-k], [*part[-k:-last - 1], *part[-last:]]):
                return True
    return False


def _titled(title: list[_Tok], name: list[_Tok]) -> bool:
    """Words that end in a person title, then a plain name."""
    words = " ".join(t.text for t in title)
    return bool(title) and _plain_name(name) and any(
        words == t or words.endswith(" " + t) for t in drafting().person_titles)


_NOT_BODIES = ("Document", "Programme")  # organisation words of no body


def _inner_word(run: list[_Tok], i: int) -> bool:
    """"the" after "of" or "for", "on" after a body's organisation word: part of the name
    ("the Department of the Treasury", "the Committee on Foreign Investment"), but not after
    a document's or programme's word ("the Work Plan of the … Center" names two things)."""
    words = drafting().organisation_words
    if i == 0 or any(words.get(t.text) in _NOT_BODIES for t in run[:i]):
        return False
    return (run[i].text == "the" and run[i - 1].text in ("of", "for")
            or run[i].text == "on" and run[i - 1].text in words)



def _common_opener(word: str, common: frozenset[str]) -> bool:
    """A sentence's first word that is no name: the text writes it in lower case too, or it
    is a verb form ("Hiring", "Destabilizing")."""
    return word.lower() in common or bool(re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", word)) \
        and not any(p.startswith(word + " ") for p in drafting().place_names)  # "United States"


def _split_and(run: list[_Tok]) -> list[list[_Tok]]:
    """"Le Mans Université and Université Paris-Saclay", "Silicon Valley and Toronto",
    "Nortel and Lucent": two names, where the left one ends in an organisation word, either
    one is a listed place, or both are single words."""
    d = drafting()
    for i, tok in enumerate(run):
        if tok.text == "and" and 0 < i < len(run) - 1:
            left, right = run[:i], run[i + 1:]
            core = right  # ("George Pence of the …": the connector the run ends in is no name)
            while len(core) > 1 and core[-1].text in d.connectors:
                core = core[:-1]
            if _shared_head(left, core):
                return [run]
            places = set(d.place_names)
            if (left[-1].text in d.organisation_words or right[0].text in places
                    or len(left) >= 2 and left[-1].text in d.legal_suffixes  # "Beta Networks"
                    or " ".join(t.text for t in left) in places
                    or len(left) == 1 and len(right) == 1
                    or len(left) == 1 and right[0].text in d.organisation_words
                    or _two_plain_names(left, core) and not _place_led(left, core)):
                return [left, *_split_and(right)]
    return [run]


def _shared_head(left: list[_Tok], right: list[_Tok]) -> bool:
    """"the Swedish Post and Telecom Authority", "the Counterintelligence and Export Control
    Section": the organisation word that ends the right side names the whole, where the left
    side has none of its own (nor a place, nor a company's legal ending)."""
    d = drafting()
    return (len(right) >= 2 and right[-1].text in d.organisation_words
            and not any(t.text in d.organisation_words or t.text in d.legal_suffixes
                        for t in left)
            and " ".join(t.text for t in left) not in d.place_names)


def _two_plain_names(left: list[_Tok], right: list[_Tok]) -> bool:
    """"Bobbie Johnson and Tania Branigan", "Dow Chemical and Morgan Stanley": two names of two
    words or more, each all capitalised words with no organisation word ("Science and
    Technology Park" stays one)."""
    d = drafting()
    return len(left) >= 2 and len(right) >= 2 and all(
        re.fullmatch(r"[A-Z][\w’'-]*|(?:[A-Z]\.)+", t.text) and t.text not in d.organisation_words
        and t.text not in d.legal_suffixes for t in (*left, *right))


def _place_led(left: list[_Tok], right: list[_Tok]) -> bool:
    """"U.S. Customs and Border Protection": a place word opens the left side and none the
    right, so the place qualifies both and the two are one name."""
    places = drafting().place_names
    return left[0].text in places and len(left) >= 2 and right[0].text not in places


def _stray_end(word: str, length: int) -> bool:
    """A word that cannot end a name: lower case (not an organisation word), a lone number."""
    d = drafting()
    return (word.islower() and word.capitalize() not in d.organisation_words
            and _lower_org(word) is None
            or word[:1].isdigit() and length == 1)


def _text(sentence: Sentence, run: list[_Tok]) -> str:
    name = sentence.text[run[0].start:run[-1].end]
    return _POSSESSIVE.sub("", name)


def suggested_type(name: str) -> tuple[str, str] | None:
    """(type, the words that suggest it) from the name's head word or a typed phrase."""
    d = drafting()
    if is_office(name):
        return "GovernmentBody", "an office's title"
    for phrase, etype in d.name_phrases.items():
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", name):
            return etype, phrase
    words = name.split()
    for tail in d.name_tails:  # "… government in exile": typed by its body word
        if len(words) > len(tail.split()) and name.endswith(" " + tail):
            words = words[:-len(tail.split())]
    for i, w in enumerate(words[1:], 1):  # "Ministry of Commerce": the word before of/for
        if w in ("of", "for") and words[i - 1] in d.organisation_words:
            return d.organisation_words[words[i - 1]], words[i - 1]
        if w == "of" and i == 1 and words[0].islower() \
                and words[0].capitalize() in d.organisation_words:  # "government of Testland"
            return d.organisation_words[words[0].capitalize()], words[0]
    if len(words) > 1 and words[-1] in d.organisation_words:
        return d.organisation_words[words[-1]], words[-1]
    if len(words) > 1 and words[-1].islower() and words[0][:1].isupper() \
            and (etype := _lower_org(words[-1])):  # "Testville county", "… agencies"
        return etype, words[-1]
    if len(words) > 1 and words[0] in d.organisation_words:  # "Université Paris-Saclay"
        return d.organisation_words[words[0]], words[0]
    if len(words) > 1 and words[0] in d.name_openers:  # "Operation Aurora"
        return d.name_openers[words[0]], words[0]
    return None


def _inner_names(sentence: Sentence, run: list[_Tok]) -> list[Candidate]:
    """Typed names after "of" inside a longer one: "Center of Hebei University of Technology"."""
    d = drafting()
    for i in reversed(range(len(run) - 2)):
        if run[i].text == "of":
            rest = run[i + 1:]
            while len(rest) > 1 and (_POSSESSIVE.search(rest[0].text)  # "China's Ministry"
                                     or rest[0].text == "the"):  # "of the Agency"
                rest = rest[1:]
            name = _text(sentence, rest)
            typed = suggested_type(name)
            if all(t.text in d.legal_suffixes or t.text in d.place_names for t in rest):
                return []  # "… Corporation of China, Ltd.": a place and a legal form
            if typed and len(rest) > 1:
                return [Candidate(name, typed[0], f"inside a longer name; type from "
                                                  f"{typed[1]!r}", inner=True)]
    return []


def _paren(sentence: Sentence, end: int) -> tuple[list[str], str | None]:
    """Acronyms and a Chinese name in brackets right after a name."""
    m = _PAREN.match(sentence.text, end)
    if not m:
        return [], None
    acronyms, zh = [], None
    for part in re.split(r"[,，;；、]\s*", m[1].strip()):
        if CJK.search(part) and zh is None and not re.search(r"[A-Za-z]", part):
            zh = part
        elif _ACRONYM.fullmatch(part) and sum(c.isupper() for c in part) >= 2 and len(part) <= 12 \
                or bill_number().fullmatch(part):  # "the … Act (H.R. 2683)"
            acronyms.append(part)
    return acronyms, zh


def _person(sentence: Sentence, run: list[_Tok]) -> tuple[list[_Tok], str] | None:
    """A 2-3 word name after a title, or a titled name ("Professor Daniela Rus"), or a name
    with a middle initial ("John C. Doe")."""
    d = drafting()
    titles = sorted(d.person_titles, key=len, reverse=True)
    words = [t.text for t in run]
    for title in titles:  # title inside the run, then the name
        tw = title.split()
        for at in range(len(words) - len(tw)):
            if words[at:at + len(tw)] == tw and 2 <= len(words) - at - len(tw) <= 3:
                rest = run[at + len(tw):]
                if _plain_name(rest):
                    return rest, f"title {title!r}"
    if not 1 <= len(run) <= 3 or not _plain_name(run):
        return None
    before = sentence.text[:run[0].start].rstrip()
    after = sentence.text[run[-1].end:]
    verb = re.match(r"\s+(\w+)", after)
    # one word is a person's surname only where what follows is said ("Mao said that",
    # "Mao said,"), not done ("Huawei added biannual awards")
    said = len(run) > 1 or bool(re.match(r"\s+\w+(?:\s+that\b|\s*[,:.“\"])", after))
    if verb and verb[1] in d.speech_verbs and len(run) <= 3 and said:
        return run, f"{verb[1]!r} follows it"
    if len(run) == 3 and re.fullmatch(r"[A-Z]\.", run[1].text) \
            and not any(t.text in d.leading_words for t in run):
        return run, "a name with a middle initial"
    if len(run) == 1 and any(
            title[:1].isupper() and " " not in title and re.search(
                rf"(?<!\w){re.escape(title)}s(?:\s+[A-Z][\w’'-]*,?)*(?:\s+and)?$", before)
            for title in titles):
        return run, "a surname after a plural title (\"Senators A and B\")"
    if len(run) < 2:
        return None
    words = re.findall(r"[\w.’'-]+", before)[-12:]
    if any(is_office(" ".join(words[i:])) for i in range(len(words))):
        return run, "an office's title before it"  # "Secretary of Commerce Gina Raimondo"
    for title in titles:
        if re.search(rf"(?<!\w){re.escape(title)}$", before):
            return run, f"title {title!r}"
        # "Assistant U.S. Attorneys Mira Okafor and Tom Reed": the title is both persons'
        if re.search(rf"(?<!\w){re.escape(title)}\s+(?:[A-Z][\w’'-]*\.?\s+){{1,3}}and$",
                     before):
            return run, f"title {title!r}, with the name before it"
        if title.islower() and re.search(rf"(?<![\w-]){re.escape(title)}s?,$", before):
            return run, f"in apposition to {title!r}"  # "one of its co-founders, Mira Okafor,"
        # (", Deputy CEO …", ", a University of Arkansas scientist")
        if re.match(rf",\s+(?:(?:a|an|the|who is|its|their)\b[^,.;]{{0,50}}?"
                    rf"|(?:[A-Z][\w.-]*\s+){{1,2}})?(?<!\w)"
                    rf"{re.escape(title)}(?!\w)", after):
            return run, f"described as {title!r}"
    return None


def _acronym(name: str) -> bool:
    return (bool(re.fullmatch(r"[A-Z][A-Z0-9&]{1,5}", name))
            and name not in drafting().leading_words
            and not re.fullmatch(r"[IVX]+", name))  # "II": a section number


def _enumerated(s: Sentence, runs: list[list[_Tok]]) -> set[int]:
    """Single-word names in a list of three or more ("Google, Nvidia, and Apple")."""
    out: set[int] = set()
    streak: list[list[_Tok]] = []
    for prev, run in zip([None, *runs], runs, strict=False):
        gap = s.text[prev[-1].end:run[0].start] if prev else ""
        if prev and re.fullmatch(r",\s+(?:and\s+|or\s+)?(?:the\s+)?", gap):
            streak.append(run)
        else:
            if len(streak) >= 3:
                out |= {id(r) for r in streak}
            streak = [run]
    if len(streak) >= 3:
        out |= {id(r) for r in streak}
    return out


def _inside_name(text: str, m: re.Match[str]) -> bool:
    """Whether a listed place's name is printed as the end of a longer name ("the University
    of Kansas", "the Eastern District of Texas"), not as the place. (Before a name it stays
    the place: "U.S. Department of Commerce", "the Office of China's Ministry of Commerce".)"""
    before = re.search(r"([A-Z][\w.’'-]*)\s+(?:(?:of|for)\s+(?:the\s+)?)?$", text[:m.start()])
    return before is not None and before[1] not in drafting().leading_words \
        and not re.match(r"(?:['’]s)?\s+[A-Z]", text[m.end():])  # ("… of China’s Ministry")


def _byline(s: Sentence, run: list[_Tok]) -> Candidate | None:
    """"Remarks by National Economic Advisor Jane Roe on …": in a heading or headline, the last
    two words of an untyped name right after "by" name a person, the speaker or author, where
    words before them (a title) say they are not the whole name."""
    if not re.search(r"\bby\s*$", s.text[:run[0].start]) or len(run) < 3 \
            or not _plain_name(run[-2:]):
        return None
    return Candidate(_text(s, run[-2:]), "Person", "a name after 'by' and a title in a heading")


def _plain_name(run: list[_Tok]) -> bool:
    d = drafting()
    # ("McKenzie", "DeVillers", "LeBlanc": a surname may have a capital inside)
    # ("Xiao-Jiang", "Leigh-Alistair": a hyphenated given name)
    return all(re.fullmatch(r"[A-Z][a-z]{0,2}[A-Z]?[a-z’'\-]+(?:-[A-Z][a-z’']+)*|[A-Z]\.",
                            t.text) and
               t.text not in d.organisation_words and t.text not in d.leading_words
               for t in run)


def candidates(sentences: list[Sentence]) -> list[Candidate]:
    """Every candidate the sentences suggest, one per name (first occurrence wins)."""
    d = drafting()
    found: dict[str, Candidate] = {}

    def add(c: Candidate) -> None:
        key = c.name.casefold()
        if any(key == a.casefold() for old in found.values() for a in old.aliases):
            return
        if _acronym(c.name):  # "AXT" after "AXT Inc.": an alias
            longer = next((o for o in found.values() if o.name.startswith(c.name + " ")
                           and o.name[len(c.name) + 1:] in d.organisation_words), None)
            if longer is not None:
                longer.aliases.append(c.name)
                return
        if key in found:
            old = found[key]
            old.aliases += [a for a in c.aliases if a not in old.aliases]
            old.name_zh = old.name_zh or c.name_zh
            old.spans += c.spans
        else:
            found[key] = c

    # (a place is named in capitals; a term of the field in lower case: in capitals it is a
    # word of a name, "the Inspectorate of Export Controls")
    listed = [(name, "Place", "listed place name", str.isupper) for name in d.place_names] \
        + [(name, "Technology", "listed technology name", None) for name in d.technology_terms] \
        + [(name, etype, "a term of the field (field_terms)", str.islower)
           for name, etype in d.field_terms.items()]
    for name, etype, why, case in listed:
        pattern = form_pattern(name)
        hit = next((m for s in sentences for m in pattern.finditer(s.text)
                    if (case is None or case(m[0][:1]))
                    and (etype != "Place" or not _inside_name(s.text, m))), None)
        twin = next((c for c in found.values() if c.type == etype and (
            c.name.casefold() + "s" == hit[0].casefold()
            or c.name.casefold() == hit[0].casefold() + "s")), None) if hit else None
        if twin is not None:  # "semiconductor" and "semiconductors": one technology
            twin.aliases.append(hit[0])
        elif hit:
            add(Candidate(hit[0], etype, why))
    # (a web address's words are no use of a word in lower case: "github.com/…")
    common = frozenset(w for s in sentences for w in re.findall(
        r"\b[a-z][a-z-]+\b", re.sub(r"\S*(?:https?://|www\.)\S*", " ", s.text)))
    titles = _entry_titles(sentences)
    for i, s in enumerate(sentences):
        section = _section_title(sentences, i)
        if headline(s) or heading(s) or FIELD.match(s.text) or section:
            # a heading's names recur in the text it heads, but one an organisation word
            # types may be named there only ("University of Toronto" heading its sources)
            # (a headline's speaker, after "by", may be named there only too)
            typed = (heading(s) or section) and not headline(s)
            for run in phrases(s, common) if not FIELD.match(s.text) else []:
                for cand in _from_run(s, run, False):
                    if typed and not cand.why.endswith("check the type"):
                        add(cand)
                    elif cand.why.endswith("check the type") and (
                            person := _byline(s, run)) is not None:
                        add(person)
            continue
        entry = _MARK.match(s.text) is not None
        for cand in _entry_authors(s) if entry else []:
            add(cand)
        cited = entry or _citation(s)
        for cand in [q for q in quoted_names(s) if not (cited and q.type == "Document")] \
                + descriptive_names(s) + _placed(s, common):
            add(cand)
        runs = phrases(s, common)
        listed = _enumerated(s, runs)
        title = _cited_title(s) or i in titles or _citation(s)
        quoted = _quoted_title_spans(s)
        for run in runs:
            in_title = title or any(a <= run[0].start < b for a, b in quoted) \
                or _label(s, run)
            for cand in _from_run(s, run, id(run) in listed) or _one_word(s, run, common):
                if not (in_title and cand.why.endswith("check the type")):
                    add(cand)
    for s in sentences:  # after the names whose brackets hold them as aliases
        for m in bill_number().finditer(s.text):
            add(Candidate(m[0], "Programme", "a bill's or a law's number"))
    for cand in instances(sentences, list(found.values())):
        add(cand)
    for cand in _recurring(sentences, list(found.values()), common):
        add(cand)
    keys = _citation_keys(sentences)
    out = [c for c in found.values()
           if not (_acronym(c.name) and c.name in d.person_titles)  # "CEO"
           # a transcript's speaker title in capitals ("MR. SULLIVAN:")
           and not (c.name.isupper() and c.name.capitalize() + "." in d.person_titles)
           and c.name not in keys]
    _surnames(sentences, out, common)
    surnames = {c.name.split()[-1] for c in out if c.type == "Person" and " " in c.name}
    surnames |= {c.name.split()[0] for c in out if c.type == "Person" and " " in c.name
                 and c.why.startswith("its first word")}
    return [c for c in out if c.name not in surnames]  # "Mao" is Bo Mao, named short


_MARK = re.compile(r"\[[^\]\n]{1,12}\]:?\s+")
# "[AB3]", "[XY12], [Q4]": a citation key; "$US12": an amount
_KEY = re.compile(r"\[([A-Za-z]+\d+)\]|\$([A-Z]{1,3}\d+)")


def _citation_keys(sentences: list[Sentence]) -> set[str]:
    """Letters-and-digits tokens the text writes as a citation mark or an amount: no names."""
    return {m[1] or m[2] for s in sentences for m in _KEY.finditer(s.text)}


# "[12] Okafor, Mira, and Tom Reed. “…”", "[3] Reed, Tom. …": authors as a citation lists them
_AUTHORS = re.compile(r"([A-Z][a-z’'-]+), ([A-Z][a-z’'-]+)(?:, and ([A-Z][a-z’'-]+) "
                      r"([A-Z][a-z’'-]+))?(?= ?[.,])")


def _entry_authors(s: Sentence) -> list[Candidate]:
    """The people a reference entry opens with, surname first ("Okafor, Mira."): persons,
    named given name first, so their names are not taken one word at a time."""
    m = _AUTHORS.match(s.text, _MARK.match(s.text).end())
    if not m or {m[1], m[2]} & (drafting().leading_words | set(drafting().organisation_words)):
        return []
    why = "an author of a cited work (surname first)"
    out = [Candidate(f"{m[2]} {m[1]}", "Person", why)]
    return out + ([Candidate(f"{m[3]} {m[4]}", "Person", why)] if m[3] else [])


def _label(s: Sentence, run: list[_Tok]) -> bool:
    """A list item's label ("Energy, Rare Minerals: solar cells; …"): capitalised words that
    open the sentence and end at a colon head what follows; they are no names unless an
    organisation word types them."""
    colon = s.text.find(":")
    return 0 < colon <= 60 and run[-1].end <= colon and "." not in s.text[:colon] \
        and not _MARK.match(s.text)


_OPEN_TITLE = re.compile(r"[“\"][^”\"]+[.?!]")
_WEB_AND_YEAR = re.compile(r"(?=.*\b(?:www\.|https?://))(?=.*\b(?:19|20)\d\d\b)")


def _citation(s: Sentence) -> bool:
    """A piece of a reference entry: a quoted title the sentence splitter cut before its
    closing quote ("“Rise of the Testco Giant."), or a line with a web address and a year."""
    words = s.text.split()
    title = len(words) >= 3 and sum(_capitalised(w.strip("“\"")) or w.strip("“\"")[:1].isdigit()
                                    for w in words) >= 0.6 * len(words)  # ("5G" too)
    return bool(title and _OPEN_TITLE.fullmatch(s.text) or _WEB_AND_YEAR.match(s.text))


def _quoted_title_spans(s: Sentence) -> list[tuple[int, int]]:
    """Where the sentence quotes a title ("“Rise of the Testco Giant”"): its capitalised words
    are a headline's, so only names an organisation word types are taken from inside."""
    out = []
    for m in _QUOTED.finditer(s.text):
        words = m[1].split()
        if len(words) >= 3 and sum(_capitalised(w) for w in words) >= 0.6 * len(words):
            out.append((m.start(1), m.end(1)))
    return out


def _entry_titles(sentences: list[Sentence]) -> set[int]:
    """The sentences that are the title of a reference-list entry ("[15]: How Testville money
    helps …. The Test Gazette. May 26, 2018."): an entry mark, then within the entry a
    sentence ending in a year. Their capitalised words are a headline's, whatever their
    share, so only names an organisation word types are taken from them."""
    out = set()
    for i, s in enumerate(sentences):
        if not _MARK.match(s.text):
            continue
        for later in sentences[i + 1:i + 5]:
            if _MARK.match(later.text):
                break
            if _YEAR_END.search(later.text):
                out.add(i)
                break
    return out


_YEAR_END = re.compile(r"\b(?:19|20)\d\d\.?$")


def _cited_title(s: Sentence) -> bool:
    """The title of a cited work in a reference list ("[7]: Huawei and … Partner for
    World-class Research."): its capitalised words are a headline, not names, unless an
    organisation word types them."""
    m = _MARK.match(s.text)
    if not m:
        return False
    words = re.findall(r"[A-Za-z][\w’'.-]*", s.text[m.end():])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


FIELD = re.compile(r"(?:Source|Title|Date|URL|By):\s")  # a header field ("Source: …")


def heading(s: Sentence) -> bool:
    """A heading line ("Huawei fakes purchase interest"): short, alone on its line, with no
    full stop, or a longer one in title case; its names recur in the text it heads."""
    if re.search(r"[.!?:;,\"”)\]]$", s.text) or re.search(r"\.\s", s.text):
        return False
    words = s.text.split()
    # "… Sentenced to 14 Months in Prison for Acting in the United States As an Agent …"
    small = drafting().title_small_words
    return len(words) <= 8 or all(not w[0].isalpha() or w[0].isupper() or w in small
                                  for w in words)


_SECTION_NUMBER = re.compile(r"(?:Sec\.|Section)\s+\d+[a-z]?\.")


def _section_title(sentences: list[Sentence], i: int) -> bool:
    """"Sec. 2. Actions Ordered and Authorized. On the basis …": the title a legal text's
    section number opens, capitalised throughout, is a heading (split off as a sentence)."""
    before = " ".join(x.text for x in sentences[max(0, i - 2):i])
    words = re.findall(r"[A-Za-z][\w’'-]*", sentences[i].text)
    return bool(words) and re.search(rf"(?:^|\s){_SECTION_NUMBER.pattern}$", before) is not None \
        and all(w[0].isupper() or w in drafting().connectors for w in words)


_IN_PLACE = re.compile(r"(?<=\s)(?:in)\s+([A-Z][a-z]{2,})(?=[.,;)]|\s+and\b|$)")


def _placed(s: Sentence, common: frozenset[str]) -> list[Candidate]:
    """A single capitalised word after "in" that ends a phrase ("researchers in Ottawa."):
    a place."""
    d = drafting()
    return [Candidate(m[1], "Place", f"a place after {m[0].split()[0]!r}")
            for m in _IN_PLACE.finditer(s.text)
            if m[1].lower() not in common and m[1] not in d.leading_words
            and m[1] not in d.group_words and m[1] not in d.organisation_words]


def _recurring(sentences: list[Sentence], found: list[Candidate], common: frozenset[str]
               ) -> list[Candidate]:
    """A single capitalised word the text uses as a name at least twice, never in lower case
    and never first in a sentence only ("Alibaba", "Qualcomm"): a name with no organisation
    word, typed by default for the reviewer to check."""
    d = drafting()
    taken = {f.casefold() for c in found for f in c.forms()}
    counts: dict[str, int] = {}
    for s in sentences:
        if headline(s) or heading(s) or FIELD.match(s.text):
            continue
        for m in re.finditer(r"(?<=[\s(“\"])([A-Z][A-Za-z0-9]+)(?:['’]s)?(?=[\s,.;:)”\"])",
                             s.text):
            before = s.text[:m.start()].rstrip()
            # (after the sentence's opening word only where it owns: "Following Testco's")
            opener = re.fullmatch(r"[A-Z][a-z]+", before) is not None and m[0] != m[1]
            if before and not before.endswith((".", ":")) and (opener or not re.search(
                    r"[A-Z][\w.]*(?:\s+(?:of|for|and|de|the))?\s*$", before)) \
                    and not re.match(r"\s+(?:[A-Z]|\d+\b)", s.text[m.end():]):  # "Episode 5"
                counts[m[1]] = counts.get(m[1], 0) + 1
    skip = (d.leading_words | d.group_words | set(d.organisation_words) | d.connectors
            | set(d.person_titles) | set(d.place_names) | d.speech_verbs | set(d.not_names))
    skip |= {w for c in found if c.type == "Person" for w in c.name.split()}  # "Mira" Okafor
    return [Candidate(w, d.default_entity_type, "a single word used as a name "
                                               f"{n} times; no type word: check the type")
            for w, n in counts.items() if n >= 2 and w not in skip
            and w.lower() not in common and w.casefold() not in taken
            and not re.fullmatch(r"[A-Z]+|\d\w*", w)]


def _surnames(sentences: list[Sentence], found: list[Candidate], common: frozenset[str]
              ) -> None:
    """A plain two- or three-word name whose last word the text also uses alone ("Bo Mao" …
    "Mao said") is a person's: typed Person (the surname is linked to it when drafting)."""
    d = drafting()
    text = "\n".join(s.text for s in sentences)
    last = [c.name.split()[-1] for c in found if c.type != "Person" and " " in c.name]
    first = [c.name.split()[0] for c in found if c.type != "Person" and " " in c.name]
    # single words with other evidence of a name than recurring ("Rackspace" in a list)
    named = {c.name for c in found if " " not in c.name and not c.why.startswith("a single")}
    for c in found:
        words = c.name.split()
        if c.type == d.default_entity_type and 2 <= len(words) <= 3 and c.why.startswith(
                "capitalised name") and all(re.fullmatch(r"[A-Z][a-z’'-]+", w) for w in words) \
                and not set(words) & d.group_words and words[0].lower() not in common \
                and last.count(words[-1]) == 1 and _alone(words[-1], text) \
                and words[-1] not in named:
            c.type, c.why = "Person", f"its last word {words[-1]!r} is used alone: a person?"
        elif c.type == d.default_entity_type and len(words) == 2 and c.why.startswith(
                "capitalised name") and all(re.fullmatch(r"[A-Z][a-z’'-]+", w) for w in words) \
                and not set(words) & (d.group_words | d.legal_suffixes) \
                and words[-1] not in d.place_names and words[0].lower() not in common \
                and first.count(words[0]) == 1 and _alone(words[0], text, 2) \
                and words[0] not in named:
            # "Shane Todd" … "Shane felt", "Ai Weiwei" … "Ai left": a given name (or a
            # family name written first) used alone
            c.type, c.why = "Person", f"its first word {words[0]!r} is used alone: a person?"


_QUOTED = re.compile(r"[“\"]([^“”\"\n]{3,160}?)[,.]?(?:[”\"]|$)")
_PROGRAMME_WORDS = ("strategy", "program", "programme", "plan", "policy", "initiative")


def quoted_names(s: Sentence) -> list[Candidate]:
    """Names in quotes: a title ("its “2020 Work Plan of the … Center”"), a programme named by
    a slogan ("the “going out” strategy", "the strategy of “bringing technologies in …”"), a
    quoted phrase with its Chinese name, and what it is "also translated as"."""
    d = drafting()
    out: list[Candidate] = []
    for m in _QUOTED.finditer(s.text):
        inner = m[1].strip()
        words = inner.split()
        after = re.match(r"\s+([a-z]+)", s.text[m.end():])
        before = re.search(r"\b([a-z]+)\s+of\s+$", s.text[:m.start()])
        zh = re.fullmatch(r"(.+?)\s*[(（]([^()（）]+)[)）]", inner)
        if zh and CJK.search(zh[2]) and not CJK.search(zh[1]):
            last = zh[1].split()[-1].capitalize()
            etype = d.organisation_words.get(last, d.organisation_words.get(last[:-1]))
            out.append(Candidate(zh[1], etype or d.default_entity_type,
                                 "quoted name with a Chinese name", name_zh=zh[2]))
        elif out and re.search(r"(?:\bas|\bsimply|\bor)\s+$", s.text[:m.start()]):
            out[-1].aliases.append(inner)  # "… bases (…),” which can be translated as “…”"
        elif after and after[1] in _PROGRAMME_WORDS and 1 <= len(words) <= 6:
            out.append(Candidate(f"{inner} {after[1]}", "Programme",
                                 f"quoted name before {after[1]!r}",
                                 aliases=[inner] if len(words) >= 2 else []))
        elif words[-1] in _PROGRAMME_WORDS and 2 <= len(words) <= 6:  # “… city program”
            out.append(Candidate(inner, "Programme", f"quoted name ending in {words[-1]!r}"))
        elif before and before[1] in _PROGRAMME_WORDS and 2 <= len(words) <= 12:
            out.append(Candidate(inner, "Programme", f"quoted name after '{before[1]} of'"))
        elif (len(words) >= 3 and _capitalised(words[0])
              and sum(_capitalised(w) for w in words) >= 0.6 * len(words)):
            typed = suggested_type(inner)
            out.append(Candidate(inner, typed[0] if typed else "Document",
                                 f"quoted title; type from {typed[1]!r}" if typed
                                 else "quoted title; no type word: check the type"))
    return out


def _from_run(s: Sentence, run: list[_Tok], listed: bool) -> list[Candidate]:
    """The candidates one capitalised run suggests (most specific evidence first)."""
    d = drafting()
    if len(run) == 1 and run[0].text in d.single_word_bodies:  # "Congress passed …"
        return [Candidate(run[0].text, d.single_word_bodies[run[0].text],
                          "a body named by one word")]
    if len(run) > 1 and run[-1].text.islower() \
            and d.organisation_words.get(run[-1].text.capitalize()) == "Document":
        run = run[:-1]  # "the Xinhua report": Xinhua issued it
        if len(run) == 1 and run[0].text not in d.place_names:
            return [Candidate(_text(s, run), d.default_entity_type,
                              "named as a report's issuer; check the type")]
    name = _text(s, run)
    if _incorporated(s.text, run):
        return [Candidate(name, "Place", "where a company is incorporated (\"a … corporation\")")]
    typed = suggested_type(name)
    acronyms, zh = _paren(s, run[-1].end)
    if zh and not typed and 2 <= len(run) <= 3 and _plain_name(run) and len(zh) <= 4:
        return [Candidate(name, "Person", "a person's name with a Chinese name", acronyms, zh)]
    if acronyms or zh:
        bits = " and ".join(b for b, on in (("acronym", acronyms), ("Chinese name", zh)) if on)
        why = f"type from {typed[1]!r}" if typed else "no type word: check the type"
        return [Candidate(name, typed[0] if typed else d.default_entity_type,
                          f"name with {bits}; {why}", acronyms, zh)]
    if typed:
        return [Candidate(name, typed[0], f"type from {typed[1]!r}"), *_inner_names(s, run)]
    person = _person(s, run)
    if person:
        return [Candidate(_text(s, person[0]), "Person", person[1])]
    if len(run) > 1 or listed or _acronym(name):
        why = ("listed with other names" if listed else
               "acronym" if _acronym(name) else "capitalised name")
        return [Candidate(name, d.default_entity_type, f"{why}; no type word: check the type")]
    return []


def _one_word(s: Sentence, run: list[_Tok], common: frozenset[str]) -> list[Candidate]:
    """A single capitalised word named once where its place in the sentence says it is a
    name: a member of a kind ("rivals such as Qualcomm"), owned by a country ("South Korea's
    Samsung"), owning a named thing ("Microsoft's Internet Explorer"), described by an
    apposition ("IPlytics, a German-based company"), or making goods ("Nokia equipment")."""
    d = drafting()
    if len(run) != 1:
        return []
    word = _POSSESSIVE.sub("", run[0].text)
    if (word.lower() in common or not re.fullmatch(r"[A-Z][A-Za-z0-9-]*[a-z][A-Za-z0-9-]*", word)
            or word in d.leading_words or word in d.group_words or word in d.organisation_words
            or word in d.place_names or word in d.person_titles or word in d.not_names
            or word in d.connectors or word in d.speech_verbs):
        return []
    before, after = s.text[:run[0].start], s.text[run[0].end:]
    nouns = "|".join(map(re.escape, d.body_nouns))
    if re.search(r"\bsuch\s+as\s+$", before):
        why = "a member of a kind (\"such as\")"
    elif (m := re.search(r"(\S+)['’]s\s+$", before)) and m[1] in d.place_names:
        why = f"a name owned by {m[1]!r}"
    elif _POSSESSIVE.search(run[0].text) and re.match(r"\s+[A-Z][a-z]+\s+[A-Z]", after) \
            and not re.match(r"\s+(?:" + "|".join(d.group_words) + r")\b", after):
        why = "the owner of a named thing (possessive)"
    elif re.match(rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}(?:{nouns})\b", after):
        why = "described as a body"
    elif re.match(rf"(?:\s+and\s+[A-Z][\w-]*)?\s+(?:{'|'.join(map(re.escape, d.product_nouns))})"
                  rf"\b", after):
        why = "the maker of goods (\"… equipment\")"  # (or "A and B equipment")
    else:
        return []
    return [Candidate(word, d.default_entity_type, f"a single word named as {why}; "
                                                   "no type word: check the type")]


def _alone(word: str, text: str, times: int = 1) -> bool:
    """Whether the text uses the word on its own (so many times), not inside a longer
    capitalised name."""
    n = 0
    for m in re.finditer(rf"\b{re.escape(word)}\b", text):
        if not re.search(r"[A-Z][\w.’'-]*\s$", text[:m.start()]) \
                and not re.match(r"\s[A-Z]", text[m.end():]):
            n += 1
            if n >= times:
                return True
    return False
