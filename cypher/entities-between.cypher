// name: entities-between
// description: Entities one fact away from two of the given entities (not among them): what links two entities a query's result names.
// internal: the explorer's query page and `techkg viz --query` (the entities drawn between)
// param: ids list : Comma-separated entity ids
UNWIND $ids AS given
MATCH (a:Entity {id: given})-[:ENTITY_TIES]-(m:Entity)
WHERE NOT m.id IN $ids
WITH m, count(DISTINCT a) AS ends
WHERE ends >= 2
RETURN collect(m.id) AS ids
