// name: united-front
// description: Entities labelled united front - organisations and people a source labels united front (with a counted status), or whose type the vocabulary marks as united front (not every party body) - by name, each with its type, its number of counted ties and the most corroborated of them.
// param: statuses statuses = counted : Claim statuses counted as ties (default: all but denied and disputed; `all` for every status)
// param: per_entity int = 20 [1..100000] : Most ties listed per labelled entity (its `ties` column counts them all)
// param: limit int = 200 [1..100000] : Most rows shown
// row-limit: limit
MATCH (u:Entity)
WITH u, [i IN range(0, size(coalesce(u.characterization_labels, [])) - 1)
         WHERE u.characterization_statuses[i] IN $statuses
           AND any(l IN $united_front_labels
                   WHERE toLower(u.characterization_labels[i]) CONTAINS l)] AS hits
WHERE size(hits) > 0 OR u.type IN $united_front_types
// each labelled entity shows at least one row, so only the first `limit` by name can show:
// only they count their ties (at 1M facts 3,253 entities are labelled, hubs among them)
WITH u, hits
ORDER BY u.name, u.id
LIMIT $limit
WITH u, hits, COUNT { (u)-[r:ENTITY_TIES]-(:Entity) WHERE r.status IN $statuses } AS ties
ORDER BY u.name, u.id
// only the organisations whose rows can fall within the limit are expanded
WITH collect({u: u, hits: hits, ties: ties}) AS orgs
WITH orgs, reduce(acc = [0], o IN orgs |
       acc + [acc[size(acc) - 1] + CASE WHEN o.ties = 0 THEN 1
                                        WHEN o.ties < $per_entity THEN o.ties
                                        ELSE $per_entity END]) AS before
UNWIND range(0, size(orgs) - 1) AS k
WITH k, orgs[k] AS o, before[k] AS skipped
WHERE skipped < $limit
WITH k, o.u AS u, o.hits AS hits, o.ties AS ties
CALL (u) {
  OPTIONAL MATCH (u)-[r:ENTITY_TIES]-(m:Entity)
  WHERE r.status IN $statuses
  WITH r, m
  ORDER BY r.source_count DESC, type(r), m.name
  LIMIT $per_entity
  RETURN r, m
}
WITH k, u, hits, ties, r, m,
     CASE WHEN r IS NULL THEN null WHEN startNode(r) = u THEN type(r)
          ELSE '<-' + type(r) END AS relationship
ORDER BY k, r.source_count DESC, relationship, m.name
LIMIT $limit
RETURN u.name AS entity, u.type AS type, u.name_zh AS name_zh,
       [i IN hits | u.characterization_labels[i]] AS labelled,
       reduce(s = [], i IN hits | s + CASE WHEN u.characterization_sources[i] IN s THEN []
                                       ELSE [u.characterization_sources[i]] END) AS label_sources,
       ties, relationship, m.name AS connected_to, m.country AS country, r.status AS status,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
