// name: sync-holds-tallies
// description: Whether the graph keeps both kinds of fact tally (a graph loaded before they were kept has none, or only the per-type ones).
// internal: `techkg load` (whether to count the tallies once)
RETURN COUNT { (:Tally) } > 0 AND COUNT { (:SourceTally) } > 0 AS held
