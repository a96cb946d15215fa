// name: neighbourhood
// description: One page of an entity's facts, both ways, for the explorer's entity page and canvas: the other side's id, name and type, status, inferred marker, role, dates, note, sources and evidence, sorted by relationship, direction and name.
// internal: the explorer's entity page and canvas (one page of facts)
// param: id entity : Entity name, alias, Chinese name or id
// param: skip int = 0 [0..10000000] : Facts to pass over (the page's start)
// param: limit int = 100 [1..1000] : Facts on the page (a hub has thousands: they are paged)
// First count the entity's facts per relationship type (read from its edge lists alone),
// then read and sort only the types the page's rows come from.
MATCH (n:Entity {id: $id})-[r:ENTITY_TIES]-(:Entity)
WITH n, type(r) AS type, count(*) AS facts
ORDER BY type
WITH n, collect(type) AS types, collect(facts) AS sizes
WITH n, types, sizes,
     [i IN range(0, size(types) - 1) | reduce(s = 0, x IN sizes[0..i + 1] | s + x)] AS ends
WITH n, [i IN range(0, size(types) - 1)
         WHERE ends[i] > $skip AND ends[i] - sizes[i] < $skip + $limit | types[i]] AS wanted,
     reduce(s = 0, i IN range(0, size(types) - 1) |
       s + CASE WHEN ends[i] <= $skip THEN sizes[i] ELSE 0 END) AS before
CALL (n, wanted) {
  // each type of ENTITY_TIES:
  WITH n, wanted WHERE 'EACH_TYPE' IN wanted
  MATCH (n)-[r:EACH_TYPE]-(m:Entity)
  RETURN r, m
  // end each
}
WITH n, before, r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
ORDER BY type(r), direction DESC, m.name, m.id
WITH before, collect({r: r, m: m, direction: direction}) AS rows
UNWIND rows[$skip - before..$skip - before + $limit] AS row
WITH row.r AS r, row.m AS m, row.direction AS direction
RETURN type(r) AS relationship, direction, m.id AS other_id, m.name AS other,
       m.type AS other_type, r.role AS role, r.status AS status, r.inferred AS inferred,
       coalesce(r.date, r.start) AS date, r.end AS until, r.note AS note,
       r.sources AS sources, r.evidence AS evidence
