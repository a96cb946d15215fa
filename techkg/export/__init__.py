"""Exports other tools read, and the CSV import: the one entry module the CLI imports.

FORMATS is the registry (the CLI's `--format` choices come from it). Every exporter takes its
columns from the graph schema (techkg/graph_schema.yaml) and reads through
techkg.export.reads; a format's module is imported only when it is used (followthemoney
alone takes about a second to import).
"""

from __future__ import annotations

import importlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import BinaryIO

from techkg.errors import UsageError
from techkg.export.browser import instructions as browser_instructions
from techkg.export.browser import write_assets as write_browser_assets
from techkg.export.reads import Counts
from techkg.graph import Graph

__all__ = ["FORMATS", "Counts", "Format", "browser_instructions", "export", "import_csv",
           "write_browser_assets", "writer"]


@dataclass(frozen=True)
class Format:
    """One export format: `module` (in techkg.export) has `write(graph, out) -> Counts`,
    where `out` is a folder for a `folder` format, else a binary stream."""

    name: str
    description: str
    module: str
    folder: bool = False
    extra: str | None = None  # the package extra that installs what the module imports


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("ftm", "FollowTheMoney entities, JSON lines (Aleph, ftm)", "ftm", extra="ftm"),
    Format("csv", "neo4j-admin import CSV, one file per record kind, into a folder",
           "csv_files", folder=True),
    Format("graphml", "GraphML with typed attributes (Gephi, networkx, yEd)", "graphml"),
)}


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown export format {name!r}; expected one of: "
                         f"{', '.join(FORMATS)}") from None


def writer(fmt: str) -> ModuleType:
    """The format's module; a missing extra is a usage error (checked before connecting)."""
    f = get(fmt)
    try:
        return importlib.import_module(f"techkg.export.{f.module}")
    except ModuleNotFoundError as exc:
        if not f.extra or exc.name == f"techkg.export.{f.module}":
            raise
        raise UsageError(f"the {fmt} export needs the {exc.name} package, which is not "
                         f"installed: pip install 'techkg[{f.extra}]'") from exc


def export(graph: Graph, fmt: str, out: Path | BinaryIO) -> Counts:
    """Write the graph in `fmt` to `out`: a path (a folder for a folder format), or a binary
    stream such as stdout. A file appears whole or not at all."""
    module = writer(fmt)
    if FORMATS[fmt].folder:
        if not isinstance(out, Path):
            raise UsageError(f"the {fmt} export writes a folder of files; give a folder")
        return module.write(graph, out)
    if not isinstance(out, Path):
        return module.write(graph, out)
    with _whole_file(out) as stream:
        return module.write(graph, stream)


@contextmanager
def _whole_file(path: Path) -> Iterator[BinaryIO]:
    """A regular file is written beside its name and renamed when complete; a device or a
    pipe (/dev/stdout, a FIFO) is written directly."""
    try:
        special = not stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        special = False
    if special:
        with open(path, "wb") as stream:
            yield stream
        return
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "wb") as stream:
            yield stream
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def import_csv(graph: Graph, folder: Path) -> Counts:
    """Replace the graph with a CSV export (see techkg.export.csv_files; imported here when
    used, like the formats: it loads the write path)."""
    from techkg.export.csv_files import import_csv as run

    return run(graph, folder)
