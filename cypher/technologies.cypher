// name: technologies
// description: Technologies and fields, and who targets, seeks or works on them, with evidence.
MATCH (t:Technology)<-[r]-(who:Entity)
RETURN t.name AS technology, who.name AS who, who.type AS type, who.country AS country,
       type(r) AS relationship, r.status AS status, r.sources AS sources, r.evidence AS evidence
ORDER BY technology, who
