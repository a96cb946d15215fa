// name: sync-claim-facts-by-article
// description: The fact id of every fact the given articles claim (from each Article's fact list).
// internal: `techkg load` (the facts the replaced articles claimed)
// param: articles list : Comma-separated article ids
UNWIND $articles AS a
MATCH (x:Article {id: a})
UNWIND x.facts AS p
RETURN p
