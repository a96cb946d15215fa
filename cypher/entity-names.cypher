// name: entity-names
// description: Every entity's id, name, type, and its name, Chinese name and aliases (the candidates for "did you mean").
// internal: `techkg entity`, `techkg search` and the explorer's search when nothing matches (the nearest names)
MATCH (n:Entity)
RETURN n.id AS id, n.name AS name, n.type AS type, [x IN [n.name, n.name_zh] + coalesce(n.aliases, []) WHERE x IS NOT NULL] AS names
ORDER BY id
