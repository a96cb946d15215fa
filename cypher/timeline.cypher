// name: timeline
// description: Dated facts in order, optionally for one entity and between two dates (partial ISO dates compare by prefix).
// param: entity entity = null : Only facts involving this entity (name, alias or id); empty for all
// param: from date = 1900 : Earliest date (2018, 2018-11 or 2018-11-19)
// param: to date = 2100 : Latest date
MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
WITH a, r, b, coalesce(r.date, r.start, r.end) AS date
WHERE date IS NOT NULL AND date >= $from AND left(date, size($to)) <= $to
  AND ($entity IS NULL OR $entity IN [a.id, b.id])
RETURN date, r.end AS until, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.status AS status, r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
ORDER BY date, subject, relationship
