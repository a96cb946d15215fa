// name: claims-by-status
// description: Facts by claim status (default: denied, disputed, alleged, claimed) with their quotes and sources.
// param: statuses list = denied,disputed,alleged,claimed : Comma-separated statuses
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.status IN $statuses
RETURN r.status AS status, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.sources AS sources, r.evidence AS evidence
ORDER BY status, subject, relationship, object
