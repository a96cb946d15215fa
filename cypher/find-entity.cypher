// name: find-entity
// description: Entities whose id, merged id, name, alias or Chinese name match the text (exact first, then partial).
// internal: every command that takes an entity name (resolves it to one id)
// param: text string : Id, name, alias or Chinese name (case-insensitive)
MATCH (n:Entity)
// search_text holds the lower-cased id, merged ids, names and aliases (and the description): a cheap
// first cut before the per-name test
WHERE n.search_text CONTAINS toLower(trim($text))
WITH n, toLower(trim($text)) AS t
WITH n, t, [x IN [n.id, n.name, n.name_zh] + coalesce(n.aliases, []) + coalesce(n.merged_ids, []) WHERE x IS NOT NULL | toLower(x)] AS names
WHERE any(x IN names WHERE x CONTAINS t)
RETURN n.id AS id, n.name AS name, n.type AS type, n.country AS country,
       any(x IN names WHERE x = t) AS exact
ORDER BY exact DESC, size(n.name), id
