// name: bases-us-universities
// description: Which offshore innovation bases, zones and incubators link to which US universities (or their labs and schools), by what relationship, with evidence and sources.
// param: country string = us : Country of the universities (ISO code)
MATCH p = (base:InnovationBase)-[*1..2]-(u:Entity)
WHERE (u:University OR u:UniversityUnit) AND u.country = $country
  AND all(n IN nodes(p)[1..-1] WHERE n:InnovationBase OR n:UniversityUnit)
  AND all(n IN nodes(p)[1..] WHERE n <> base)
  AND NOT EXISTS { (base)-[:PART_OF|LOCATED_IN]->(u) }
OPTIONAL MATCH (u)-[:PART_OF]->(parent:University)
WITH base, u, coalesce(parent, u) AS university, relationships(p) AS rels, nodes(p) AS ns
RETURN base.name AS base, university.name AS university,
       CASE WHEN u = university THEN null ELSE u.name END AS unit,
       reduce(s = '', i IN range(0, size(rels) - 1) |
         s + CASE WHEN startNode(rels[i]) = ns[i] THEN '-' + type(rels[i]) + '->'
                  ELSE '<-' + type(rels[i]) + '-' END
           + CASE WHEN i < size(rels) - 1 THEN ' ' + ns[i + 1].name + ' ' ELSE '' END) AS link,
       reduce(s = [], r IN rels | s + [x IN r.sources WHERE NOT x IN s]) AS sources,
       reduce(s = [], r IN rels | s + r.evidence) AS evidence
ORDER BY base, university, link
