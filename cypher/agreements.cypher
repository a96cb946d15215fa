// name: agreements
// description: Agreements, contracts, memoranda and cooperation signed between parties, with dates, status, an inferred marker and evidence.
MATCH (a:Entity)-[r:SIGNS_AGREEMENT_WITH]->(b:Entity)
RETURN coalesce(r.date, r.start) AS date, a.name AS party, b.name AS counterparty,
       b.country AS counterparty_country, r.role AS agreement, r.status AS status,
       r.inferred AS inferred, r.sources AS sources, r.evidence AS evidence
ORDER BY date, party, counterparty
