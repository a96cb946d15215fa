// name: sync-declarations-by-entity
// description: Every Declaration record of the given entities, as stored (by the Declaration.entity index).
// internal: `techkg load` (every declaration of an entity a load changes)
// param: entities list : Comma-separated entity ids
UNWIND $entities AS e
MATCH (d:Declaration {entity: e})
RETURN properties(d) AS p
