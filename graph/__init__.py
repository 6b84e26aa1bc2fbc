"""stdkg: a knowledge graph of standards organisations built from Chinese standardization policy.

Data flows documents -> records -> entities -> graph -> stores -> questions -> views:
`stdkg.loaders` read documents and registries into `stdkg.records`; `stdkg.build`
turns records into one RDF graph shaped by `schema.ttl`; `stdkg.stores` write it
to Oxigraph, Neo4j or a remote SPARQL endpoint; `stdkg.queries` hold the named
analyst questions; `stdkg.views` draw HTML views and export graph files.
"""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("stdkg")
except PackageNotFoundError:
    __version__ = "0+unknown"

from stdkg.errors import StdkgError

__all__ = ["KnowledgeGraph", "StdkgError", "__version__"]


def __getattr__(name: str):
    """`stdkg.KnowledgeGraph` is imported on first use, so `import stdkg.records` stays light."""
    if name == "KnowledgeGraph":
        from stdkg.knowledge_graph import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'stdkg' has no attribute {name!r}")
