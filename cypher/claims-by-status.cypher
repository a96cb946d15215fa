// name: claims-by-status
// description: Facts by claim status (default: denied, disputed, alleged, claimed) with whether they are only inferred, their quotes and sources.
// param: statuses statuses = denied,disputed,alleged,claimed : Comma-separated statuses (`all` for every status)
MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
WHERE r.status IN $statuses
RETURN r.status AS status, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
ORDER BY status, subject, relationship, object
