// name: targets_by_office
// answers: the targets owned by an office or by any of its predecessors (following renamings and mergers of the lineage registry), with the unit that owned each as the plan names it, the reform that made it part of the office, and the owner's role
// param office: string, required — the unit's Chinese name, today's or a former one, e.g. 深圳市市场监督管理局
// columns: office, office_en, owner, owner_en, reform, reform_year:int, city, city_en, plan, plan_en, metric, metric_en, value:float, unit, comparator, year:int, role, derived:bool, text
// order: office, year, metric, owner
// example: office=深圳市市场监督管理局
MATCH (of:Department {name: $office})
MATCH (d)-[:SUCCEEDED_BY*0..]->(of)
MATCH (d)-[o:OWNS]->(t:Target)-[:IN_PLAN]->(p:Plan)-[:APPLIES_TO]->(c:City)
OPTIONAL MATCH (d)-[s:SUCCEEDED_BY]->(next)-[:SUCCEEDED_BY*0..]->(of)
WHERE d <> of
RETURN DISTINCT of.name AS office, of.display_en AS office_en, d.name AS owner, d.display_en AS owner_en, s.source AS reform,
       s.year AS reform_year, c.short_name AS city, c.display_en AS city_en, p.name AS plan, p.display_en AS plan_en,
       t.metric AS metric, t.metric_en + ' [generated]' AS metric_en, t.value AS value, t.unit AS unit, t.comparator AS comparator,
       t.year AS year, o.role AS role, o.derived AS derived, t.text AS text
