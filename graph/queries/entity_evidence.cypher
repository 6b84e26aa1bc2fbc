// name: entity_evidence
// answers: everything the graph says about one entity — each relationship in either direction with the entity at the other end, and the evidence (document, section path, quote, offset) of the entity itself, its responsibilities, ownerships and mentions
// param entity: entity, required — the entity's name: Chinese name, or the code of a standard or committee, e.g. ISO 37120
// columns: entity, entity_en, entity_type, relation, direction, other, other_en, doc, section, quote, start:int
// order: entity, entity_type, relation, direction, other, doc, start
// example: entity=ISO 37120
MATCH (e) WHERE e.name = $entity
CALL (e) {
  WITH e WHERE e.doc IS NOT NULL
  RETURN 'EVIDENCE' AS relation, '' AS direction, null AS o, e.doc AS doc, e.section AS section, e.quote AS quote,
         e.start AS start
  UNION ALL
  MATCH (e)-[r]->(o)
  RETURN type(r) AS relation, 'out' AS direction, o, r.doc AS doc, r.section AS section, r.quote AS quote,
         r.start AS start
  UNION ALL
  MATCH (e)<-[r]-(o)
  RETURN type(r) AS relation, 'in' AS direction, o, r.doc AS doc, r.section AS section, r.quote AS quote,
         r.start AS start
}
UNWIND labels(e) AS entity_type
RETURN e.name AS entity, e.display_en AS entity_en, entity_type, relation, direction, o.name AS other,
       o.display_en AS other_en, doc, section, quote, start
