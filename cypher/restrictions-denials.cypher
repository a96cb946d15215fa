// name: restrictions-denials
// description: Government restrictions (export bans, closures, blocked deals) and denied facts, denials first, then restrictions, each most corroborated first, then by date, with the quotes that state them.
// param: limit int = 200 [1..100000] : Most rows shown
// row-limit: limit
// Where the first `limit` rows end (a kind and a number of sources) comes from the source
// tallies, so only the facts before it are sorted (as in `corroboration`); without tallies
// every restriction and denial is. Where those facts are all corroborated, their tallies
// list their ids and at most 1,000 are wanted, they are looked up by id instead of scanning
// every fact (as in `claims-by-status`).
CALL () {
  MATCH (t:SourceTally)
  WITH t, CASE WHEN t.type IN $restriction_types THEN 'restriction'
               WHEN t.status = 'denied' THEN 'denial' END AS kind
  WHERE kind IS NOT NULL
  WITH kind, t.source_count AS n, sum(t.facts) AS facts, count(t.fact_ids) = count(t) AS listed
  ORDER BY kind, n DESC
  WITH collect([kind, n, facts, listed]) AS counts
  WITH reduce(acc = [null, null, 0, true], c IN counts |
              CASE WHEN acc[2] >= $limit THEN acc
                   ELSE [c[0], c[1], acc[2] + c[2], acc[3] AND c[3]] END) AS cut
  RETURN cut, cut[0] IS NOT NULL AND cut[2] <= 1000 AND cut[3] AS listed
}
CALL (cut, listed) {
  WITH cut WHERE listed
  MATCH (t:SourceTally)
  WITH cut, t, CASE WHEN t.type IN $restriction_types THEN 'restriction'
                    WHEN t.status = 'denied' THEN 'denial' END AS kind
  WHERE kind < cut[0] OR (kind = cut[0] AND t.source_count >= cut[1])
  UNWIND t.fact_ids AS id
  WITH kind, split(id, ' ') AS key
  WITH kind, key[0] AS subject, key[1] AS type, key[2] AS object
  MATCH (a:Entity {id: subject})
  MATCH (b:Entity {id: object})
  MATCH (a)-[r:ENTITY_TIES]->(b)
  WHERE type(r) = type
  RETURN kind, a, r, b
  UNION ALL
  WITH cut WHERE NOT listed AND (cut[0] IS NULL OR cut[0] >= 'restriction')
  MATCH (a:Entity)-[r:RESTRICTION_TIES]->(b:Entity)
  WHERE cut[0] IS NULL OR cut[0] > 'restriction' OR r.source_count >= cut[1]
  RETURN 'restriction' AS kind, a, r, b
  UNION ALL
  WITH cut WHERE NOT listed AND (cut[0] IS NULL OR cut[0] >= 'denial')
  MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
  WHERE r.status = 'denied' AND NOT type(r) IN $restriction_types
    AND (cut[0] IS NULL OR cut[0] > 'denial' OR r.source_count >= cut[1])
  RETURN 'denial' AS kind, a, r, b
}
WITH kind, a, r, b
ORDER BY kind, r.source_count DESC, coalesce(r.date, r.start), a.name, type(r), b.name
LIMIT $limit
RETURN kind, a.name AS subject, type(r) AS relationship, b.name AS object,
       coalesce(r.date, r.start) AS date, r.status AS status, r.inferred AS inferred,
       r.sources AS sources, r.evidence AS evidence
