// name: targets_by_office
// answers: the targets owned by an office or by any of its predecessors (following renamings and mergers of the lineage registry), with the unit that owned each as the plan names it, the reform that made it part of the office, and the owner's role
// param office: string, required — the unit's Chinese name, today's or a former one, e.g. 深圳市市场监督管理局
// columns: office, owner, reform, reform_year:int, city, plan, metric, value:float, unit, comparator, year:int, role, derived:bool, text
// order: office, year, metric, owner
// example: office=深圳市市场监督管理局
MATCH (of:Department {name: $office})
MATCH (d)-[:SUCCEEDED_BY*0..]->(of)
MATCH (d)-[o:OWNS]->(t:Target)-[:IN_PLAN]->(p:Plan)-[:APPLIES_TO]->(c:City)
OPTIONAL MATCH (d)-[s:SUCCEEDED_BY]->(next)-[:SUCCEEDED_BY*0..]->(of)
WHERE d <> of
RETURN DISTINCT of.name AS office, d.name AS owner, s.source AS reform, s.year AS reform_year, c.short_name AS city,
       p.doc_id AS plan, t.metric AS metric, t.value AS value, t.unit AS unit, t.comparator AS comparator,
       t.year AS year, o.role AS role, o.derived AS derived, t.text AS text
