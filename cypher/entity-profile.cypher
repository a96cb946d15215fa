// name: entity-profile
// description: Every fact about one entity, both ways, grouped by relationship: the other side, status, inferred marker, date, sources and evidence.
// param: id entity : Entity name, alias, Chinese name or id
// param: limit int = 200 [1..100000] : Most facts shown (a hub can have thousands)
// row-limit: limit
MATCH (n:Entity {id: $id})-[r:ENTITY_TIES]-(m:Entity)
WITH r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
ORDER BY type(r), direction DESC, m.name
LIMIT $limit
RETURN type(r) AS relationship, direction, m.name AS other, m.type AS other_type,
       r.role AS role, r.status AS status, r.inferred AS inferred,
       coalesce(r.date, r.start) AS date, r.end AS until, r.sources AS sources,
       r.evidence AS evidence
