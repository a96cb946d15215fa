// name: sync-declarations-by-article
// description: Every Declaration record of the given articles, as stored (by the Declaration.article index).
// internal: `techkg load` (what the replaced articles declared)
// param: articles list : Comma-separated article ids
UNWIND $articles AS a
MATCH (d:Declaration {article: a})
RETURN properties(d) AS p
