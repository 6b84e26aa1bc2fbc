"""Stores: write the built graph to Oxigraph, Neo4j or a SPARQL endpoint, and the engines that query them.

`engines` holds the `Engine` protocol and the registry of the three adapters;
`sparql_binding` binds SPARQL parameters (terms convert through `stdkg.terms`).
"""
