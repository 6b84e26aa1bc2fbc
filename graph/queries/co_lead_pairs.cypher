// name: co_lead_pairs
// answers: who works with whom: pairs of departments responsible for the same measures, and how often (both leading unless another role is given)
// param city: city, optional — the plan's city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 深圳
// param role: one of lead|participant|shared, optional — the role both hold on the shared measures: lead (default when absent), participant or shared
// columns: city, city_en, department_a, department_a_en, department_b, department_b_en, measures:int
// order: city, measures desc, department_a, department_b
// example: city=深圳
MATCH (a)-[r1:RESPONSIBLE_FOR]->(m:Measure)<-[r2:RESPONSIBLE_FOR]-(b),
      (m)-[:IN_PLAN]->(:Plan)-[:APPLIES_TO]->(c:City)
WHERE r1.role = coalesce($role, 'lead') AND r2.role = r1.role AND a.name < b.name
  AND ($city IS NULL OR c.short_name = $city)
WITH c, a, b, count(DISTINCT m) AS measures
RETURN c.short_name AS city, c.display_en AS city_en, a.name AS department_a, a.display_en AS department_a_en,
       b.name AS department_b, b.display_en AS department_b_en, measures
