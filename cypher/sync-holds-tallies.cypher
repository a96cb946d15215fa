// name: sync-holds-tallies
// description: Whether the graph keeps the per-type and the source tallies, with their lists of fact ids, each entity's count of facts, and each hub's Hub record (a graph loaded before they were kept has none, only the per-type ones, tallies without the lists, entities without counts, or hubs without records; date tallies exist only where some fact is dated, so their presence cannot tell).
// internal: `techkg load` (whether to count the tallies once)
// param: keeps int = 2 : From how many sources a source tally lists its facts' ids
// param: hub int = 1000 : From how many facts an entity is a hub, with a Hub record
RETURN COUNT { (:Tally) } > 0 AND COUNT { (:SourceTally) } > 0
       AND NOT EXISTS { MATCH (t:SourceTally) WHERE t.source_count >= $keeps AND t.fact_ids IS NULL }
       AND NOT EXISTS { MATCH (t:DateTally) WHERE t.fact_ids IS NULL }
       AND NOT EXISTS { MATCH (n:Entity) WHERE n.fact_count IS NULL OR (n.fact_count >= $hub
                         AND NOT EXISTS { MATCH (:Hub {id: n.id}) }) } AS held
