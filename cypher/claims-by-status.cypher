// name: claims-by-status
// description: Facts by claim status (default: denied, disputed, alleged, claimed), most contested status first, then most corroborated, with whether they are only inferred, their quotes and sources.
// param: statuses statuses = denied,disputed,alleged,claimed : Comma-separated statuses (`all` for every status)
// param: limit int = 200 [1..100000] : Most facts shown
// row-limit: limit
// Where the first `limit` rows end (a status rank and a number of sources) comes from the
// source tallies, so only the facts before it are sorted (as in `corroboration`); without
// tallies every fact with the statuses is. Where those facts are all corroborated, their
// tallies list their ids and at most 1,000 are wanted, they are looked up by id (both ends
// by the id index) instead of scanning every fact: at 1M facts, 0.3 s instead of 1.7
// (medians).
CALL () {
  MATCH (t:SourceTally)
  WHERE t.status IN $statuses
  WITH t.status AS status, t.source_count AS n, sum(t.facts) AS facts,
       count(t.fact_ids) = count(t) AS listed
  ORDER BY $status_ranks[status] DESC, n DESC
  WITH collect([status, n, facts, listed]) AS counts
  WITH reduce(acc = [null, null, 0, true], c IN counts |
              CASE WHEN acc[2] >= $limit THEN acc
                   ELSE [c[0], c[1], acc[2] + c[2], acc[3] AND c[3]] END) AS cut
  // the statuses before the cut's whole, the cut's own from its number of sources on
  RETURN CASE WHEN cut[0] IS NULL THEN $statuses
              ELSE [s IN $statuses WHERE $status_ranks[s] > $status_ranks[cut[0]]] END AS before,
         cut[0] AS at, cut[1] AS least,
         cut[0] IS NOT NULL AND cut[2] <= 1000 AND cut[3] AS listed
}
CALL (before, at, least, listed) {
  WITH before, at, least WHERE listed
  MATCH (t:SourceTally)
  WHERE t.status IN before OR (t.status = at AND t.source_count >= least)
  UNWIND t.fact_ids AS id
  WITH split(id, ' ') AS key
  WITH key[0] AS subject, key[1] AS type, key[2] AS object
  MATCH (a:Entity {id: subject})
  MATCH (b:Entity {id: object})
  MATCH (a)-[r:ENTITY_TIES]->(b)
  WHERE type(r) = type
  RETURN a, r, b
  UNION ALL
  WITH before, at, least WHERE NOT listed
  MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
  WHERE r.status IN before OR (r.status = at AND r.source_count >= least)
  RETURN a, r, b
}
WITH a, r, b
ORDER BY $status_ranks[r.status] DESC, r.source_count DESC, a.name, type(r), b.name
LIMIT $limit
RETURN r.status AS status, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
