// name: restrictions-denials
// description: Government restrictions (export bans, closures, blocked deals) and denied facts, with the quotes that state them.
MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
WHERE type(r) IN $restriction_types OR r.status = 'denied'
RETURN CASE WHEN type(r) IN $restriction_types THEN 'restriction' ELSE 'denial' END AS kind,
       a.name AS subject, type(r) AS relationship, b.name AS object,
       coalesce(r.date, r.start) AS date, r.status AS status, r.inferred AS inferred,
       r.sources AS sources, r.evidence AS evidence
ORDER BY kind, date, subject
