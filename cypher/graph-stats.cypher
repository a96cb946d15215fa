// name: graph-stats
// description: Counts of entities by type and of relationships by type, with how many are corroborated.
CALL () {
  MATCH (n:Entity)
  RETURN 'entity' AS kind, n.type AS type, count(*) AS count, 0 AS corroborated
  UNION ALL
  MATCH (:Entity)-[r]->(:Entity)
  RETURN 'relationship' AS kind, type(r) AS type, count(*) AS count,
         sum(CASE WHEN r.source_count >= 2 THEN 1 ELSE 0 END) AS corroborated
  UNION ALL
  MATCH (a:Article)
  RETURN 'article' AS kind, 'Article' AS type, count(*) AS count, 0 AS corroborated
}
RETURN kind, type, count, corroborated
ORDER BY kind, count DESC, type
