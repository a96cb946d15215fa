// name: sync-any-declaration
// description: One Declaration record, if any exists.
// internal: `techkg load` (an empty graph needs no state read)
MATCH (d:Declaration)
RETURN d.key AS k
LIMIT 1
