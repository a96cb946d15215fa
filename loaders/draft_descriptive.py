"""Candidates an article names by description rather than by a capitalised name: a lower-case
name listed with technologies ("biology, medicine, and health"), a generic organisation
qualified by its place ("the Chinese consulate in Testville", "innovation centers in A and B")
or by its parent ("the US research center of Delta Robotics")."""

from __future__ import annotations

import re

from techkg.loaders.draft_names import Candidate
from techkg.loaders.draft_text import Sentence, form_pattern
from techkg.vocabulary import drafting

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
    return bool(_PLAIN.fullmatch(piece)) and not set(piece.split()) & _FUNCTION


def listed_technologies(s: Sentence) -> list[Candidate]:
    """Lower-case items of a list that names technologies ("covering biology, medicine, and
    health": medicine, health): a two-item list needs one listed technology, a longer one
    two."""
    terms = [form_pattern(t) for t in drafting().technology_terms]
    pieces = [p.strip().rstrip(".;:").strip() for p in _ITEM_SPLIT.split(s.text)]

    def tech(piece: str) -> bool:  # the piece is, or ends with, a listed technology
        return any((m := t.search(piece)) and m.end() == len(piece) for t in terms)

    out: list[Candidate] = []
    chain: list[str] = []
    for piece in [*pieces, ""]:
        # a technology piece may carry the words before the list ("including biology")
        if piece and (_plain(piece) or tech(piece) and not chain):
            chain.append(piece)
            continue
        techs = sum(tech(p) for p in chain)
        if len(chain) >= 2 and techs >= min(2, len(chain) - 1):
            out += [Candidate(p, "Technology", "listed with technologies")
                    for p in chain if _plain(p) and not tech(p)]
        chain = [piece] if piece and tech(piece) else []
    return out


def descriptive_names(s: Sentence) -> list[Candidate]:
    """Every candidate the rules of this module find in the sentence."""
    return listed_technologies(s)
