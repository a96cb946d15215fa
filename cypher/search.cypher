// name: search
// description: Entities whose name, aliases, Chinese name or description contain the text (property scan): whole-word name matches first, then the most connected.
// param: text string : Words to look for (case-insensitive substring)
// param: limit int = 25 [1..1000] : Maximum number of rows
// row-limit: limit
MATCH (n:Entity)
WHERE n.search_text CONTAINS toLower(trim($text))
RETURN n.id AS id, n.name AS name, n.type AS type, n.name_zh AS name_zh,
       COUNT { (n)-[:ENTITY_TIES]-(:Entity) } AS degree
// names holding the text as a whole word ("Li" in "Li (Baoding official)") come first
ORDER BY CASE WHEN toLower(n.name) = toLower(trim($text)) THEN 0
              WHEN ' ' + toLower(n.name) + ' ' CONTAINS ' ' + toLower(trim($text)) + ' ' THEN 1
              ELSE 2 END, degree DESC, id
LIMIT $limit
