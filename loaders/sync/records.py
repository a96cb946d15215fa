"""Per-article bookkeeping records: :Declaration (article, entity) and :Claim (article, fact).

A declaration or claim dict (techkg.loaders.extract.resolve) becomes a flat record of graph-storable
properties and back again, exactly: `from_record(to_record(x)) == x`, so the planner can
compare what the graph holds with what an extract says without touching the hot nodes.
"""

from __future__ import annotations

from typing import Any

FactKey = tuple[str, str, str]
DECL_FIELDS = ("type", "name", "aliases", "name_zh", "country", "description", "inferred",
               "note", "merged_from")
CLAIM_FIELDS = ("status", "date", "start", "end", "role", "amount", "inferred", "note",
                "evidence")


def fact_id(key: FactKey) -> str:
    """`subject|TYPE|object`: slugs and type names never contain '|'."""
    return "|".join(key)


def parse_fact_id(text: str) -> FactKey:
    s, t, o = text.split("|")
    return s, t, o


def present(props: dict[str, Any]) -> dict[str, Any]:
    """Drop None values: the graph stores no nulls, so comparisons must not either."""
    return {k: v for k, v in props.items() if v is not None}


def declaration_record(article: str, entity: str, decl: dict[str, Any]) -> dict[str, Any]:
    chars = decl["characterizations"]
    return present({
        "key": f"{article}|{entity}", "article": article, "entity": entity,
        **{k: decl.get(k) for k in DECL_FIELDS},
        "char_labels": [c["label"] for c in chars],
        "char_statuses": [c["status"] for c in chars],
        "char_evidence": [c["evidence"] for c in chars],
    })


def declaration_from_record(rec: dict[str, Any]) -> dict[str, Any]:
    decl = {k: rec.get(k) for k in DECL_FIELDS}
    decl["aliases"] = list(rec.get("aliases") or [])
    decl["inferred"] = bool(rec.get("inferred", False))
    decl["characterizations"] = [
        {"label": lb, "status": st, "evidence": ev}
        for lb, st, ev in zip(rec.get("char_labels") or [], rec.get("char_statuses") or [],
                              rec.get("char_evidence") or [], strict=True)]
    return decl


def claim_record(article: str, key: FactKey, claim: dict[str, Any]) -> dict[str, Any]:
    s, t, o = key
    return present({"key": f"{article}|{fact_id(key)}", "article": article,
                    "fact": fact_id(key), "subject": s, "type": t, "object": o,
                    **{k: claim.get(k) for k in CLAIM_FIELDS}})


def claim_from_record(rec: dict[str, Any]) -> dict[str, Any]:
    claim = {k: rec.get(k) for k in CLAIM_FIELDS}
    claim["evidence"] = list(rec.get("evidence") or [])
    claim["inferred"] = bool(rec.get("inferred", False))
    return claim
