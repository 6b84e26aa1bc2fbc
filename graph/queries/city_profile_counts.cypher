// name: city_profile_counts
// answers: a city profile: how many nodes of each type belong to the city — located there, its plans, their sections, measures and targets, and the organisations and standards its plans name or cite
// param city: city, required — the city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 青岛
// columns: city, city_en, label, nodes:int
// order: city, nodes desc, label
// example: city=深圳
MATCH (c:City {short_name: $city})
CALL (c) {
  MATCH (x)-[:LOCATED_IN]->(c) RETURN x
  UNION
  MATCH (x)-[:APPLIES_TO]->(c) RETURN x
  UNION
  MATCH (x)-[:IN_PLAN]->(:Plan)-[:APPLIES_TO]->(c) RETURN x
  UNION
  MATCH (x)-[:MENTIONED_IN]->(:Section)-[:IN_PLAN]->(:Plan)-[:APPLIES_TO]->(c) RETURN x
  UNION
  MATCH (c)<-[:APPLIES_TO]-(:Plan)-[:CITES]->(x) RETURN x
}
UNWIND labels(x) AS label
RETURN c.short_name AS city, c.display_en AS city_en, label, count(DISTINCT x) AS nodes
