"""Extracts as files: the YAML source (with line and column of every value), the extract
model, the evidence rules, validation, cross-file checks, likely duplicates, article texts,
and the recorded resolution decisions (`resolutions.yaml`) with the candidates `xref` lists.

This is the package's entry module: the CLI and the sync package import from here.
"""

from techkg.loaders.extract.articles import articles_dir
from techkg.loaders.extract.validation import extract_files, unreviewed_items, validate
from techkg.loaders.extract.xref import COLUMNS as XREF_COLUMNS
from techkg.loaders.extract.xref import judge_extracts, xref
from techkg.loaders.extract.yaml_source import printable

__all__ = ["XREF_COLUMNS", "articles_dir", "extract_files", "judge_extracts", "printable",
           "unreviewed_items", "validate", "xref"]
