"""stdkg: a knowledge graph of standards organisations built from Chinese standardization policy.

Data flows documents -> records -> entities -> graph -> stores -> questions -> views:
`stdkg.loaders` read documents and registries into `stdkg.records`; `stdkg.build`
turns records into one RDF graph shaped by `schema.ttl`; `stdkg.stores` write it
to Oxigraph, Neo4j or a remote SPARQL endpoint; `stdkg.queries` hold the named
analyst questions; `stdkg.views` draw HTML views and export graph files.
"""
