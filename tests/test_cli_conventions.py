"""The CLI as a new user meets it: --version, completion, help for every argument, "did you
mean" on typos, typed parameters, wide characters in tables, load progress and Ctrl-C."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import typer.main

from techkg.cli.app import app
from techkg.graph import Graph

from .conftest import ARTICLES, DATA, EXTRACTS, env_for, snapshot


# -- version, completion, help ---------------------------------------------------------------
def test_version(offline_cli) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"techkg {version('techkg')}\n")


def test_shell_completion(offline_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # for the shell it runs in: typer looks for it among the command's parent processes, so
    # the command runs under bash (`; true` keeps bash from replacing itself with it)
    exe = Path(sys.executable).with_name("techkg")
    script = subprocess.run(["bash", "-c", f"'{exe}' --show-completion; true"],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "TECHKG_HOME": str(tmp_path / "home")})
    assert script.stderr == ""
    assert "_TECHKG_COMPLETE=complete_bash" in script.stdout
    assert "--install-completion" in offline_cli("--help").stdout
    # what the installed script asks when a user presses TAB after `techkg que`
    words = offline_cli(env={"_TECHKG_COMPLETE": "complete_bash", "COMP_WORDS": "techkg que",
                             "COMP_CWORD": "1"})
    assert words.stdout == "queries\nquery\n"
    formats = offline_cli(env={"_TECHKG_COMPLETE": "complete_bash",
                               "COMP_WORDS": "techkg export --format ", "COMP_CWORD": "3"})
    assert formats.stdout == "ftm\ncsv\ngraphml\n"


def _commands() -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []

    def walk(cmd: Any, prefix: str) -> None:
        if hasattr(cmd, "commands"):  # a group (Typer vendors click: not a click.Group)
            for name, sub in cmd.commands.items():
                walk(sub, f"{prefix} {name}".strip())
        else:
            out.append((prefix, cmd))

    walk(typer.main.get_command(app), "")
    return out


@pytest.mark.parametrize("name", [name for name, _ in _commands()])
def test_every_argument_is_described_with_a_plain_metavar(offline_cli, name: str) -> None:  # type: ignore[no-untyped-def]
    command = dict(_commands())[name]
    result = offline_cli(*name.split(), "--help")
    assert result.exit_code == 0, result.output
    assert not re.search(r"<[a-z][^>]*>|\{\w+\}", result.stdout), result.stdout
    for param in command.params:
        if param.name != "help":
            assert getattr(param, "help", None), f"techkg {name}: {param.name} has no help"


def test_help_of_a_command_reads_plainly(offline_cli) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("path", "--help", env={"COLUMNS": "80"})
    assert result.stdout == """\
Usage: techkg path [OPTIONS] A B

  Shortest connections between two entities through entity facts only, with each
  hop's status and evidence (a quote repeated by the next hop is printed once).

Arguments:
  A  The first entity (name, alias, Chinese name or id).  [required]
  B  The second entity.  [required]

Options:
  --max-hops N                 Longest path considered.  [default: 4; 1<=x<=6]
  --statuses STATUS,…          Statuses a fact may have to count as a hop ('all'
                               for every status; default: all but denied and
                               disputed).
  -f, --format table|json|csv  Output format: an 80-column table, a JSON array,
                               or CSV with a header row.  [default: table]
  --help                       Show this message and exit.
"""


def test_queries_lists_questions_not_helpers(offline_cli) -> None:  # type: ignore[no-untyped-def]
    from techkg.query import catalogue as queries

    listed = [ln.split()[0] for ln in offline_cli("queries").stdout.splitlines()
              if not ln.startswith(" ")]
    assert listed == list(queries.questions())
    for helper in ("find-entity", "entity-card", "entity-profile", "neighbours",
                   "search-fulltext", "references", "article-coverage", "entity-names"):
        assert helper not in listed and queries.get(helper).internal


# -- did you mean ----------------------------------------------------------------------------
@pytest.mark.parametrize(("args", "message"), [
    (["query", "bridge"], "; did you mean 'bridges'?"),
    (["queries", "timelin"], "; did you mean 'timeline'?"),
    (["query", "most-connected", "-p", "type=Univeristy"],
     "Error: parameter 'type' expects an entity type from the vocabulary, got 'Univeristy'; "
     "did you mean 'University' or 'UniversityUnit'?"),
    (["query", "most-connected", "-p", "tpye=University"],
     "Error: unknown parameter 'tpye' for query 'most-connected'; valid parameters: type, "
     "limit, statuses; did you mean 'type'?"),
    (["query", "partners", "-p", "entity=x", "-p", "statuses=reportd"],
     "; did you mean 'reported'?"),
    (["path", "a", "b", "--statuses", "deneid"], "; did you mean 'denied'?"),
])
def test_typos_get_the_nearest_names(offline_cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(message + "\n"), result.stderr
    assert message.startswith(";") or result.stderr == message + "\n"
    assert len(result.stderr.splitlines()) == 1


def test_entity_typo_suggests_names(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("entity", "Jane Rou")
    assert result.exit_code == 1
    assert result.stderr == "Error: no entity matches 'Jane Rou'; did you mean 'Jane Roe'?\n"


def test_mistyped_id_suggests_ids(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("entity", "alpha-bse")
    assert result.stderr == "Error: no entity matches 'alpha-bse'; did you mean 'alpha-base'?\n"


def test_vocabulary_parameters_suggest_names() -> None:
    from techkg.errors import UsageError
    from techkg.query import catalogue as queries

    scratch = queries.parse("// name: scratch\n// description: A test query.\n"
                            "// param: t relationship_type : A relationship type\n"
                            "RETURN $t AS t\n", "scratch.cypher")
    assert scratch.bind({"t": "FUNDS"}) == {"t": "FUNDS"}
    with pytest.raises(UsageError) as refused:
        scratch.bind({"t": "FUNDZ"})
    assert str(refused.value) == ("parameter 't' expects a relationship type from the "
                                  "vocabulary, got 'FUNDZ'")
    assert refused.value.suggestions[0] == "FUNDS"


def test_search_typo_suggests_names(cli, mini) -> None:  # type: ignore[no-untyped-def]
    """Each entity once, by its closest name (not its alias 'Alpha Offshore Base' too)."""
    table = cli("search", "Alpah Base")
    assert (table.exit_code, table.stdout) == (0, (
        "No entity name contains 'Alpah Base'; did you mean 'Alpha Base'?\n"))
    data = cli("search", "Alpah Base", "-f", "json")
    assert (json.loads(data.stdout), data.stderr) == ([], "did you mean 'Alpha Base'?\n")


def test_entity_ranks_whole_word_matches_first(cli, mini) -> None:  # type: ignore[no-untyped-def]
    """'Li' is a word of "Li (Baoding official)", only letters of China's alias and of
    Australia: the person comes first although the places have shorter names."""
    made = cli("cypher", "--write", """
        CREATE (:Entity:Place {id: 'australia', name: 'Australia', type: 'Place',
                               search_text: 'australia australia'}),
               (:Entity:Place {id: 'china', name: 'China', type: 'Place',
                               aliases: ["People's Republic of China"],
                               search_text: "china china people's republic of china"}),
               (:Entity:Person {id: 'li-baoding-official', name: 'Li (Baoding official)',
                                type: 'Person',
                                search_text: 'li-baoding-official li (baoding official)'})""")
    assert made.exit_code == 0, made.output
    result = cli("entity", "Li")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 'Li' matches 3 entities, use one of these ids: li-baoding-official "
        "(Li (Baoding official), Person); china (China, Place); australia (Australia, Place)\n")
    found = cli("search", "li", "-f", "csv")
    assert found.stdout == ("id,name,type,name_zh,degree\n"
                            "li-baoding-official,Li (Baoding official),Person,,0\n"
                            "australia,Australia,Place,,0\nchina,China,Place,,0\n")


# -- parameters --------------------------------------------------------------------------------
def test_cypher_parameters_are_strings_unless_typed(cli, mini) -> None:  # type: ignore[no-untyped-def]
    result = cli("cypher", "RETURN $name AS name, $n AS n, $xs AS xs, $j AS j",
                 "-p", "name=2017", "-p", "n:int=2017", "-p", "xs:list=a,b", "-p",
                 'j:json={"k": [1, true]}', "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"name": "2017", "n": 2017, "xs": ["a", "b"],
                                          "j": {"k": [1, True]}}]
    deep = cli("cypher", "RETURN size($x) AS n", "-p", "x=" + "[" * 50_000, "-f", "csv")
    assert deep.stdout == "n\n50000\n"  # a string is a string, however it looks


@pytest.mark.parametrize(("args", "message"), [
    (["cypher", "RETURN $x AS x", "-p", "x:int=" + "1" * 30],
     "Error: parameter 'x' holds an int outside the 64 bits a graph stores "
     "(-9223372036854775808 to 9223372036854775807): '111111111111111111111111111111'\n"),
    (["cypher", "RETURN $x AS x", "-p", "x:json=" + "[" * 50_000 + "]" * 50_000],
     "Error: parameter 'x' is nested more than 100 levels deep\n"),
    (["cypher", "RETURN $x AS x", "-p", "x:json=[" + "1" * 30 + "]"],
     "Error: parameter 'x' holds an int outside the 64 bits a graph stores "
     "(-9223372036854775808 to 9223372036854775807): '111111111111111111111111111111'\n"),
    (["cypher", "RETURN $x AS x", "-p", "x:json=" + "[" * 50_000],
     "Error: parameter 'x' is nested more than 100 levels deep\n"),
    (["cypher", "RETURN $name AS n", "-p", "nmae=x"],
     "Error: parameter 'nmae' is not used by the statement (it uses $name); "
     "did you mean 'name'?\n"),
    (["cypher", "RETURN 1 AS n", "-p", "x=1"],
     "Error: parameter 'x' is not used by the statement (it uses none)\n"),
    (["cypher", "RETURN $x AS n", "-p", "x:integer=1"],
     "Error: parameter 'x': unknown type 'integer'; types: string, int, float, bool, date, "
     "list, json; did you mean 'int'?\n"),
    (["query", "most-connected", "-p", "limit=" + "9" * 30],
     "Error: parameter 'limit' must be between 1 and 1000, got " + "9" * 30 + "\n"),
    (["query", "timeline", "-p", "limit=" + "9" * 30],
     "Error: parameter 'limit' must be between 1 and 100000, got " + "9" * 30 + "\n"),
])
def test_parameters_out_of_reach_are_one_sentence(offline_cli, args: list[str],  # type: ignore[no-untyped-def]
                                                  message: str) -> None:
    result = offline_cli(*args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_fulltext_query_on_a_backend_without_the_index(cli, mini, backend) -> None:  # type: ignore[no-untyped-def]
    with Graph(backend) as g:
        if g.capabilities.fulltext:
            pytest.skip("this backend has full-text indexes")
        server = g.capabilities.server
    result = cli("query", "search-fulltext", "-p", "text=alpha", "-p", "lucene=alpha")
    assert (result.exit_code, result.stderr) == (2, (
        f"Error: query 'search-fulltext' needs a full-text index, which this backend "
        f"({server}) does not have\n"))


# -- commands that refuse ----------------------------------------------------------------------
def test_viz_refuses_query_with_entity(offline_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = offline_cli("viz", "-o", str(tmp_path / "v.html"), "--query", "bridges",
                         "--entity", "Alpha Base")
    assert (result.exit_code, result.stderr) == (
        2, "Error: --query and --entity draw different views: give one of them\n")
    assert not (tmp_path / "v.html").exists()


# -- wide characters -----------------------------------------------------------------------------
CJK = "中华人民共和国科学技术部"  # 12 characters, 24 columns


def test_tables_count_wide_characters_by_width(cli, mini) -> None:  # type: ignore[no-untyped-def]
    grid = cli("cypher", f"UNWIND range(1, 2) AS i RETURN i AS n, '{CJK * 2}' AS name_zh, "
               '"Ministry of Science and Technology of the People\'s Republic of China" AS name')
    assert grid.exit_code == 0, grid.output
    assert grid.stdout == """\
n  name_zh                          name
-  -------------------------------  -------------------------------------------
1  中华人民共和国科学技术部中华人   Ministry of Science and Technology of the
   民共和国科学技术部               People's Republic of China
2  中华人民共和国科学技术部中华人   Ministry of Science and Technology of the
   民共和国科学技术部               People's Republic of China
(2 rows)
"""
    block = cli("cypher", f"RETURN 1 AS a, 2 AS b, 3 AS c, 'x' AS d, '{CJK * 4} {CJK}' AS e")
    assert block.stdout == """\
-[ 1 ]--------------------------------------------------------------------------
a  1
b  2
c  3
d  x
e  中华人民共和国科学技术部中华人民共和国科学技术部中华人民共和国科学技术部中华
   人民共和国科学技术部 中华人民共和国科学技术部
(1 row)
"""
    from rich.cells import cell_len  # terminal columns, measured independently of techkg

    for out in (grid.stdout, block.stdout, cli("entity", "示例局").stdout):
        assert max(cell_len(line) for line in out.splitlines()) <= 80


# -- load progress and Ctrl-C ----------------------------------------------------------------------
def test_load_progress_as_plain_lines(cli, graph) -> None:  # type: ignore[no-untyped-def]
    result = cli("load", str(DATA / "extracts"), *ARTICLES, "--progress")
    assert result.exit_code == 0, result.output
    assert result.stderr == """\
load: writing records while validating
load: written 9 record rows
load: planning 2 article(s) into an empty graph
load: writing 45 rows (after 9 record rows) in one transaction
load: written 1/45 rows
load: written 2/45 rows
load: written 3/45 rows
load: written 4/45 rows
load: written 5/45 rows
load: written 6/45 rows
load: written 7/45 rows
load: written 8/45 rows
load: written 9/45 rows
load: written 10/45 rows
load: written 11/45 rows
load: written 12/45 rows
load: written 18/45 rows
load: written 24/45 rows
load: written 26/45 rows
load: written 28/45 rows
load: written 30/45 rows
load: written 39/45 rows
load: written 45/45 rows
load: committed
"""


def _techkg(args: list[str], backend, **options) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    """A real `techkg` process; Ctrl-C is delivered as in a shell (SIGINT not ignored)."""
    return subprocess.Popen([sys.executable, "-m", "techkg.cli.app", *args],
                            env={**os.environ, **env_for(backend), "COLUMNS": "80"},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                            text=True, **options)


def test_load_progress_on_a_terminal_is_one_line(graph, backend) -> None:  # type: ignore[no-untyped-def]
    controller, terminal = pty.openpty()
    proc = _techkg(["load", str(EXTRACTS)], backend, stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0
    assert out == ("Loaded 5 article(s): entities +203 ~0 -0, relationships +265 ~0 -0, "
                   "mentions +218 -0, article nodes written 5.\n")
    # (without the article texts, a note first says which articles stay unchecked)
    text = re.sub(r"note: \d+ articles stay unchecked [^\n]*\n", "", shown.decode())
    frames = [f.strip() for f in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).split("\r")]
    frames = [f for f in frames if f]
    assert text.count("\n") <= 1, text  # one line, redrawn in place
    last = re.fullmatch(r"load: committed \S+ (\d+)/(\d+)", frames[-1])
    assert last and last[1] == last[2], frames  # every row of the plan written


def test_ctrl_c_during_a_load_writes_nothing(cli, graph, backend) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(DATA / "extracts"), *ARTICLES).exit_code == 0
    before = snapshot(graph)
    proc = _techkg(["load", "--rebuild", "--progress", str(EXTRACTS)], backend,
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("load: written"):
            proc.send_signal(signal.SIGINT)
            break
    out, err = proc.communicate(timeout=120)
    *progress, last = err.splitlines()  # a progress line already on its way may come first
    assert all(line.startswith("load: ") and "committed" not in line for line in progress), err
    assert (proc.returncode, out, last) == (130, "", "interrupted; nothing was written")
    assert snapshot(graph) == before


def test_ctrl_c_during_engine_start(tmp_path: Path) -> None:
    home = {"TECHKG_HOME": str(tmp_path / "home"), "TECHKG_URI": ""}
    proc = subprocess.Popen([sys.executable, "-m", "techkg.cli.app", "engine", "start"],
                            env={**os.environ, **home}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("waiting for"):
                proc.send_signal(signal.SIGINT)
                break
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, out, err) == (130, "", "interrupted; nothing was written\n")
    finally:
        subprocess.run([sys.executable, "-m", "techkg.cli.app", "engine", "stop"],
                       env={**os.environ, **home}, capture_output=True, timeout=120)


def test_an_error_raised_while_ctrl_c_is_handled_still_reads_interrupted() -> None:
    """A Ctrl-C that lands inside the driver can surface as the driver's own error (the
    connection it tore down); the CLI follows the exception chain back to the interrupt."""
    from techkg.cli.app import _after_interrupt
    from techkg.errors import TechKGError

    def raised_during_interrupt() -> TechKGError:
        try:
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt:
                raise RuntimeError("the connection was closed mid-message") from None
        except RuntimeError as driver:
            error = TechKGError("the server answered: invalid input")
            error.__cause__ = driver
            return error

    assert _after_interrupt(raised_during_interrupt())
    assert not _after_interrupt(TechKGError("a plain error"))
