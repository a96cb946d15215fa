// name: most-connected
// description: The most connected entities (distinct facts with other entities, counting only the given statuses), optionally of one type, with how many articles mention them.
// param: type string = null : Only entities of this type (e.g. InnovationBase); empty for all
// param: limit int = 20 [1..1000] : Maximum number of rows
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// row-limit: limit
MATCH (n:Entity)
WHERE $type IS NULL OR n.type = $type
WITH n, COUNT { (n)-[r:ENTITY_TIES]-(:Entity) WHERE r.status IN $statuses } AS degree
RETURN n.name AS entity, n.type AS type, n.country AS country, degree,
       size(n.sources) AS articles, n.inferred AS inferred
ORDER BY degree DESC, entity
LIMIT $limit
