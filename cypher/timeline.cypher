// name: timeline
// description: Dated facts in order, optionally for one entity and between two dates (partial ISO dates compare by prefix).
// param: entity entity = null : Only facts involving this entity (name, alias or id); empty for all
// param: from date = 1900 : Earliest date (2018, 2018-11 or 2018-11-19)
// param: to date = 2100 : Latest date
// param: limit int = 200 [1..100000] : Most facts shown, earliest first
// row-limit: limit
// One entity's facts come from one undirected expansion of its edge lists (a self-loop
// counts once); only dated facts within the range load their ends' names for the sort.
WITH $entity AS id WHERE id IS NOT NULL
MATCH (:Entity {id: id})-[r:ENTITY_TIES]-()
WITH r, coalesce(r.date, r.start, r.end) AS date
WHERE date >= $from AND left(date, size($to)) <= $to
WITH r, date, startNode(r) AS a, endNode(r) AS b
ORDER BY date, a.name, type(r), b.name
LIMIT $limit
RETURN date, r.end AS until, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.status AS status, r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
UNION ALL
WITH $entity AS id WHERE id IS NULL
MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
WITH a, r, b, coalesce(r.date, r.start, r.end) AS date
WHERE date >= $from AND left(date, size($to)) <= $to
WITH a, r, b, date
ORDER BY date, a.name, type(r), b.name
LIMIT $limit
RETURN date, r.end AS until, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.status AS status, r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
