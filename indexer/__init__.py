"""podnotes: full-text search over podcast episode notes (importer, index and search API)."""

__version__ = "0.1.0"
