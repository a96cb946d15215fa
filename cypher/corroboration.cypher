// name: corroboration
// description: Single-source versus corroborated facts: every fact with its number of independent source articles, most corroborated first (min_sources=2 keeps only corroborated ones), with status and whether it is only inferred.
// param: min_sources int = 1 [1..1000] : Minimum number of source articles
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: limit int = 200 [1..100000] : Most facts shown
// row-limit: limit
MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
WHERE r.source_count >= $min_sources AND r.status IN $statuses
WITH a, r, b
ORDER BY r.source_count DESC, a.name, type(r), b.name
LIMIT $limit
RETURN r.source_count AS source_count, r.source_count >= 2 AS corroborated,
       a.name AS subject, type(r) AS relationship, b.name AS object, r.status AS status,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
