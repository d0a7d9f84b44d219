"""The register's pages, one module per kind of record (and the import)."""
