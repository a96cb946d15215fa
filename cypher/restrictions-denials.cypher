// name: restrictions-denials
// description: Government restrictions (export bans, closures, blocked deals) and denied facts, denials first, then restrictions, each most corroborated first, then by date, with the quotes that state them.
// param: limit int = 200 [1..100000] : Most rows shown
// row-limit: limit
CALL () {
  MATCH (a:Entity)-[r:RESTRICTION_TIES]->(b:Entity)
  RETURN 'restriction' AS kind, a, r, b
  UNION ALL
  MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
  WHERE r.status = 'denied' AND NOT type(r) IN $restriction_types
  RETURN 'denial' AS kind, a, r, b
}
WITH kind, a, r, b
ORDER BY kind, r.source_count DESC, coalesce(r.date, r.start), a.name, type(r), b.name
LIMIT $limit
RETURN kind, a.name AS subject, type(r) AS relationship, b.name AS object,
       coalesce(r.date, r.start) AS date, r.status AS status, r.inferred AS inferred,
       r.sources AS sources, r.evidence AS evidence
