// name: entities-among
// description: The given entities (or every entity) with name, type and Chinese name: the nodes the explorer's canvas and the offline HTML view draw.
// internal: the explorer's canvas and `techkg viz` (the nodes)
// param: ids list = null : Comma-separated entity ids; empty for every entity
MATCH (n:Entity)
WHERE $ids IS NULL OR n.id IN $ids
RETURN n.id AS id, n.name AS name, n.type AS type, n.name_zh AS name_zh
ORDER BY id
