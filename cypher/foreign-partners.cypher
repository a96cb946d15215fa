// name: foreign-partners
// description: Foreign partners of PRC entities (cooperation and money ties), grouped by the partner's country: who, with whom, the ties' statuses, how often corroborated, how many ties are only inferred.
// param: home string = cn : Country code of the "home" side
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
MATCH (p:Entity)-[r:COOPERATION_TIES|MONEY_TIES]-(f:Entity)
WHERE p.country = $home AND f.country IS NOT NULL AND f.country <> $home
  AND NOT f:Place AND NOT f:Technology AND r.status IN $statuses
WITH f, p, r ORDER BY p.name, type(r)
WITH f.country AS country, f, collect(DISTINCT p.name) AS prc_partners,
     collect(DISTINCT type(r)) AS relationships, collect(DISTINCT r.status) AS statuses,
     sum(r.source_count) AS source_mentions,
     sum(CASE WHEN r.inferred THEN 1 ELSE 0 END) AS inferred_ties,
     collect(r.sources) AS lists
RETURN country, f.name AS foreign_partner, f.type AS type, prc_partners, relationships,
       statuses, source_mentions, inferred_ties,
       reduce(s = [], l IN lists | s + [x IN l WHERE NOT x IN s]) AS sources
ORDER BY country, foreign_partner
