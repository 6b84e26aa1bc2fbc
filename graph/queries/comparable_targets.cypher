// name: comparable_targets
// answers: targets comparable across cities by indicator (local standards to issue, TC secretariats to win, group standards …): value, unit and year of each city side by side
// param indicator: indicator, optional — the indicator's Chinese or English name (local standards, 地方标准), e.g. 地方标准
// param city: city, optional — the plan's city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 青岛
// param year: int, optional — target year, e.g. 2020
// columns: indicator, indicator_en, city, city_en, year:int, comparator, value:float, unit, metric, metric_en, plan, plan_en
// order: indicator, year, city, value desc
// example: indicator=标准化技术组织秘书处
MATCH (t:Target)-[:HAS_INDICATOR]->(i:Indicator), (t)-[:IN_PLAN]->(p:Plan)-[:APPLIES_TO]->(c:City)
WHERE coalesce(t.is_fact, false) = false
  AND ($indicator IS NULL OR i.name = $indicator OR i.name_en = $indicator)
  AND ($city IS NULL OR c.short_name = $city)
  AND ($year IS NULL OR t.year = $year)
RETURN i.name AS indicator, i.display_en AS indicator_en, c.short_name AS city, c.display_en AS city_en, t.year AS year,
       t.comparator AS comparator, t.value AS value, t.unit AS unit, t.metric AS metric,
       t.metric_en + ' [generated]' AS metric_en, p.name AS plan, p.display_en AS plan_en
