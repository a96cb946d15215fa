"""A new entity candidate: the record every naming rule returns (names.py, descriptive.py)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Candidate:
    """A name the article uses that no existing extract declares (yet)."""

    name: str
    type: str
    why: str  # what suggested it, for the reviewer
    aliases: list[str] = field(default_factory=list)
    name_zh: str | None = None
    inner: bool = False  # named only inside a longer name
    kind: str | None = None  # the name of the kind it is one of ("coastal trade hubs")
    # where the text names it without printing a form of it ("trade offices in A and B": A's
    # office at A), and the word that says what it is: (start, end, word start, word end)
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)

    def forms(self) -> list[str]:
        return [self.name, *self.aliases] + ([self.name_zh] if self.name_zh else [])
