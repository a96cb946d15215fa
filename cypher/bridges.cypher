// name: bridges
// description: People who connect PRC bodies with foreign organisations: their PRC-side and foreign-side ties, with sources.
// param: home string = cn : Country code of the "home" side
MATCH (p:Person)-[r1]-(h:Entity), (p)-[r2]-(f:Entity)
WHERE type(r1) <> 'COMMENTS_ON' AND type(r2) <> 'COMMENTS_ON'
  AND h.country = $home AND NOT h:Place AND NOT h:Technology
  AND f.country IS NOT NULL AND f.country <> $home AND NOT f:Place AND NOT f:Technology
WITH p, h, f, r1, r2 ORDER BY h.name, type(r1), f.name, type(r2)
WITH p, collect(DISTINCT h.name + ' (' + type(r1) + ')') AS prc_side,
     collect(DISTINCT f.name + ' (' + type(r2) + ')') AS foreign_side,
     collect(r1.sources) + collect(r2.sources) AS source_lists
CALL (source_lists) {
  UNWIND source_lists AS list
  UNWIND list AS source
  RETURN collect(DISTINCT source) AS sources
}
RETURN p.name AS person, p.name_zh AS name_zh, prc_side, foreign_side, sources
ORDER BY size(prc_side) + size(foreign_side) DESC, person
