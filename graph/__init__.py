"""stdkg: a knowledge graph of standards organisations built from Chinese city standardization policy.

Data flows documents -> records -> graph -> stores -> queries -> views:
`graph.loaders` read documents and registries into `graph.records`; `graph.build`
turns records into one RDF graph shaped by `schema.ttl`; `graph.stores` write it
to Oxigraph, networkx, Neo4j or a remote SPARQL endpoint; `graph.queries` hold the
named analyst questions; `graph.views` export HTML network views and graph files.
"""
