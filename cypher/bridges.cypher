// name: bridges
// description: People who connect PRC bodies with foreign organisations (cooperation, membership, money, meeting, hierarchy and support ties): their PRC-side and foreign-side ties, each with its status when not plainly reported and "inferred" when no article states it.
// param: home string = cn : Country code of the "home" side
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
MATCH (p:Person)
// one walk over each person's ties, split by the far end's country (a walk per side read
// every tie twice: 3.6 s instead of 2.4 at 1M facts); a far end's country and name are read
// once per far end, not per tie: reading a property of a node reached over an edge costs the
// local engine several microseconds each time (1.46 s instead of 1.63 at 1M facts, medians of
// six alternated runs)
CALL (p) {
  MATCH (p)-[r:COOPERATION_TIES|MEMBERSHIP_TIES|MONEY_TIES|MEETING_TIES|HIERARCHY_TIES|SUPPORT_TIES]-(h:Entity)
  WHERE NOT h:Place AND NOT h:Technology AND r.status IN $statuses
  WITH h, collect(r) AS rs
  WITH rs, h.country AS country, h.name AS name
  WHERE country IS NOT NULL
  UNWIND rs AS r
  WITH r, name, country = $home AS home, type(r) AS type ORDER BY name, type
  WITH name + ' (' + type
           + CASE WHEN r.status = 'reported' THEN '' ELSE ', ' + r.status END
           + CASE WHEN r.inferred THEN ', inferred' ELSE '' END + ')' AS tie, r, home
  RETURN collect(DISTINCT CASE WHEN home THEN tie END) AS prc_side,
         collect(DISTINCT CASE WHEN NOT home THEN tie END) AS foreign_side,
         collect(CASE WHEN home THEN r END) AS prc_ties,
         collect(CASE WHEN NOT home THEN r END) AS foreign_ties
}
WITH p, prc_side, foreign_side, prc_ties + foreign_ties AS ties
WHERE size(prc_side) > 0 AND size(foreign_side) > 0
// a person's articles, first seen first (a list rebuilt per tie was quadratic in a hub's ties)
CALL (ties) {
  UNWIND ties AS r
  UNWIND r.sources AS x
  RETURN collect(DISTINCT x) AS sources
}
RETURN p.name AS person, p.name_zh AS name_zh, prc_side, foreign_side, sources
ORDER BY size(prc_side) + size(foreign_side) DESC, person
