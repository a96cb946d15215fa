// name: graph-stats
// description: Counts of entities by type and of relationships by type (facts of every status), with how many are corroborated (two or more articles).
CALL () {
  MATCH (n:Entity)
  RETURN 'entity' AS kind, n.type AS type, count(*) AS count, 0 AS corroborated
  UNION ALL
  // the loader keeps a tally per relationship type, so no relationship is read here
  MATCH (t:Tally) WHERE t.facts > 0
  RETURN 'relationship' AS kind, t.type AS type, t.facts AS count,
         t.corroborated AS corroborated
  UNION ALL
  // a graph written before tallies were kept: count every relationship
  WITH COUNT { (:Tally) } AS tallies WHERE tallies = 0
  MATCH (:Entity)-[r]->(:Entity)
  RETURN 'relationship' AS kind, type(r) AS type, count(*) AS count,
         sum(CASE WHEN r.source_count >= 2 THEN 1 ELSE 0 END) AS corroborated
  UNION ALL
  MATCH (a:Article)
  RETURN 'article' AS kind, 'Article' AS type, count(*) AS count, 0 AS corroborated
}
RETURN kind, type, count, corroborated
ORDER BY kind, count DESC, type
