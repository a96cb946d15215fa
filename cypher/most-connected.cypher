// name: most-connected
// description: The most connected entities (distinct facts), optionally of one type, with how many sources mention them.
// param: type string = null : Only entities of this type (e.g. InnovationBase); empty for all
// param: limit int = 20 : Maximum number of rows
MATCH (n:Entity)
WHERE $type IS NULL OR n.type = $type
RETURN n.name AS entity, n.type AS type, n.country AS country,
       COUNT { (n)-[]-(:Entity) } AS degree, size(n.sources) AS articles
ORDER BY degree DESC, entity
LIMIT $limit
