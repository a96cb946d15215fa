// name: entity-card
// description: Who or what one entity is: names, type, country, description, the labels sources give it (with status, source and quote), how many articles mention it and the first of them by article id.
// internal: `techkg entity` (the profile's head: names, labels, sources)
// param: id entity : Entity name, alias, Chinese name or id
// param: most_sources int = 100 [1..100000] : Most mentioning articles listed (a hub's ten thousand would cost more than the card)
// The articles come from the entity's MENTIONS: its node keeps only their count, so that
// every other read of a hub stays cheap (at 1M facts the biggest hub's 9,990 ids were read
// whenever any query touched it).
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)<-[:MENTIONS]-(a:Article)
  WITH a.id AS article
  ORDER BY article
  LIMIT $most_sources
  RETURN collect(article) AS sources
}
RETURN n.id AS id, n.name AS name, n.name_zh AS name_zh, n.type AS type, n.country AS country,
       coalesce(n.aliases, []) AS aliases, n.description AS description, n.inferred AS inferred,
       n.note AS note, coalesce(n.characterization_labels, []) AS labels,
       coalesce(n.characterization_statuses, []) AS label_statuses,
       coalesce(n.characterization_sources, []) AS label_sources,
       coalesce(n.characterization_evidence, []) AS label_evidence,
       sources, n.source_count AS source_count, COUNT { (n)-[:ENTITY_TIES]-(:Entity) } AS fact_count
