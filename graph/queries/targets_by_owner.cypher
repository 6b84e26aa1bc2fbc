// name: targets_by_owner
// answers: targets owned by a department or other responsible unit (lead, participant or shared), each row with its basis: stated by the clause closing the target's item, or — only with inferred=true — inferred from the best-matching measure of the target's section (measure) or from the clause leading the enclosing section (section), filterable by city, year, department and role
// param city: city, optional — the plan's city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 深圳
// param year: int, optional — target year, e.g. 2020
// param department: department, optional — the unit's name: full or short Chinese, English or alias, e.g. 青岛市体育局
// param role: one of lead|participant|shared, optional — the unit's role
// param inferred: bool, optional — also the inferred owners (basis measure or section), not only the stated ones; default false
// columns: city, city_en, department, department_en, role, basis, metric, metric_en, value:float, unit, comparator, year:int, text
// order: city, department, year, metric
// example: city=青岛
MATCH (d)-[o:OWNS]->(t:Target)-[:IN_PLAN]->(:Plan)-[:APPLIES_TO]->(c:City)
WHERE ($city IS NULL OR c.short_name = $city)
  AND ($year IS NULL OR t.year = $year)
  AND ($department IS NULL OR d.name = $department)
  AND ($role IS NULL OR o.role = $role)
  AND (o.basis = 'stated' OR coalesce($inferred, false))
RETURN c.short_name AS city, c.display_en AS city_en, d.name AS department,
       d.display_en AS department_en, o.role AS role, o.basis AS basis, t.metric AS metric, t.metric_en + ' [generated]' AS metric_en,
       t.value AS value, t.unit AS unit, t.comparator AS comparator, t.year AS year, t.text AS text
