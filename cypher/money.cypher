// name: money
// description: Acquisitions, investments and funding: who paid for, bought into or sponsored what, with evidence.
MATCH (a:Entity)-[r:ACQUIRES|INVESTS_IN|FUNDS]->(b:Entity)
RETURN type(r) AS relationship, a.name AS payer, a.country AS payer_country, b.name AS recipient,
       b.country AS recipient_country, coalesce(r.date, r.start) AS date, r.role AS detail,
       r.status AS status, r.sources AS sources, r.evidence AS evidence
ORDER BY relationship, date, payer
