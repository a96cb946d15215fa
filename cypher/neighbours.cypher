// name: neighbours
// description: Entities one entity-to-entity fact away from the given entities (the step the path search takes), counting only facts with the given statuses, optionally only those among the target ids.
// param: ids list : Comma-separated entity ids to start from
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: targets list = null : Only neighbours among these ids (comma-separated); empty for all
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r:ENTITY_TIES]-(m:Entity)
WHERE r.status IN $statuses AND ($targets IS NULL OR m.id IN $targets)
RETURN DISTINCT n.id AS id, m.id AS neighbour
ORDER BY id, neighbour
