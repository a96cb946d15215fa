// name: neighbours
// description: Entities one entity-to-entity fact away from the given entities (the step the path search takes), counting only facts with the given statuses, optionally only those among the target ids.
// internal: `techkg path` and the `connection` query (one hop of the path search)
// param: ids list : Comma-separated entity ids to start from
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: targets list = null : Only neighbours among these ids (comma-separated); empty for all
// param: limit int = 200 [1..1000000] : Most links shown (a hub has thousands; the path search asks for all)
// row-limit: limit
// With targets, both ends are found by id first, so the engine walks only the edges between
// them, not a hub's thousands. Without, a hub (an entity with 1,000 facts or more) has its
// neighbours by a counted status in its Hub record, sorted (kept by every load): with the
// default statuses its first `limit` are read from there (at 1M facts, 10 ms for the biggest
// hub instead of 180-250 ms walking its 31,583 facts). Otherwise the entity's edges are cut
// down to distinct neighbour nodes, and only those read their ids; the rows sorted hold only
// the two ids (`id` is n's id: n is found by it), since rows that still held the hub node
// overran the local engine's query heap budget at the path search's limit.
UNWIND $ids AS id
WITH DISTINCT id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (h:Hub {id: id})
WITH id, n, CASE WHEN all(s IN $statuses WHERE s IN $counted_statuses)
                      AND all(s IN $counted_statuses WHERE s IN $statuses)
                 THEN h.neighbour_ids END AS kept
WHERE $targets IS NULL
CALL (n, kept) {
  WITH kept WHERE kept IS NOT NULL
  UNWIND kept[0..$limit] AS neighbour
  RETURN neighbour
  UNION ALL
  WITH n, kept WHERE kept IS NULL
  MATCH (n)-[r:ENTITY_TIES]-(m:Entity)
  WHERE r.status IN $statuses
  WITH DISTINCT m
  RETURN m.id AS neighbour
}
WITH id, neighbour
ORDER BY id, neighbour
LIMIT $limit
RETURN id, neighbour
UNION ALL
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n WHERE $targets IS NOT NULL
UNWIND $targets AS target
MATCH (m:Entity {id: target})
MATCH (n)-[r:ENTITY_TIES]-(m)
WHERE r.status IN $statuses
WITH DISTINCT n.id AS id, m.id AS neighbour
ORDER BY id, neighbour
LIMIT $limit
RETURN id, neighbour
