// name: city_profile_top_departments
// answers: a city profile: the ten units responsible for most of the city's measures (led first, then any role), with the city's targets they own (stated; with inferred=true, stated or inferred)
// param city: city, required — the city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 青岛
// param inferred: bool, optional — count inferred ownerships too; default false (stated only)
// columns: city, city_en, department, department_en, measures_led:int, measures_any_role:int, targets_owned:int
// order: city, measures_led desc, measures_any_role desc, targets_owned desc, department
// limit: 10
// example: city=深圳
MATCH (c:City {short_name: $city})<-[:APPLIES_TO]-(:Plan)<-[:IN_PLAN]-(m:Measure)<-[r:RESPONSIBLE_FOR]-(d)
WITH c, d, sum(CASE WHEN r.role = 'lead' THEN 1 ELSE 0 END) AS measures_led, count(DISTINCT m) AS measures_any_role
OPTIONAL MATCH (d)-[o:OWNS]->(t:Target)-[:IN_PLAN]->(:Plan)-[:APPLIES_TO]->(c)
WHERE o.basis = 'stated' OR coalesce($inferred, false)
RETURN c.short_name AS city, c.display_en AS city_en, d.name AS department, d.display_en AS department_en, measures_led, measures_any_role, count(DISTINCT t) AS targets_owned
