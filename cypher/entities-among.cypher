// name: entities-among
// description: The given entities (or every entity), each with id, name, type and Chinese name, as one row holding a list per entity in id order: the nodes the explorer's canvas and the offline HTML view draw.
// internal: the explorer's canvas and `techkg viz` (the nodes)
// param: ids list = null : Comma-separated entity ids; empty for every entity
// One row, not one per entity: each row costs the client about 40 µs to receive, so at 1M
// facts every entity's took 1.8-3.0 s as rows and takes 0.65-1.3 s as lists. Given ids, each
// is found by the id index instead of testing every entity against the list: at 1M facts
// (48,019 entities) 2,000 ids took 1.4-1.5 s that way and take 55-71 ms, 200 ids 0.2 s and
// 6-8 ms (medians of three alternated rounds).
CALL () {
  UNWIND $ids AS id
  WITH DISTINCT id
  MATCH (n:Entity {id: id})
  RETURN n
  UNION ALL
  WITH $ids IS NULL AS all WHERE all
  MATCH (n:Entity)
  RETURN n
}
WITH n ORDER BY n.id
RETURN collect([n.id, n.name, n.type, n.name_zh]) AS entities
