"""Load progress on stderr: one updating line on a terminal, plain lines otherwise.

The loader reports phases as short sentences; "written N/M rows" lines carry the rows of
the transaction's write plan, which the terminal line shows as a bar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

_COUNT = re.compile(r"^written (\d+)/(\d+) rows$")


class _Say:
    """The `progress` callback the loader calls (lines printed meanwhile, such as validation
    issues, appear above the terminal line: rich redirects stderr while it runs)."""

    def __init__(self, show: bool, bar: Any = None) -> None:
        self.show = show
        self.bar = bar
        self.task: Any = None

    def __call__(self, message: str) -> None:
        if not self.show:
            return
        if self.bar is None:
            typer.echo(f"load: {message}", err=True)
            return
        count = _COUNT.match(message)
        if count:
            self.bar.update(self.task, completed=int(count[1]), total=int(count[2]),
                            description="writing rows")
        else:
            self.bar.update(self.task, description=message)


@contextmanager
def load_progress(show: bool, live: bool) -> Iterator[_Say]:
    """A progress callback: nothing (`show` false), a rich.progress line that disappears
    when the load ends (`live`: stderr is a terminal), or `load: …` lines."""
    if not (show and live):
        yield _Say(show)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("load: {task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        say = _Say(show, bar)
        say.task = bar.add_task("starting", total=None)
        yield say
