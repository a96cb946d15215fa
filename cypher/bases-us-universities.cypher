// name: bases-us-universities
// description: Which PRC offshore innovation bases, zones and incubators link to which US universities (directly, through a lab or school, or through an offshore centre they set up), with the link's most contested status, whether any hop is only inferred, evidence and sources.
// param: country string = us : Country of the universities (ISO code)
// param: home string = cn : Country of the bases (ISO code)
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
MATCH (base:InnovationBase {country: $home})
CALL (base) {
  MATCH p = (base)-[:ENTITY_TIES]-(u:Entity)
  WHERE (u:University OR u:UniversityUnit) AND u.country = $country
  RETURN p
  UNION
  MATCH p = (base)-[:ENTITY_TIES]-(mid:InnovationBase)-[:ENTITY_TIES]-(u:Entity)
  WHERE coalesce(mid.country, '') <> $home AND (u:University OR u:UniversityUnit)
    AND u.country = $country
  RETURN p
}
WITH base, p, relationships(p) AS rels, nodes(p) AS ns
WHERE all(r IN rels WHERE r.status IN $statuses)
WITH base, rels, ns, ns[size(ns) - 1] AS u
OPTIONAL MATCH (u)-[:PART_OF]->(parent:University)
WITH base, coalesce(parent, u) AS university, rels, ns
WITH base.name AS base, university.name AS university,
       reduce(s = '', i IN range(0, size(rels) - 1) |
         s + CASE WHEN startNode(rels[i]) = ns[i] THEN type(rels[i]) + ' -> '
                  ELSE '<- ' + type(rels[i]) + ' ' END + ns[i + 1].name
           + CASE WHEN i < size(rels) - 1 THEN ' ' ELSE '' END) AS link,
       reduce(s = 'reported', r IN rels |
         CASE WHEN $status_ranks[r.status] > $status_ranks[s] THEN r.status ELSE s END) AS status,
       any(r IN rels WHERE r.inferred) AS inferred,
       reduce(s = [], r IN rels | s + [x IN r.sources WHERE NOT x IN s]) AS sources,
       reduce(s = [], r IN rels | s + [q IN r.evidence WHERE NOT q IN s]) AS quotes
// a hop's quote that lies inside another hop's quote is shown once, within the longer one
RETURN base, university, link, status, inferred, sources,
       [q IN quotes WHERE none(o IN quotes WHERE o <> q AND o CONTAINS q)] AS evidence
ORDER BY base, university, link
