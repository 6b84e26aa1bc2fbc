// name: departments_by_measures_led
// answers: departments (and other responsible units) ranked by the number of measures they lead, per city, with the measures they take part in under any role
// param city: city, optional — the plan's city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 深圳
// columns: city, city_en, department, department_en, measures_led:int, measures_any_role:int
// order: city, measures_led desc, measures_any_role desc, department
// example: city=深圳
MATCH (d)-[r:RESPONSIBLE_FOR]->(m:Measure)-[:IN_PLAN]->(:Plan)-[:APPLIES_TO]->(c:City)
WHERE $city IS NULL OR c.short_name = $city
WITH c, d, count(DISTINCT CASE WHEN r.role = 'lead' THEN m END) AS measures_led,
     count(DISTINCT m) AS measures_any_role
WHERE measures_led > 0
RETURN c.short_name AS city, c.display_en AS city_en, d.name AS department, d.display_en AS department_en, measures_led, measures_any_role
