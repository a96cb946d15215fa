// name: sync-holds-tallies
// description: Whether the graph keeps the per-type and the source tallies (a graph loaded before they were kept has none, or only the per-type ones; date tallies exist only where some fact is dated, so they cannot tell).
// internal: `techkg load` (whether to count the tallies once)
RETURN COUNT { (:Tally) } > 0 AND COUNT { (:SourceTally) } > 0 AS held
