// name: entity-profile
// description: Every fact about one entity, both ways, grouped by relationship: the other side, status, inferred marker, date, sources and evidence.
// param: id entity : Entity name, alias, Chinese name or id
// param: limit int = 1000 [1..100000] : Most facts shown (a hub can have thousands)
MATCH (n:Entity {id: $id})-[r:ENTITY_TIES]-(m:Entity)
RETURN type(r) AS relationship, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.name AS other, m.type AS other_type, r.role AS role, r.status AS status,
       r.inferred AS inferred, coalesce(r.date, r.start) AS date, r.end AS until,
       r.sources AS sources, r.evidence AS evidence
ORDER BY relationship, direction DESC, other
LIMIT $limit
