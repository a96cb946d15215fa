"""Entity resolution and fact merging across articles.

Each article contributes *declarations* (what it says an entity is) and *claims* (what it
says about a fact), typed in techkg.loaders.extract.contributions. Both are kept per article
in the graph (declarations as :Declaration records, claims in per-source lists on the fact
itself; techkg.loaders.sync.records), so one article's contribution can be replaced without
touching another's; the node and relationship properties that queries read are derived from
them here, deterministically (articles in id order).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from techkg.loaders.extract.contributions import Agreed, Claim, Declaration, Labelled
from techkg.loaders.extract.model import EntityDecl, Fact
from techkg.vocabulary import vocabulary

AGREE = ("type", "name", "name_zh", "country")  # must not contradict across articles


def declaration(ent: EntityDecl) -> Declaration:
    """One article's declaration of an entity (stored as a :Declaration record)."""
    return Declaration(  # words from a small set, shared (a load holds every declaration)
        type=sys.intern(ent.type), name=ent.name, aliases=tuple(sorted(set(ent.aliases))),
        name_zh=ent.name_zh, country=ent.country and sys.intern(ent.country),
        description=ent.description,
        characterizations=tuple(Labelled(c.label, sys.intern(c.status), c.evidence_text)
                                for c in ent.characterizations),
        inferred=ent.inferred, note=ent.note)


def claim(facts: list[Fact]) -> Claim:
    """One article's claim of a fact (several items with the same key merge)."""
    v = vocabulary()
    if len(facts) == 1:  # the usual case, without the merging (same result)
        f = facts[0]
        return Claim(
            status=v.strongest_status([f.status]), evidence=tuple(f.evidence),
            date=f.date or None, start=None if f.date else (f.start or None),
            end=f.end or None, role=f.role or None, amount=f.amount or None,
            inferred=f.inferred, note=f.note or None)
    evidence: list[str] = []
    for f in facts:
        evidence += [q for q in f.evidence if q not in evidence]
    starts = sorted(d for f in facts for d in (f.date, f.start) if d)
    ends = sorted(f.end for f in facts if f.end)
    roles = [r for r in dict.fromkeys(f.role for f in facts) if r]
    return Claim(
        status=v.strongest_status([f.status for f in facts]), evidence=tuple(evidence),
        start=starts[0] if starts else None,
        end=ends[-1] if ends else None,
        role="; ".join(roles) or None,
        amount="; ".join(dict.fromkeys(f.amount for f in facts if f.amount)) or None,
        inferred=all(f.inferred for f in facts),
        note="; ".join(dict.fromkeys(f.note for f in facts if f.note)) or None)


def citation(article: dict[str, Any], title_chars: int = 60) -> str:
    """A short reference a reader can follow: publisher, date, shortened title."""
    title = article["title"]
    if len(title) > title_chars:
        title = title[:title_chars].rsplit(" ", 1)[0].rstrip(" ,:;-") + "…"
    date = article.get("date") if article.get("date") not in (None, "unknown") else "n.d."
    return f"{article['publisher']}, {date}, “{title}”"


def conflicts(decls: Mapping[str, Declaration | Agreed]) -> list[tuple[str, str]]:
    """(article, message) for each declaration that contradicts an earlier article's. A
    declaration merged from another id (techkg.loaders.sync.merge) must agree on its type only:
    its names were another id's, and become aliases."""
    out: list[tuple[str, str]] = []
    first: dict[str, tuple[str, Any]] = {}
    for article in sorted(decls):
        decl = decls[article]
        for key in AGREE[:1] if decl.merged_from else AGREE:
            value = getattr(decl, key)
            if value is None:
                continue
            if key in first and first[key][1] != value:
                out.append((article, f"{key} {value!r} contradicts {first[key][1]!r} "
                                     f"declared by article {first[key][0]}"))
            first.setdefault(key, (article, value))
    return out


def entity_props(entity_id: str, decls: Mapping[str, Declaration]) -> dict[str, Any]:
    """Node properties derived from all articles' declarations of one entity; the
    declarations of merged ids (`merged_from`) come after the id's own, and their names
    become aliases."""
    order = sorted(decls)
    merged = {a: decls[a].merged_from for a in order if decls[a].merged_from}
    own_first = [decls[a] for a in order if a not in merged] + [decls[a] for a in merged]

    def first(key: str) -> Any:
        return next((v for d in own_first if (v := getattr(d, key)) is not None), None)

    name, name_zh = first("name"), first("name_zh")
    aliases = {al for a in order for al in decls[a].aliases}
    aliases |= {v for a in merged for v in (decls[a].name, decls[a].name_zh) if v} \
        - {name, name_zh}

    chars = sorted((c.label, a, c.status, c.evidence)
                   for a in order for c in decls[a].characterizations)
    return {
        "id": entity_id, "type": first("type"), "name": name,
        "aliases": sorted(aliases),
        "merged_ids": sorted(set(merged.values())),
        "name_zh": name_zh, "country": first("country"),
        "description": first("description"),
        # inferred only while no article names it as a stated entity
        "inferred": all(decls[a].inferred for a in order),
        "note": first("note"),
        "characterizations": list(dict.fromkeys(c[0] for c in chars)),
        "characterization_labels": [c[0] for c in chars],
        "characterization_sources": [c[1] for c in chars],
        "characterization_statuses": [c[2] for c in chars],
        "characterization_evidence": [c[3] for c in chars],
        "source_count": len(order),
        "search_text": " ".join(
            t.lower() for t in [entity_id, name, name_zh, first("description"),
                                *sorted(aliases), *sorted(set(merged.values()))] if t),
    }


def fact_props(rel_type: str, claims: Mapping[str, Claim]) -> dict[str, Any]:
    """Relationship properties derived from all articles' claims of one fact."""
    order = sorted(claims)
    ordered = [claims[a] for a in order]

    def first(key: str) -> Any:
        return next((v for c in ordered if (v := getattr(c, key))), None)

    evidence = [(q, a) for a in order for q in claims[a].evidence]
    statuses = [c.status for c in ordered]
    date, start, end = dates(ordered)
    status = vocabulary().strongest_status(statuses)
    return {
        "sources": order, "source_count": len(order), "statuses": statuses, "status": status,
        # what Neo4j Browser shows on the arrow: the type, and the status unless plainly reported
        "caption": rel_type if status == "reported" else f"{rel_type} [{status}]",
        "evidence": [q for q, _ in evidence], "evidence_sources": [a for _, a in evidence],
        "date": date, "start": start, "end": end, "role": first("role"),
        "amount": first("amount"), "note": first("note"),
        # inferred only while no article states the fact itself
        "inferred": all(c.inferred for c in ordered),
        **{f"source_{k}s": per_source(ordered, k) for k in PER_SOURCE},
        "inferred_sources": [a for a in order if claims[a].inferred] or None,
    }


def dates(ordered: list[Claim]) -> tuple[str | None, str | None, str | None]:
    """A fact's date (the first source that gives one), earliest start and latest end, from
    its claims in article order."""
    return (next((c.date for c in ordered if c.date), None),
            min((c.start for c in ordered if c.start), default=None),
            max((c.end for c in ordered if c.end), default=None))


def timeline_date(props: Mapping[str, Any]) -> str | None:
    """The date a timeline orders a fact by, from its properties: its one-off date, else its
    earliest start, else its latest end (the saved queries' `coalesce(r.date, r.start,
    r.end)`)."""
    return props.get("date") or props.get("start") or props.get("end")


def month(date: str | None) -> str | None:
    """The date tallies' key: a partial ISO date cut to its month (`2018-11`, or `2018`)."""
    return date[:7] if date else None


# a claim's optional values, kept per source on the fact (`source_<name>s`): with `statuses`,
# `evidence_sources` and `inferred_sources` they give back every article's claim exactly
PER_SOURCE = ("date", "start", "end", "role", "amount", "note")


def per_source(ordered: list[Claim], key: str) -> list[str] | None:
    """One value per source, '' where it gives none; None (absent) when none gives one."""
    values = [getattr(c, key) or "" for c in ordered]
    return values if any(values) else None
