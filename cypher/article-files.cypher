// name: article-files
// description: The text file of each given article in the articles folder, with its citation (for showing a quote in context).
// internal: the explorer's quote in context
// param: ids list : Comma-separated article ids
MATCH (a:Article)
WHERE a.id IN $ids
RETURN a.id AS article, a.file AS file, a.citation AS citation
ORDER BY article
