"""Reading the graph: the saved-query catalogue (`cypher/`), running saved and ad-hoc
queries on the read path, citations, the path search, and rows as tables, JSON or CSV.

This is the package's entry module: the CLI imports from here.
"""

from techkg.query.catalogue import get as saved_query
from techkg.query.catalogue import markdown as catalogue_markdown
from techkg.query.catalogue import questions
from techkg.query.formats import once_per_path, reference_list, render, width_of, wrap
from techkg.query.service import (
    card_json,
    cypher_params,
    entity_profile,
    nearest_names,
    parse_pairs,
    references,
    run_cypher,
    run_saved,
    search,
)

__all__ = ["card_json", "catalogue_markdown", "cypher_params", "entity_profile", "nearest_names",
           "once_per_path", "parse_pairs", "questions", "reference_list", "references",
           "render", "run_cypher", "run_saved", "saved_query", "search", "width_of", "wrap"]
