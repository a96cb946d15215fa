// name: sync-claim-facts-by-article
// description: The fact id of every Claim record of the given articles (by the Claim.article index).
// internal: `techkg load` (the facts the replaced articles claimed)
// param: articles list : Comma-separated article ids
UNWIND $articles AS a
MATCH (c:Claim {article: a})
RETURN c.fact AS p
