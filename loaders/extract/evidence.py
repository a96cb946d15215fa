"""What makes a quote prove its fact (docs/evidence-rubric.md, rule 2), as checks.

A quote must be a substantial verbatim span: at least `min_quote_words` words, and when "…"
(or "...") joins parts, each part at least `min_fragment_words` words (the numbers are data:
the vocabulary's `evidence:` block). A fact's quotes, together, must name one of its ends —
by name, alias or Chinese name — unless the fact is marked `inferred` with a note. Where the
quotes are found (in order, within one paragraph) is checked against the article text in
`techkg.loaders.extract.articles`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from techkg.loaders.extract.articles import fragments, normalise
from techkg.vocabulary import vocabulary

# Chinese, Japanese and Korean characters: each counts as a word (no spaces between words)
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")
_PAREN = re.compile(r"\s*\([^)]*\)")
# a company's legal form, which articles often leave out ("AXT" for "AXT Inc.")
_LEGAL_FORM = re.compile(r",?\s+(?:inc|ltd|llc|corp|co|plc|gmbh|co\., ltd)\.?$")
_POSSESSIVE = re.compile(r"'s(?![^\W_])")
_QUOTE_MARKS = re.compile("[\"']")


def _plain(text: str) -> str:
    """Text for name matching: typography normalised, case folded, possessives and quotation
    marks dropped ("MIT’s lab" names "MIT"; "‘going out’ strategy" names "Going out strategy"),
    "&" read as "and"."""
    text = _POSSESSIVE.sub("", normalise(text).casefold()).replace("&", " and ")
    return " ".join(_QUOTE_MARKS.sub(" ", text).split())


def word_count(text: str) -> int:
    """Words in `text`: runs of letters or digits, each CJK character counting as one."""
    return len(_CJK.findall(text)) + len(_WORD.findall(_CJK.sub(" ", text)))


def quote_problem(quote: str) -> str | None:
    """Why a quote is too slight to prove anything, or None when it is substantial."""
    rules = vocabulary().evidence
    words = word_count(quote)
    if words < rules.min_quote_words:
        return (f"evidence quote has {words} word(s); quote at least "
                f"{rules.min_quote_words} words of the sentence that states the fact")
    parts = fragments(quote)
    if len(parts) > 1:
        for part in parts:
            n = word_count(part)
            if n < rules.min_fragment_words:
                return (f"evidence quote part {part!r} has {n} word(s); each part joined by "
                        f"'…' needs at least {rules.min_fragment_words} (or quote the parts "
                        "separately)")
    return None


def name_forms(name: str, aliases: Iterable[str] = (), name_zh: str | None = None,
               person: bool = False) -> set[str]:
    """The forms under which a quote may name an entity, lower-cased and normalised.

    A name, alias or Chinese name as declared (case, possessives and quotation marks do not
    matter); without a leading "the", a parenthesised suffix ("Li (Baoding official)") or a
    company's legal form ("Inc."); and for a person's name of up to three words, each
    capitalised part (articles refer to people by surname, in Chinese or Western order; "de"
    alone names nobody, nor does "Chinese" name "Chinese Ambassador to Ireland").
    """
    forms: set[str] = set()
    for raw in (name, *aliases, *([name_zh] if name_zh else [])):
        text = _plain(raw)
        bare = _PAREN.sub("", text).strip()
        bare = bare.removeprefix("the ").strip()
        forms |= {text, bare, _LEGAL_FORM.sub("", bare)}
        parts = _PAREN.sub("", normalise(raw)).split()
        if person and len(parts) <= 3:  # a personal name, not "Ambassador to the UK"
            forms |= {_plain(w) for w in parts
                      if w[:1].isupper() and sum(c.isalpha() for c in w) >= 2}
    return {f for f in forms if any(c.isalnum() for c in f)}


def names_one(quotes: Iterable[str], *ends: set[str]) -> bool:
    """True if the quotes, together, contain one form of one of the ends as whole words."""
    text = _plain(" ".join(quotes))
    for forms in ends:
        for form in forms:
            if _CJK.match(form):  # no word boundaries in Chinese text
                if form in text:
                    return True
            elif form in text and _whole_words(form).search(text):
                return True
    return False


@lru_cache(maxsize=1 << 16)
def _whole_words(form: str) -> re.Pattern[str]:
    """`form` as whole words. Kept here: `re`'s own cache holds 512 patterns, and a corpus of
    1,000 articles names 6,000 entities in several forms each, so every search compiled its
    pattern again (3.7 of 26 s of a profiled validation)."""
    return re.compile(r"(?<![^\W_])" + re.escape(form) + r"(?![^\W_])")
