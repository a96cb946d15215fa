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
  // every type: an entity's count of facts of any status (`fact_count`, kept by the load) is
  // at least its degree, so the `limit` entities with the most give a floor (the least of
  // their degrees) that every entity in the answer reaches; only entities whose count reaches
  // it have their facts read (at 1M facts 22 of 48,000: 0.95 s, against 1.8 s counting every
  // entity's edges and 2.4 s for one pass over all the facts). A graph loaded before the
  // counts were kept has them counted here, from the edge lists. Out and in are counted
  // apart, so a fact from an entity to itself counts twice, as the one-pass count did.
  WITH $type AS wanted WHERE wanted IS NULL
  MATCH (n:Entity)
  WITH n, CASE WHEN n.fact_count IS NULL
               THEN COUNT { (n)-[:ENTITY_TIES]->() } + COUNT { (n)<-[:ENTITY_TIES]-() }
               ELSE n.fact_count END AS most
  WHERE most > 0
  ORDER BY most DESC
  WITH collect(n) AS ns, collect(most) AS mosts
  CALL (ns) {
    UNWIND ns[..$limit] AS n
    WITH n, COUNT { (n)-[r:ENTITY_TIES]->() WHERE r.status IN $statuses }
            + COUNT { (n)<-[r:ENTITY_TIES]-() WHERE r.status IN $statuses } AS degree
    RETURN collect([n, degree]) AS top, min(degree) AS floor
  }
  UNWIND top + [i IN range(size(top), size(ns) - 1) WHERE mosts[i] >= floor | [ns[i], null]] AS t
  WITH t[0] AS n, t[1] AS known
  RETURN n, CASE WHEN known IS NULL
                 THEN COUNT { (n)-[r:ENTITY_TIES]->() WHERE r.status IN $statuses }
                      + COUNT { (n)<-[r:ENTITY_TIES]-() WHERE r.status IN $statuses }
                 ELSE known END AS degree
}
WITH n, degree
WHERE degree > 0
ORDER BY degree DESC, n.name
LIMIT $limit
RETURN n.name AS entity, n.type AS type, n.country AS country, degree,
       n.source_count AS articles, n.inferred AS inferred
