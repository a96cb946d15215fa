// name: sync-entity-declarations
// description: What each article's Declaration records say of the given entities (the fields that must agree across articles), by the Declaration.entity index.
// internal: `techkg load` (the cross-file checks' view of extracts the load did not read again)
// param: entities list : Comma-separated entity ids
UNWIND $entities AS e
MATCH (d:Declaration {entity: e})
RETURN d.article AS a, e AS id, d.type AS type, d.name AS name, d.name_zh AS name_zh,
       d.country AS country, d.aliases AS aliases
