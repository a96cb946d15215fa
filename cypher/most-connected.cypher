// name: most-connected
// description: The most connected entities (distinct facts with other entities, counting only the given statuses; entities with no such fact are left out), optionally of one type, with how many articles mention them.
// param: type entity_type = null : Only entities of this type (e.g. InnovationBase); empty for all
// param: limit int = 20 [1..1000] : Maximum number of rows
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// row-limit: limit
CALL () {
  // one type: count the ties of each of its entities
  WITH $type AS wanted WHERE wanted IS NOT NULL
  MATCH (n:Entity {type: wanted})
  RETURN n, COUNT { (n)-[r:ENTITY_TIES]-(:Entity) WHERE r.status IN $statuses } AS degree
  UNION ALL
  // every type: one pass over the facts, each read once rather than once per end
  WITH $type AS wanted WHERE wanted IS NULL
  MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
  WHERE r.status IN $statuses
  UNWIND [a, b] AS n
  RETURN n, count(*) AS degree
}
WITH n, degree
WHERE degree > 0
ORDER BY degree DESC, n.name
LIMIT $limit
RETURN n.name AS entity, n.type AS type, n.country AS country, degree,
       size(n.sources) AS articles, n.inferred AS inferred
