"""Human-readable views of an analysis and of query results: Rich tables and Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from ..models import Analysis
from ..tables_md import escape_md, markdown_table


def _fmt_value(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) >= 1e4 else f"{value:g}"


def analysis_sections(analysis: Analysis) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) for each non-empty part of an analysis, shared by table and Markdown."""
    doc = analysis.document
    sections: list[tuple[str, list[str], list[list[str]]]] = []
    sections.append(
        (
            "Document",
            ["id", "title", "published", "language", "sentences", "source"],
            [[doc.id, doc.title or "", str(doc.published_at or ""), doc.language,
              str(len(analysis.sentences)), doc.source]],
        )
    )
    if analysis.entities:
        sections.append(("Entities", ["entity", "type", "relevance", "mentions"], [
            [e.name, e.type, f"{e.relevance:.0f}", str(len(e.mentions))]
            for e in sorted(analysis.entities, key=lambda e: -e.relevance)
        ]))
    if analysis.facts:
        sections.append(("Facts", ["entity", "period", "metric", "value", "unit", "qualifier"], [
            [f.entity_id or "", f.period or "", f.metric, _fmt_value(f.value), f.unit or "",
             f.qualifier]
            for f in sorted(analysis.facts, key=lambda f: (f.entity_id or "", f.period or ""))
        ]))
    if analysis.events:
        sections.append(("Events", ["date", "type", "modality", "participants"], [
            [e.date or "", e.type, e.modality, ", ".join(p.entity_id for p in e.participants)]
            for e in sorted(analysis.events, key=lambda e: e.date or "9999")
        ]))
    if analysis.checks:
        order = {"inconsistent": 0, "unverifiable": 1, "consistent": 2}
        sections.append(("Checks", ["verdict", "kind", "claim", "computed", "stated"], [
            [c.verdict, c.kind, c.claim, "" if c.computed is None else f"{c.computed:g}",
             "" if c.stated is None else f"{c.stated:g}"]
            for c in sorted(analysis.checks, key=lambda c: order.get(c.verdict, 3))
        ]))
    if analysis.sentiment:
        sections.append(("Sentiment", ["scope", "target", "score", "label"], [
            [s.scope, s.target, f"{s.score:+.2f}", s.label] for s in analysis.sentiment
            if s.scope != "sentence"
        ]))
    if analysis.quantities:
        sections.append(("Quantities", ["surface", "value", "max", "unit", "change", "sentence"], [
            [q.surface, _fmt_value(q.value), "" if q.value_max is None else _fmt_value(q.value_max),
             (q.unit or "") + (f"/{q.per}" if q.per else ""), q.change, str(q.sentence)]
            for q in analysis.quantities
        ]))
    if analysis.periods:
        sections.append(("Periods", ["surface", "period", "kind", "sentence"], [
            [p.surface, p.value, p.kind, str(p.sentence)] for p in analysis.periods
        ]))
    return sections


def print_analysis_table(analysis: Analysis, console: Console) -> None:
    for title, header, rows in analysis_sections(analysis):
        print_table(title, header, rows, console)


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], console: Console) -> None:
    table = Table(title=title, title_justify="left", show_lines=False)
    for name in header:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


def analysis_markdown(analysis: Analysis) -> str:
    parts = [f"# {escape_md(analysis.document.title or analysis.document.id)}", ""]
    for title, header, rows in analysis_sections(analysis):
        parts.append(f"## {title}\n")
        parts.append(markdown_table(header, rows))
        parts.append("")
    return "\n".join(parts)
