// name: foreign-partners
// description: Foreign partners of PRC entities, grouped by the partner's country: who, with whom, how often corroborated.
// param: home string = cn : Country code of the "home" side
MATCH (p:Entity)-[r]-(f:Entity)
WHERE p.country = $home AND f.country IS NOT NULL AND f.country <> $home
  AND NOT f:Place AND NOT f:Technology
  AND type(r) IN ['PARTNERS_WITH', 'SIGNS_AGREEMENT_WITH', 'HOSTS', 'ESTABLISHES', 'FUNDS',
                  'INVESTS_IN', 'ACQUIRES', 'RECRUITS', 'MEETS_WITH', 'RECOGNIZES', 'VISITS',
                  'MEMBER_OF', 'RUNS', 'PART_OF', 'LOCATED_IN']
WITH f.country AS country, f, collect(DISTINCT p.name) AS prc_partners,
     collect(DISTINCT type(r)) AS relationships, sum(r.source_count) AS source_mentions
RETURN country, f.name AS foreign_partner, f.type AS type, prc_partners, relationships,
       source_mentions
ORDER BY country, foreign_partner
