// name: supervision-chain
// description: Chain of command upward from an entity: who it is subordinate to, supervised by or part of, up to the top, with each link's evidence.
// param: entity entity : Entity to start from (name, alias or id)
// param: max_hops int = 6 : Longest chain considered
MATCH p = (start:Entity {id: $entity})-[:SUBORDINATE_TO|SUPERVISED_BY|PART_OF*1..8]->(top:Entity)
WHERE length(p) <= $max_hops
  AND NOT EXISTS { (top)-[:SUBORDINATE_TO|SUPERVISED_BY|PART_OF]->(:Entity) }
UNWIND range(0, length(p) - 1) AS i
WITH p, top, i, relationships(p)[i] AS r
RETURN top.name AS top, i + 1 AS level, startNode(r).name AS unit, type(r) AS relationship,
       endNode(r).name AS superior, r.status AS status, r.sources AS sources,
       r.evidence AS evidence
ORDER BY top, length(p), level
