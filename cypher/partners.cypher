// name: partners
// description: Partners of one entity (cooperation, agreements, hosting, funding, membership), optionally only those from one country, with evidence.
// param: entity entity : Entity name, alias, Chinese name or id
// param: country string = null : Only partners from this country (ISO code, e.g. us); empty for all
MATCH (n:Entity {id: $entity})-[r:PARTNERS_WITH|SIGNS_AGREEMENT_WITH|HOSTS|ESTABLISHES|FUNDS|INVESTS_IN|RECRUITS|MEMBER_OF|RECOGNIZES|RUNS|MEETS_WITH]-(m:Entity)
WHERE $country IS NULL OR m.country = toLower($country)
RETURN m.name AS partner, m.type AS type, m.country AS country,
       CASE WHEN startNode(r) = n THEN type(r) ELSE '<-' + type(r) END AS relationship,
       r.role AS role, r.status AS status, coalesce(r.date, r.start) AS date,
       r.sources AS sources, r.evidence AS evidence
ORDER BY country, partner, relationship
