// name: sync-article-records
// description: The given Article nodes' properties, as stored.
// internal: `techkg load` (the articles whose counters a load can change)
// param: articles list : Comma-separated article ids
UNWIND $articles AS id
MATCH (x:Article {id: id})
RETURN x.id AS id, properties(x) AS p
