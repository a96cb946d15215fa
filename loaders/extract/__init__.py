"""Extracts as files: the YAML source (with line and column of every value), the extract
model, the evidence rules, validation, cross-file checks, likely duplicates, article texts.

This is the package's entry module: the CLI and the sync package import from here.
"""

from techkg.loaders.extract.articles import articles_dir
from techkg.loaders.extract.validation import extract_files, unreviewed_items, validate
from techkg.loaders.extract.yaml_source import printable

__all__ = ["articles_dir", "extract_files", "printable", "unreviewed_items", "validate"]
