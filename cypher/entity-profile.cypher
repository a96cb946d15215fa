// name: entity-profile
// description: Every fact about one entity, both ways, grouped by relationship: the other side, status, inferred marker, date, sources, evidence, and the sources whose quotes were never checked.
// internal: `techkg entity` (the profile's facts)
// param: id entity : Entity name, alias, Chinese name or id
// param: limit int = 200 [1..100000] : Most facts shown (a hub can have thousands)
// row-limit: limit
// First the entity's count of facts per relationship type: a hub's Hub record keeps it (at
// 1M facts, counting the biggest hub's 31,583 facts took 60-80 ms), another entity's is read
// from its edge lists; then read and sort only the types the first `limit` rows come from.
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (h:Hub {id: $id})
CALL (n, h) {
  WITH h WHERE h IS NOT NULL
  RETURN h.fact_types AS types, h.fact_type_counts AS sizes
  UNION ALL
  WITH n, h WHERE h IS NULL
  MATCH (n)-[r:ENTITY_TIES]-(:Entity)
  WITH type(r) AS type, count(*) AS facts
  ORDER BY type
  RETURN collect(type) AS types, collect(facts) AS sizes
}
WITH n, [i IN range(0, size(types) - 1)
         WHERE reduce(s = 0, x IN sizes[0..i] | s + x) < $limit | types[i]] AS wanted
CALL (n, wanted) {
  // each type of ENTITY_TIES:
  WITH n, wanted WHERE 'EACH_TYPE' IN wanted
  MATCH (n)-[r:EACH_TYPE]-(m:Entity)
  RETURN r, m
  // end each
}
WITH r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
ORDER BY type(r), direction DESC, m.name
LIMIT $limit
// the sources loaded without their article text: their quotes were never checked
CALL (r) {
  UNWIND r.sources AS s
  MATCH (x:Article {id: s})
  WHERE x.quotes_checked IS NULL OR NOT x.quotes_checked
  RETURN collect(s) AS unchecked
}
RETURN type(r) AS relationship, direction, m.name AS other, m.type AS other_type,
       r.role AS role, r.status AS status, r.inferred AS inferred,
       coalesce(r.date, r.start) AS date, r.end AS until, r.sources AS sources,
       r.evidence AS evidence, unchecked
