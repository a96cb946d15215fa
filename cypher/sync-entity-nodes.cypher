// name: sync-entity-nodes
// description: Which of the given ids have an Entity node.
// internal: `techkg load` (entities no article declares but written by hand: the load would create them again)
// param: entities list : Comma-separated entity ids
UNWIND $entities AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id
ORDER BY id
