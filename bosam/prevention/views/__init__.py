"""Pages of eviction prevention, split by sub-domain."""
