// name: facts-from
// description: How many entity-to-entity facts start at the given entities (or anywhere), read from their edge lists and the tallies, no fact loaded: a bound on the facts among them.
// internal: the explorer's query page and `techkg viz` (whether a view is small enough to draw)
// param: ids list = null : Comma-separated entity ids; empty for the whole graph
// At 1M facts the 1,224 entities a query's view named had 306,875 facts among them: reading
// them took 22 s and sorting them overran the engine's query heap budget. This bound costs
// one edge-list count per entity.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN sum(COUNT { (n)-[:ENTITY_TIES]->(:Entity) }) AS facts
UNION ALL
WITH $ids IS NULL AS all WHERE all
OPTIONAL MATCH (t:Tally)
RETURN coalesce(sum(t.facts), 0) AS facts
