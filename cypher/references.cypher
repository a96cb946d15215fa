// name: references
// description: The source articles as full references: author, title, publisher, date, URL where known, the short citation results use, and whether their quotes were checked against the article text.
// internal: `techkg sources` (the full references)
MATCH (a:Article)
RETURN a.id AS article, a.author AS author, a.title AS title, a.publisher AS publisher,
       a.date AS date, a.url AS url, a.citation AS citation,
       coalesce(a.quotes_checked, false) AS quotes_checked
ORDER BY article
