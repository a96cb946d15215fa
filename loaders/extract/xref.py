"""Candidate pairs of entities across articles that may be one body: `techkg xref`.

Built on the duplicate warning's normalised names (techkg.loaders.extract.duplicates), which only
catches near-identical spellings; xref also looks for acronyms, one Chinese name, the same
words in another order and shared rare words, then scores each candidate pair on names,
type, country and shared neighbours. It reads the extracts, not the graph. Pairs judged
`same` or `different` (techkg.loaders.extract.judgements) are left out; `unsure` ones are listed,
marked. Candidates are blocked (only entities sharing a normalised name, an acronym, a
Chinese name or a word that at most RARE entities use are compared), so the work grows with
the candidates, not with the square of the entities.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from pydantic import ValidationError

from techkg.loaders.extract import judgements as judgements_mod
from techkg.loaders.extract.duplicates import MIN_LENGTH, name_key
from techkg.loaders.extract.model import Extract
from techkg.loaders.extract.validation import extract_files
from techkg.loaders.extract.yaml_source import YamlProblem, read_located

RARE = 8  # a word shared by more entities than this does not make them candidates
FLOOR = 0.5  # pairs scoring lower are not listed
STOP = frozenset("the of and for in on at to a an de du la le des und inc ltd co corp llc "
                 "gmbh plc".split())
COLUMNS = ("score", "a", "b", "a_name", "b_name", "type", "why", "decision")


@dataclass
class Profile:
    """What the extracts say of one entity id, over every article that declares it."""

    id: str
    names: set[str] = field(default_factory=set)
    names_zh: set[str] = field(default_factory=set)
    declared: dict[str, str] = field(default_factory=dict)  # article id -> declared type
    countries: set[str] = field(default_factory=set)
    neighbours: set[str] = field(default_factory=set)
    name: str = ""

    @property
    def types(self) -> set[str]:
        return set(self.declared.values())

    @property
    def articles(self) -> set[str]:
        return set(self.declared)


@dataclass(frozen=True)
class Candidate:
    score: float
    a: str
    b: str
    a_name: str
    b_name: str
    type: str
    why: str
    decision: str  # "" or "unsure"

    def row(self) -> dict:
        return {c: getattr(self, c) for c in COLUMNS}


def profiles(files: Iterable[Path]) -> dict[str, Profile]:
    """Entity id -> its profile; files that do not parse are skipped (`validate` reports
    them: a listing does not stop at one bad file)."""
    out: dict[str, Profile] = {}
    for path in files:
        try:
            model = Extract.model_validate(read_located(path).data)
        except (YamlProblem, ValidationError):
            continue
        for e in model.entities:
            p = out.setdefault(e.id, Profile(e.id, name=e.name))
            p.names |= {e.name, *e.aliases}
            p.names_zh |= {e.name_zh} if e.name_zh else set()
            p.declared[model.article.id] = e.type
            p.countries |= {e.country} if e.country else set()
        for f in model.relationships:
            for x, y in ((f.subject, f.object), (f.object, f.subject)):
                if x in out:
                    out[x].neighbours.add(y)
    return out


def _words(name: str) -> list[str]:
    return [w for w in name_key(name).split() if w not in STOP]


def acronym(name: str) -> str:
    """Initials of a name's significant words ("" under two words): "Xidian Space Lab" ->
    "xsl"; a name that is itself one short upper-case word is its own acronym."""
    if re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", name.strip()):
        return name.strip().lower().replace("&", "")
    words = _words(name)
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _keys(p: Profile) -> set[str]:
    out = {"zh:" + z for z in p.names_zh}
    for n in p.names:
        if len(n) < MIN_LENGTH and not acronym(n):
            continue
        words = _words(n)
        out.add("n:" + " ".join(sorted(words)))
        if acronym(n):
            out.add("ac:" + acronym(n))
        out |= {"w:" + w for w in words if len(w) >= 4}
    return out


def _core(name: str, common: Collection[str]) -> str:
    """A name's distinctive words: without stop words and words many names share
    ("university", "association"), which make unrelated names look alike."""
    words = _words(name)
    return " ".join(w for w in words if w not in common) or " ".join(words)


def _name_score(a: Profile, b: Profile, common: Collection[str]) -> tuple[float, str]:
    from rapidfuzz import fuzz
    from rapidfuzz.distance import DamerauLevenshtein

    if a.names_zh & b.names_zh:
        return 1.0, "Chinese name"
    best, why = 0.0, ""
    for x in a.names:
        for y in b.names:
            kx, ky = name_key(x), name_key(y)
            cx, cy = _core(x, common), _core(y, common)
            # a slip in the distinctive words weighs more than in the whole name; a
            # transposition is one edit (Damerau), as typists make it
            plain = min(fuzz.ratio(kx, ky) / 100,
                        DamerauLevenshtein.normalized_similarity(cx, cy))
            order = min(fuzz.token_sort_ratio(" ".join(_words(x)), " ".join(_words(y))),
                        fuzz.token_sort_ratio(cx, cy)) / 100 * 0.97
            ax, ay = acronym(x), acronym(y)
            short = 0.95 if (ax and ax == ky.replace(" ", "")) or (ay and ay == kx.replace(
                " ", "")) else 0.0
            score, label = max((plain, "spelling"), (order, "word order"), (short, "acronym"))
            if score > best:
                best, why = score, f"{label} {x!r} ~ {y!r}"
    return best, why


def score(a: Profile, b: Profile, common: Collection[str] = ()) -> tuple[float, str]:
    """0..1 and the reasons: the best name match, times penalties for different types and
    countries, plus a little for each shared neighbour (at most three count). `common`:
    words too many names share to tell them apart."""
    value, why = _name_score(a, b, common)
    reasons = [why]
    if a.types != b.types:
        value *= 0.6
        reasons.append("types differ")
    if a.countries and b.countries and not a.countries & b.countries:
        value *= 0.6
        reasons.append("countries differ")
    shared = len((a.neighbours & b.neighbours) - {a.id, b.id})
    if shared:
        value = min(1.0, value + 0.04 * min(shared, 3))
        reasons.append(f"{shared} shared neighbour(s)")
    return round(value, 3), "; ".join(reasons)


def candidates(found: dict[str, Profile], decisions: judgements_mod.Judgements | None = None,
               floor: float = FLOOR) -> list[Candidate]:
    """Candidate pairs, best first (ties by ids): ids declared by different articles, not
    already judged `same` or `different`."""
    decisions = decisions or judgements_mod.Judgements()
    settled = decisions.judged("same", "different")
    unsure = decisions.judged("unsure")
    blocks: dict[str, list[str]] = defaultdict(list)
    for eid in sorted(found):
        for k in _keys(found[eid]):
            blocks[k].append(eid)
    pairs: set[tuple[str, str]] = set()
    common = {k[2:] for k, ids in blocks.items() if k.startswith("w:") and len(ids) > RARE}
    for k, ids in blocks.items():
        if len(ids) < 2 or k[2:] in common:
            continue
        pairs |= set(combinations(ids, 2))
    out = []
    for x, y in pairs:
        a, b = found[x], found[y]
        if frozenset((x, y)) in settled or (a.articles == b.articles and len(a.articles) == 1):
            continue
        value, why = score(a, b, common)
        if value >= floor:
            out.append(Candidate(value, x, y, a.name, b.name, "/".join(sorted(a.types | b.types)),
                                 why, "unsure" if frozenset((x, y)) in unsure else ""))
    return sorted(out, key=lambda c: (-c.score, c.a, c.b))


def xref(paths: list[Path], limit: int = 50) -> list[Candidate]:
    """The best `limit` candidate pairs among the extracts at `paths`, with the judgements
    recorded beside them applied."""
    files = extract_files(paths)
    decisions = judgements_mod.read(judgements_mod.resolutions_file(paths))
    return candidates(profiles(files), decisions)[:limit]


def judge_extracts(folder: Path, a: str, b: str, decision: str,
                   note: str | None = None) -> tuple[Path, judgements_mod.Judgement]:
    """`judge` with the ids checked against the extracts in `folder`."""
    found = profiles(extract_files([folder]))
    declared = {e: p.declared for e, p in found.items()}
    return judgements_mod.judge(folder, a, b, decision, note, declared)
