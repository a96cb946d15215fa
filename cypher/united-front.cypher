// name: united-front
// description: United-front organisations - entities a source labels united front (with a counted status) or whose type the vocabulary marks as united front, not every party body - and what they connect to.
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
MATCH (u:Entity)
WITH u, [i IN range(0, size(coalesce(u.characterization_labels, [])) - 1)
         WHERE u.characterization_statuses[i] IN $statuses
           AND any(l IN $united_front_labels
                   WHERE toLower(u.characterization_labels[i]) CONTAINS l)] AS hits
WHERE size(hits) > 0 OR u.type IN $united_front_types
OPTIONAL MATCH (u)-[r:ENTITY_TIES]-(m:Entity)
WHERE r.status IN $statuses
RETURN u.name AS organisation, u.type AS type, u.name_zh AS name_zh,
       [i IN hits | u.characterization_labels[i]] AS labelled,
       reduce(s = [], i IN hits | s + CASE WHEN u.characterization_sources[i] IN s THEN []
                                       ELSE [u.characterization_sources[i]] END) AS label_sources,
       CASE WHEN r IS NULL THEN null WHEN startNode(r) = u THEN type(r)
            ELSE '<-' + type(r) END AS relationship,
       m.name AS connected_to, m.country AS country, r.status AS status,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
ORDER BY organisation, relationship, connected_to
