"""Every write statement of the project: schema setup, wipe, and applying a WritePlan.

Loading, `--rebuild` and the CSV import all go through `apply(tx, plan)`, inside the caller's
one managed write transaction. Values always travel as parameters in `UNWIND $rows` batches;
labels and relationship types are checked against the vocabulary, then back-ticked. Shapes
are chosen from the known state: CREATE what the plan knows is new, MATCH…SET what exists,
and never delete and re-create the same relationship in one run (except for a node whose
type changed, which must be recreated). Relationships are matched in full before any is
deleted (DELETE_COLLECTED).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from techkg.graph import Graph
from techkg.graph_schema import graph_schema
from techkg.loaders.sync.plan import HUB_FACTS, KEEPS_IDS_FROM, WritePlan
from techkg.vocabulary import vocabulary

BATCH = 2000
FULLTEXT = ("CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) "
            "ON EACH [n.search_text]")
# Match every relationship of a batch first, then delete: deleting while the same statement
# still walks a node's edge list makes the local engine skip "ghost" edges.
DELETE_COLLECTED = "WITH collect(r) AS gone UNWIND gone AS dead DELETE dead"


def schema_statements() -> list[str]:
    """Uniqueness constraints on each record's key (they also make MERGE fast) and indexes
    on the bookkeeping records' lookup properties, from the graph schema."""
    out = []
    for name, kind in graph_schema().nodes.items():
        low = name.lower()
        out.append(f"CREATE CONSTRAINT {low}_{kind.key} IF NOT EXISTS FOR (n:{name}) "
                   f"REQUIRE n.{kind.key} IS UNIQUE")
        out += [f"CREATE INDEX {low}_{prop} IF NOT EXISTS FOR (n:{name}) ON (n.{prop})"
                for prop in kind.indexes]
    return out


def ensure_schema(graph: Graph) -> None:
    """Idempotent; runs outside the load's transaction (schema changes cannot share one)."""
    for statement in schema_statements():
        graph.write(statement)
    if graph.capabilities.fulltext:
        graph.write(FULLTEXT)
        graph.write("CALL db.awaitIndexes(300)")  # populated before anyone searches


# every label the schema writes, and the retired ones of earlier versions (a rebuild removes them)
WIPE = ("MATCH (n) WHERE " + " OR ".join(
    f"n:{label}" for label in [*graph_schema().nodes, *graph_schema().retired])
    + " DETACH DELETE n")


# Tallies change by the plan's differences, so a retried or concurrent write never counts
# from a stale read; RECOUNT (for a graph written before they were kept) reads every fact.
ADD_TALLIES = ("UNWIND $rows AS row MERGE (t:Tally {type: row.type}) "
               "SET t.facts = coalesce(t.facts, 0) + row.facts, "
               "t.corroborated = coalesce(t.corroborated, 0) + row.corroborated "
               "WITH t WHERE t.facts = 0 DELETE t")  # as a fresh load: no tally of nothing
# A tally's list of fact ids (`fact_ids`, in no particular order) loses the ids the plan
# moves out and gains those it moves in.
IDS = "[x IN coalesce(t.fact_ids, []) WHERE NOT x IN row.drop] + row.add"
ADD_SOURCE_TALLIES = ("UNWIND $rows AS row MERGE (t:SourceTally {key: row.key}) "
                      "SET t.type = row.type, t.status = row.status, "
                      "t.source_count = row.source_count, "
                      "t.facts = coalesce(t.facts, 0) + row.facts, "
                      f"t.fact_ids = CASE WHEN row.keep THEN {IDS} END "
                      "WITH t WHERE t.facts = 0 DELETE t")
ADD_DATE_TALLIES = ("UNWIND $rows AS row MERGE (t:DateTally {key: row.key}) "
                    f"SET t.facts = coalesce(t.facts, 0) + row.facts, t.fact_ids = {IDS} "
                    "WITH t WHERE t.facts = 0 DELETE t")
FACT_ID = "a.id + ' ' + type(r) + ' ' + b.id"  # techkg.loaders.sync.records.fact_id
RECOUNT = (
    "MATCH (t) WHERE t:Tally OR t:SourceTally OR t:DateTally DELETE t",
    "MATCH (:Entity)-[r]->(:Entity) "
    "WITH type(r) AS type, count(*) AS facts, "
    "sum(CASE WHEN r.source_count >= 2 THEN 1 ELSE 0 END) AS corroborated "
    "CREATE (:Tally {type: type, facts: facts, corroborated: corroborated})",
    "MATCH (a:Entity)-[r]->(b:Entity) "
    "WITH type(r) AS type, r.status AS status, r.source_count AS n, count(*) AS facts, "
    f"collect(CASE WHEN r.source_count >= {KEEPS_IDS_FROM} THEN {FACT_ID} END) AS ids "
    "CREATE (:SourceTally {key: type + '|' + status + '|' + toString(n), type: type, "
    "status: status, source_count: n, facts: facts, "
    f"fact_ids: CASE WHEN n >= {KEEPS_IDS_FROM} THEN ids END}})",
    "MATCH (a:Entity)-[r]->(b:Entity) "
    "WITH left(coalesce(r.date, r.start, r.end), 7) AS key, count(*) AS facts, "
    f"collect({FACT_ID}) AS ids "
    "WHERE key IS NOT NULL CREATE (:DateTally {key: key, facts: facts, fact_ids: ids})")


# Each entity keeps its count of facts with other entities, out and in, of any status
# (`fact_count`): `most-connected` sorts the entities by it (at 1M facts, 0.1 s for 48,000
# entities) instead of counting their 2M edge ends (1.0 s). It is counted from the node's
# edge lists after the run's last write, not changed by differences: a node written whole
# (`SET n = row.props`) loses it, and a count cannot go stale. At 1M facts, counting every
# entity of a first load takes 4.6 s; an unchanged count is not written again.
TIES = "|".join(vocabulary().rel_type(t) for t in vocabulary().relationship_types)
FACT_COUNT = f"COUNT {{ (n)-[:{TIES}]->() }} + COUNT {{ (n)<-[:{TIES}]-() }}"
COUNT_FACTS = ("UNWIND $rows AS id MATCH (n:Entity {id: id}) "
               f"WITH n, {FACT_COUNT} AS facts "
               "WHERE n.fact_count IS NULL OR n.fact_count <> facts SET n.fact_count = facts")
RECOUNT += (f"MATCH (n:Entity) SET n.fact_count = {FACT_COUNT}",)


# A hub (HUB_FACTS facts or more) has a Hub record of its facts counted by type and its
# neighbours by a counted status: at 1M facts `entity-profile` and `neighbours` of the
# biggest hub took 110-190 ms walking its 31,583 facts, and take 40 and 10 ms reading them.
# After the run's last write, with every `fact_count` counted: a hub without its record
# (new, grown past HUB_FACTS, or from a graph of before) counts both; a hub whose facts the
# run created or deleted counts its types again (60 ms for the biggest); its neighbours gain
# the ends of the run's new ties and lose those no other tie joins it to (counting the
# biggest hub's whole takes 0.35-0.45 s, too much for a reload that edits one of its facts).
# An entity no longer a hub, or gone, loses its record.
HUB_TYPES = (f"CALL (n) {{ MATCH (n)-[r:{TIES}]-(:Entity) "
             "WITH type(r) AS type, count(*) AS facts ORDER BY type "
             "RETURN collect(type) AS types, collect(facts) AS sizes } "
             "MERGE (h:Hub {id: n.id}) SET h.fact_types = types, h.fact_type_counts = sizes")
HUB_NEIGHBOURS = (f"CALL (n) {{ MATCH (n)-[r:{TIES}]-(m:Entity) WHERE r.status IN $counted "
                  "WITH DISTINCT m WITH m.id AS id ORDER BY id RETURN collect(id) AS ids } "
                  "SET h.neighbour_ids = ids")
HUBS = ("UNWIND $rows AS id OPTIONAL MATCH (n:Entity {id: id}) OPTIONAL MATCH (h:Hub {id: id}) "
        "WITH id, n IS NOT NULL AND n.fact_count >= $hub AS hub, h IS NULL AS missing "
        "WHERE hub OR NOT missing RETURN id, hub, missing")
HUB_COUNT = "UNWIND $rows AS id MATCH (n:Entity {id: id}) " + HUB_TYPES
HUB_FULL = ("UNWIND $rows AS id MATCH (n:Entity {id: id}) " + HUB_TYPES + " WITH n, h "
            + HUB_NEIGHBOURS)
# row: {id, add: ids it is now tied to, check: ids whose tie to it ended, if no other ties them}
HUB_TIES = ("UNWIND $rows AS row MATCH (n:Entity {id: row.id}) MATCH (h:Hub {id: row.id}) "
            "WITH h, row, [c IN row.check WHERE NOT EXISTS { MATCH (m:Entity {id: c}) "
            f"MATCH (n)-[r:{TIES}]-(m) WHERE r.status IN $counted }}] AS gone "
            "SET h.neighbour_ids = reduce(ids = [x IN h.neighbour_ids WHERE NOT x IN gone], "
            "y IN row.add | [x IN ids WHERE x < y] + [y] + [x IN ids WHERE x > y])")
UNHUB = "UNWIND $rows AS id MATCH (h:Hub {id: id}) DELETE h"
REHUB = ("MATCH (h:Hub) OPTIONAL MATCH (n:Entity {id: h.id}) "
         "WITH h, n WHERE n IS NULL OR n.fact_count < $hub DELETE h",
         "MATCH (n:Entity) WHERE n.fact_count >= $hub " + HUB_TYPES + " WITH n, h "
         + HUB_NEIGHBOURS)


# A graph written before the ArticleFacts records kept each article's fact ids on its node.
MOVE_ARTICLE_FACTS = ("MATCH (x:Article) WHERE x.facts IS NOT NULL "
                      "MERGE (f:ArticleFacts {id: x.id}) SET f.facts = x.facts REMOVE x.facts")


def move_article_facts(tx: Any) -> None:
    """Give a graph of the earlier layout its ArticleFacts records, in the load's transaction
    (run only where the load found an Article that keeps its fact ids)."""
    tx.run(MOVE_ARTICLE_FACTS).consume()


def literal(kind: str, source: str, relationship: bool = False) -> str:
    """`{p: source.p, …}` over a record kind's schema properties. New records are created
    whole: CREATE then SET writes each record twice, which made the local engine take
    almost twice as long, most of it at commit. A null value leaves the property absent
    (as the schema says); a property not in the schema would not be written, so
    tests/test_plan.py checks the planner's rows against the schema."""
    schema = graph_schema()
    names = (schema.relationships if relationship else schema.nodes)[kind].names
    return "{" + ", ".join(f"`{p}`: {source}.`{p}`" for p in names) + "}"


CREATE_DECLS = f"UNWIND $rows AS row CREATE (d:Declaration {literal('Declaration', 'row')})"
ENTITY = literal("Entity", "row.props")
FACT = literal("fact", "f.props", relationship=True)


def wipe_in(tx: Any) -> None:
    """Delete every record of the project inside the caller's transaction (a rebuild)."""
    tx.run(WIPE).consume()


def create_records(tx: Any, decls: list[dict], step: Callable[[int], None] | None = None) -> None:
    """CREATE Declaration records the graph is known not to hold (sent while later extracts
    are still being validated: the rows do not depend on other articles)."""
    _run(tx, CREATE_DECLS, decls, step)


def wipe(graph: Graph) -> None:
    """Delete every record of the project (its own transaction; tests use it)."""
    graph.write(WIPE)


def _batches(rows: Sequence, size: int = BATCH) -> Iterable[list]:
    """Batches of `rows`; the next one is made by a helper thread while the server runs the
    current one (the rows of a plan's new facts and records are derived as they are read)."""
    if len(rows) <= size:
        if rows:
            yield list(rows)
        return
    with ThreadPoolExecutor(1, thread_name_prefix="techkg-rows") as pool:
        ahead = pool.submit(_take, rows, 0, size)
        for i in range(0, len(rows), size):
            batch = ahead.result()
            if i + size < len(rows):
                ahead = pool.submit(_take, rows, i + size, size)
            yield batch


def _take(rows: Sequence, start: int, size: int) -> list:
    return list(rows[start:start + size])


def _grouped(batch: list[dict], key: str, rest: str) -> list[dict]:
    """Consecutive rows sharing `key` as one row `{key: value, rest: [rows]}`, so the
    statement looks their shared end node up once. Plan rows mostly come sorted by it;
    only neighbours are joined, so the order never changes what is written."""
    out: list[dict] = []
    for row in batch:
        if not out or out[-1][key] != row[key]:
            out.append({key: row[key], rest: []})
        out[-1][rest].append(row)
    return out


def _run(tx: Any, query: str, rows: Sequence, step: Callable[[int], None] | None,
         group: Callable[[list[dict]], list[dict]] | None = None,
         params: dict[str, Any] | None = None) -> None:
    for batch in _batches(rows):
        n = len(batch)
        if group is not None:
            batch = group(batch)
        tx.run(query, {"rows": batch, **(params or {})}).consume()
        # the driver keeps every statement's parameters until the transaction ends: emptying
        # the sent batch (a copy of the plan's rows) keeps memory to one batch, not the load
        batch.clear()
        if step:
            step(n)


def apply(tx: Any, plans: Iterable[WritePlan],
          step: Callable[[int], None] | None = None) -> None:
    """Send each plan's writes in order, then count the facts of every entity they may have
    changed (once, though a first load's facts come in parts); `step(n)` after each batch
    (progress)."""
    counted: set[str] = set()
    tied: set[str] = set()
    ties: dict[tuple[str, str], bool] | None = {}
    recount = False
    for plan in plans:
        _apply_one(tx, plan, step)
        counted |= counted_entities(plan)
        tied |= plan.tied
        recount = recount or plan.recount
        if ties is None or plan.ties is None:
            ties = None
        else:
            for pair, now in plan.ties.items():
                ties[pair] = now or ties.get(pair, False)
    _run(tx, COUNT_FACTS, sorted(counted), step)
    keep_hubs(tx, counted, tied, ties, everything=recount)


def keep_hubs(tx: Any, counted: set[str], tied: set[str],
              ties: dict[tuple[str, str], bool] | None, everything: bool = False) -> None:
    """Bring the Hub records (HUB_TYPES) up to date for the entities whose facts the run
    created or deleted (`counted`) or whose ties it changed (`tied`); `ties` None (past the
    plan's TIE_PAIRS): count those hubs' afresh. `everything`: count every hub's afresh (a
    graph of before, whose tallies were counted again)."""
    given = {"hub": HUB_FACTS, "counted": vocabulary().counted_statuses()}
    if everything or (ties is None and len(counted | tied) > BATCH):
        for statement in REHUB:  # a first load: cheaper than looking each entity up
            tx.run(statement, given).consume()
        return
    found = [r for batch in _batches(sorted(counted | tied))
             for r in tx.run(HUBS, {"rows": batch, **given})]
    hubs = {r["id"] for r in found if r["hub"]}
    full = {r["id"] for r in found if r["hub"] and (r["missing"] or ties is None)}
    _run(tx, UNHUB, sorted(r["id"] for r in found if not r["hub"]), None)
    _run(tx, HUB_FULL, sorted(full), None, params=given)
    _run(tx, HUB_COUNT, sorted((hubs & counted) - full), None, params=given)
    rows: dict[str, dict[str, set[str]]] = {}
    for (a, b), now in (ties or {}).items():
        for one, other in ((a, b), (b, a)):
            if one in hubs and one not in full:
                row = rows.setdefault(one, {"add": set(), "check": set()})
                row["add" if now else "check"].add(other)
    _run(tx, HUB_TIES, [{"id": k, "add": sorted(r["add"]), "check": sorted(r["check"])}
                        for k, r in sorted(rows.items())], None, params=given)


def counted_entities(plan: WritePlan) -> set[str]:
    """Entities whose `fact_count` the plan may change or remove: the ends of the facts it
    creates or deletes, and the nodes it creates or sets whole."""
    return plan.counted | {row["id"] for rows in [*plan.create_entities.values(),
                                                   *plan.update_entities.values()]
                           for row in rows}


def _apply_one(tx: Any, plan: WritePlan, step: Callable[[int], None] | None) -> None:
    """Send one plan's writes in dependency order."""
    v = vocabulary()
    if plan.wipe:
        wipe_in(tx)
    for t, rows in sorted(plan.delete_facts.items()):
        _run(tx, f"UNWIND $rows AS row MATCH (a:Entity {{id: row.s}})-[r:{v.rel_type(t)}]->"
                 f"(b:Entity {{id: row.o}}) {DELETE_COLLECTED}", rows, step)
    _run(tx, "UNWIND $rows AS id MATCH (n:Entity {id: id}) DETACH DELETE n",
         plan.delete_entities, step)
    _run(tx, "UNWIND $rows AS id MATCH (x:Article {id: id}) DETACH DELETE x",
         plan.delete_articles, step)
    _run(tx, "UNWIND $rows AS id MATCH (f:ArticleFacts {id: id}) DELETE f",
         plan.delete_articles, step)
    for label, rows in sorted(plan.update_entities.items()):
        _run(tx, f"UNWIND $rows AS row MATCH (n:Entity:{v.label(label)} {{id: row.id}}) "
                 "SET n = row.props", rows, step)
    for label, rows in sorted(plan.create_entities.items()):
        _run(tx, f"UNWIND $rows AS row CREATE (n:Entity:{v.label(label)} {ENTITY})", rows, step)
    _run(tx, "UNWIND $rows AS row MERGE (x:Article {id: row.id}) SET x = row.props",
         plan.upsert_articles, step)
    _run(tx, "UNWIND $rows AS row MERGE (f:ArticleFacts {id: row.id}) SET f.facts = row.facts",
         plan.article_facts, step)
    _run(tx, "UNWIND $rows AS row MATCH (x:Article {id: row.id}) SET x.only_here = row.n",
         plan.counters, step)
    _run(tx, "UNWIND $rows AS row MATCH (x:Article {id: row.a})-[r:MENTIONS]->"
             f"(n:Entity {{id: row.e}}) {DELETE_COLLECTED}", plan.remove_mentions, step)
    _run(tx, "UNWIND $rows AS row MATCH (x:Article {id: row.a}) UNWIND row.rows AS m "
             "MATCH (n:Entity {id: m.e}) CREATE (x)-[:MENTIONS]->(n)", plan.add_mentions, step,
         lambda batch: _grouped(batch, "a", "rows"))
    for t, rows in sorted(plan.update_facts.items()):
        _run(tx, f"UNWIND $rows AS row MATCH (a:Entity {{id: row.s}})-[r:{v.rel_type(t)}]->"
                 "(b:Entity {id: row.o}) SET r = row.props", rows, step)
    for t, rows in sorted(plan.create_facts.items()):
        _run(tx, "UNWIND $rows AS row MATCH (a:Entity {id: row.s}) UNWIND row.rows AS f "
                 f"MATCH (b:Entity {{id: f.o}}) CREATE (a)-[r:{v.rel_type(t)} {FACT}]->(b)",
             rows, step, lambda batch: _grouped(batch, "s", "rows"))
    if plan.recount:  # only planned where the graph holds no tally
        for statement in RECOUNT:
            tx.run(statement).consume()
    else:
        _run(tx, ADD_TALLIES, plan.tally_rows, step)
        _run(tx, ADD_SOURCE_TALLIES, plan.source_tally_rows, step)
        _run(tx, ADD_DATE_TALLIES, plan.date_tally_rows, step)
    _run(tx, "UNWIND $rows AS key MATCH (d:Declaration {key: key}) DELETE d",
         plan.delete_decls, step)
    _run(tx, "UNWIND $rows AS row MERGE (d:Declaration {key: row.key}) SET d = row",
         plan.upsert_decls, step)
    _run(tx, CREATE_DECLS, plan.create_decls, step)


def size(plans: list[WritePlan]) -> int:
    """How many rows the plans write (for progress)."""
    return (sum(map(_size, plans))
            + len(set().union(*map(counted_entities, plans))))  # counted once, after all


def _size(plan: WritePlan) -> int:
    lists = [plan.delete_entities, plan.delete_articles, plan.delete_articles,
             plan.upsert_articles, plan.article_facts, plan.counters,
             plan.remove_mentions, plan.add_mentions, plan.delete_decls, plan.upsert_decls,
             plan.create_decls]
    groups = [plan.delete_facts, plan.create_entities, plan.update_entities, plan.update_facts,
              plan.create_facts]
    return (sum(map(len, lists)) + sum(len(r) for g in groups for r in g.values())
            + len(plan.tally_rows) + len(plan.source_tally_rows) + len(plan.date_tally_rows))
