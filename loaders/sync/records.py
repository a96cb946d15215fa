"""Per-article bookkeeping records: :Declaration (article, entity) and :Claim (article, fact).

A Declaration or Claim (techkg.loaders.extract.contributions) becomes a flat record of
graph-storable properties and back again, exactly: `from_record(to_record(x)) == x`, so the
planner can compare what the graph holds with what an extract says without touching the hot
nodes.
"""

from __future__ import annotations

from typing import Any

from techkg.loaders.extract.contributions import Claim, Declaration, Labelled

FactKey = tuple[str, str, str]
# the scalar fields, stored as they are (lists and flags are converted below)
DECL_FIELDS = ("type", "name", "name_zh", "country", "description", "note", "merged_from")
CLAIM_FIELDS = ("status", "date", "start", "end", "role", "amount", "note")


def fact_id(key: FactKey) -> str:
    """`subject|TYPE|object`: slugs and type names never contain '|'."""
    return "|".join(key)


def parse_fact_id(text: str) -> FactKey:
    s, t, o = text.split("|")
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


def claim_record(article: str, key: FactKey, claim: Claim) -> dict[str, Any]:
    s, t, o = key
    return present({"key": f"{article}|{fact_id(key)}", "article": article,
                    "fact": fact_id(key), "subject": s, "type": t, "object": o,
                    **{k: getattr(claim, k) for k in CLAIM_FIELDS},
                    "inferred": claim.inferred, "evidence": list(claim.evidence)})


def claim_from_record(rec: dict[str, Any]) -> Claim:
    return Claim(**{k: rec.get(k) for k in CLAIM_FIELDS},
                 evidence=tuple(rec.get("evidence") or ()),
                 inferred=bool(rec.get("inferred", False)))
