"""Per-article contributions as the graph stores them, and back again, exactly.

A Declaration (article, entity) becomes a flat :Declaration record
(`declaration_from_record(declaration_record(...)) == d`); a Claim (article, fact) lives in
the fact relationship's per-source lists (resolve.fact_props), read back by `claims_of_fact`.
So the planner can compare what the graph holds with what an extract says.
"""

from __future__ import annotations

from typing import Any

from techkg.loaders.extract import resolve
from techkg.loaders.extract.contributions import Claim, Declaration, Labelled

FactKey = tuple[str, str, str]
# the scalar fields, stored as they are (lists and flags are converted below)
DECL_FIELDS = ("type", "name", "name_zh", "country", "description", "note", "merged_from")


def fact_id(key: FactKey) -> str:
    """`subject TYPE object`: slugs and type names never contain a space (nor the CSV
    export's array delimiter, '|'): an ArticleFacts record lists an article's facts by them."""
    return " ".join(key)


def parse_fact_id(text: str) -> FactKey:
    s, t, o = text.split(" ")
    return s, t, o


def present(props: dict[str, Any]) -> dict[str, Any]:
    """Drop None values: the graph stores no nulls, so comparisons must not either."""
    return {k: v for k, v in props.items() if v is not None}


def declaration_record(article: str, entity: str, decl: Declaration) -> dict[str, Any]:
    chars = decl.characterizations
    return present({
        "key": f"{article}|{entity}", "article": article, "entity": entity,
        **{k: getattr(decl, k) for k in DECL_FIELDS}, "aliases": list(decl.aliases),
        "inferred": decl.inferred,
        "char_labels": [c.label for c in chars],
        "char_statuses": [c.status for c in chars],
        "char_evidence": [c.evidence for c in chars],
    })


def declaration_from_record(rec: dict[str, Any]) -> Declaration:
    return Declaration(
        **{k: rec.get(k) for k in DECL_FIELDS}, aliases=tuple(rec.get("aliases") or ()),
        inferred=bool(rec.get("inferred", False)),
        characterizations=tuple(
            Labelled(lb, st, ev) for lb, st, ev in zip(
                rec.get("char_labels") or [], rec.get("char_statuses") or [],
                rec.get("char_evidence") or [], strict=True)))


def claims_of_fact(props: dict[str, Any]) -> dict[str, Claim]:
    """Every article's claim, read back from the fact's per-source lists (the inverse of
    resolve.fact_props for the claims: `claims_of_fact(fact_props(t, c)) == c`)."""
    sources = props.get("sources") or []
    quotes: dict[str, list[str]] = {a: [] for a in sources}
    for quote, article in zip(props.get("evidence") or [], props.get("evidence_sources") or [],
                              strict=True):
        quotes[article].append(quote)
    inferred = set(props.get("inferred_sources") or ())
    values = {k: props.get(f"source_{k}s") or [""] * len(sources) for k in resolve.PER_SOURCE}
    return {a: Claim(status=status, evidence=tuple(quotes[a]), inferred=a in inferred,
                     **{k: values[k][i] or None for k in resolve.PER_SOURCE})
            for i, (a, status) in enumerate(zip(sources, props.get("statuses") or [],
                                                strict=True))}
