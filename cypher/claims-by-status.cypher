// name: claims-by-status
// description: Facts by claim status (default: denied, disputed, alleged, claimed), most contested status first, then most corroborated, with whether they are only inferred, their quotes and sources.
// param: statuses statuses = denied,disputed,alleged,claimed : Comma-separated statuses (`all` for every status)
// param: limit int = 200 [1..100000] : Most facts shown
// row-limit: limit
MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
WHERE r.status IN $statuses
WITH a, r, b
ORDER BY $status_ranks[r.status] DESC, r.source_count DESC, a.name, type(r), b.name
LIMIT $limit
RETURN r.status AS status, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
