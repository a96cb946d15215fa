// name: money
// description: Acquisitions, investments and funding: who paid for, bought into or sponsored what, with status, an inferred marker and evidence.
MATCH (a:Entity)-[r:MONEY_TIES]->(b:Entity)
RETURN type(r) AS relationship, a.name AS payer, a.country AS payer_country, b.name AS recipient,
       b.country AS recipient_country, coalesce(r.date, r.start) AS date, r.role AS detail,
       r.amount AS amount, r.status AS status, r.inferred AS inferred, r.sources AS sources,
       r.evidence AS evidence
ORDER BY relationship, date, payer
