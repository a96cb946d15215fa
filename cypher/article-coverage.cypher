// name: article-coverage
// description: Per article: publisher, date, entities mentioned, facts sourced from it and facts it alone supports.
MATCH (a:Article)
CALL (a) {
  MATCH (a)-[:MENTIONS]->(e:Entity)
  RETURN count(e) AS entities
}
CALL (a) {
  OPTIONAL MATCH (:Entity)-[r]->(:Entity)
  WHERE a.id IN r.sources
  RETURN count(r) AS facts, sum(CASE WHEN r.source_count = 1 THEN 1 ELSE 0 END) AS only_here
}
RETURN a.id AS article, a.publisher AS publisher, a.date AS date, a.title AS title,
       entities, facts, only_here
ORDER BY article
