"""Write validated extracts into the graph: idempotent, atomic per run, replace-by-article.

The whole run is one managed write transaction: it reads the current contributions of the
articles being loaded, computes the desired graph in Python (techkg.loaders.resolve), and
writes only the differences in parameterised `UNWIND $rows` batches. A second load of the
same extracts therefore writes nothing, and any error rolls the whole run back.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from techkg.errors import ValidationFailed
from techkg.graph import Graph
from techkg.loaders import resolve
from techkg.loaders.validate import Validation
from techkg.vocabulary import vocabulary

SCHEMA = [
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
]
FactKey = tuple[str, str, str]
# Match every relationship first, then delete: on the local engine a streaming
# `UNWIND ... MATCH (a)-[r]->(b) DELETE r` walks an edge list that earlier rows of the same
# statement are shrinking, and the engine logs "ghost (dangling) edges" (docs/reliability.md).
DELETE_MATCHED = "WITH collect(%s) AS gone UNWIND gone AS dead DELETE dead"


@dataclass
class LoadReport:
    """What a load changed (all zeros when the graph already matched the extracts)."""

    articles: list[str]
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def changes(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        c = self.counts
        head = f"Loaded {len(self.articles)} article(s)"
        if not self.changes:
            return f"{head}: no changes (the graph already matches the extracts)."
        return (f"{head}: entities +{c['entities_created']} ~{c['entities_updated']} "
                f"-{c['entities_deleted']}, relationships +{c['facts_created']} "
                f"~{c['facts_updated']} -{c['facts_deleted']}, mentions "
                f"+{c['mentions_added']} -{c['mentions_removed']}, article nodes "
                f"written {c['articles_written']}"
                + (f", articles removed {c['articles_removed']}" if c["articles_removed"] else "")
                + ".")


FULLTEXT = ("CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) "
            "ON EACH [n.search_text]")


def ensure_schema(graph: Graph) -> None:
    """Uniqueness constraints (they also make MERGE fast), and a full-text index where the
    backend has them; idempotent."""
    for statement in SCHEMA:
        graph.write(statement)
    if graph.capabilities.fulltext:
        graph.write(FULLTEXT)
        graph.write("CALL db.awaitIndexes(300)")  # populated before anyone searches


def load(graph: Graph, validation: Validation, prune: bool = False) -> LoadReport:
    """Load validated extracts; raises ValidationFailed (and writes nothing) on any error.

    With `prune`, articles in the graph that none of these extracts describes are removed
    with everything only they support (for an extract file that was deleted)."""
    if validation.errors:
        raise ValidationFailed(validation.errors)
    ensure_schema(graph)
    return graph.write_tx(lambda tx: _load_tx(tx, validation, prune))


def wipe(graph: Graph) -> None:
    """Delete every node and relationship (used by `load --rebuild`)."""
    graph.write("MATCH (n) WHERE n:Entity OR n:Article DETACH DELETE n")


def _run(tx: Any, query: str, **params: Any) -> list[dict]:
    return [dict(r) for r in tx.run(query, params)]


def _load_tx(tx: Any, validation: Validation, prune: bool) -> LoadReport:
    extracts = validation.extracts
    loading = sorted(ex.article_id for ex in extracts)
    pruned = sorted(r["id"] for r in _run(tx, "MATCH (x:Article) WHERE NOT x.id IN $ids "
                                              "RETURN x.id AS id", ids=loading)) if prune else []
    arts = sorted(loading + pruned)  # the articles whose contributions are replaced
    report = LoadReport(loading)
    new_decls, new_claims, where = _contributions(extracts)
    current, facts = _read_state(tx, arts, new_decls, new_claims)
    desired = _desired_entities(current, new_decls, arts, where)
    retyped = sorted(e for e in desired
                     if e in current and current[e]["type"] != desired[e]["type"])
    if retyped:  # a node's label is fixed at creation: recreate it and its relationships
        for r in _run(tx, "MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids OR b.id IN $ids "
                          "RETURN a.id AS s, type(r) AS t, b.id AS o, properties(r) AS props",
                      ids=retyped):
            facts.setdefault((r["s"], r["t"], r["o"]), r["props"])
    upserts, deletes = _plan_facts(facts, new_claims, arts, set(retyped), report)

    v = vocabulary()
    for t, rows in deletes.items():
        tx.run(f"UNWIND $rows AS row MATCH (a:Entity {{id: row.s}})-[r:{v.rel_type(t)}]->"
               f"(b:Entity {{id: row.o}}) {DELETE_MATCHED % 'r'}", rows=rows).consume()
    _write_entities(tx, current, desired, retyped, report)
    _write_articles(tx, extracts, report)
    if pruned:
        report.counts["articles_removed"] = len(pruned)
        tx.run("UNWIND $ids AS id MATCH (x:Article {id: id}) DETACH DELETE x",
               ids=pruned).consume()
    if retyped:  # recreated nodes lost the MENTIONS of articles outside this run
        rows = [{"a": a, "e": e} for e in retyped for a in desired[e]["sources"] if a not in arts]
        tx.run("UNWIND $rows AS row MATCH (x:Article {id: row.a}), (n:Entity {id: row.e}) "
               "MERGE (x)-[:MENTIONS]->(n)", rows=rows).consume()
    for t, rows in upserts.items():
        tx.run(f"UNWIND $rows AS row MATCH (a:Entity {{id: row.s}}), (b:Entity {{id: row.o}}) "
               f"MERGE (a)-[r:{v.rel_type(t)}]->(b) SET r = row.props", rows=rows).consume()
    return report


def _contributions(extracts: list) -> tuple[dict, dict, dict]:
    """What these extracts say: declarations by entity, claims by fact, and where each
    declaration sits (for located errors)."""
    new_decls: dict[str, dict[str, dict]] = defaultdict(dict)
    new_claims: dict[FactKey, dict[str, dict]] = defaultdict(dict)
    where: dict[tuple[str, str], tuple] = {}
    for ex in extracts:
        for i, ent in enumerate(ex.model.entities):
            new_decls[ent.id][ex.article_id] = resolve.declaration(ent)
            where[(ent.id, ex.article_id)] = (ex, i)
        grouped: dict[FactKey, list] = defaultdict(list)
        for fact in ex.model.relationships:
            grouped[(fact.subject, fact.type, fact.object)].append(fact)
        for key, same in grouped.items():
            new_claims[key][ex.article_id] = resolve.claim(same)
    return new_decls, new_claims, where


def _read_state(tx: Any, arts: list[str], new_decls: dict,
                new_claims: dict) -> tuple[dict[str, dict], dict[FactKey, dict]]:
    """The entities and facts the run touches, as the graph holds them now."""
    current = {r["id"]: r for r in _run(
        tx, "MATCH (n:Entity) WHERE n.id IN $ids OR any(s IN n.sources WHERE s IN $arts) "
            "RETURN n.id AS id, n.type AS type, properties(n) AS props",
        ids=sorted(new_decls), arts=arts)}
    facts = {(r["s"], r["t"], r["o"]): r["props"] for r in _run(
        tx, "MATCH (a:Entity)-[r]->(b:Entity) WHERE any(s IN r.sources WHERE s IN $arts) "
            "RETURN a.id AS s, type(r) AS t, b.id AS o, properties(r) AS props", arts=arts)}
    keys = [{"s": s, "t": t, "o": o} for (s, t, o) in new_claims if (s, t, o) not in facts]
    for r in _run(tx, "UNWIND $keys AS k MATCH (a:Entity {id: k.s})-[r]->(b:Entity {id: k.o}) "
                      "WHERE type(r) = k.t RETURN a.id AS s, type(r) AS t, b.id AS o, "
                      "properties(r) AS props", keys=keys):
        facts[(r["s"], r["t"], r["o"])] = r["props"]
    return current, facts


def _desired_entities(current: dict, new_decls: dict, arts: list[str],
                      where: dict) -> dict[str, dict]:
    """Node properties after the run; contradictions with other articles are errors."""
    desired: dict[str, dict] = {}
    problems = []
    for entity_id in sorted(set(current) | set(new_decls)):
        old = json.loads(current[entity_id]["props"].get("declarations") or "{}") \
            if entity_id in current else {}
        decls = {a: d for a, d in old.items() if a not in arts}
        decls.update(new_decls.get(entity_id, {}))
        for article, message in resolve.conflicts(decls):
            if (entity_id, article) in where:
                ex, i = where[(entity_id, article)]
                problems.append(ex.doc.issue(("entities", i),
                                             f"entity {entity_id!r} (already in the graph): "
                                             f"{message}"))
        if decls:
            desired[entity_id] = _present(resolve.entity_props(entity_id, decls))
    if problems:
        raise ValidationFailed(problems)
    return desired


def _plan_facts(facts: dict, new_claims: dict, arts: list[str], retyped: set[str],
                report: LoadReport) -> tuple[dict[str, list], dict[str, list]]:
    """Relationships to write and to delete, by type; counts go into the report."""
    upserts: dict[str, list] = defaultdict(list)
    deletes: dict[str, list] = defaultdict(list)
    for key in sorted(set(facts) | set(new_claims)):
        s, t, o = key
        old = json.loads(facts[key].get("claims") or "{}") if key in facts else {}
        claims = {a: c for a, c in old.items() if a not in arts}
        claims.update(new_claims.get(key, {}))
        if not claims:
            deletes[t].append({"s": s, "o": o})
            report.counts["facts_deleted"] += 1
            continue
        props = _present(resolve.fact_props(t, claims))
        if key not in facts:
            report.counts["facts_created"] += 1
        elif props != facts[key]:
            report.counts["facts_updated"] += 1
        elif s not in retyped and o not in retyped:
            continue  # unchanged, and its end nodes stay
        upserts[t].append({"s": s, "o": o, "props": props})
    return upserts, deletes


def _write_entities(tx: Any, current: dict, desired: dict, retyped: list[str],
                    report: LoadReport) -> None:
    v = vocabulary()
    gone = sorted(set(current) - set(desired))
    report.counts["entities_deleted"] = len(gone)
    if gone or retyped:
        tx.run("UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n",
               ids=gone + retyped).consume()
    rows: dict[str, list] = defaultdict(list)
    for entity_id, props in desired.items():
        if entity_id not in current:
            report.counts["entities_created"] += 1
        elif entity_id in retyped or props != current[entity_id]["props"]:
            report.counts["entities_updated"] += 1
        else:
            continue
        rows[props["type"]].append({"id": entity_id, "props": props})
    for label, batch in rows.items():
        tx.run(f"UNWIND $rows AS row MERGE (n:Entity:{v.label(label)} {{id: row.id}}) "
               "SET n = row.props", rows=batch).consume()


def _write_articles(tx: Any, extracts: list, report: LoadReport) -> None:
    arts = [ex.article_id for ex in extracts]
    existing = {r["id"]: r for r in _run(
        tx, "MATCH (x:Article) WHERE x.id IN $arts "
            "RETURN x.id AS id, properties(x) AS props, "
            "[(x)-[:MENTIONS]->(n:Entity) | n.id] AS mentions", arts=arts)}
    rows, add, remove = [], [], []
    for ex in extracts:
        props = _present(ex.model.article.model_dump())
        props["citation"] = resolve.citation(props)
        old = existing.get(ex.article_id)
        if not old or old["props"] != props:
            rows.append({"id": ex.article_id, "props": props})
        want = {e.id for e in ex.model.entities}
        have = set(old["mentions"]) if old else set()
        add += [{"a": ex.article_id, "e": e} for e in sorted(want - have)]
        remove += [{"a": ex.article_id, "e": e} for e in sorted(have - want)]
    report.counts["articles_written"] = len(rows)
    report.counts["mentions_added"] = len(add)
    report.counts["mentions_removed"] = len(remove)
    if rows:
        tx.run("UNWIND $rows AS row MERGE (x:Article {id: row.id}) SET x = row.props",
               rows=rows).consume()
    if remove:
        tx.run("UNWIND $rows AS row MATCH (x:Article {id: row.a})-[m:MENTIONS]->"
               f"(n:Entity {{id: row.e}}) {DELETE_MATCHED % 'm'}", rows=remove).consume()
    if add:
        tx.run("UNWIND $rows AS row MATCH (x:Article {id: row.a}), (n:Entity {id: row.e}) "
               "MERGE (x)-[:MENTIONS]->(n)", rows=add).consume()


def _present(props: dict[str, Any]) -> dict[str, Any]:
    """Drop None values: the graph stores no nulls, so comparisons must not either."""
    return {k: v for k, v in props.items() if v is not None}
