// name: targets_vs_achievements
// answers: was the target met? each target of a city with its owners (stated first), next to the latest achievement reported for the same indicator, city and unit (latest year, then the largest figure) — met, not met, not yet due (reported before the target year and not yet met) or no report — with the evidence of both sides
// param city: city, required — the city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 深圳
// param indicator: indicator, optional — the indicator's Chinese or English name, e.g. 制修订标准
// param owner: department, optional — the owning unit's name: full or short Chinese, English or alias, e.g. 深圳市市场和质量监督管理委员会
// columns: city, city_en, indicator, indicator_en, metric, metric_en, comparator, value:float, unit, year:int, owner, owner_en, stated:bool, status, reported_metric, reported_metric_en, reported_value:float, reported_year:int, target_doc, target_quote, reported_doc, reported_quote
// order: indicator, year, metric, value, stated desc, owner
// example: city=深圳; indicator=制修订标准
MATCH (t:Target)-[:IN_PLAN]->(:Plan)-[:APPLIES_TO]->(c:City {short_name: $city})
OPTIONAL MATCH (t)-[:HAS_INDICATOR]->(i:Indicator)
WITH t, c, i
WHERE $indicator IS NULL OR i.name = $indicator OR i.name_en = $indicator
OPTIONAL MATCH (d)-[o:OWNS]->(t)
WITH t, c, i, d, o
WHERE $owner IS NULL OR d.name = $owner
CALL (t, c, i) {
  OPTIONAL MATCH (a:Achievement)-[:HAS_INDICATOR]->(i), (a)-[:IN_PLAN]->(:Plan)-[:APPLIES_TO]->(c)
  WHERE a.year IS NOT NULL AND coalesce(a.unit, '') = coalesce(t.unit, '')
  RETURN a ORDER BY a.year DESC, a.value DESC, a.quote ASC LIMIT 1
}
RETURN DISTINCT c.short_name AS city, c.display_en AS city_en, i.name AS indicator, i.display_en AS indicator_en,
       t.metric AS metric, t.metric_en + ' [generated]' AS metric_en, t.comparator AS comparator,
       t.value AS value, t.unit AS unit, t.year AS year, d.name AS owner, d.display_en AS owner_en, NOT o.derived AS stated,
       CASE WHEN a IS NULL THEN 'no report'
            WHEN (t.comparator = '<=' AND a.value <= t.value) OR (t.comparator <> '<=' AND a.value >= t.value) THEN 'met'
            WHEN t.year IS NOT NULL AND a.year < t.year THEN 'not yet due'
            ELSE 'not met' END AS status,
       a.metric AS reported_metric, a.metric_en + ' [generated]' AS reported_metric_en, a.value AS reported_value, a.year AS reported_year,
       t.doc AS target_doc, t.quote AS target_quote, a.doc AS reported_doc, a.quote AS reported_quote
