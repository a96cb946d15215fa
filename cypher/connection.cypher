// name: connection
// description: Shortest paths between two entities (up to max_hops), each hop with its type, status, sources and evidence.
// param: a entity : The first entity (name, alias, Chinese name or id)
// param: b entity : The second entity
// param: max_hops int = 4 : Longest path considered (1 to 6)
MATCH (x:Entity {id: $a})
MATCH (y:Entity {id: $b}) WHERE y <> x
MATCH p = allShortestPaths((x)-[*..6]-(y))
WHERE length(p) <= $max_hops AND all(n IN nodes(p) WHERE n:Entity)
WITH p ORDER BY reduce(s = '', n IN nodes(p) | s + n.id + '>')
WITH collect(p) AS paths
UNWIND range(0, size(paths) - 1) AS k
WITH k, paths[k] AS p
UNWIND range(0, length(p) - 1) AS i
WITH k, p, i, relationships(p)[i] AS r
RETURN k + 1 AS path, i + 1 AS hop, startNode(r).name AS subject, type(r) AS relationship,
       endNode(r).name AS object, r.status AS status, r.sources AS sources,
       r.evidence AS evidence
ORDER BY path, hop
