// name: entity-profile
// description: Everything about one entity: names, type, characterizations, facts both ways with evidence, and the articles that mention it.
// param: id entity : Entity name, alias, Chinese name or id
MATCH (n:Entity {id: $id})
CALL (n) {
  UNWIND [['id', n.id], ['name', n.name], ['type', n.type], ['name_zh', n.name_zh],
          ['aliases', reduce(s = '', a IN coalesce(n.aliases, []) | s + CASE WHEN s = '' THEN '' ELSE '; ' END + a)],
          ['country', n.country], ['description', n.description],
          ['sources', reduce(s = '', a IN n.sources | s + CASE WHEN s = '' THEN '' ELSE '; ' END + a)]] AS kv
  WITH n, kv WHERE kv[1] IS NOT NULL AND kv[1] <> ''
  RETURN 'about' AS section, kv[0] AS relationship, kv[1] AS other, null AS status,
         null AS date, [] AS sources, [] AS evidence
  UNION ALL
  UNWIND range(0, size(coalesce(n.characterization_labels, [])) - 1) AS i
  RETURN 'labelled' AS section, n.characterization_labels[i] AS relationship,
         null AS other, n.characterization_statuses[i] AS status, null AS date,
         [n.characterization_sources[i]] AS sources, [n.characterization_evidence[i]] AS evidence
  UNION ALL
  MATCH (n)-[r]->(m:Entity)
  RETURN 'outgoing' AS section,
         type(r) + CASE WHEN r.role IS NULL THEN '' ELSE ' (' + r.role + ')' END AS relationship,
         m.name + ' [' + m.type + ']' AS other, r.status AS status,
         coalesce(r.date, r.start) AS date, r.sources AS sources, r.evidence AS evidence
  UNION ALL
  MATCH (n)<-[r]-(m:Entity)
  RETURN 'incoming' AS section,
         type(r) + CASE WHEN r.role IS NULL THEN '' ELSE ' (' + r.role + ')' END AS relationship,
         m.name + ' [' + m.type + ']' AS other, r.status AS status,
         coalesce(r.date, r.start) AS date, r.sources AS sources, r.evidence AS evidence
  UNION ALL
  MATCH (a:Article)-[:MENTIONS]->(n)
  RETURN 'mentioned in' AS section, a.publisher AS relationship, a.title AS other,
         null AS status, a.date AS date, [a.id] AS sources, [] AS evidence
}
RETURN section, relationship, other, status, date, sources, evidence
