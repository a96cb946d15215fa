// name: sync-facts-at-entities
// description: Every fact from or to the given entities, with its properties, as stored.
// internal: `techkg load` (the facts at an entity whose node is recreated)
// param: entities list : Comma-separated entity ids
UNWIND $entities AS e
MATCH (:Entity {id: e})-[r:ENTITY_TIES]-(:Entity)
WITH DISTINCT r
RETURN startNode(r).id + ' ' + type(r) + ' ' + endNode(r).id AS k, properties(r) AS p
