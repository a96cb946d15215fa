"""Which route a load takes: the one function the CLI calls.

Into an empty graph (a first load), or with `rebuild`, validation and writing run in one
pass (techkg.loaders.sync.first_load). Into a graph that holds records, only what changed is
validated against all and loaded (techkg.loaders.sync.incremental, which writes through
techkg.loaders.sync.load). Either way
one transaction: anything wrong in any file leaves the graph as it was.
"""

from __future__ import annotations

from pathlib import Path

from techkg.graph import Graph
from techkg.loaders.extract import articles, judgements
from techkg.loaders.sync.first_load import is_empty, load_first
from techkg.loaders.sync.incremental import load_changed
from techkg.loaders.sync.report import LoadReport, Progress, Validated
from techkg.loaders.sync.spill import PER_PART


def load_files(graph: Graph, files: list[Path], articles_dir: Path | None = None, *,
               prune: bool = False, rebuild: bool = False, progress: Progress | None = None,
               validated: Validated | None = None, per_part: int = PER_PART) -> LoadReport:
    """Validate `files` and load them in one transaction (see the module doc).

    `validated(result)` is called once the files are checked, before anything commits (the
    CLI prints the issues there); errors then raise ValidationFailed, marked as listed when
    `validated` was given. `per_part`: how many articles' claims a first load plans at
    once (techkg.loaders.sync.spill)."""
    texts = articles.available(articles_dir)
    resolutions = judgements.read(judgements.resolutions_file(files))
    if not rebuild and not graph.read_tx(is_empty):
        return load_changed(graph, files, articles_dir, texts, prune, progress, validated,
                            resolutions)
    return load_first(graph, files, articles_dir, texts, resolutions, rebuild, progress,
                      validated, per_part)
