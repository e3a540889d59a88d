"""Output: JSON, JSONL and a readable table for people."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from eventwire.model import Article


def _table(title: str, columns: list[str], rows: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left", expand=False, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # article text is never markup
    return table


def _name(article: Article, actor_id: str | None, fallback: str) -> str:
    if actor_id is None:
        return fallback
    actor = next((a for a in article.actors if a.id == actor_id), None)
    if actor is None:
        return fallback
    code = "/".join(x for x in [actor.country or "", "+".join(actor.sectors)] if x)
    return f"{actor.name} [{code}]" if code else actor.name


def article_panel(article: Article) -> Panel:
    """All of one article's extractions as rich tables."""
    parts: list[Table | Text] = []
    head = " · ".join(x for x in [article.title, article.outlet, article.published] if x)
    if article.meta.failure:
        parts.append(Text(f"failed in {article.meta.failure.stage}: {article.meta.failure.error}",
                          style="red"))
    if article.meta.skipped:
        parts.append(Text(f"skipped: {article.meta.skipped}", style="yellow"))
    if article.events:
        parts.append(_table("Events", ["type", "source", "target", "date", "place", "trigger",
                                       "conf."],
                            [[f"{e.type}{'/' + e.mode if e.mode else ''}",
                              _name(article, e.source.actor, e.source.text) if e.source else "",
                              _name(article, e.target.actor, e.target.text) if e.target else "",
                              (e.date.value or "") if e.date else "",
                              e.place.name if e.place else "", e.trigger.text,
                              f"{e.confidence:.2f}"] for e in article.events]))
    if article.quotes:
        parts.append(_table("Quotes", ["speaker", "cue", "quote"],
                            [[_name(article, q.speaker.actor, q.speaker.text) if q.speaker else "",
                              q.cue or "", ("“" if q.direct else "") + q.text[:160]
                              + ("”" if q.direct else "")] for q in article.quotes]))
    if article.actors:
        parts.append(_table("Actors", ["name", "kind", "country", "sectors", "title"],
                            [[a.name, a.kind, a.country or "", "+".join(a.sectors), a.title or ""]
                             for a in article.actors]))
    if article.times or article.places or article.counts:
        rows = [["time", t.text, t.value or ""] for t in article.times]
        rows += [["place", p.text, f"{p.name} ({p.country or '?'}) {p.lat},{p.lon}"]
                 for p in article.places]
        rows += [["count", c.text, f"{c.qualifier + ' ' if c.qualifier else ''}{c.value} {c.noun}"]
                 for c in article.counts]
        parts.append(_table("When, where, how many", ["kind", "text", "value"], rows))
    if article.entities and not article.actors:
        parts.append(_table("Entities", ["text", "label", "offsets"],
                            [[e.text, e.label, f"{e.start}-{e.end}"] for e in article.entities]))
    if article.removed:
        parts.append(Text("removed: " + "; ".join(f"{r.text!r} ({r.reason})"
                                                  for r in article.removed), style="dim"))
    return Panel(Group(*parts), title=Text(f"{article.id} {head}".strip()), title_align="left")


def print_table(articles: list[Article], console: Console) -> None:
    for article in articles:
        console.print(article_panel(article))
