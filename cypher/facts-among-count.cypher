// name: facts-among-count
// description: How many entity-to-entity facts are between the given entities: whether their view is small enough to draw, where the bound `facts-from` gives is not.
// internal: the explorer's query page and `techkg viz` (whether a view is small enough to draw)
// param: ids list : Comma-separated entity ids
// Read as `facts-among` reads the facts (up to ten ids in pairs, both ends found first;
// more by the given entities' own outgoing edges), only the far end's id of each: at 1M
// facts, the 9,876 facts among the 20 entities `most-connected` names (which start 172,106)
// are counted in 0.5 s. One row from each branch: the caller adds them up.
WITH $ids AS ids WHERE size(ids) <= 10
UNWIND ids AS x
WITH DISTINCT ids, x
MATCH (a:Entity {id: x})
UNWIND ids AS y
WITH DISTINCT a, y
MATCH (b:Entity {id: y})
MATCH (a)-[:ENTITY_TIES]->(b)
RETURN count(*) AS facts
UNION ALL
WITH $ids AS ids WHERE size(ids) > 10
UNWIND ids AS id
WITH DISTINCT id
MATCH (:Entity {id: id})-[:ENTITY_TIES]->(b:Entity)
WITH b.id AS target
WHERE target IN $ids
RETURN count(*) AS facts
