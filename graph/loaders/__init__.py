"""Loaders: documents and registries to records. They know no database."""
