// name: sync-any-article
// description: One Article node's id, if any exists.
// internal: `techkg load` (whether the graph is empty, without reading every Article)
MATCH (x:Article)
RETURN x.id AS id
LIMIT 1
