// name: timeline
// description: Dated facts in order, optionally for one entity and between two dates (partial ISO dates compare by prefix).
// param: entity entity = null : Only facts involving this entity (name, alias or id); empty for all
// param: from date = 1900 : Earliest date (2018, 2018-11 or 2018-11-19)
// param: to date = 2100 : Latest date
// param: limit int = 200 [1..100000] : Most facts shown, earliest first
// row-limit: limit
// One entity's facts come from one undirected expansion of its edge lists (a self-loop
// counts once). Reading the ends' names is what costs, so the dated facts in range are
// grouped by date, and only the earliest dates' facts, up to the date where `limit` facts
// are reached (all of that date's), read their ends' names for the sort: at 1M facts the
// biggest hub's timeline takes 140 ms instead of 260. The whole graph's (grouped by date,
// its 29,616 rows at 100k overran the local engine's query heap budget) finds the month its
// first `limit` rows end in from the date tallies, counting only months wholly inside
// `from`..`to`, and sorts only the facts up to that month; without tallies it sorts every
// dated fact. Both filter in the MATCH's own WHERE first (dated at all; no later than the
// cut month, or `to`, plus 'z': a bound every date that passes the exact test meets), since
// the local engine projects every row a WITH passes on: at 1M facts the whole graph's
// timeline took 1.4 s instead of 2.4, the biggest hub's 84 ms instead of 105 (medians).
// Where the months up to the cut list their facts' ids and hold at most 3,000, those facts
// are looked up by id (both ends by the id index) instead of scanning every fact: at 1M
// facts 0.4 s instead of 1.4. Whether they can be is worked out in the same CALL as the cut:
// a CALL of its own that returned a count over an OPTIONAL MATCH gave rows from both
// branches below on the local engine.
WITH $entity AS id WHERE id IS NOT NULL
MATCH (:Entity {id: id})-[r:ENTITY_TIES]-()
WHERE coalesce(r.date, r.start, r.end) >= $from
WITH coalesce(r.date, r.start, r.end) AS date, collect(r) AS rs
WHERE left(date, size($to)) <= $to
WITH date, rs
ORDER BY date
LIMIT $limit
WITH collect(rs) AS groups
WITH groups, reduce(acc = [0], g IN groups | acc + [acc[size(acc) - 1] + size(g)]) AS before
UNWIND range(0, size(groups) - 1) AS k
WITH groups[k] AS rs WHERE before[k] < $limit
UNWIND rs AS r
WITH r, coalesce(r.date, r.start, r.end) AS date, startNode(r) AS a, endNode(r) AS b
ORDER BY date, a.name, type(r), b.name
LIMIT $limit
RETURN date, r.end AS until, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.status AS status, r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
UNION ALL
WITH $entity AS id WHERE id IS NULL
CALL () {
  // every month a fact in range can be dated in starts at that of `from` (a date's month is
  // its first seven characters); the cut counts only months wholly inside `from`..`to`
  MATCH (t:DateTally)
  WHERE t.key >= left($from, 7)
  WITH t.key AS month, t.facts AS facts, t.fact_ids IS NOT NULL AS listed
  ORDER BY month
  WITH collect([month, facts, listed]) AS months
  WITH months, reduce(acc = [null, 0], c IN [m IN months WHERE m[0] >= $from AND m[0] < $to
                                              AND NOT $to STARTS WITH m[0]] |
                      CASE WHEN acc[1] >= $limit THEN acc ELSE [c[0], acc[1] + c[1]] END) AS cut
  WITH months, cut, CASE WHEN cut[1] >= $limit THEN cut[0] ELSE $to END + 'z' AS hi
  WITH cut, hi, [m IN months WHERE m[0] <= left(hi, 7)] AS read
  RETURN cut, hi, size(read) > 0 AND size([m IN read WHERE NOT m[2]]) = 0
                  AND reduce(n = 0, m IN read | n + m[1]) <= 3000 AS listed
}
CALL (hi, listed) {
  WITH hi WHERE listed
  MATCH (t:DateTally)
  WHERE t.key >= left($from, 7) AND t.key <= left(hi, 7)
  UNWIND t.fact_ids AS id
  WITH split(id, ' ') AS key
  WITH key[0] AS subject, key[1] AS type, key[2] AS object
  MATCH (a:Entity {id: subject})
  MATCH (b:Entity {id: object})
  MATCH (a)-[r:ENTITY_TIES]->(b)
  WHERE type(r) = type
  RETURN a, r, b
  UNION ALL
  WITH hi WHERE NOT listed
  MATCH (a:Entity)-[r:ENTITY_TIES]->(b:Entity)
  WHERE coalesce(r.date, r.start, r.end) <= hi
  RETURN a, r, b
}
WITH a, r, b, coalesce(r.date, r.start, r.end) AS date, cut
WHERE date >= $from AND left(date, size($to)) <= $to
  AND (cut[1] < $limit OR left(date, 7) <= cut[0])
WITH a, r, b, date
ORDER BY date, a.name, type(r), b.name
LIMIT $limit
RETURN date, r.end AS until, a.name AS subject, type(r) AS relationship, b.name AS object,
       r.status AS status, r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
