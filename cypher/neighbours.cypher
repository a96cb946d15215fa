// name: neighbours
// description: Entities one entity-to-entity fact away from the given entities (the step the path search takes), counting only facts with the given statuses, optionally only those among the target ids.
// internal: `techkg path` and the `connection` query (one hop of the path search)
// param: ids list : Comma-separated entity ids to start from
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: targets list = null : Only neighbours among these ids (comma-separated); empty for all
// param: limit int = 200 [1..1000000] : Most links shown (a hub has thousands; the path search asks for all)
// row-limit: limit
// With targets, both ends are found by id first, so the engine walks only the edges between
// them, not a hub's thousands. Without, a hub's edges are first cut down to distinct
// neighbour nodes, and only those read their ids (at 1M facts the biggest hub's 29,000
// counted edges reach 12,000 entities: 140 ms instead of 200); the rows sorted hold only the
// two ids (`id` is n's id: n is found by it), since rows that still held the hub node
// overran the local engine's query heap budget at the path search's limit.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH id, n WHERE $targets IS NULL
MATCH (n)-[r:ENTITY_TIES]-(m:Entity)
WHERE r.status IN $statuses
WITH DISTINCT id, m
WITH id, m.id AS neighbour
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
