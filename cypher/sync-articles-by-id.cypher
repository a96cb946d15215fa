// name: sync-articles-by-id
// description: How the given articles were loaded (the fields of sync-loaded-articles, a row per article, by the Article id index).
// internal: `techkg load` (whether the articles it was given changed, read in its write transaction)
// param: articles list : Comma-separated article ids
UNWIND $articles AS id
MATCH (x:Article {id: id})
RETURN x.id AS id, x.extract_sha256 AS h, x.load_key AS k, x.file AS f,
       x.quotes_checked AS c, x.checked_sha256 AS s,
       x.facts IS NOT NULL AS l
