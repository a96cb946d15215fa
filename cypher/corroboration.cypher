// name: corroboration
// description: Facts with at least min_sources independent sources (2 = corroborated; 1 lists everything with its count).
// param: min_sources int = 2 : Minimum number of source articles
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.source_count >= $min_sources
RETURN r.source_count AS source_count, a.name AS subject, type(r) AS relationship,
       b.name AS object, r.status AS status, r.sources AS sources, r.evidence AS evidence
ORDER BY source_count DESC, subject, relationship, object
