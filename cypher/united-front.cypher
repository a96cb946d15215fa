// name: united-front
// description: United-front organisations (party/united-front bodies and entities a source labels united front) and everything they connect to.
MATCH (u:Entity)
WHERE u:PartyBody OR any(c IN coalesce(u.characterizations, []) WHERE toLower(c) CONTAINS 'united front')
MATCH (u)-[r]-(m:Entity)
RETURN u.name AS organisation, u.type AS type, u.name_zh AS name_zh,
       [c IN coalesce(u.characterizations, []) WHERE toLower(c) CONTAINS 'united front'] AS labelled,
       CASE WHEN startNode(r) = u THEN type(r) ELSE '<-' + type(r) END AS relationship,
       m.name AS connected_to, m.country AS country, r.status AS status, r.sources AS sources,
       r.evidence AS evidence
ORDER BY organisation, relationship, connected_to
