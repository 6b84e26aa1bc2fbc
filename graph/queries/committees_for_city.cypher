// name: committees_for_city
// answers: committees linked to a city — holding a secretariat there, developing a standard the city's plans cite, or named in the city's plans — with the standard or plan that links them, their secretariat and how many member bodies take part (P) or observe (O)
// param city: city, required — the city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 深圳
// columns: city, city_en, committee, committee_en, link, via, secretariat, secretariat_en, p_members:int, o_members:int
// order: city, link, committee, via
// example: city=深圳
MATCH (c:City {short_name: $city})
CALL (c) {
  MATCH (tc:TechnicalCommittee)-[:HAS_SECRETARIAT]->(h)-[:LOCATED_IN]->(c)
  RETURN tc, 'secretariat held in the city' AS link, h.name AS via
  UNION
  MATCH (c)<-[:APPLIES_TO]-(:Plan)-[:CITES]->(s:Standard)<-[:DEVELOPS]-(tc:TechnicalCommittee)
  RETURN tc, "develops a standard the city's plans cite" AS link, s.reference AS via
  UNION
  MATCH (c)<-[:APPLIES_TO]-(p:Plan)<-[:IN_PLAN]-(:Section)<-[:MENTIONED_IN]-(tc:TechnicalCommittee)
  RETURN tc, "named in the city's plans" AS link, p.name AS via
}
OPTIONAL MATCH (tc)-[:HAS_SECRETARIAT]->(b)
RETURN DISTINCT c.short_name AS city, c.display_en AS city_en, tc.name AS committee, tc.display_en AS committee_en, link, via,
       coalesce(b.identifier, b.reference, b.name) AS secretariat, b.display_en AS secretariat_en,
       COUNT { (tc)<-[:MEMBER_OF {membership: 'P'}]-() } AS p_members,
       COUNT { (tc)<-[:MEMBER_OF {membership: 'O'}]-() } AS o_members
