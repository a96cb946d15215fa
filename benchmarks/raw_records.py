"""The same-records raw floor: every record `techkg load` writes, without its checks.

Same parse and same entity and fact statements as `raw_minimal.py`, but with the properties
techkg gives them (docs/graph-model.md) and the records of its data model besides: one
`:Article` per extract with its counters, one `:ArticleFacts` with its fact list, one
`:Declaration` per (article, entity), each article's claim in per-source lists on the
fact, `MENTIONS` from each article to the entities it declares, one `:Tally` per
relationship type, one `:SourceTally` per (type, status, number of sources) and one
`:DateTally` per month of a fact's date (each listing its facts' ids, a source tally from
two sources on), each entity's count of facts, and the same constraints and indexes. Per-article
records are new in an empty graph, so they are written with `UNWIND $rows … CREATE` and a
map literal (a plain script's fastest way); entities and facts with the minimal floor's
`MERGE`, so the two floors differ by the data model alone.
No validation and no quote checks: what `techkg load` costs beyond this floor is what its
checks and its machinery cost. The derived values follow the model's shapes, not every
rule of techkg's resolver (e.g. a fact's status here is its first non-"reported" one): the
sizes are what matter.

    python benchmarks/raw_records.py EXTRACTS_DIR     # same environment as `techkg`
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from raw_minimal import (
    ENTITY_CONSTRAINT,
    MERGE_ENTITIES,
    MERGE_FACTS,
    driver,
    extracts,
    write,
    write_grouped,
)

# the constraints and indexes techkg/graph_schema.yaml declares
SCHEMA = [ENTITY_CONSTRAINT] + [
    f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) "
    f"REQUIRE n.{key} IS UNIQUE"
    for label, key in (("Article", "id"), ("ArticleFacts", "id"), ("Declaration", "key"),
                       ("Tally", "type"),
                       ("SourceTally", "key"), ("DateTally", "key"))] + [
    f"CREATE INDEX declaration_{prop} IF NOT EXISTS FOR (n:Declaration) ON (n.{prop})"
    for prop in ("article", "entity")]
DECLARATION = ("key", "article", "entity", "type", "name", "aliases", "name_zh", "country",
               "description", "inferred", "note", "char_labels", "char_statuses",
               "char_evidence")
FACT_FIELDS = ("date", "start", "end", "role", "amount", "note")


def create(label: str, names: tuple[str, ...]) -> str:
    """`UNWIND … CREATE` of whole records (a null value leaves the property absent)."""
    return (f"UNWIND $rows AS row CREATE (:{label} {{"
            + ", ".join(f"`{n}`: row.`{n}`" for n in names) + "})")


MERGE_ARTICLES = "UNWIND $rows AS row MERGE (x:Article {id: row.id}) SET x = row"
CREATE_MENTIONS = ("UNWIND $rows AS row MATCH (x:Article {id: row.a}), (n:Entity {id: row.e}) "
                   "CREATE (x)-[:MENTIONS]->(n)")
CREATE_TALLIES = ("UNWIND $rows AS row CREATE (:Tally {type: row.type, facts: row.facts, "
                  "corroborated: row.corroborated})")
CREATE_SOURCE_TALLIES = ("UNWIND $rows AS row CREATE (:SourceTally {key: row.key, "
                         "type: row.type, status: row.status, source_count: row.source_count, "
                         "facts: row.facts, fact_ids: row.fact_ids})")
CREATE_DATE_TALLIES = ("UNWIND $rows AS row CREATE (:DateTally {key: row.key, facts: row.facts, "
                       "fact_ids: row.fact_ids})")


class Records:
    """Every record of the model, gathered from the extracts in article-id order."""

    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []
        self.article_facts: list[dict[str, Any]] = []
        self.decls: list[dict[str, Any]] = []
        self.claims: dict[tuple[str, str], dict[str, Any]] = {}  # (article, fact) -> claim
        self.mentions: list[dict[str, str]] = []
        self.entities: dict[str, dict[str, Any]] = {}
        self.facts: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(self, path: Path, doc: dict[str, Any]) -> None:
        meta = doc["article"]
        art = meta["id"]
        self.articles.append({
            **meta, "citation": f"{meta['publisher']}, {meta['date']}, “{meta['title']}”",
            "extract_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            # what techkg records of its checks (values of the same size, no checking)
            "load_key": hashlib.sha256(path.name.encode() + path.read_bytes()).hexdigest(),
            "quotes_checked": True, "checked_sha256": meta.get("sha256"),
            "entity_count": len(doc["entities"]), "fact_count": len(doc["relationships"])})
        self.article_facts.append({"id": art, "facts": sorted(
            {f"{f['subject']} {f['type']} {f['object']}" for f in doc["relationships"]})})
        for e in doc["entities"]:
            self._declare(art, e)
        for f in doc["relationships"]:
            self._claim(art, f)

    def _declare(self, art: str, e: dict[str, Any]) -> None:
        chars = e.get("characterizations") or []
        decl = {"key": f"{art}|{e['id']}", "article": art, "entity": e["id"],
                "type": e["type"], "name": e["name"], "aliases": sorted(e.get("aliases") or []),
                "name_zh": e.get("name_zh"), "country": e.get("country"),
                "description": e.get("description"), "inferred": bool(e.get("inferred")),
                "note": e.get("note"), "char_labels": [c["label"] for c in chars],
                "char_statuses": [c["status"] for c in chars],
                "char_evidence": [c["evidence"] for c in chars]}
        self.decls.append(decl)
        self.mentions.append({"a": art, "e": e["id"]})
        node = self.entities.setdefault(e["id"], {
            "id": e["id"], "type": e["type"], "name": e["name"], "aliases": [], "merged_ids": [],
            "name_zh": e.get("name_zh"), "country": e.get("country"),
            "description": e.get("description"), "inferred": bool(e.get("inferred")),
            "note": e.get("note"), "characterizations": [], "characterization_labels": [],
            "characterization_sources": [], "characterization_statuses": [],
            "characterization_evidence": [], "source_count": 0})
        node["aliases"] = sorted({*node["aliases"], *decl["aliases"]})
        node["source_count"] += 1
        for c in chars:
            node["characterization_labels"].append(c["label"])
            node["characterization_sources"].append(art)
            node["characterization_statuses"].append(c["status"])
            node["characterization_evidence"].append(c["evidence"])
        node["characterizations"] = list(dict.fromkeys(node["characterization_labels"]))

    def _claim(self, art: str, f: dict[str, Any]) -> None:
        fact = f"{f['subject']}|{f['type']}|{f['object']}"
        if (art, fact) in self.claims:  # items of one fact merge: their dates become a start
            claim = self.claims[(art, fact)]
            dates = [d for d in (claim["date"], claim["start"], f.get("date"), f.get("start"))
                     if d]
            claim["date"], claim["start"] = None, min(dates, default=None)
        else:
            claim = self.claims[(art, fact)] = {
                "key": f"{art}|{fact}", "article": art, "fact": fact, "subject": f["subject"],
                "type": f["type"], "object": f["object"], "status": f.get("status", "reported"),
                **{k: f.get(k) for k in FACT_FIELDS}, "inferred": bool(f.get("inferred")),
                "evidence": []}
        claim["evidence"] += f["evidence"]
        rel = self.facts.setdefault((f["subject"], f["type"], f["object"]), {
            "sources": [], "statuses": [], "evidence": [], "evidence_sources": [],
            **{k: f.get(k) for k in FACT_FIELDS}, "inferred": bool(f.get("inferred"))})
        if claim["start"] and (not rel["start"] or claim["start"] < rel["start"]):
            rel["start"] = claim["start"]
        if not rel["sources"] or rel["sources"][-1] != art:
            rel["sources"].append(art)
            rel["statuses"].append(claim["status"])
        rel["evidence"] += f["evidence"]
        rel["evidence_sources"] += [art] * len(f["evidence"])

    def entity_rows(self) -> dict[str, list[dict[str, Any]]]:
        by_label: dict[str, list] = defaultdict(list)
        facts: dict[str, int] = defaultdict(int)
        for s, _, o in self.facts:
            facts[s] += 1
            facts[o] += 1
        for e in self.entities.values():
            search = [e["id"], e["name"], e["name_zh"], e["description"], *e["aliases"]]
            props = {**e, "search_text": " ".join(t.lower() for t in search if t),
                     "fact_count": facts[e["id"]]}
            by_label[e["type"]].append({"id": e["id"], "props": present(props)})
        return by_label

    def fact_rows(self) -> dict[str, list[dict[str, Any]]]:
        by_type: dict[str, list] = defaultdict(list)
        for (s, t, o), rel in self.facts.items():
            status = next((x for x in rel["statuses"] if x != "reported"), "reported")
            claims = [self.claims[(a, f"{s}|{t}|{o}")] for a in rel["sources"]]
            per_source = {f"source_{k}s": [c[k] or "" for c in claims] for k in FACT_FIELDS}
            props = {**rel, "source_count": len(rel["sources"]), "status": status,
                     "caption": t if status == "reported" else f"{t} [{status}]",
                     **{k: v for k, v in per_source.items() if any(v)},
                     "inferred_sources": [c["article"] for c in claims if c["inferred"]] or None}
            by_type[t].append({"s": s, "o": o, "props": present(props)})
        return by_type

    def article_rows(self) -> list[dict[str, Any]]:
        """Articles with `only_here`: their facts no other article supports."""
        only: dict[str, int] = defaultdict(int)
        for rel in self.facts.values():
            if len(rel["sources"]) == 1:
                only[rel["sources"][0]] += 1
        return [present({**a, "only_here": only[a["id"]]}) for a in self.articles]

    def tally_rows(self) -> list[dict[str, Any]]:
        tallies: dict[str, dict[str, Any]] = {}
        for (_s, t, _o), rel in self.facts.items():
            tally = tallies.setdefault(t, {"type": t, "facts": 0, "corroborated": 0})
            tally["facts"] += 1
            tally["corroborated"] += len(rel["sources"]) >= 2
        return list(tallies.values())

    def source_tally_rows(self) -> list[dict[str, Any]]:
        """With the ids of their facts where those have two sources or more."""
        ids: dict[tuple[str, str, int], list[str]] = defaultdict(list)
        for (s, t, o), rel in self.facts.items():
            status = next((x for x in rel["statuses"] if x != "reported"), "reported")
            ids[t, status, len(rel["sources"])].append(f"{s} {t} {o}")
        return [{"key": f"{t}|{s}|{n}", "type": t, "status": s, "source_count": n,
                 "facts": len(f), "fact_ids": f if n >= 2 else None}
                for (t, s, n), f in ids.items()]

    def date_tally_rows(self) -> list[dict[str, Any]]:
        """With the ids of their facts."""
        ids: dict[str, list[str]] = defaultdict(list)
        for (s, t, o), rel in self.facts.items():
            if date := rel["date"] or rel["start"] or rel["end"]:
                ids[date[:7]].append(f"{s} {t} {o}")
        return [{"key": k, "facts": len(f), "fact_ids": f} for k, f in ids.items()]


def present(props: dict[str, Any]) -> dict[str, Any]:
    """No null values: the graph stores none (`SET x = row` would refuse nothing, but the
    records techkg writes leave absent properties out)."""
    return {k: v for k, v in props.items() if v is not None}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python benchmarks/raw_records.py EXTRACTS_DIR", file=sys.stderr)
        return 2
    records = Records()
    for path, doc in extracts(Path(argv[0])):
        records.add(path, doc)
    db, database = driver()
    with db, db.session(database=database) as session:
        for statement in SCHEMA:
            session.run(statement).consume()
        write_grouped(session, MERGE_ENTITIES, records.entity_rows(), "label")
        write(session, MERGE_ARTICLES, records.article_rows())
        write(session, create("ArticleFacts", ("id", "facts")), records.article_facts)
        write(session, CREATE_MENTIONS, records.mentions)
        write_grouped(session, MERGE_FACTS, records.fact_rows(), "type")
        write(session, CREATE_TALLIES, records.tally_rows())
        write(session, CREATE_SOURCE_TALLIES, records.source_tally_rows())
        write(session, CREATE_DATE_TALLIES, records.date_tally_rows())
        write(session, create("Declaration", DECLARATION), records.decls)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
