// name: visits
// description: Visits, delegations, meetings and invitations (and membership of or roles in events): who, whom or where, when, with status, an inferred marker and evidence.
// param: entity entity = null : Only those involving this entity (name, alias or id); empty for all
// param: limit int = 200 [1..100000] : Most rows shown, earliest first
// row-limit: limit
// The whole graph's first rows are read by the date tallies' fact ids: months are taken in
// order until they list `limit` meetings (a role counts only with an event at an end), and
// the facts of these types they list, at most 3,000, are looked up by id. Facts dated only
// by their end are in a tally but sort last here, so those ids are only a guess: where they
// give fewer than `limit` rows, every fact of these types is scanned, as it is without
// tallies. At 1M facts 0.37 s instead of 2.0 (medians of alternated runs).
CALL () {
  WITH $entity AS id WHERE id IS NOT NULL
  MATCH (a:Entity {id: id})-[r:MEETING_TIES|MEMBERSHIP_TIES]->(b:Entity)
  RETURN a, r, b
  UNION ALL
  WITH $entity AS id WHERE id IS NOT NULL
  MATCH (b:Entity {id: id})<-[r:MEETING_TIES|MEMBERSHIP_TIES]-(a:Entity)
  WHERE a.id <> id
  RETURN a, r, b
  UNION ALL
  WITH $entity AS id WHERE id IS NULL
  CALL () {
    MATCH (t:DateTally)
    WITH t ORDER BY t.key
    WITH collect(t) AS months
    WITH reduce(acc = [null, 0, 0], t IN months |
           CASE WHEN acc[1] >= $limit THEN acc
           ELSE [t.key,
                 acc[1] + size([x IN t.fact_ids WHERE split(x, ' ')[1] IN $meeting_types]),
                 acc[2] + size([x IN t.fact_ids
                                WHERE split(x, ' ')[1] IN $meeting_types + $membership_types])]
           END) AS cut
    WITH cut WHERE cut[1] >= $limit AND cut[2] <= 3000
    MATCH (t:DateTally)
    WHERE t.key <= cut[0]
    UNWIND t.fact_ids AS id
    WITH split(id, ' ') AS key
    WHERE key[1] IN $meeting_types + $membership_types
    MATCH (a:Entity {id: key[0]})
    MATCH (b:Entity {id: key[2]})
    MATCH (a)-[r:MEETING_TIES|MEMBERSHIP_TIES]->(b)
    WHERE type(r) = key[1] AND coalesce(r.date, r.start) IS NOT NULL
      AND (NOT type(r) IN $membership_types OR a:Event OR b:Event)
    RETURN collect([a, r, b]) AS found
  }
  CALL (found) {
    WITH found WHERE size(found) >= $limit
    UNWIND found AS f
    RETURN f[0] AS a, f[1] AS r, f[2] AS b
    UNION ALL
    WITH found WHERE size(found) < $limit
    MATCH (a:Entity)-[r:MEETING_TIES|MEMBERSHIP_TIES]->(b:Entity)
    RETURN a, r, b
  }
  RETURN a, r, b
}
WITH a, r, b
WHERE NOT type(r) IN $membership_types OR a:Event OR b:Event
WITH a, r, b, coalesce(r.date, r.start) AS date
ORDER BY date, a.name, b.name, type(r)
LIMIT $limit
RETURN date, r.end AS until, a.name AS who, type(r) AS relationship,
       b.name AS whom_or_where, b.type AS type, r.status AS status, r.inferred AS inferred,
       r.sources AS sources, r.evidence AS evidence
