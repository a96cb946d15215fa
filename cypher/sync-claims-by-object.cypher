// name: sync-claims-by-object
// description: Every Claim record whose object is one of the given entities, as stored (by the Claim.object index).
// internal: `techkg load` (the facts at an entity whose node is recreated)
// param: entities list : Comma-separated entity ids
UNWIND $entities AS e
MATCH (c:Claim {object: e})
RETURN properties(c) AS p
