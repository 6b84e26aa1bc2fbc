// name: plan_to_international_standard
// answers: the chain from a city's plan to the international standards it cites, the committee responsible for each, and the body holding that committee's secretariat (Shenzhen → ISO 37120 → ISO/TC 268 → AFNOR)
// param city: city, optional — the plan's city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 深圳
// param standard: standard, optional — the standard's reference, e.g. ISO 37120
// columns: city, city_en, plan, plan_en, standard, standard_title, committee, committee_en, secretariat_code, secretariat, secretariat_en
// order: city, plan, standard, committee
// example: city=深圳
MATCH (c:City)<-[:APPLIES_TO]-(p:Plan)-[:CITES]->(s:Standard)<-[:DEVELOPS]-(tc:TechnicalCommittee)
WHERE s.standard_kind = 'international'
  AND ($city IS NULL OR c.short_name = $city)
  AND ($standard IS NULL OR s.reference = $standard)
OPTIONAL MATCH (tc)-[:HAS_SECRETARIAT]->(b)
RETURN c.short_name AS city, c.display_en AS city_en, p.name AS plan, p.display_en AS plan_en, s.reference AS standard,
       s.name_en AS standard_title, tc.reference AS committee, tc.display_en AS committee_en, b.identifier AS secretariat_code, b.name AS secretariat,
       b.display_en AS secretariat_en
