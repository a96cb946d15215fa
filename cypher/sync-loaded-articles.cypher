// name: sync-loaded-articles
// description: How each article was loaded, as one row holding a list per article: its id, extract's hash, load key, text file, quote check, checked text's hash, and whether it keeps its fact ids itself (the layout before ArticleFacts records).
// internal: `techkg load` (which articles changed since the last load)
// One row, not one per article: each row costs the client about 40 µs to receive, so at
// 10,000 articles the rows took 0.34-0.58 s and the one row takes 0.06-0.07 s.
MATCH (x:Article)
RETURN collect([x.id, x.extract_sha256, x.load_key, x.file, x.quotes_checked,
                x.checked_sha256, x.facts IS NOT NULL]) AS articles
