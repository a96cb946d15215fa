"""techkg: an investigative knowledge graph of PRC foreign-technology acquisition."""

__version__ = "0.1.0"
