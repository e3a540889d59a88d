"""Output for people: rich tables that fit the terminal, with every piece of user text escaped.

Cells are `rich.text.Text` objects, never markup strings, so text such as "[the militia]"
prints as written. Long text is cut to one line with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from eventwire.cli.timevalue import readable
from eventwire.model import Article, Count

SEPARATOR = ";"  # between sectors and contexts, as in the store and the exports


def clip(value: Any, width: int = 160) -> str:
    """One line of at most `width` characters, cut with an ellipsis; '' for None."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def number(value: Any) -> str:
    """A count or figure for a cell: 31, 0.85, '' for None (never 'None')."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}"
    return str(value)


def table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]],
          wide: Sequence[str] = (), numeric: Sequence[str] = (),
          width: int | None = None) -> Table:
    """A table of plain values that fits `width` (the terminal's by default). Every row stays
    on one line: short columns keep their width (up to 24), `wide` ones share what is left
    and are cut with an ellipsis; `numeric` ones are right-aligned."""
    room = width if width is not None else console().width
    texts = [[number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else clip(v)
              for v in row] for row in rows]
    longest = [max([len(column), *(len(row[i]) for row in texts)])
               for i, column in enumerate(columns)]
    widths = [n if c not in wide else 0 for c, n in zip(columns, longest, strict=True)]
    widths = [min(w, 24) for w in widths]
    left = room - sum(widths) - 3 * len(columns) + 1
    flexible = [i for i, c in enumerate(columns) if c in wide]
    for i in flexible:
        widths[i] = max(6, min(longest[i], left // len(flexible)))
    spare = left - sum(widths[i] for i in flexible)
    for i in flexible:  # give what a short wide column left unused to the others
        extra = min(spare, longest[i] - widths[i]) if spare > 0 else 0
        widths[i] += extra
        spare -= extra
    grid = Table(title=Text(title) if title else None, title_justify="left", expand=False,
                 show_edge=False, box=box.SIMPLE_HEAD)
    for column, size in zip(columns, widths, strict=True):
        grid.add_column(Text(clip(column, size)), width=size, no_wrap=True,
                        justify="right" if column in numeric else "left")
    for row in texts:
        grid.add_row(*(Text(clip(cell, size)) for cell, size in zip(row, widths, strict=True)))
    return grid


def console(stderr: bool = False) -> Console:
    """A console as wide as the terminal (80 columns when not a terminal and COLUMNS unset)."""
    return Console(stderr=stderr, highlight=False)


def _name(article: Article, actor_id: str | None, fallback: str) -> str:
    if actor_id is None:
        return fallback
    actor = next((a for a in article.actors if a.id == actor_id), None)
    if actor is None:
        return fallback
    code = "/".join(x for x in [actor.country or "", SEPARATOR.join(actor.sectors)] if x)
    return f"{actor.name} ({code})" if code else actor.name


def count_text(count: Count) -> str:
    """'at least 31 people', without 'None' for a missing value or noun."""
    parts = [count.qualifier, number(count.value), count.noun]
    return " ".join(part for part in parts if part)


def _quote(text: str, direct: bool, width: int = 160) -> str:
    body = clip(text, width)
    return f"“{body}”" if direct else body


def article_panel(article: Article) -> Panel:
    """All of one article's extractions as rich tables."""
    parts: list[Table | Text] = []
    head = " · ".join(x for x in [article.title, article.outlet, article.published] if x)
    if article.meta.failure:
        parts.append(Text(f"failed in {article.meta.failure.stage}: {article.meta.failure.error}",
                          style="red"))
    if article.meta.skipped:
        parts.append(Text(f"skipped: {article.meta.skipped}", style="yellow"))
    for warning in article.meta.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    if article.events:
        parts.append(table("Events", ["type", "source", "target", "date", "place", "trigger",
                                      "conf."],
                           [[f"{e.type}{'/' + e.mode if e.mode else ''}",
                             _name(article, e.source.actor, e.source.text) if e.source else "",
                             _name(article, e.target.actor, e.target.text) if e.target else "",
                             readable(e.date.value) if e.date else "",
                             e.place.name if e.place else "", e.trigger.text,
                             f"{e.confidence:.2f}"] for e in article.events],
                           wide=["source", "target"]))
    if article.quotes:
        parts.append(table("Quotes", ["speaker", "cue", "quote"],
                           [[_name(article, q.speaker.actor, q.speaker.text) if q.speaker else "",
                             q.cue or "", _quote(q.text, q.direct)] for q in article.quotes],
                           wide=["quote"]))
    if article.actors:
        parts.append(table("Actors", ["name", "kind", "country", "sectors", "title"],
                           [[a.name, a.kind, a.country or "", SEPARATOR.join(a.sectors),
                             a.title or ""] for a in article.actors], wide=["name"]))
    if article.times or article.places or article.counts:
        rows = [["time", t.text, readable(t.value)] for t in article.times]
        rows += [["place", p.text, f"{p.name} ({p.country or '?'})"
                  + (f" {p.lat},{p.lon}" if p.lat is not None else "")] for p in article.places]
        rows += [["count", c.text, count_text(c)] for c in article.counts]
        parts.append(table("When, where, how many", ["kind", "text", "value"], rows,
                           wide=["text", "value"]))
    if article.entities and not article.actors:
        parts.append(table("Entities", ["text", "label", "offsets"],
                           [[e.text, e.label, f"{e.start}-{e.end}"] for e in article.entities]))
    if article.removed:
        parts.append(Text("removed: " + "; ".join(f"{r.text!r} ({r.reason})"
                                                  for r in article.removed), style="dim"))
    return Panel(Group(*parts), title=Text(f"{article.id} {head}".strip()), title_align="left")


def print_table(articles: list[Article], out: Console) -> None:
    for article in articles:
        out.print(article_panel(article))
