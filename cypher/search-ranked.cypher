// name: search-ranked
// description: Entities whose name, aliases, Chinese name or description contain the text, ranked: a name equal to the text first, then a name with it as a whole word, then part of a name, then the description only (the explorer's search).
// internal: the explorer's search
// param: text string : Words to look for (case-insensitive substring)
// param: limit int = 25 [1..1000] : Maximum number of rows
// row-limit: limit
MATCH (n:Entity)
WHERE n.search_text CONTAINS toLower(trim($text))
WITH n, toLower(trim($text)) AS t,
     [x IN [n.name, n.name_zh] + coalesce(n.aliases, []) WHERE x IS NOT NULL | toLower(x)]
       AS names
WITH n, CASE
          WHEN any(x IN names WHERE x = t) THEN 0
          WHEN any(x IN names WHERE x STARTS WITH t + ' ' OR x ENDS WITH ' ' + t
                                    OR x CONTAINS ' ' + t + ' ') THEN 1
          WHEN any(x IN names WHERE x CONTAINS t) THEN 2
          ELSE 3
        END AS rank
RETURN n.id AS id, n.name AS name, n.type AS type, n.name_zh AS name_zh,
       n.description AS description, rank,
       COUNT { (n)-[:ENTITY_TIES]-(:Entity) } AS degree
ORDER BY rank, degree DESC, id
LIMIT $limit
