// name: entities-between
// description: Entities one fact away from two of the given entities (not among them): what links two entities a query's result names.
// internal: the explorer's query page and `techkg viz --query` (the entities drawn between)
// param: ids list : Comma-separated entity ids
MATCH (a:Entity)-[:ENTITY_TIES]-(m:Entity)-[:ENTITY_TIES]-(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND a <> b AND NOT m.id IN $ids
RETURN collect(DISTINCT m.id) AS ids
