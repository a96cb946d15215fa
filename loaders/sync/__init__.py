"""Bringing the graph in line with the extracts: the route a load takes (pipeline: a first
load in one pass, or only what changed), the planning inputs, what the graph holds (state),
what to skip, the pure plan of changes, the records it writes, and the one module of write
statements.

This is the package's entry module: `load_files` is the one load the CLI calls.
"""

from techkg.loaders.sync.pipeline import load_files

__all__ = ["load_files"]
