// name: targets_without_owner
// answers: targets (not achievements) that no department owns by a stated clause (with inferred=true: that no unit owns, stated or inferred)
// param city: city, optional — the plan's city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 广州
// param inferred: bool, optional — count inferred owners too (a target with only inferred owners is then owned); default false
// columns: city, city_en, plan, plan_en, metric, metric_en, value:float, unit, comparator, year:int, text
// order: city, plan, year, metric
// example: city=深圳
MATCH (t:Target)-[:IN_PLAN]->(p:Plan)-[:APPLIES_TO]->(c:City)
WHERE coalesce(t.is_fact, false) = false
  AND NOT EXISTS { (t)<-[o:OWNS]-() WHERE o.basis = 'stated' OR coalesce($inferred, false) }
  AND ($city IS NULL OR c.short_name = $city)
RETURN c.short_name AS city, c.display_en AS city_en, p.name AS plan, p.display_en AS plan_en,
       t.metric AS metric, t.metric_en + ' [generated]' AS metric_en, t.value AS value, t.unit AS unit,
       t.comparator AS comparator, t.year AS year, t.text AS text
