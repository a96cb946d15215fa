"""The `techkg` command line. Parses arguments and prints; the work lives in techkg.*."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperArgument, TyperGroup

from techkg.errors import TechKGError
from techkg.export import FORMATS


class _Argument(TyperArgument):
    """An argument as click writes it, `NAME` or `[PATH]...`, with no `<type>` after it and
    no braces (Typer's own style): every argument here has a plain metavar and a help text."""

    def display_type(self, ctx):  # type: ignore[no-untyped-def]
        return ""

    def display_type_rich(self, ctx):  # type: ignore[no-untyped-def]
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class _Group(TyperGroup):
    """Turns the project's own errors into one line on stderr and an exit code, and Ctrl-C
    into one line and exit code 130 (loads and imports are one transaction: an interrupted
    one wrote nothing)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            for param in command.params:
                if type(param) is TyperArgument:
                    param.__class__ = _Argument

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        from techkg.cli import errors

        try:
            return super().invoke(ctx)
        except TechKGError as exc:
            if not _after_interrupt(exc):
                typer.echo(f"Error: {errors.message(exc, ctx.invoked_subcommand)}", err=True)
                raise typer.Exit(errors.exit_code(exc)) from None
            typer.echo(errors.interrupted(ctx.invoked_subcommand), err=True)
            raise typer.Exit(errors.INTERRUPTED) from None
        except KeyboardInterrupt:
            typer.echo(errors.interrupted(ctx.invoked_subcommand), err=True)
            raise typer.Exit(errors.INTERRUPTED) from None


def _after_interrupt(exc: BaseException) -> bool:
    """Whether `exc` was raised while a Ctrl-C was being handled: a connection torn down by
    the interrupt can fail in the driver, and the user should still hear "interrupted"."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _typer(help_text: str, completion: bool = False) -> typer.Typer:
    return typer.Typer(cls=_Group, help=help_text, no_args_is_help=True,
                       pretty_exceptions_enable=False, add_completion=completion,
                       rich_markup_mode=None)  # plain one-line usage errors


app = _typer("techkg: a knowledge graph of how the PRC acquires foreign technology.",
             completion=True)
engine_app = _typer("Start, stop and inspect the local engine (the embedded default graph).")
app.add_typer(engine_app, name="engine")


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", metavar="table|json|csv",
    help="Output format: an 80-column table, a JSON array, or CSV with a header row.")]
ParamsOpt = Annotated[list[str] | None, typer.Option(
    "--param", "-p", metavar="KEY=VALUE",
    help="Query parameter (repeatable), typed as the query's header declares; "
         "`techkg queries NAME` lists them.")]
CypherParamsOpt = Annotated[list[str] | None, typer.Option(
    "--param", "-p", metavar="KEY[:TYPE]=VALUE",
    help="Parameter $KEY (repeatable): a string unless TYPE says int, float, bool, date, "
         "list or json; one the statement does not use is an error.")]
PathsArg = Annotated[list[Path] | None, typer.Argument(
    metavar="PATH", show_default=False,
    help="Extract files or directories (default: ./extracts).")]
ArticlesOpt = Annotated[Path | None, typer.Option(
    "--articles", metavar="DIR", exists=True, file_okay=False,
    help="Directory of article texts for the verbatim-quote check "
         "(default: TECHKG_ARTICLES, else ./articles).")]
EntityArg = Annotated[str, typer.Argument(
    metavar="NAME", help="Entity name, alias, Chinese name or id (case-insensitive).")]


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"techkg {version('techkg')}")
        raise typer.Exit()


@app.callback()
def _settings(
    ctx: typer.Context,
    uri: Annotated[str | None, typer.Option(
        metavar="URI", help="Bolt URI (bolt://, neo4j://, neo4j+s://); env TECHKG_URI. "
                            "Default: the local engine.")] = None,
    user: Annotated[str | None, typer.Option(
        metavar="NAME", help="User name; env TECHKG_USER.")] = None,
    password: Annotated[str | None, typer.Option(
        metavar="SECRET", help="Password; env TECHKG_PASSWORD.")] = None,
    database: Annotated[str | None, typer.Option(
        metavar="NAME", help="Database; env TECHKG_DATABASE.")] = None,
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_show_version,
        help="Show the version and exit.")] = False,
) -> None:
    from techkg.graph import Settings

    ctx.obj = Settings.resolve(uri, user, password, database)


def _say(message: str) -> None:
    """Progress lines (what a start or a lock is waiting for) go to stderr."""
    typer.echo(f"{message}...", err=True)


def _graph(ctx: typer.Context):  # type: ignore[no-untyped-def]
    """The configured graph; the local engine is started first when no URI is set."""
    from techkg.graph import connect

    return connect(ctx.obj, progress=_say)


def _writing(graph):  # type: ignore[no-untyped-def]
    """Hold the writer lock of `graph` (loads, imports, ad-hoc writes run one at a time)."""
    from techkg.local import writer_lock

    return writer_lock(graph.target, on_wait=_say)


def _output_path(path: Path, folder: bool = False) -> Path:
    """Refuse an output path that cannot be written, before connecting or querying."""
    from techkg.errors import UsageError

    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: folder {path.parent} does not exist")
    if folder and path.exists() and not path.is_dir():
        raise UsageError(f"cannot write into {path}: it is a file, not a folder")
    if not folder and path.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder; give a file name")
    return path


def _print_rows(rows, fmt: Format) -> None:  # type: ignore[no-untyped-def]
    from techkg.query import render

    typer.echo(render(rows.columns, rows.records, fmt.value))
    if rows.cut_at is not None:  # in the table; beside JSON and CSV, so they stay parseable
        typer.echo(f"(more rows match: the listing stops at its limit of {rows.cut_at}; "
                   "raise the limit to see them)", err=fmt is not Format.table)


# -- local engine ----------------------------------------------------------------------------
@engine_app.command("start")
def engine_start() -> None:
    """Start the local engine (if it is not running) and wait until it answers Cypher."""
    from techkg.local import LocalEngine

    info = LocalEngine().start(progress=_say)
    typer.echo(f"Local engine running at {info.uri} (pid {info.pid}, data {info.data_dir}).")


@engine_app.command("stop")
def engine_stop() -> None:
    """Stop the local engine; its data stays for the next start."""
    from techkg.local import LocalEngine

    stopped = LocalEngine().stop()
    typer.echo("Local engine stopped." if stopped else "Local engine was not running.")


@engine_app.command("restart")
def engine_restart() -> None:
    """Stop the local engine (even one that no longer answers) and start it again."""
    from techkg.local import LocalEngine

    info = LocalEngine().restart(progress=_say)
    typer.echo(f"Local engine running at {info.uri} (pid {info.pid}, data {info.data_dir}).")


@engine_app.command("status")
def engine_status(as_json: Annotated[bool, typer.Option(
        "--json", help="JSON output (state, uri, pid, data_dir, version).")] = False) -> None:
    """Show whether the local engine runs, where, and its data directory."""
    import json

    from techkg.local import LocalEngine

    info = LocalEngine().info()
    if as_json:
        typer.echo(json.dumps(info.as_dict(), indent=2))
    else:
        where = f" at {info.uri} (pid {info.pid})" if info.state == "running" else ""
        typer.echo(f"Local engine {info.state}{where}; data {info.data_dir}; "
                   f"arcadedb-embedded {info.version}.")


PROGRESS_FILES = 50  # a load this big prints progress even when not on a terminal


# -- extracts ----------------------------------------------------------------------------------
def _validated(paths: list[Path] | None, articles: Path | None):  # type: ignore[no-untyped-def]
    from techkg.loaders.extract import validate

    result = validate(paths or [Path("extracts")], articles, keep=False)
    _report_issues(result)
    return result


def _report_issues(result, note: bool = True) -> None:  # type: ignore[no-untyped-def]
    for issue in result.issues:
        typer.echo(str(issue), err=True)
    for line in result.hidden():
        typer.echo(f"warning: {line}", err=True)
    if note and result.unchecked:
        typer.echo(f"note: {result.unchecked_note()} (pass --articles DIR or set "
                   "TECHKG_ARTICLES)", err=True)


@app.command()
def validate(paths: PathsArg = None, articles: ArticlesOpt = None) -> None:
    """Check extracts: schema, vocabulary, ids, references, dates, verbatim evidence."""
    from techkg.errors import ValidationFailed

    result = _validated(paths, articles)
    if result.errors:
        raise ValidationFailed(result.errors, listed=True)
    if result.unreviewed:  # the verdict a load gives: not loadable until reviewed
        files = ", ".join(sorted({i.file for i in result.unreviewed}))
        typer.echo(f"Error: {len(result.unreviewed)} unreviewed draft item(s) in {files}; "
                   "a load refuses them until they are reviewed", err=True)
        raise typer.Exit(1)
    typer.echo(f"{len(result.summaries)} extract(s) valid: {result.entity_count} entity "
               f"declarations, {result.fact_count} relationships, {result.warning_count} "
               "warning(s).")


@app.command()
def load(
    ctx: typer.Context,
    paths: PathsArg = None,
    articles: ArticlesOpt = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Replace the whole graph (emptied and loaded in one transaction).")
    ] = False,
    prune: Annotated[bool, typer.Option(
        "--prune",
        help="Remove articles (and what only they support) that no given extract describes.")
    ] = False,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", show_default=False,
        help="Progress on stderr: one updating line on a terminal, plain lines otherwise "
             f"(default: on a terminal, or when {PROGRESS_FILES}+ extracts change).")] = None,
) -> None:
    """Validate extracts, then load them (only changes are written; all or nothing).

    Extract files whose verdict cannot have changed since they were loaded (same bytes,
    name, rules and article text) are not read again."""
    import sys

    from techkg.cli.progress import load_progress
    from techkg.loaders.extract import extract_files
    from techkg.loaders.sync import load_files

    files = extract_files(paths or [Path("extracts")])
    with _graph(ctx) as graph, _writing(graph):
        show = progress if progress is not None else (
            sys.stderr.isatty() or len(files) >= PROGRESS_FILES)
        with load_progress(show, live=sys.stderr.isatty()) as say:
            report = load_files(graph, files, articles, prune=prune, rebuild=rebuild,
                                progress=say, validated=lambda r: _report_issues(r, note=False))
    if report.unchecked:
        typer.echo(f"note: {report.unchecked_note()} (pass --articles DIR or set "
                   "TECHKG_ARTICLES)", err=True)
    folders = any(p.is_dir() for p in paths or [Path("extracts")])  # a deleted extract shows
    summary = report.summary(orphans=folders)
    typer.echo(summary[:-1] + " (use --prune)." if folders and report.orphans else summary)


class Decision(str, Enum):
    same = "same"
    different = "different"
    unsure = "unsure"


@app.command()
def xref(paths: PathsArg = None,
         limit: Annotated[int, typer.Option(min=1, max=100000, metavar="N",
                                            help="Most pairs listed.")] = 50,
         fmt: FormatOpt = Format.table) -> None:
    """Candidate pairs of entities across articles that may be one body, best first (names,
    aliases, Chinese names, type, country, shared neighbours). Pairs judged `same` or
    `different` are left out; `unsure` ones are marked. Reads the extracts, not the graph."""
    from techkg.loaders.extract import XREF_COLUMNS as COLUMNS
    from techkg.loaders.extract import xref as find
    from techkg.query import render

    found = find(paths or [Path("extracts")], limit)
    typer.echo(render(list(COLUMNS), [c.row() for c in found], fmt.value))


@app.command()
def judge(a: Annotated[str, typer.Argument(metavar="A", help="An entity id (canonical if same).")],
          b: Annotated[str, typer.Argument(metavar="B", help="Another entity id.")],
          decision: Annotated[Decision, typer.Argument(metavar="same|different|unsure",
                                                       help="The decision.")],
          note: Annotated[str | None, typer.Option("--note", metavar="TEXT",
                                                    help="Why (kept in the file).")
                          ] = None,
          extracts: Annotated[Path, typer.Option(
              "--extracts", metavar="DIR", help="The extracts folder (its resolutions.yaml).")
          ] = Path("extracts")) -> None:
    """Record whether two entities are the same body in DIR/resolutions.yaml (a file to
    review in git): `same` merges B into A at the next load, `different` silences the pair,
    `unsure` keeps it listed by `xref`. A later decision on the pair replaces this one."""
    from techkg.loaders.extract import judge_extracts

    path, _ = judge_extracts(extracts, a, b, decision.value, note)
    typer.echo(f"Recorded {a} {decision.value} {b} in {path}; load to apply it.")


@app.command("draft")
def draft_article(
    article: Annotated[Path, typer.Argument(
        metavar="ARTICLE.txt", help="The article's text file (UTF-8).")],
    articles: Annotated[Path | None, typer.Option(
        "--articles", metavar="DIR", help="Articles folder to copy the text into "
                                          "(default: TECHKG_ARTICLES, else ./articles).")
    ] = None,
    extracts: Annotated[Path, typer.Option(
        metavar="DIR",
        help="Extracts folder: its extracts are the known entities; the draft goes there.")
    ] = Path("extracts"),
) -> None:
    """Draft an extract from an article text, for review before it can be loaded."""
    from techkg.loaders.draft import draft_article as run_draft
    from techkg.loaders.extract import articles_dir

    done = run_draft(article, articles_dir(articles), extracts)
    for path in done.skipped:
        typer.echo(f"warning: {path} is not a valid extract; its entities are not known ones",
                   err=True)
    d = done.draft
    known = sum(e.known for e in d.entities)
    typer.echo(f"Copied {article} to {done.text_copy} (sha256 {d.article['sha256'][:16]}…).")
    typer.echo(f"Drafted {done.extract}: {known} known entities, {len(d.entities) - known} "
               f"new candidates, {len(d.stubs)} fact stubs.")
    typer.echo(f"{d.items} items to review: edit the file, then `techkg review {done.extract}`.")


@app.command()
def review(file: Annotated[Path, typer.Argument(metavar="FILE", help="A drafted extract.")]
           ) -> None:
    """Say which drafted items of an extract are still marked `review: todo` (exit code 1
    while any remain)."""
    from techkg.loaders.extract import unreviewed_items

    issues = unreviewed_items(file)
    for issue in issues:
        typer.echo(f"{issue.file}:{issue.line}:{issue.column}: {issue.message}")
    if not issues:
        typer.echo(f"{file}: nothing left to review; next: techkg validate {file}")
        return
    ents = sum(i.message.endswith("entity") for i in issues)
    typer.echo(f"{file}: {len(issues)} items to review ({ents} entities, "
               f"{len(issues) - ents} facts).")
    raise typer.Exit(1)


@app.command()
def vocabulary(markdown: Annotated[bool, typer.Option(
        "--markdown", help="Markdown tables, with each type's description.")] = False) -> None:
    """Show the vocabulary: entity types, relationship types and statuses."""
    from techkg.vocabulary import vocabulary as vocab

    v = vocab()
    if markdown:
        typer.echo(v.markdown(), nl=False)
        return
    typer.echo("Entity types: " + ", ".join(v.entity_types))
    typer.echo("Relationship types: " + ", ".join(v.relationship_types))
    typer.echo("Statuses: " + ", ".join(v.statuses))


# -- saved queries and Cypher ------------------------------------------------------------------
@app.command("queries")
def list_queries(name: Annotated[str | None, typer.Argument(
        metavar="NAME", show_default=False,
        help="Show one query's description and parameters.")] = None,
        markdown: Annotated[bool, typer.Option(
            "--markdown", help="A Markdown reference table.")] = False,
) -> None:
    """List the saved queries (the questions; helpers that commands run are left out), or
    show one with its parameters."""
    from techkg import query

    if markdown:
        typer.echo(query.catalogue_markdown(), nl=False)
        return
    if name is None:
        import textwrap

        for q in query.questions().values():
            typer.echo(textwrap.fill(q.description, 80, initial_indent=f"{q.name:<23}",
                                     subsequent_indent=" " * 23))
        return
    q = query.saved_query(name)
    typer.echo(f"{q.name}: {q.description}")
    typer.echo(f"file: cypher/{q.file}")
    if not q.params:
        typer.echo("parameters: none")
    for p in q.params:
        default = "required" if p.required else (
            "optional" if p.default is None else f"default {p.default_text()!r}")
        span = f" {p.low}..{p.high}" if p.low is not None else ""
        typer.echo(f"  -p {p.name}=<{p.type}{span}>  ({default}) {p.description}")


@app.command()
def query(ctx: typer.Context,
          name: Annotated[str, typer.Argument(
              metavar="NAME", help="Saved query (see `techkg queries`).")],
          param: ParamsOpt = None,
          fmt: FormatOpt = Format.table) -> None:
    """Run a saved query (read-only) with -p key=value parameters."""
    from techkg import query

    given = query.parse_pairs(param or [])
    query.saved_query(name).bind(given)  # usage errors before connecting
    with _graph(ctx) as graph:
        _print_rows(query.run_saved(graph, name, given), fmt)


@app.command()
def cypher(ctx: typer.Context,
           text: Annotated[str, typer.Argument(
               metavar="QUERY", help="A Cypher statement; values go in $parameters (-p).")],
           param: CypherParamsOpt = None,
           fmt: FormatOpt = Format.table,
           write: Annotated[bool, typer.Option(
               "--write", help="Allow write clauses (the writer account, one writer at a time)."
           )] = False) -> None:
    """Run ad-hoc Cypher (read-only unless --write)."""
    from contextlib import nullcontext

    from techkg import query

    params = query.cypher_params(text, query.parse_pairs(param or []))
    with _graph(ctx) as graph, (_writing(graph) if write else nullcontext()):
        _print_rows(query.run_cypher(graph, text, params, write), fmt)


@app.command()
def entity(ctx: typer.Context, name: EntityArg,
           limit: Annotated[int, typer.Option(min=1, max=100000, metavar="N",
                                              help="Most facts shown.")] = 200,
           sources: Annotated[int, typer.Option(
               min=1, max=100000, metavar="N",
               help="Most of the articles that mention it listed, first by id.")] = 100,
           fmt: FormatOpt = Format.table) -> None:
    """Profile of one entity (name, alias, Chinese name or id): who or what it is, its labels,
    its facts grouped by relationship, with statuses and numbered sources."""
    from techkg import query
    from techkg.cli.profile import render_profile

    with _graph(ctx) as graph:
        card, facts = query.entity_profile(graph, name, limit, sources)
    typer.echo(render_profile(card, facts, fmt.value))


@app.command()
def path(ctx: typer.Context,
         a: Annotated[str, typer.Argument(
             metavar="A", help="The first entity (name, alias, Chinese name or id).")],
         b: Annotated[str, typer.Argument(metavar="B", help="The second entity.")],
         max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=6, metavar="N",
                                               help="Longest path considered.")] = 4,
         statuses: Annotated[str, typer.Option(
             metavar="STATUS,…", show_default=False,
             help="Statuses a fact may have to count as a hop ('all' for every status; "
                  "default: all but denied and disputed).")] = "counted",
         fmt: FormatOpt = Format.table) -> None:
    """Shortest connections between two entities through entity facts only, with each hop's
    status and evidence (a quote repeated by the next hop is printed once)."""
    from techkg import query
    from techkg.query import once_per_path

    given = {"statuses": statuses}
    query.saved_query("connection").bind(given, {"a": a, "b": b})  # usage errors before connecting
    with _graph(ctx) as graph:
        rows = query.run_saved(graph, "connection", given,
                                 typed={"a": a, "b": b, "max_hops": max_hops})
    if fmt is Format.table and not rows.records:
        bound = query.saved_query("connection").bind(given, {"a": a, "b": b})
        counted = ", ".join(bound["statuses"])
        typer.echo(f"No path of at most {max_hops} hops through entity facts with status "
                   f"{counted}.")
        return
    _print_rows(once_per_path(rows) if fmt is Format.table else rows, fmt)


@app.command()
def search(ctx: typer.Context,
           text: Annotated[str, typer.Argument(
               metavar="TEXT", help="Words to look for (case-insensitive substring).")],
           limit: Annotated[int, typer.Option(metavar="N", help="Most rows shown (1-1000).")
                            ] = 25,
           fmt: FormatOpt = Format.table) -> None:
    """Find entities by words in their name, aliases, Chinese name or description; with
    no match, the nearest names."""
    from techkg import query

    with _graph(ctx) as graph:
        rows = query.search(graph, text, limit)
        near = () if rows.records else query.nearest_names(graph, text)
    if near and fmt is Format.table:
        from techkg.cli.errors import did_you_mean

        typer.echo(f"No entity name contains {text.strip()!r}; {did_you_mean(near)}")
        return
    _print_rows(rows, fmt)
    if near:
        from techkg.cli.errors import did_you_mean

        typer.echo(did_you_mean(near), err=True)


@app.command()
def stats(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Counts of entities by type and relationships by type."""
    from techkg import query

    with _graph(ctx) as graph:
        _print_rows(query.run_saved(graph, "graph-stats"), fmt)


@app.command()
def sources(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """The source articles as full references (with URL where known) and what each
    contributed."""
    from techkg import query

    with _graph(ctx) as graph:
        rows = query.references(graph)
    if fmt is Format.table:
        from techkg.query import reference_list

        typer.echo(reference_list(rows.records))
    else:
        _print_rows(rows, fmt)


# -- seeing the graph and exporting it ----------------------------------------------------------
@app.command()
def browser(ctx: typer.Context,
            write_assets: Annotated[Path | None, typer.Option(
                metavar="DIR", help="Also write style.grass and guide.html to this folder.")
            ] = None) -> None:
    """How to browse the graph in Neo4j Browser (the compose stack), with style and guide."""
    from techkg.export import browser_instructions as instructions
    from techkg.export import write_browser_assets as write

    typer.echo(instructions(ctx.obj.uri))
    if write_assets:
        for path in write(write_assets):
            typer.echo(f"wrote {path}")


@app.command()
def serve(ctx: typer.Context,
          port: Annotated[int, typer.Option(
              min=0, max=65535, metavar="PORT", help="Port (default: a free one).")] = 0,
          host: Annotated[str, typer.Option(
              metavar="ADDRESS",
              help="Address to listen on. Anything but 127.0.0.1 lets other machines in.")
          ] = "127.0.0.1",
          open_browser: Annotated[bool, typer.Option(
              "--open", help="Open the explorer in the default browser.")] = False,
          articles: ArticlesOpt = None) -> None:
    """Explore the graph in the browser: search, entity pages, an expandable canvas whose
    every edge opens its evidence, paths, saved queries, sources (read-only)."""
    from techkg import web
    from techkg.loaders.extract import articles_dir

    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: other machines can reach the explorer "
                   "(it has no login); use the default 127.0.0.1 unless you mean it", err=True)
    with _graph(ctx) as graph:
        if web.is_empty(graph):
            typer.echo("The graph is empty: load it with `techkg load` (the explorer shows "
                       "it once loaded).", err=True)
        web.serve(graph, host, port, open_browser, say=typer.echo,
                  articles=articles_dir(articles))
    typer.echo("Explorer stopped.")


@app.command()
def viz(ctx: typer.Context,
        out: Annotated[Path, typer.Option("--output", "-o", metavar="FILE.html",
                                          help="HTML file to write.")],
        query_name: Annotated[str | None, typer.Option(
            "--query", metavar="NAME", help="Draw the entities a saved query returns.")] = None,
        param: ParamsOpt = None,
        entity_name: Annotated[str | None, typer.Option(
            "--entity", metavar="NAME", help="Draw this entity's neighbourhood.")] = None,
        hops: Annotated[int, typer.Option(min=0, max=4, metavar="N",
                                          help="Neighbourhood size in hops.")] = 1,
        most: Annotated[int | None, typer.Option(
            "--most-entities", min=1, metavar="N", show_default=False,
            help="Refuse a view of more entities than this (default: 2,000, the most a "
                 "view stays usable with).")] = None,
        most_facts: Annotated[int | None, typer.Option(
            "--most-facts", min=1, metavar="N", show_default=False,
            help="Refuse a view with more facts among its entities than this (default: "
                 "10,000).")] = None,
        ) -> None:
    """Write a self-contained HTML view of the graph (whole, a query's, or a neighbourhood)."""
    from techkg import query
    from techkg.errors import UsageError
    from techkg.web import write_viz

    if query_name and entity_name:
        raise UsageError("--query and --entity draw different views: give one of them")
    given = query.parse_pairs(param or [])
    if query_name:
        query.saved_query(query_name).bind(given)
    _output_path(out)
    with _graph(ctx) as graph:
        limits = {k: v for k, v in (('most', most), ('most_facts', most_facts)) if v}
        counts = write_viz(graph, out, query_name, given, entity_name, hops, **limits)
    typer.echo(f"Wrote {out}: {counts['nodes']} entities, {counts['edges']} facts.")
    if counts["note"]:
        typer.echo(counts["note"])


# The --format choices are the export registry's names
ExportFormat = Enum("ExportFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


def _to_stdout(out: Path) -> bool:
    """Whether `out` is this process's stdout (`-o /dev/stdout`, or the terminal it shows)."""
    import os

    try:
        here, there = os.fstat(1), os.stat(out)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


@app.command()
def export(ctx: typer.Context,
           fmt: Annotated[ExportFormat, typer.Option(  # type: ignore[valid-type]
               "--format", "-f", metavar="|".join(FORMATS), help="Export format: " + "; ".join(
                   f"{f.name}: {f.description}" for f in FORMATS.values()) + ".")],
           out: Annotated[Path, typer.Option(
               "--output", "-o", metavar="PATH",
               help="File to write (a folder for csv); - for stdout.")]) -> None:
    """Export the graph for other tools, in one of the formats --format lists; with -o -
    the data goes to stdout and the summary to stderr."""
    import sys

    from techkg.export import export as run_export
    from techkg.export import writer

    name = fmt.value
    streaming = str(out) == "-"
    if streaming and FORMATS[name].folder:
        from techkg.errors import UsageError

        raise UsageError(f"the {name} export writes a folder of files; give a folder, not -")
    if not streaming:
        _output_path(out, folder=FORMATS[name].folder)
    writer(name)  # a missing extra is said before connecting
    with _graph(ctx) as graph:
        if streaming:
            counts = run_export(graph, name, sys.stdout.buffer)
            sys.stdout.flush()
        else:
            counts = run_export(graph, name, out)
    where = "stdout" if streaming else str(out)
    typer.echo(f"Exported {counts.entities} entities and {counts.relationships} "
               f"relationships as {name} to {where}.", err=streaming or _to_stdout(out))


@app.command("import-csv")
def import_csv(ctx: typer.Context, folder: Annotated[Path, typer.Argument(
        metavar="DIR", help="Folder of a CSV export (`techkg export --format csv`).")]) -> None:
    """Replace the graph with a CSV export (`export --format csv`), in one transaction.

    Every file is checked first; each error is reported with file:line."""
    from techkg.export import import_csv as run_import

    with _graph(ctx) as graph, _writing(graph):
        counts = run_import(graph, folder)
    typer.echo(f"Imported {counts.entities} entities and {counts.relationships} "
               "relationships.")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
