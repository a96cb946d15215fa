// name: facts-among-count
// description: How many entity-to-entity facts are between the given entities: whether their view is small enough to draw, where the bound `facts-from` gives is not.
// internal: the explorer's query page and `techkg viz` (whether a view is small enough to draw)
// param: ids list : Comma-separated entity ids
// Read as `facts-among` reads the facts (the given entities' own outgoing edges), only the
// far end's id of each: at 1M facts, the 9,876 facts among the 20 entities `most-connected`
// names (which start 172,106) are counted in 0.5 s.
UNWIND $ids AS id
WITH DISTINCT id
MATCH (:Entity {id: id})-[:ENTITY_TIES]->(b:Entity)
WITH b.id AS target
WHERE target IN $ids
RETURN count(*) AS facts
