// name: visits
// description: Visits, delegations, meetings and invitations (and membership of or roles in events): who, whom or where, when, with status, an inferred marker and evidence.
// param: entity entity = null : Only those involving this entity (name, alias or id); empty for all
MATCH (a:Entity)-[r:MEETING_TIES|MEMBERSHIP_TIES]->(b:Entity)
WHERE (NOT type(r) IN $membership_types OR a:Event OR b:Event)
  AND ($entity IS NULL OR $entity IN [a.id, b.id])
RETURN coalesce(r.date, r.start) AS date, r.end AS until, a.name AS who, type(r) AS relationship,
       b.name AS whom_or_where, b.type AS type, r.status AS status, r.inferred AS inferred,
       r.sources AS sources, r.evidence AS evidence
ORDER BY date, who, whom_or_where
