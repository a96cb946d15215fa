// name: sync-articles-summary
// description: How many articles the graph holds, how many a loader without per-article records wrote, and how many keep their fact ids themselves (the layout before ArticleFacts records).
// internal: `techkg load` (a load that prunes nothing reads only its own articles' records)
MATCH (x:Article)
RETURN count(x) AS n, count(CASE WHEN x.extract_sha256 IS NULL THEN 1 END) AS old,
       count(CASE WHEN x.facts IS NOT NULL THEN 1 END) AS l
