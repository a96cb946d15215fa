// name: search-fulltext
// description: The search query on backends with a full-text index: the index narrows candidates, the same substring test decides.
// internal: `techkg search` on backends with a full-text index
// needs: fulltext
// param: text string : Words to look for (case-insensitive substring)
// param: lucene string : Lucene query built from the text by the CLI
// param: limit int = 25 [1..1000] : Maximum number of rows
// row-limit: limit
CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node AS n
WITH n
WHERE n.search_text CONTAINS toLower(trim($text))
RETURN n.id AS id, n.name AS name, n.type AS type, n.name_zh AS name_zh,
       COUNT { (n)-[:ENTITY_TIES]-(:Entity) } AS degree
// names holding the text as a whole word ("Li" in "Li (Baoding official)") come first
ORDER BY CASE WHEN toLower(n.name) = toLower(trim($text)) THEN 0
              WHEN ' ' + toLower(n.name) + ' ' CONTAINS ' ' + toLower(trim($text)) + ' ' THEN 1
              ELSE 2 END, degree DESC, id
LIMIT $limit
