// name: entity-by-id
// description: The entity with exactly this id, if any.
// internal: every command that takes an entity name (an exact id, one indexed lookup, before the name scan)
// param: id string : Entity id
MATCH (n:Entity {id: $id})
RETURN n.id AS id, n.name AS name, n.type AS type, n.country AS country, true AS exact
