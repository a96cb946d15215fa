// name: sync-claims-by-subject
// description: Every Claim record whose subject is one of the given entities, as stored (by the Claim.subject index).
// internal: `techkg load` (the facts at an entity whose node is recreated)
// param: entities list : Comma-separated entity ids
UNWIND $entities AS e
MATCH (c:Claim {subject: e})
RETURN properties(c) AS p
