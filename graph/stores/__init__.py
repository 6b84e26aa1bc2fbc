"""Stores: write the built graph to Oxigraph, networkx, Neo4j or a SPARQL endpoint."""
