// name: supervision-chain
// description: Chain of command upward from an entity, following only hierarchy ties (subordinate to, supervised by, part of) with a counted status, to the top or to max_hops, with each link's status and evidence.
// param: entity entity : Entity to start from (name, alias or id)
// param: max_hops int = 6 [1..6] : Longest chain considered
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: limit int = 50 [1..1000] : Most chains shown (the first found; a dense hierarchy can hold thousands)
MATCH p = (start:Entity {id: $entity})-[:HIERARCHY_TIES*1..6]->(top:Entity)
WHERE length(p) <= $max_hops AND all(r IN relationships(p) WHERE r.status IN $statuses)
  AND (length(p) = $max_hops OR NOT EXISTS {
    MATCH (top)-[h:HIERARCHY_TIES]->(:Entity) WHERE h.status IN $statuses
  })
WITH p, top LIMIT $limit
UNWIND range(0, length(p) - 1) AS i
WITH p, top, i, relationships(p)[i] AS r
RETURN top.name AS top, i + 1 AS level, startNode(r).name AS unit, type(r) AS relationship,
       endNode(r).name AS superior, r.status AS status, r.inferred AS inferred,
       r.sources AS sources, r.evidence AS evidence
ORDER BY top, length(p), level
