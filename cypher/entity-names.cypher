// name: entity-names
// description: Every entity's name, Chinese name and aliases (the candidates for "did you mean").
// internal: `techkg entity` and `techkg search` when nothing matches (the nearest names)
MATCH (n:Entity)
RETURN n.id AS id, [x IN [n.name, n.name_zh] + coalesce(n.aliases, []) WHERE x IS NOT NULL] AS names
ORDER BY id
