// name: sync-any-claim
// description: One Claim record, if any exists.
// internal: `techkg load` (an empty graph needs no state read)
MATCH (c:Claim)
RETURN c.key AS k
LIMIT 1
