// name: any-entity
// description: One entity's id, if the graph holds any.
// internal: `techkg load` and `techkg serve` (whether the graph is empty)
MATCH (n:Entity)
RETURN n.id AS id
LIMIT 1
