// name: facts-among
// description: Every fact between the given entities (or in the whole graph), with both ends' ids, status, inferred marker, role, dates, note, sources and evidence: what the explorer's canvas and the offline HTML view draw.
// internal: the explorer's canvas and `techkg viz` (the edges)
// param: ids list = null : Comma-separated entity ids; empty for the whole graph
MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
WHERE $ids IS NULL OR (a.id IN $ids AND b.id IN $ids)
RETURN a.id AS source, type(r) AS relationship, b.id AS target, r.status AS status,
       r.inferred AS inferred, r.role AS role, coalesce(r.date, r.start) AS date,
       r.end AS until, r.note AS note, r.sources AS sources, r.evidence AS evidence
ORDER BY source, relationship, target
