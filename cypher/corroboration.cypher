// name: corroboration
// description: Single-source versus corroborated facts: every fact with its number of independent source articles, most corroborated first (min_sources=2 keeps only corroborated ones), with status and whether it is only inferred.
// param: min_sources int = 1 [1..1000] : Minimum number of source articles
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: limit int = 200 [1..100000] : Most facts shown
// row-limit: limit
// Where the first `limit` rows end comes from the source tallies (facts per type, status and
// number of sources): only facts with at least that many sources are sorted (at 1M facts,
// sorting all 884,000 took longer than reading them). Without tallies, the floor stays
// `min_sources` and every fact is sorted. Where that floor is two sources or more, the
// tallies list those facts' ids, and at most 1,000 are wanted, they are looked up by id (both
// ends by the id index) instead of scanning every fact (as in `claims-by-status`; at 1M
// facts, looking up 1,000 of the most corroborated took about as long as the scan).
CALL () {
  MATCH (t:SourceTally)
  WHERE t.status IN $statuses AND t.source_count >= $min_sources
  WITH t.source_count AS n, sum(t.facts) AS facts, count(t.fact_ids) = count(t) AS listed
  ORDER BY n DESC
  WITH collect([n, facts, listed]) AS counts
  WITH counts, reduce(acc = [$min_sources, 0, true], c IN counts |
                      CASE WHEN acc[1] >= $limit THEN acc
                           ELSE [c[0], acc[1] + c[1], acc[2] AND c[2]] END) AS cut
  RETURN cut[0] AS floor, size(counts) > 0 AND cut[1] <= 1000 AND cut[2] AS listed
}
CALL (floor, listed) {
  WITH floor WHERE listed
  MATCH (t:SourceTally)
  WHERE t.status IN $statuses AND t.source_count >= floor
  UNWIND t.fact_ids AS id
  WITH split(id, ' ') AS key
  WITH key[0] AS subject, key[1] AS type, key[2] AS object
  MATCH (a:Entity {id: subject})
  MATCH (b:Entity {id: object})
  MATCH (a)-[r:ENTITY_TIES]->(b)
  WHERE type(r) = type
  RETURN a, r, b
  UNION ALL
  WITH floor WHERE NOT listed
  MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
  WHERE r.source_count >= floor AND r.status IN $statuses
  RETURN a, r, b
}
WITH a, r, b
ORDER BY r.source_count DESC, a.name, type(r), b.name
LIMIT $limit
RETURN r.source_count AS source_count, r.source_count >= 2 AS corroborated,
       a.name AS subject, type(r) AS relationship, b.name AS object, r.status AS status,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
