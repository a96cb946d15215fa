// name: foreign-partners
// description: Foreign partners of PRC entities (cooperation and money ties), grouped by the partner's country: who, with whom, the ties' statuses, how often corroborated, how many ties are only inferred.
// param: home string = cn : Country code of the "home" side
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// The ties are grouped by foreign partner before its country is read (once per partner, not
// per tie), and each partner's ties are sorted on their own: at 1M facts 1.16 s instead of
// 1.41 (medians of six alternated runs). One sort of every tie, grouped after, overran the
// local engine's query heap budget.
MATCH (p:Entity)-[r:COOPERATION_TIES|MONEY_TIES]-(f:Entity)
WHERE p.country = $home AND NOT f:Place AND NOT f:Technology AND r.status IN $statuses
WITH f, collect([p, r]) AS ties
WITH f, ties, f.country AS country
WHERE country IS NOT NULL AND country <> $home
CALL (ties) {
  UNWIND ties AS tie
  WITH tie[0].name AS prc_partner, tie[1] AS r
  ORDER BY prc_partner, type(r)
  RETURN collect(DISTINCT prc_partner) AS prc_partners,
         collect(DISTINCT type(r)) AS relationships, collect(DISTINCT r.status) AS statuses,
         sum(r.source_count) AS source_mentions,
         sum(CASE WHEN r.inferred THEN 1 ELSE 0 END) AS inferred_ties,
         collect(r.sources) AS lists
}
RETURN country, f.name AS foreign_partner, f.type AS type, prc_partners, relationships,
       statuses, source_mentions, inferred_ties,
       reduce(s = [], l IN lists | s + [x IN l WHERE NOT x IN s]) AS sources
ORDER BY country, foreign_partner
