// name: facts-among
// description: Every fact between the given entities (or in the whole graph), with both ends' ids, status, inferred marker, role, dates, note, sources and evidence: what the explorer's canvas and the offline HTML view draw.
// internal: the explorer's canvas and `techkg viz` (the edges)
// param: ids list = null : Comma-separated entity ids; empty for the whole graph
// Given ids, the facts are read from the given entities, each found by the id index, not by
// testing both ends of every fact in the graph: at 1M facts a view of 5 entities took
// 1.4-1.9 s and takes 3-7 ms, one of 200 (ten hubs) 4.2-6.4 s and 1.1-1.5 s, one of 2,000
// over 30 s (stopped) and 0.4-0.6 s (medians of three alternated rounds). Up to ten ids are
// taken in pairs, both ends found first, so that the engine looks for the edges between
// them instead of reading the far end of each of a hub's thousands: at 1M facts the two
// biggest hubs took 133-261 ms and take 14-19 ms, ten hubs 681-749 ms and 249-295 ms, three
// hubs and seven small entities 234-244 ms and 48-59 ms (medians of two alternated rounds).
// More ids make too many pairs (sixteen hubs: 549 ms against 728 walked; twenty entities,
// five of them hubs: 309 against 323), so each given entity's outgoing edges are
// walked and their far ends' ids tested. The ends' ids are kept as values before the sort:
// rows that still held the given node overran the local engine's query heap budget. A
// view's entities come with a bound on their outgoing facts (`facts-from`), so what this
// reads is bounded too.
WITH $ids AS ids WHERE size(ids) <= 10
UNWIND ids AS x
WITH DISTINCT ids, x
MATCH (a:Entity {id: x})
UNWIND ids AS y
WITH DISTINCT a, x, y
MATCH (b:Entity {id: y})
MATCH (a)-[r:ENTITY_TIES]->(b)
WITH x AS source, type(r) AS relationship, y AS target, r
ORDER BY source, relationship, target
RETURN source, relationship, target, r.status AS status, r.inferred AS inferred,
       r.role AS role, coalesce(r.date, r.start) AS date, r.end AS until, r.note AS note,
       r.sources AS sources, r.evidence AS evidence
UNION ALL
WITH $ids AS ids WHERE size(ids) > 10
UNWIND ids AS id
WITH DISTINCT id
MATCH (:Entity {id: id})-[r:ENTITY_TIES]->(b:Entity)
WITH id AS source, r, b.id AS target
WHERE target IN $ids
WITH source, type(r) AS relationship, target, r
ORDER BY source, relationship, target
RETURN source, relationship, target, r.status AS status, r.inferred AS inferred,
       r.role AS role, coalesce(r.date, r.start) AS date, r.end AS until, r.note AS note,
       r.sources AS sources, r.evidence AS evidence
UNION ALL
WITH $ids IS NULL AS all WHERE all
MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
RETURN a.id AS source, type(r) AS relationship, b.id AS target, r.status AS status,
       r.inferred AS inferred, r.role AS role, coalesce(r.date, r.start) AS date,
       r.end AS until, r.note AS note, r.sources AS sources, r.evidence AS evidence
ORDER BY source, relationship, target
