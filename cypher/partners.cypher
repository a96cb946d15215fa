// name: partners
// description: Cooperation partners of one entity (partnerships, agreements, hosting, founding, recruiting; not visits, locations or hierarchy), optionally only those from one country, with status, evidence and sources.
// param: entity entity : Entity name, alias, Chinese name or id
// param: country string = null : Only partners from this country (ISO code, e.g. us); empty for all
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: limit int = 200 [1..100000] : Most rows shown, by country and name
// row-limit: limit
MATCH (n:Entity {id: $entity})-[r:COOPERATION_TIES]-(m:Entity)
WHERE ($country IS NULL OR m.country = toLower($country)) AND r.status IN $statuses
WITH m, r, CASE WHEN startNode(r) = n THEN type(r) ELSE '<-' + type(r) END AS relationship
ORDER BY m.country, m.name, relationship
LIMIT $limit
RETURN m.name AS partner, m.type AS type, m.country AS country, relationship,
       r.role AS role, r.status AS status, r.inferred AS inferred,
       coalesce(r.date, r.start) AS date, r.sources AS sources, r.evidence AS evidence
