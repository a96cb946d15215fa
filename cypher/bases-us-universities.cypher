// name: bases-us-universities
// description: Which PRC offshore innovation bases, zones and incubators link to which US universities (directly, through a lab or school, or through an offshore centre they set up), with the link's most contested status, whether any hop is only inferred, evidence and sources.
// param: country string = us : Country of the universities (ISO code)
// param: home string = cn : Country of the bases (ISO code)
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: limit int = 200 [1..100000] : Most links shown
// row-limit: limit
// the two-hop links expand each offshore centre once, however many bases tie to it (a
// centre that is a hub was expanded once per base: 1.7 s instead of 0.2 at 1M facts)
CALL () {
  MATCH (base:InnovationBase {country: $home})-[r:ENTITY_TIES]-(u:Entity)
  WHERE (u:University OR u:UniversityUnit) AND u.country = $country AND r.status IN $statuses
  RETURN base, [r] AS rels, [base, u] AS ns
  UNION ALL
  MATCH (base:InnovationBase {country: $home})-[r1:ENTITY_TIES]-(mid:InnovationBase)
  WHERE coalesce(mid.country, '') <> $home AND r1.status IN $statuses
  WITH mid, collect([base, r1]) AS ins
  MATCH (mid)-[r2:ENTITY_TIES]-(u:Entity)
  WHERE (u:University OR u:UniversityUnit) AND u.country = $country AND r2.status IN $statuses
  UNWIND ins AS x
  RETURN x[0] AS base, [x[1], r2] AS rels, [x[0], mid, u] AS ns
}
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
       rels AS hops
ORDER BY base, university, link
LIMIT $limit
WITH base, university, link, status, inferred,
       reduce(s = [], r IN hops | s + [x IN r.sources WHERE NOT x IN s]) AS sources,
       reduce(s = [], r IN hops | s + [q IN r.evidence WHERE NOT q IN s]) AS quotes
// a hop's quote that lies inside another hop's quote is shown once, within the longer one
RETURN base, university, link, status, inferred, sources,
       [q IN quotes WHERE none(o IN quotes WHERE o <> q AND o CONTAINS q)] AS evidence
