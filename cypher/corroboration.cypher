// name: corroboration
// description: Single-source versus corroborated facts: every fact with its number of independent source articles, most corroborated first (min_sources=2 keeps only corroborated ones).
// param: min_sources int = 1 : Minimum number of source articles
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.source_count >= $min_sources
RETURN r.source_count AS source_count, r.source_count >= 2 AS corroborated,
       a.name AS subject, type(r) AS relationship, b.name AS object, r.status AS status,
       r.sources AS sources, r.evidence AS evidence
ORDER BY source_count DESC, subject, relationship, object
