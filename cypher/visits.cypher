// name: visits
// description: Visits, delegations, meetings and invitations: who, whom or where, when, with evidence.
// param: entity entity = null : Only those involving this entity (name, alias or id); empty for all
MATCH (a:Entity)-[r:VISITS|MEETS_WITH|INVITES|PARTICIPATES_IN|RUNS|MEMBER_OF]->(b:Entity)
WHERE (type(r) IN ['VISITS', 'MEETS_WITH', 'INVITES'] OR a:Event OR b:Event)
  AND ($entity IS NULL OR $entity IN [a.id, b.id])
RETURN coalesce(r.date, r.start) AS date, r.end AS until, a.name AS who, type(r) AS relationship,
       b.name AS whom_or_where, b.type AS type, r.status AS status, r.sources AS sources,
       r.evidence AS evidence
ORDER BY date, who, whom_or_where
