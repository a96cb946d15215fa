// name: sync-legacy-claims
// description: One per-article Claim record, if any: the layout of techkg before claims moved onto the facts.
// internal: `techkg load` (a graph in the old layout must be rebuilt)
MATCH (c:Claim)
RETURN 1 AS k
LIMIT 1
