// name: sync-holds-tallies
// description: One fact tally, if the graph keeps any (a graph loaded before they were kept has none).
// internal: `techkg load` (whether to count the tallies once)
MATCH (t:Tally)
RETURN t.type AS t
LIMIT 1
