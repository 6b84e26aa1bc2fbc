"""Every Cypher statement the Neo4j loader sends, in one place.

Labels and relationship types cannot be query parameters, so the templates
take them through `str.format`; `neo4j_store` fills them only with names from
schema.ttl that it has checked to be plain identifiers. All values travel as
parameters (`$rows`, `$limit`).
"""

MERGE_NODES = "UNWIND $rows AS row MERGE (n:{label} {{iri: row.iri}}) SET n += row.props"

MERGE_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    "MATCH (a:{source_label} {{iri: row.src}}) "
    "MATCH (b:{target_label} {{iri: row.dst}}) "
    "MERGE (a)-[r:{rel_type} {{key: row.key}}]->(b) SET r += row.props"
)

DELETE_SOME_NODES = "MATCH (n) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"

SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties"

SHOW_INDEXES = (
    "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint "
    "WHERE owningConstraint IS NULL AND type <> 'LOOKUP' "
    "RETURN name, type, labelsOrTypes, properties"
)

DROP_CONSTRAINT = "DROP CONSTRAINT {name} IF EXISTS"

DROP_INDEX = "DROP INDEX {name} IF EXISTS"

COUNT_NODES = "MATCH (n) RETURN count(n) AS n"

COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS n"
