// name: entities-within
// description: The entities within the given number of entity-to-entity facts of one entity (itself included).
// internal: `techkg viz --entity` (the neighbourhood drawn)
// param: id string : Entity id
// param: hops int [0..4] : Most facts away
MATCH (s:Entity {id: $id})
MATCH p = (s)-[:ENTITY_TIES*0..4]-(n:Entity)
WHERE length(p) <= $hops AND all(x IN nodes(p) WHERE x:Entity)
RETURN collect(DISTINCT n.id) AS ids
