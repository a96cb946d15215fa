// name: connection
// description: Shortest paths between two entities through entity-to-entity facts only (never through articles), up to max_hops, counting only facts with the given statuses; each hop with its type, status, inferred marker, sources and evidence.
// param: a entity : The first entity (name, alias, Chinese name or id)
// param: b entity : The second entity
// param: max_hops int = 4 [1..6] : Longest path considered
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: limit int = 10 [1..100] : Most paths shown
// computed: paths : Entity-id sequences of the shortest paths, found hop by hop with the neighbours query
UNWIND range(0, size($paths) - 1) AS k
WITH k, $paths[k] AS ids
WHERE ids[0] = $a AND ids[size(ids) - 1] = $b AND k < $limit AND size(ids) <= $max_hops + 1
UNWIND range(0, size(ids) - 2) AS i
// both ends first: the engine then walks only the edges between them, not a hub's thousands
MATCH (s:Entity {id: ids[i]}), (o:Entity {id: ids[i + 1]})
MATCH (s)-[r:ENTITY_TIES]-(o)
WHERE r.status IN $statuses
RETURN k + 1 AS path, i + 1 AS hop, startNode(r).name AS subject, type(r) AS relationship,
       endNode(r).name AS object, r.status AS status, r.inferred AS inferred,
       r.sources AS sources, r.evidence AS evidence
ORDER BY path, hop, relationship, subject
