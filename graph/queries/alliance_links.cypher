// name: alliance_links
// answers: alliances with their members (founder or member, with the evidence: the quote and document it was read from, or the source of a curated entry), and what links each to a city (located there, named in its plan), a committee or a standard (named in the same section, cited by a plan that names the alliance, a member holding the committee's secretariat)
// param alliance: string, optional — the alliance's name, e.g. 3D显示标准联盟
// columns: alliance, alliance_en, link, other, other_en, other_type, role, doc, evidence
// order: alliance, link, other_type, other
// example:
MATCH (a:Alliance)
WHERE $alliance IS NULL OR a.name = $alliance
CALL (a) {
  MATCH (a)-[m:HAS_MEMBER]->(x)
  RETURN 'member' AS link, x, m.role AS role, m.doc AS doc, coalesce(m.quote, m.source) AS evidence
  UNION
  MATCH (a)-[:LOCATED_IN]->(x) RETURN 'located in' AS link, x, null AS role, null AS doc, null AS evidence
  UNION
  MATCH (a)-[:MENTIONED_IN]->(:Section)-[:IN_PLAN]->(:Plan)-[:APPLIES_TO]->(x)
  RETURN 'named in a plan of' AS link, x, null AS role, null AS doc, null AS evidence
  UNION
  MATCH (a)-[:MENTIONED_IN]->(:Section)<-[:MENTIONED_IN]-(x)
  WHERE x:TechnicalCommittee OR x:Standard
  RETURN 'named in the same section' AS link, x, null AS role, null AS doc, null AS evidence
  UNION
  MATCH (a)-[:MENTIONED_IN]->(:Section)-[:IN_PLAN]->(:Plan)-[:CITES]->(x)
  RETURN 'cited by a plan naming it' AS link, x, null AS role, null AS doc, null AS evidence
  UNION
  MATCH (a)-[:HAS_MEMBER]->()<-[:HAS_SECRETARIAT]-(x)
  RETURN 'a member holds its secretariat' AS link, x, null AS role, null AS doc, null AS evidence
}
UNWIND labels(x) AS other_type
RETURN DISTINCT a.name AS alliance, a.display_en AS alliance_en, link, x.name AS other, x.display_en AS other_en, other_type, role, doc, evidence
