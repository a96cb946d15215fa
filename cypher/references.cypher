// name: references
// description: The source articles as full references: author, title, publisher, date, URL where known, and the short citation results use.
// internal: `techkg sources` (the full references)
MATCH (a:Article)
RETURN a.id AS article, a.author AS author, a.title AS title, a.publisher AS publisher,
       a.date AS date, a.url AS url, a.citation AS citation
ORDER BY article
