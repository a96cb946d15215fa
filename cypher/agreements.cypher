// name: agreements
// description: Agreements, contracts, memoranda and cooperation signed between parties, most corroborated first, then by date: with status, an inferred marker and evidence.
// param: limit int = 200 [1..100000] : Most agreements shown
// row-limit: limit
MATCH (a:Entity)-[r:SIGNS_AGREEMENT_WITH]->(b:Entity)
WITH a, r, b
ORDER BY r.source_count DESC, coalesce(r.date, r.start), a.name, b.name
LIMIT $limit
RETURN coalesce(r.date, r.start) AS date, a.name AS party, b.name AS counterparty,
       b.country AS counterparty_country, r.role AS agreement, r.status AS status,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
