// name: restrictions-denials
// description: Government restrictions (export bans, closures, blocked deals) and denied facts, with the quotes that state them.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) = 'RESTRICTS' OR r.status = 'denied'
RETURN CASE WHEN type(r) = 'RESTRICTS' THEN 'restriction' ELSE 'denial' END AS kind,
       a.name AS subject, type(r) AS relationship, b.name AS object,
       coalesce(r.date, r.start) AS date, r.status AS status, r.sources AS sources,
       r.evidence AS evidence
ORDER BY kind, date, subject
