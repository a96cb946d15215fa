// name: sync-declaring-articles
// description: The articles whose Declaration records name any of the given entities (by index).
// internal: `techkg load` (the articles a change to an entity concerns)
// param: entities list : Comma-separated entity ids
UNWIND $entities AS e
MATCH (d:Declaration {entity: e})
RETURN DISTINCT d.article AS a
