// name: sync-holds-tallies
// description: Whether the graph keeps the per-type and the source tallies, with their lists of fact ids, and each entity's count of facts (a graph loaded before they were kept has none, only the per-type ones, tallies without the lists, or entities without counts; date tallies exist only where some fact is dated, so their presence cannot tell).
// internal: `techkg load` (whether to count the tallies once)
// param: keeps int = 2 : From how many sources a source tally lists its facts' ids
RETURN COUNT { (:Tally) } > 0 AND COUNT { (:SourceTally) } > 0
       AND NOT EXISTS { MATCH (t:SourceTally) WHERE t.source_count >= $keeps AND t.fact_ids IS NULL }
       AND NOT EXISTS { MATCH (t:DateTally) WHERE t.fact_ids IS NULL }
       AND NOT EXISTS { MATCH (n:Entity) WHERE n.fact_count IS NULL } AS held
