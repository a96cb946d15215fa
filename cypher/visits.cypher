// name: visits
// description: Visits, delegations, meetings and invitations (and membership of or roles in events): who, whom or where, when, with status, an inferred marker and evidence.
// param: entity entity = null : Only those involving this entity (name, alias or id); empty for all
// param: limit int = 200 [1..100000] : Most rows shown, earliest first
// row-limit: limit
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
  MATCH (a:Entity)-[r:MEETING_TIES|MEMBERSHIP_TIES]->(b:Entity)
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
