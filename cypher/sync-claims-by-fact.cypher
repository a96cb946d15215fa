// name: sync-claims-by-fact
// description: Every Claim record of the given facts (subject|TYPE|object), as stored (by the Claim.fact index).
// internal: `techkg load` (every article's claim of a fact a load touches)
// param: facts list : Comma-separated fact ids
UNWIND $facts AS f
MATCH (c:Claim {fact: f})
RETURN properties(c) AS p
