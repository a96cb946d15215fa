"""A synthetic corpus in the real extract format, for soak tests and benchmarks.

Real articles are few and copyrighted; scale and corruption problems only show with hundreds
of articles whose facts overlap. This module makes them deterministically from a seed:

- a shared entity pool (fixed type, name, country, aliases, Chinese name per entity) from
  which every article draws its entities with Zipf weights, so a few hubs appear in most
  articles, as ministries and big universities do in the real corpus;
- per article an extract (YAML text) and an article text in which every evidence quote
  occurs verbatim, so validation runs its quote checks exactly as on real data;
- variants (same article ids, different facts) and small single-article edits.

`Corpus(seed).write(extracts_dir, articles_dir, {index: Version(...)})` writes the files;
the shape defaults follow the scale benchmark (100 facts, 40 entities per article).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from techkg.vocabulary import vocabulary

_SYLLABLES = ("ka", "lo", "mi", "ren", "tor", "vel", "zan", "qui", "bro", "shi", "dal", "fen",
              "gor", "hal", "jin", "kur", "lem", "nor", "pax", "ros", "sul", "tam", "ulm",
              "vor", "wen", "xan", "yol", "zor", "bel", "cas", "dor", "eth")
_SUFFIX = {"Person": "", "Company": "Holdings", "University": "University",
           "UniversityUnit": "Laboratory", "ResearchInstitute": "Institute",
           "GovernmentBody": "Bureau", "PartyBody": "Committee", "Association": "Association",
           "InnovationBase": "Innovation Base", "Place": "", "Programme": "Programme",
           "Document": "Report", "Event": "Forum", "Technology": "Technology"}
_COUNTRIES = ("cn", "us", "gb", "de", "fr", "jp", "ca", "au", "il", "se")
_CJK = "中国科技创新基地研究院大学集团委员会部局海外人才合作发展国际中心"
_LABELS = ("united front organisation", "state-owned", "military-civil fusion participant",
           "talent programme recruiter", "party-controlled")
_VERBS = ("was linked to", "worked with", "was tied to", "was connected to", "dealt with")
_FILLER = ("officials said", "documents show", "the report noted", "records indicate",
           "according to the outlet", "a spokesperson confirmed", "local media reported")


@dataclass(frozen=True)
class PoolEntity:
    """One entity as every article that mentions it declares it (so merges never clash)."""

    id: str
    type: str
    name: str
    country: str | None
    aliases: tuple[str, ...]
    name_zh: str | None


@dataclass(frozen=True)
class Version:
    """Which content an article has: `variant` picks other facts, `edits` small changes."""

    variant: int = 0
    edits: int = 0
    text_edits: int = 0  # sentences added to the article text (no quote changes)


@dataclass(frozen=True)
class Article:
    """One generated article: its id, extract YAML text and article text."""

    id: str
    extract: str
    text: str
    facts: int


class Corpus:
    """A deterministic synthetic corpus; everything derives from (seed, index, version)."""

    def __init__(self, seed: int = 0, articles: int = 200, facts_per_article: int = 100,
                 entities_per_article: int = 40, pool_size: int | None = None,
                 zipf: float = 1.1, characterization_rate: float = 0.1,
                 relationship_types: tuple[str, ...] = ()) -> None:
        self.seed, self.articles = seed, articles
        self.facts_per_article = facts_per_article
        self.entities_per_article = entities_per_article
        # about 9 distinct entities per article overall at 1,000 articles (issue 11's shape)
        self.pool_size = pool_size or max(entities_per_article * 2, articles * 10)
        self.zipf = zipf
        self.characterization_rate = characterization_rate  # of an entity in an article
        # the types facts draw from (default: the whole vocabulary)
        self.relationship_types = list(relationship_types or vocabulary().relationship_types)

    @staticmethod
    def article_id(index: int) -> str:
        return f"syn{index:05d}"

    @cached_property
    def pool(self) -> list[PoolEntity]:
        rng = random.Random(f"pool-{self.seed}")
        types = list(vocabulary().entity_types)
        seen: set[str] = set()
        pool: list[PoolEntity] = []
        while len(pool) < self.pool_size:
            words = [_word(rng) for _ in range(2)]
            kind = rng.choice(types)
            name = " ".join([*words, _SUFFIX.get(kind, "")]).strip()
            slug = "-".join(w.lower() for w in words) + f"-{len(pool)}"
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            alias = "".join(w[0] for w in name.split()).upper() + str(len(pool))
            pool.append(PoolEntity(
                id=slug, type=kind, name=name,
                country=rng.choice(_COUNTRIES) if rng.random() < 0.7 else None,
                aliases=(alias,) if rng.random() < 0.3 else (),
                name_zh="".join(rng.choices(_CJK, k=rng.randint(3, 6)))
                if rng.random() < 0.3 else None))
        return pool

    @cached_property
    def _weights(self) -> list[float]:
        return [1.0 / (rank + 1) ** self.zipf for rank in range(self.pool_size)]

    def article(self, index: int, version: Version = Version()) -> Article:
        """The article `index` at `version` (same inputs, same bytes)."""
        rng = random.Random(f"{self.seed}-{index}-{version.variant}")
        ents = self._draw_entities(rng)
        facts = [self._fact(rng, ents, i) for i in range(self.facts_per_article)]
        chars = {e.id: (rng.choice(_LABELS), rng.choice(("reported", "alleged")))
                 for e in ents if rng.random() < self.characterization_rate}
        for n in range(version.edits):
            _edit(random.Random(f"{self.seed}-{index}-{version.variant}-edit{n}"), facts, ents)
        art = self._render(index, ents, facts, chars)
        if not version.text_edits:
            return art
        added = "".join(f"An added sentence, number {n + 1}.\n" for n in range(version.text_edits))
        text = art.text + added  # a new edition of the text, and the extract re-made for it
        extract = art.extract.replace(_sha_line(art.text), _sha_line(text), 1)
        return Article(art.id, extract, text, art.facts)

    def version_set(self, variant: int = 0, count: int | None = None) -> dict[int, Version]:
        """Articles 0..count-1 all at one variant (a whole "set" A, B, ...)."""
        return {i: Version(variant) for i in range(self.articles if count is None else count)}

    def write(self, extracts_dir: Path, articles_dir: Path,
              versions: Mapping[int, Version]) -> list[Article]:
        """Make the folders hold exactly these articles (other synthetic files removed)."""
        extracts_dir.mkdir(parents=True, exist_ok=True)
        articles_dir.mkdir(parents=True, exist_ok=True)
        wanted = {self.article_id(i) for i in versions}
        for folder, suffix in ((extracts_dir, ".yaml"), (articles_dir, ".txt")):
            for old in folder.glob(f"syn*{suffix}"):
                if old.stem not in wanted:
                    old.unlink()
        out = []
        for index, version in sorted(versions.items()):
            art = self.article(index, version)
            _write_if_changed(extracts_dir / f"{art.id}.yaml", art.extract)
            _write_if_changed(articles_dir / f"{art.id}.txt", art.text)
            out.append(art)
        return out

    # -- internals ---------------------------------------------------------------------------
    def _draw_entities(self, rng: random.Random) -> list[PoolEntity]:
        want = min(self.entities_per_article, self.pool_size)
        picked: dict[int, None] = {}
        while len(picked) < want:
            for i in rng.choices(range(self.pool_size), self._weights, k=want):
                picked.setdefault(i)
                if len(picked) == want:
                    break
        return [self.pool[i] for i in picked]

    def _fact(self, rng: random.Random, ents: list[PoolEntity], n: int) -> dict:
        s, o = rng.sample(ents, 2)
        fact: dict = {"subject": s.id, "type": rng.choice(self.relationship_types),
                      "object": o.id}
        if rng.random() < 0.2:
            fact["status"] = rng.choice(list(vocabulary().statuses))
        if rng.random() < 0.3:
            fact["date"] = f"{rng.randint(2008, 2023)}-{rng.randint(1, 12):02d}"
        if rng.random() < 0.15:
            fact["role"] = f"{_word(rng)} agreement"
        fact["sentences"] = [_sentence(rng, s, o, n)]
        if rng.random() < 0.2:
            fact["sentences"].append(_sentence(rng, o, s, n))
        return fact

    def _render(self, index: int, ents: list[PoolEntity], facts: list[dict],
                chars: dict[str, tuple[str, str]]) -> Article:
        aid = self.article_id(index)
        q = _q
        lines = ["article:", f"  id: {aid}", f"  title: {q('Synthetic report ' + aid)}",
                 "  publisher: Synthetic Press", "  author: unknown",
                 f"  date: {q(f'{2015 + index % 9}-{1 + index % 12:02d}')}",
                 f"  file: {aid}.txt", "entities:"]
        body = [f"Synthetic report {aid}."]
        for e in ents:
            lines += [f"  - id: {e.id}", f"    type: {e.type}", f"    name: {q(e.name)}"]
            if e.aliases:
                lines.append(f"    aliases: [{', '.join(q(a) for a in e.aliases)}]")
            if e.name_zh:
                lines.append(f"    name_zh: {q(e.name_zh)}")
            if e.country:
                lines.append(f"    country: {e.country}")
            if e.id in chars:
                label, status = chars[e.id]
                quote = f"{e.name} is described as a {label} ({aid})."
                body.append(quote)
                lines += ["    characterizations:", f"      - label: {q(label)}",
                          f"        status: {status}", f"        evidence: {q(quote)}"]
        lines.append("relationships:" if facts else "relationships: []")
        for f in facts:
            lines += [f"  - subject: {f['subject']}", f"    type: {f['type']}",
                      f"    object: {f['object']}"]
            for key in ("status", "date", "role"):
                if key in f:
                    lines.append(f"    {key}: {q(f[key])}")
            lines.append("    evidence:")
            lines += [f"      - {q(s)}" for s in f["sentences"]]
            body += f["sentences"]
        text = "\n".join(body) + "\n"
        lines.insert(lines.index("entities:"), _sha_line(text))  # pins its text, as required
        return Article(aid, "\n".join(lines) + "\n", text, len(facts))


def _sha_line(text: str) -> str:
    return f"  sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}"


def _edit(rng: random.Random, facts: list[dict], ents: list[PoolEntity]) -> None:
    """One small change an analyst might make: a status, a date, a dropped or added fact."""
    kind = rng.choice(("status", "date", "drop", "add"))
    if kind == "add" or not facts:
        facts.append({**_fresh_fact(rng, ents, len(facts))})
        return
    i = rng.randrange(len(facts))
    if kind == "status":
        facts[i]["status"] = rng.choice(list(vocabulary().statuses))
    elif kind == "date":
        facts[i]["date"] = f"{rng.randint(2008, 2023)}"
    else:
        del facts[i]


def _fresh_fact(rng: random.Random, ents: list[PoolEntity], n: int) -> dict:
    s, o = rng.sample(ents, 2)
    return {"subject": s.id, "type": rng.choice(list(vocabulary().relationship_types)),
            "object": o.id, "sentences": [_sentence(rng, s, o, n)]}


def _word(rng: random.Random) -> str:
    return "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random, a: PoolEntity, b: PoolEntity, n: int) -> str:
    return (f"{a.name} {rng.choice(_VERBS)} {b.name} in case {n}-{rng.randint(0, 99999)}, "
            f"{rng.choice(_FILLER)}.")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")


def fact_count(articles: Iterable[Article]) -> int:
    return sum(a.facts for a in articles)
