// name: claims-by-status
// description: Facts by claim status (default: denied, disputed, alleged, claimed), most contested status first, then most corroborated, with whether they are only inferred, their quotes and sources.
// param: statuses statuses = denied,disputed,alleged,claimed : Comma-separated statuses (`all` for every status)
// param: limit int = 200 [1..100000] : Most facts shown
// row-limit: limit
// Where the first `limit` rows end (a status rank and a number of sources) comes from the
// source tallies, so only the facts before it are sorted (as in `corroboration`); without
// tallies every fact with the statuses is.
CALL () {
  MATCH (t:SourceTally)
  WHERE t.status IN $statuses
  WITH t.status AS status, t.source_count AS n, sum(t.facts) AS facts
  ORDER BY $status_ranks[status] DESC, n DESC
  WITH collect([status, n, facts]) AS counts
  WITH reduce(acc = [null, null, 0], c IN counts |
              CASE WHEN acc[2] >= $limit THEN acc ELSE [c[0], c[1], acc[2] + c[2]] END) AS cut
  // the statuses before the cut's whole, the cut's own from its number of sources on
  RETURN CASE WHEN cut[0] IS NULL THEN $statuses
              ELSE [s IN $statuses WHERE $status_ranks[s] > $status_ranks[cut[0]]] END AS before,
         cut[0] AS at, cut[1] AS least
}
MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
WHERE r.status IN before OR (r.status = at AND r.source_count >= least)
WITH a, r, b
ORDER BY $status_ranks[r.status] DESC, r.source_count DESC, a.name, type(r), b.name
LIMIT $limit
RETURN r.status AS status, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
