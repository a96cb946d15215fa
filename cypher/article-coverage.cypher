// name: article-coverage
// description: Per article: publisher, date, entities mentioned, facts sourced from it, facts it alone supports, and how to cite and find it (read from the article's counters, no scan of the facts).
// internal: `techkg sources` (what each article contributed)
MATCH (a:Article)
RETURN a.id AS article, a.publisher AS publisher, a.date AS date, a.title AS title,
       a.entity_count AS entities, a.fact_count AS facts, a.only_here AS only_here,
       a.citation AS citation, a.url AS url
ORDER BY article
