// name: sync-facts-by-id
// description: The given facts (`subject TYPE object`) with their properties, as stored: every article's claim of each is on it.
// internal: `techkg load` (every article's claim of a fact a load touches)
// param: facts list : Comma-separated fact ids
UNWIND $facts AS f
WITH f, split(f, ' ') AS k
CALL (k) {
  // each type of ENTITY_TIES:
  WITH k WHERE k[1] = 'EACH_TYPE'
  MATCH (:Entity {id: k[0]})-[r:EACH_TYPE]->(:Entity {id: k[2]})
  RETURN r
  // end each
}
RETURN f AS k, properties(r) AS p
