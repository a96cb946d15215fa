"""A generated corpus with planted variants and namesakes, for `xref` tests and its benchmark.

Every body is declared by a few articles under one id. For some bodies one more article
declares it again under another id and a variant name of one kind — a spelling slip, an
acronym, another English rendering with the same Chinese name, or the words in another order
— with the same neighbours: those (id, variant id) pairs are the gold. Namesakes are other
bodies that share a body's name but not its type or country, nor its neighbours: a good xref
ranks them below the variants. Deterministic from the seed; extracts only (quotes stay
unchecked without an articles folder).
"""

from __future__ import annotations

import hashlib
import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

KINDS = ("spelling", "acronym", "chinese", "order")
_SYL = ("ka", "lo", "mi", "ren", "tor", "vel", "zan", "qui", "bro", "shi", "dal", "fen", "gor",
        "hal", "jin", "kur", "lem", "nor", "pax", "ros", "sul", "tam", "ulm", "vor", "wen")
_TYPES = {"University": "University", "Company": "Technology Company",
          "ResearchInstitute": "Research Institute", "Association": "Scholars Association",
          "GovernmentBody": "Science Bureau"}
_CJK = "中国科技创新基地研究院大学集团委员会部局海外人才合作发展国际中心华东北南西"
_COUNTRIES = ("cn", "us", "gb", "de", "jp")


@dataclass(frozen=True)
class Body:
    id: str
    type: str
    name: str
    country: str
    name_zh: str


@dataclass
class Planted:
    """The generated extracts (article id -> extract dict) and the gold."""

    extracts: dict[str, dict] = field(default_factory=dict)
    variants: dict[tuple[str, str], str] = field(default_factory=dict)  # (id, id) -> kind
    namesakes: set[tuple[str, str]] = field(default_factory=set)

    def write(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for aid, data in sorted(self.extracts.items()):
            path = folder / f"{aid}.yaml"
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                            encoding="utf-8")
            out.append(path)
        return out


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()


def variant_name(rng: random.Random, body: Body, kind: str) -> tuple[str, str | None]:
    """A variant (name, Chinese name) of one kind."""
    words = body.name.split()
    if kind == "spelling":
        w = words[0]
        i = rng.randrange(1, len(w) - 1)
        return " ".join([w[:i] + w[i + 1] + w[i] + w[i + 2:], *words[1:]]), None
    if kind == "acronym":
        return "".join(x[0] for x in words).upper(), None
    if kind == "chinese":
        return f"{_word(rng)} {_TYPES[body.type].split()[-1]}", body.name_zh
    suffix = _TYPES[body.type].split()
    head = words[:len(words) - len(suffix)]
    return f"{' '.join(suffix)} of {' '.join(head)}", None


def generate(seed: int = 0, bodies: int = 60, articles: int = 30, per_article: int = 8,
             variants: int = 12, namesakes: int = 6) -> Planted:
    rng = random.Random(seed)
    pool: list[Body] = []
    names: set[str] = set()
    while len(pool) < bodies:
        kind = rng.choice(sorted(_TYPES))
        name = f"{_word(rng)} {_word(rng)} {_TYPES[kind]}"
        if name in names:
            continue
        names.add(name)
        pool.append(Body(f"body-{len(pool)}", kind, name, rng.choice(_COUNTRIES),
                         "".join(rng.choices(_CJK, k=5))))
    out = Planted()
    members: dict[str, list[Body]] = {}
    for a in range(articles):
        members[f"pl{a:04d}"] = rng.sample(pool, per_article)
    decls: dict[str, list[tuple[str, Body, str, str | None]]] = {
        aid: [(b.id, b, b.name, b.name_zh) for b in bs] for aid, bs in members.items()}
    used = [b for b in pool if any(b in bs for bs in members.values())]
    for i, body in enumerate(rng.sample(used, variants)):
        kind = KINDS[i % len(KINDS)]
        name, zh = variant_name(rng, body, kind)
        vid = f"{body.id}-variant"
        # an article that does not declare the body, with some of its usual neighbours
        aid = f"pv{i:04d}"
        hosts = [bs for bs in members.values() if body in bs]
        neighbours = [b for b in hosts[0] if b is not body][:3]
        decls[aid] = [(vid, body, name, zh), *((b.id, b, b.name, b.name_zh) for b in neighbours)]
        out.variants[(body.id, vid)] = kind
    for i, body in enumerate(rng.sample(used, namesakes)):
        # half another type, half the same type in another country
        other = sorted(set(_TYPES) - {body.type})[i % 4] if i % 2 == 0 else body.type
        nid = f"{body.id}-namesake"
        twin = Body(nid, other, body.name, rng.choice([c for c in _COUNTRIES
                                                       if c != body.country]), "")
        aid = f"pn{i:04d}"
        strangers = [b for b in rng.sample(pool, 4) if b is not body][:3]
        decls[aid] = [(nid, twin, twin.name, None), *((b.id, b, b.name, b.name_zh)
                                                     for b in strangers)]
        out.namesakes.add((body.id, nid))
    for aid, items in decls.items():
        out.extracts[aid] = _extract(aid, items)
    return out


def _extract(aid: str, items: list[tuple[str, Body, str, str | None]]) -> dict:
    ents = []
    for eid, body, name, zh in items:
        ent = {"id": eid, "type": body.type, "name": name, "country": body.country}
        if zh:
            ent["name_zh"] = zh
        ents.append(ent)
    rels = [{"subject": x[0], "type": "PARTNERS_WITH", "object": y[0],
             "evidence": [f"{x[2]} works with {y[2]}."]} for x, y in itertools.pairwise(items)]
    return {"article": {"id": aid, "title": f"Generated article {aid}", "publisher": "Test",
                        "author": "unknown", "date": "2024-01", "file": f"{aid}.txt",
                        "sha256": hashlib.sha256(aid.encode()).hexdigest()},
            "entities": ents, "relationships": rels}
