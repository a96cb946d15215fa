// name: technologies
// description: Technologies and fields, and who targets, seeks or works on them, most corroborated first, then by technology, with status, an inferred marker and evidence.
// param: limit int = 200 [1..100000] : Most rows shown
// row-limit: limit
MATCH (t:Technology)<-[r:ENTITY_TIES]-(who:Entity)
WITH t, r, who
ORDER BY r.source_count DESC, t.name, who.name, type(r)
LIMIT $limit
RETURN t.name AS technology, who.name AS who, who.type AS type, who.country AS country,
       type(r) AS relationship, r.status AS status, r.inferred AS inferred,
       r.sources AS sources, r.evidence AS evidence
