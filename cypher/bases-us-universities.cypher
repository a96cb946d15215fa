// name: bases-us-universities
// description: Which PRC offshore innovation bases, zones and incubators link to which US universities (directly, through a lab or school, or through an offshore centre they set up), with evidence and sources.
// param: country string = us : Country of the universities (ISO code)
// param: home string = cn : Country of the bases (ISO code)
MATCH p = (base:InnovationBase)-[*1..2]-(u:Entity)
WHERE base.country = $home AND (u:University OR u:UniversityUnit) AND u.country = $country
  AND all(n IN nodes(p)[1..-1] WHERE n:InnovationBase AND coalesce(n.country, '') <> $home)
OPTIONAL MATCH (u)-[:PART_OF]->(parent:University)
WITH base, coalesce(parent, u) AS university, relationships(p) AS rels, nodes(p) AS ns
RETURN base.name AS base, university.name AS university,
       reduce(s = '', i IN range(0, size(rels) - 1) |
         s + CASE WHEN startNode(rels[i]) = ns[i] THEN type(rels[i]) + ' -> '
                  ELSE '<- ' + type(rels[i]) + ' ' END + ns[i + 1].name
           + CASE WHEN i < size(rels) - 1 THEN ' ' ELSE '' END) AS link,
       reduce(s = 'reported', r IN rels |
         CASE WHEN r.status IN ['denied', 'disputed', 'alleged', 'claimed', 'former', 'planned']
              THEN r.status ELSE s END) AS status,
       reduce(s = [], r IN rels | s + [x IN r.sources WHERE NOT x IN s]) AS sources,
       reduce(s = [], r IN rels | s + r.evidence) AS evidence
ORDER BY base, university, link
