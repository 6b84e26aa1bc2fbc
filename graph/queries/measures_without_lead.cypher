// name: measures_without_lead
// answers: measures that no unit leads, with how many units take part in them under another role
// param city: city, optional — the plan's city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 青岛
// columns: city, city_en, plan, plan_en, number, task, responsible:int
// order: city, plan, number, task
// example: city=青岛
MATCH (m:Measure)-[:IN_PLAN]->(p:Plan)-[:APPLIES_TO]->(c:City)
WHERE NOT EXISTS { (m)<-[:RESPONSIBLE_FOR {role: 'lead'}]-() }
  AND ($city IS NULL OR c.short_name = $city)
OPTIONAL MATCH (d)-[:RESPONSIBLE_FOR]->(m)
WITH c, m, p, count(DISTINCT d) AS responsible
RETURN c.short_name AS city, c.display_en AS city_en, p.name AS plan, p.display_en AS plan_en, m.number AS number, m.task AS task, responsible
