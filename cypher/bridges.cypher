// name: bridges
// description: People who connect PRC bodies with foreign organisations (cooperation, membership, money, meeting, hierarchy and support ties): their PRC-side and foreign-side ties, each with its status when not plainly reported and "inferred" when no article states it.
// param: home string = cn : Country code of the "home" side
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
MATCH (p:Person)
CALL (p) {
  MATCH (p)-[r:COOPERATION_TIES|MEMBERSHIP_TIES|MONEY_TIES|MEETING_TIES|HIERARCHY_TIES|SUPPORT_TIES]-(h:Entity)
  WHERE h.country = $home AND NOT h:Place AND NOT h:Technology AND r.status IN $statuses
  WITH h, r ORDER BY h.name, type(r)
  RETURN collect(DISTINCT h.name + ' (' + type(r)
           + CASE WHEN r.status = 'reported' THEN '' ELSE ', ' + r.status END
           + CASE WHEN r.inferred THEN ', inferred' ELSE '' END + ')') AS prc_side,
         collect(r) AS prc_ties
}
CALL (p) {
  MATCH (p)-[r:COOPERATION_TIES|MEMBERSHIP_TIES|MONEY_TIES|MEETING_TIES|HIERARCHY_TIES|SUPPORT_TIES]-(f:Entity)
  WHERE f.country IS NOT NULL AND f.country <> $home AND NOT f:Place AND NOT f:Technology
    AND r.status IN $statuses
  WITH f, r ORDER BY f.name, type(r)
  RETURN collect(DISTINCT f.name + ' (' + type(r)
           + CASE WHEN r.status = 'reported' THEN '' ELSE ', ' + r.status END
           + CASE WHEN r.inferred THEN ', inferred' ELSE '' END + ')') AS foreign_side,
         collect(r) AS foreign_ties
}
WITH p, prc_side, foreign_side, prc_ties + foreign_ties AS ties
WHERE size(prc_side) > 0 AND size(foreign_side) > 0
RETURN p.name AS person, p.name_zh AS name_zh, prc_side, foreign_side,
       reduce(s = [], r IN ties | s + [x IN r.sources WHERE NOT x IN s]) AS sources
ORDER BY size(prc_side) + size(foreign_side) DESC, person
