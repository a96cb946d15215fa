// name: article-citations
// description: The short citation of each given article, as [id, citation] pairs in one row (a hub's thousand articles cost a third as much as rows).
// internal: every result with a sources column (its citations column)
// param: ids list : Comma-separated article ids
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN collect([a.id, a.citation]) AS pairs
