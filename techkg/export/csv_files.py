"""The CSV round trip: the export (`neo4j-admin database import` layout) and `import-csv`.

One file per record kind that the graph schema gives a `file` (entities, articles, the
per-article Declaration records, facts with their per-article claims, and MENTIONS), so an
export holds the whole graph and the import restores it exactly. Columns and types come from
the schema. Arrays are joined with ARRAY_DELIMITER (pass `--array-delimiter='|'` to
neo4j-admin); a value that contains it cannot round-trip and is refused at export.

The import reads and checks every file (encoding, header, columns, vocabulary, types, keys
twice, dangling ends) and reports every error with file:line before anything is sent; then
the graph is emptied and written in ONE transaction through the same writes as a load
(techkg.loaders.sync.writes), so a failed import leaves the old graph.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from techkg.errors import TechKGError
from techkg.export.reads import Counts, read_graph
from techkg.graph import Graph
from techkg.graph_schema import Kind, graph_schema
from techkg.loaders.extract import resolve
from techkg.loaders.sync import writes
from techkg.loaders.sync.plan import WritePlan
from techkg.loaders.sync.records import fact_id
from techkg.vocabulary import vocabulary

ARRAY_DELIMITER = "|"
# Python's csv refuses fields over 131,072 characters, but an entity in ~3,500 articles has
# longer ones (its quotes, its sources). The bound stays, far above any export's field,
# so that a file that is not an export (one unbalanced quote) fails at its line, not in memory.
FIELD_LIMIT = 64 * 1024 * 1024
MAX_LISTED = 200  # errors printed; the rest are counted (a wrong file has one per line)


@dataclass(frozen=True)
class NodeFile:
    """A node kind's file: `key:ID(Label)`, `:LABEL`, then one typed column per property."""

    kind: Kind

    @property
    def file(self) -> str:
        return self.kind.file or ""

    @property
    def label(self) -> str:
        return self.kind.name

    @property
    def columns(self) -> list:
        return [p for p in self.kind.props if p.name != self.kind.key]

    def header(self) -> list[str]:
        return ([f"{self.kind.key}:ID({self.label})", ":LABEL"]
                + [column(p.name, p.type) for p in self.columns])


@dataclass(frozen=True)
class RelFile:
    """A relationship kind's file: `:START_ID`, `:END_ID`, `:TYPE`, then its properties."""

    kind: Kind

    @property
    def file(self) -> str:
        return self.kind.file or ""

    @property
    def start(self) -> str:
        return self.kind.start or ""

    @property
    def end(self) -> str:
        return self.kind.end or ""

    def header(self) -> list[str]:
        return ([f":START_ID({self.start})", f":END_ID({self.end})", ":TYPE"]
                + [column(p.name, p.type) for p in self.kind.props])


def node_files() -> list[NodeFile]:
    return [NodeFile(k) for k in graph_schema().nodes.values() if k.file]


def rel_files() -> list[RelFile]:
    return [RelFile(k) for k in graph_schema().relationships.values() if k.file]


def column(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


# -- export ------------------------------------------------------------------------------------
def encode(where: str, name: str, kind: str, value: Any) -> str:
    """One cell; None (absent) is the empty cell."""
    if value is None:
        return ""
    if kind == "string[]":
        for item in value:
            # an empty item is kept ("a||b"), except as the only one: [""] would read as []
            if ARRAY_DELIMITER in item or (item == "" and len(value) == 1):
                raise TechKGError(f"{where}: property {name!r} holds {item[:60]!r}, which the "
                                  f"CSV layout cannot keep (arrays are joined with "
                                  f"{ARRAY_DELIMITER!r}); use another export format")
        cell = ARRAY_DELIMITER.join(value)
    elif kind == "boolean":
        cell = "true" if value else "false"
    else:
        cell = str(value)
    if len(cell) > FIELD_LIMIT:
        raise TechKGError(f"{where}: property {name!r} is {len(cell):,} characters long, over "
                          f"the {FIELD_LIMIT:,} the CSV import reads")
    return cell


def _check_known(where: str, props: dict[str, Any], names: list[str]) -> None:
    extra = sorted(set(props) - set(names))
    if extra:
        raise TechKGError(f"{where}: properties {', '.join(extra)} are not in the graph schema "
                          "(techkg/graph_schema.yaml); the CSV export would lose them")


def node_rows(nf: NodeFile, records: list) -> Iterator[list[str]]:
    key = nf.kind.key or ""
    for r in records:
        where = f"{nf.label} {r.props.get(key)!r}"
        _check_known(where, r.props, nf.kind.names)
        yield ([r.props[key], ARRAY_DELIMITER.join(r.labels)]
               + [encode(where, p.name, p.type, r.props.get(p.name)) for p in nf.columns])


def rel_rows(rf: RelFile, records: list) -> Iterator[list[str]]:
    for r in records:
        where = f"relationship {r.start}-[{r.type}]->{r.end}"
        _check_known(where, r.props, rf.kind.names)
        yield ([r.start, r.end, r.type]
               + [encode(where, p.name, p.type, r.props.get(p.name)) for p in rf.kind.props])


def write(graph: Graph, folder: Path) -> Counts:
    """Every record of the graph into `folder`, one file per kind, sorted by key. Each file
    is written beside its final name and renamed once all are written: a refused value
    leaves the folder as it was."""
    nfs, rfs = node_files(), rel_files()
    records = read_graph(graph, [n.label for n in nfs], [r.kind.name for r in rfs])
    folder.mkdir(parents=True, exist_ok=True)
    with _replacing(folder) as temp:
        for nf in nfs:
            _write_file(temp(nf.file), nf.header(), node_rows(nf, records.nodes[nf.label]))
        for rf in rfs:
            _write_file(temp(rf.file), rf.header(), rel_rows(rf, records.rels[rf.kind.name]))
    return Counts(len(records.nodes.get("Entity", [])), len(records.rels.get("fact", [])))


@contextmanager
def _replacing(folder: Path) -> Iterator[Any]:
    done: list[tuple[Path, Path]] = []

    def temp(name: str) -> Path:
        path = folder / f".{name}.partial"
        done.append((path, folder / name))
        return path

    try:
        yield temp
    except BaseException:
        for partial, _ in done:
            partial.unlink(missing_ok=True)
        raise
    for partial, final in done:
        os.replace(partial, final)


def _write_file(path: Path, header: list[str], rows: Iterator[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# -- import ------------------------------------------------------------------------------------
@dataclass
class Problems:
    """Every error found in the files, each `file:line: what`, in file and line order."""

    lines: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.lines.append(f"{where}: {message}")

    def raise_any(self) -> None:
        if not self.lines:
            return
        if len(self.lines) == 1:
            raise TechKGError(self.lines[0])
        listed = self.lines[:MAX_LISTED]
        more = len(self.lines) - len(listed)
        error = TechKGError(f"{len(self.lines)} errors in the CSV export; nothing was imported:")
        error.details = (*listed, *([f"(and {more} more)"] if more else []))
        raise error


class _Bad(Exception):
    """A cell that does not decode; the caller adds its file:line."""


def decode(name: str, kind: str, always: bool, raw: str) -> Any:
    """A cell back to its value; None means the property is absent."""
    if kind == "string[]":
        return raw.split(ARRAY_DELIMITER) if raw else ([] if always else None)
    if raw == "":
        return None
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise _Bad(f"{name!r} must be an integer, got {raw[:40]!r}") from None
    if kind == "boolean":
        if raw not in ("true", "false"):
            raise _Bad(f"{name!r} must be true or false, got {raw[:40]!r}")
        return raw == "true"
    return raw


def _text(path: Path, problems: Problems) -> tuple[str, set[int]] | None:
    """The file as text, and the lines with bytes that are not UTF-8 (each an error)."""
    if not path.is_file():
        problems.add(str(path), "not found (expected a CSV export of the graph)")
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), set()
    except UnicodeDecodeError:
        pass
    bad = set()
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad.add(number)
            problems.add(f"{path}:{number}", f"byte 0x{line[exc.start]:02x} at column "
                         f"{exc.start + 1} is not UTF-8 (the export is written in UTF-8)")
    return data.decode("utf-8", errors="replace"), bad


@dataclass(frozen=True)
class Row:
    """One row with the right number of cells; `clean` is False when a line of it was not
    UTF-8 (already reported: its cells are not checked again, its key still counts)."""

    where: str
    cells: list[str]
    clean: bool


def _rows(path: Path, expected: list[str], problems: Problems) -> Iterator[Row]:
    """Every row with the right number of cells; every malformed one is a problem."""
    read = _text(path, problems)
    if read is None:
        return
    text, bad = read
    reader = csv.reader(io.StringIO(text, newline=""))  # rows end at \n only, not U+2028
    old = csv.field_size_limit(FIELD_LIMIT)
    try:
        header = next(reader, [])
        if header != expected:
            problems.add(f"{path}:1", f"expected the header {','.join(expected)}")
            return
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                what = (f"a field longer than {FIELD_LIMIT:,} characters"
                        if "field limit" in str(exc) else f"not valid CSV ({exc})")
                problems.add(f"{path}:{line}", what)
                continue
            clean = not bad.intersection(range(line, reader.line_num + 1))
            if len(row) != len(expected):
                if clean:
                    problems.add(f"{path}:{line}", f"expected {len(expected)} columns, "
                                 f"found {len(row)}")
                continue
            yield Row(f"{path}:{line}", row, clean)
    finally:
        csv.field_size_limit(old)


def _props(where: str, cols: list, cells: list[str], first: dict[str, Any],
           problems: Problems) -> dict[str, Any] | None:
    props, ok = dict(first), True
    for p, raw in zip(cols, cells, strict=True):
        try:
            value = decode(p.name, p.type, p.always, raw)
        except _Bad as exc:
            problems.add(where, str(exc))
            ok = False
            continue
        if value is not None:
            props[p.name] = value
    return props if ok else None


@dataclass
class NodeRows:
    """A node file's good rows as (second label or '', properties), and every key in it
    (also of rows with errors, so their relationships are not reported as dangling)."""

    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


def read_nodes(folder: Path, nf: NodeFile, problems: Problems) -> NodeRows:
    v, key = vocabulary(), nf.kind.key or ""
    out = NodeRows()
    first: dict[str, str] = {}  # key -> line: a key twice would be refused by the server
    for r in _rows(folder / nf.file, nf.header(), problems):
        row = r.cells
        if row[0] in first:
            problems.add(r.where, f"{key} {row[0]!r} is on line {first[row[0]]} already")
            continue
        first[row[0]] = r.where.rsplit(":", 1)[1]
        out.keys.add(row[0])
        if not r.clean:
            continue
        labels = row[1].split(ARRAY_DELIMITER)
        extra = [lb for lb in labels if lb != nf.label]
        if nf.label == "Entity" and (labels[0] != "Entity" or len(extra) != 1
                                     or extra[0] not in v.entity_types):
            problems.add(r.where, f"unknown entity type {(extra or [''])[0]!r}")
            continue
        if nf.label != "Entity" and labels != [nf.label]:
            problems.add(r.where, f"expected the label {nf.label!r}, found {row[1]!r}")
            continue
        props = _props(r.where, nf.columns, row[2:], {key: row[0]}, problems)
        if props is not None:
            out.rows.append((extra[0] if extra else "", props))
    return out


@dataclass(frozen=True)
class RelRow:
    where: str
    start: str
    end: str
    type: str
    props: dict[str, Any]


def read_rels(folder: Path, rf: RelFile, problems: Problems) -> list[RelRow]:
    v = vocabulary()
    out = []
    seen: dict[tuple[str, str, str], str] = {}
    for r in _rows(folder / rf.file, rf.header(), problems):
        start, end, rtype = r.cells[:3]
        if (start, rtype, end) in seen:
            problems.add(r.where, f"{start}-[{rtype}]->{end} is on line "
                         f"{seen[start, rtype, end]} already")
            continue
        seen[start, rtype, end] = r.where.rsplit(":", 1)[1]
        if not r.clean:
            continue
        if rf.kind.name == "fact" and rtype not in v.relationship_types:
            problems.add(r.where, f"unknown relationship type {rtype!r}")
            continue
        if rf.kind.name != "fact" and rtype != rf.kind.name:
            problems.add(r.where, f"expected the type {rf.kind.name!r}, found {rtype!r}")
            continue
        props = _props(r.where, list(rf.kind.props), r.cells[3:], {}, problems)
        if props is not None:
            out.append(RelRow(r.where, start, end, rtype, props))
    return out


def import_csv(graph: Graph, folder: Path) -> Counts:
    """Replace the graph with the export in `folder`; counts of entities and relationships."""
    if not folder.is_dir():
        raise TechKGError(f"{folder}: not a folder (expected a CSV export of the graph)")
    problems = Problems()
    read = {nf.label: read_nodes(folder, nf, problems) for nf in node_files()}
    rels = {rf.kind.name: read_rels(folder, rf, problems) for rf in rel_files()}
    files = {nf.label: folder / nf.file for nf in node_files()}
    for rf in rel_files():
        for r in rels[rf.kind.name]:
            for value, label in ((r.start, rf.start), (r.end, rf.end)):
                if value not in read[label].keys:
                    problems.add(r.where, f"{label.lower()} {value!r} is not in {files[label]}")
    problems.raise_any()
    nodes = {label: rows.rows for label, rows in read.items()}
    return _write(graph, nodes, rels)


WRITTEN = ({"Entity", "Article", "Declaration"}, {"fact", "MENTIONS"})


def _write(graph: Graph, nodes: dict[str, list[tuple[str, dict[str, Any]]]],
           rels: dict[str, list[RelRow]]) -> Counts:
    """The checked rows as the load's WritePlan (into an emptied graph), in one transaction."""
    if (set(nodes), set(rels)) != WRITTEN:  # a kind given a file in the schema since
        raise TechKGError(f"the CSV import writes {sorted(WRITTEN[0] | WRITTEN[1])}; the graph "
                          f"schema exports {sorted(set(nodes) | set(rels))}")
    the_plan = WritePlan(wipe=True)
    for label, props in nodes["Entity"]:
        the_plan.create_entities[label].append({"id": props["id"], "props": props})
    the_plan.upsert_articles = [{"id": p["id"], "props": p} for _, p in nodes["Article"]]
    the_plan.create_decls = [p for _, p in nodes["Declaration"]]
    the_plan.add_mentions = [{"a": m.start, "e": m.end} for m in rels["MENTIONS"]]
    claimed: dict[str, list[str]] = {}
    for f in rels["fact"]:
        the_plan.create_facts[f.type].append({"s": f.start, "o": f.end, "props": f.props})
        the_plan.move((f.start, f.type, f.end), None,
                      (f.type, f.props["status"], f.props["source_count"],
                       resolve.month(resolve.timeline_date(f.props))))
        for article in f.props["sources"]:
            claimed.setdefault(article, []).append(fact_id((f.start, f.type, f.end)))
    the_plan.article_facts = [{"id": p["id"], "facts": sorted(claimed.get(p["id"], []))}
                              for _, p in nodes["Article"]]
    writes.ensure_schema(graph)
    graph.write_tx(lambda tx: writes.apply(tx, [the_plan]))
    return Counts(len(nodes["Entity"]), len(rels["fact"]))
