// name: measure_owners
// answers: who is responsible for which measures, with their role; filterable by city, by the heading of any section enclosing the measure, by task and by role
// param city: city, optional — the plan's city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 深圳
// param section: string, optional — heading of the measure's section or of any section above it, e.g. 强化战略性新兴产业标准创新能力
// param task: string, optional — the measure's title, e.g. 积极开展重点领域标准研制
// param role: one of lead|participant|shared, optional — the unit's role
// columns: city, city_en, plan, plan_en, section, number, task, department, department_en, role
// order: city, plan, section, number, task, role, department
// example: city=深圳; section=强化战略性新兴产业标准创新能力
MATCH (d)-[r:RESPONSIBLE_FOR]->(m:Measure)-[:IN_PLAN]->(p:Plan)-[:APPLIES_TO]->(c:City)
WHERE ($city IS NULL OR c.short_name = $city)
  AND ($task IS NULL OR m.task = $task)
  AND ($role IS NULL OR r.role = $role)
  AND ($section IS NULL OR EXISTS {
        MATCH (m)-[:IN_SECTION]->(:Section)-[:PART_OF*0..]->(a:Section) WHERE a.name = $section })
OPTIONAL MATCH (m)-[:IN_SECTION]->(s:Section)
RETURN DISTINCT c.short_name AS city, c.display_en AS city_en, p.name AS plan, p.display_en AS plan_en, s.name AS section, m.number AS number, m.task AS task,
       d.name AS department,
       d.display_en AS department_en, r.role AS role
