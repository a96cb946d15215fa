// name: money
// description: Acquisitions, investments and funding: who paid for, bought into or sponsored what, most corroborated first, then by kind and date, with status, an inferred marker and evidence.
// param: limit int = 200 [1..100000] : Most rows shown
// row-limit: limit
MATCH (a:Entity)-[r:MONEY_TIES]->(b:Entity)
WITH a, r, b
ORDER BY r.source_count DESC, type(r), coalesce(r.date, r.start), a.name, b.name
LIMIT $limit
RETURN type(r) AS relationship, a.name AS payer, a.country AS payer_country, b.name AS recipient,
       b.country AS recipient_country, coalesce(r.date, r.start) AS date, r.role AS detail,
       r.amount AS amount, r.status AS status, r.inferred AS inferred, r.sources AS sources,
       r.evidence AS evidence
