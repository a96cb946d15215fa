"""What a load reports: the counts of what it changed, the articles it left unchecked, and
those in the graph that no given extract describes (shared by every route a load takes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from techkg.loaders.extract.validation import Validation

Progress = Callable[[str], None]  # told each step of a load, in one line
Validated = Callable[[Validation], None]  # told the verdict before anything commits
NAMED = 10  # articles named in one line of a report, at most


@dataclass
class LoadReport:
    """What a load changed (all zeros when the graph already matched the extracts)."""

    articles: list[str]
    counts: Counter = field(default_factory=Counter)
    orphans: list[str] = field(default_factory=list)  # in the graph, but no extract was given
    unchecked: list[str] = field(default_factory=list)  # given, and their quotes unchecked
    folder: Path | None = None  # the configured articles folder

    @property
    def changes(self) -> int:
        return sum(self.counts.values())

    def summary(self, orphans: bool = True) -> str:
        """One line; with `orphans`, it names the graph's articles no given extract
        describes (when a whole folder was given: their extract was deleted)."""
        c = self.counts
        head = f"Loaded {len(self.articles)} article(s)"
        tail = f"; {self.orphan_note()}." if orphans and self.orphans else "."
        if not self.changes:
            return (f"{head}: no changes{tail}" if tail != "." else
                    f"{head}: no changes (the graph already matches the extracts).")
        return (f"{head}: entities +{c['entities_created']} ~{c['entities_updated']} "
                f"-{c['entities_deleted']}, relationships +{c['facts_created']} "
                f"~{c['facts_updated']} -{c['facts_deleted']}, mentions "
                f"+{c['mentions_added']} -{c['mentions_removed']}, article nodes "
                f"written {c['articles_written']}"
                + (f", articles removed {c['articles_removed']}" if c["articles_removed"] else "")
                + tail)

    def orphan_note(self) -> str:
        n = len(self.orphans)
        return (f"{n} article{'s' if n != 1 else ''} in the graph {'have' if n != 1 else 'has'}"
                f" no extract: {named(self.orphans)}")

    def unchecked_note(self) -> str | None:
        """One line naming the given articles whose quotes were never checked, if any."""
        if not self.unchecked:
            return None
        n = len(self.unchecked)
        return (f"{n} article{'s' if n != 1 else ''} stay unchecked (quotes not compared with "
                f"the article text, no articles folder at {self.folder}): "
                f"{named(self.unchecked)}")


def named(ids: list[str], most: int = NAMED) -> str:
    """Ids for one line: the first `most`, then how many more."""
    more = f" and {len(ids) - most} more" if len(ids) > most else ""
    return ", ".join(ids[:most]) + more
