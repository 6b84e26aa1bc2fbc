// name: plan_to_international_standard
// answers: the chain from a city's plan to the international standards it cites, the committee responsible for each, and the body holding that committee's secretariat (Shenzhen → ISO 37120 → ISO/TC 268 → AFNOR)
// param city: city, optional — the plan's city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 深圳
// param standard: standard, optional — the standard's reference, e.g. ISO 37120
// columns: city, plan, plan_title, standard, standard_title, committee, secretariat_code, secretariat
// order: city, plan, standard, committee
// example: city=深圳
MATCH (c:City)<-[:APPLIES_TO]-(p:Plan)-[:CITES]->(s:Standard)<-[:DEVELOPS]-(tc:TechnicalCommittee)
WHERE s.standard_kind = 'international'
  AND ($city IS NULL OR c.short_name = $city)
  AND ($standard IS NULL OR s.reference = $standard)
OPTIONAL MATCH (tc)-[:HAS_SECRETARIAT]->(b)
RETURN c.short_name AS city, p.doc_id AS plan, p.name AS plan_title, s.reference AS standard,
       s.name_en AS standard_title, tc.reference AS committee, b.identifier AS secretariat_code, b.name AS secretariat
