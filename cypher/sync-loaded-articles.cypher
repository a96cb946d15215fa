// name: sync-loaded-articles
// description: How each article was loaded: its extract's hash, load key, text file and quote check, and whether it keeps its fact ids itself (the layout before ArticleFacts records).
// internal: `techkg load` (which articles changed since the last load)
MATCH (x:Article)
RETURN x.id AS id, x.extract_sha256 AS h, x.load_key AS k, x.file AS f,
       x.quotes_checked AS c, x.checked_sha256 AS s,
       x.facts IS NOT NULL AS l
