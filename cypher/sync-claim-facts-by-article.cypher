// name: sync-claim-facts-by-article
// description: The fact ids each of the given articles claims (from its ArticleFacts record).
// internal: `techkg load` (the facts the replaced articles claimed)
// param: articles list : Comma-separated article ids
UNWIND $articles AS a
MATCH (f:ArticleFacts {id: a})
RETURN f.id AS a, f.facts AS p
