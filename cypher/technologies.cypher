// name: technologies
// description: Technologies and fields, and who targets, seeks or works on them, with status, an inferred marker and evidence.
MATCH (t:Technology)<-[r:ENTITY_TIES]-(who:Entity)
RETURN t.name AS technology, who.name AS who, who.type AS type, who.country AS country,
       type(r) AS relationship, r.status AS status, r.inferred AS inferred,
       r.sources AS sources, r.evidence AS evidence
ORDER BY technology, who
