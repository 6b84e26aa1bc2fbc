// name: city_profile_targets_by_year
// answers: a city profile: the city's targets by target year, how many of them some unit owns (by a stated clause; with inferred=true, stated or inferred), and how many count towards a comparable indicator
// param city: city, required — the city, any written form (深圳, 深圳市, Shenzhen, 440300), e.g. 青岛
// param inferred: bool, optional — count inferred owners too; default false (stated owners only)
// columns: city, city_en, year:int, targets:int, owned:int, with_indicator:int
// order: city, year
// example: city=深圳
MATCH (c:City {short_name: $city})<-[:APPLIES_TO]-(:Plan)<-[:IN_PLAN]-(t:Target)
WHERE coalesce(t.is_fact, false) = false
RETURN c.short_name AS city, c.display_en AS city_en, t.year AS year, count(t) AS targets,
       sum(CASE WHEN EXISTS { (t)<-[o:OWNS]-() WHERE o.basis = 'stated' OR coalesce($inferred, false) } THEN 1 ELSE 0 END) AS owned,
       sum(CASE WHEN EXISTS { (t)-[:HAS_INDICATOR]->() } THEN 1 ELSE 0 END) AS with_indicator
