"""Exports: store tables to CSV, Parquet or JSON lines, and a company report in HTML or Markdown.

The HTML report is one self-contained file with interactive Plotly charts (plotly.js inlined).
The Markdown report writes its charts as PNG files beside it (rendered by Plotly through Kaleido,
which needs a Chromium or Chrome on the machine).
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from . import analytics
from .errors import FactwireError
from .store import ReadModels as Store
from .store.files import write_rows
from .tables_md import escape_md, markdown_table


def export_table(store: Store, table: str, out: str | Path, fmt: str | None = None, entity: str | None = None) -> int:
    """Write a table of the store (a Store or a RemoteStore) to CSV, Parquet or JSON lines.

    The rows are read through the store's read-only path and written by ``store.files``."""
    out = Path(out)
    fmt = fmt or {".csv": "csv", ".parquet": "parquet", ".json": "json", ".jsonl": "json"}.get(out.suffix.lower())
    if fmt not in ("csv", "parquet", "json"):
        raise FactwireError(f"{out}: say --format csv, parquet or json (or use one of those suffixes)")
    eid = analytics.resolve_entity(store, entity) if entity is not None else None
    result = store.table_rows(table, eid)
    write_rows(result, out, fmt)
    return len(result.rows)


# -- the company report -------------------------------------------------------------------


def _figures(store: Store, eid: str) -> dict[str, go.Figure]:
    figs: dict[str, go.Figure] = {}
    deliveries = [(m, analytics.metric_series(store, eid, m)) for m in ("deliveries", "sales_volume")]
    traces = [go.Bar(name=m, x=df["period"], y=df["value"]) for m, df in deliveries if not df.empty]
    if traces:
        figs["Deliveries and sales"] = go.Figure(traces, layout={"barmode": "group", "xaxis": {"type": "category"}})
    margins = [(m, analytics.metric_series(store, eid, m)) for m in ("gross_margin", "vehicle_gross_margin")]
    traces = [
        go.Scatter(name=m, x=df["period"], y=df["value"], mode="lines+markers") for m, df in margins if not df.empty
    ]
    if traces:
        figs["Margins (%)"] = go.Figure(traces, layout={"xaxis": {"type": "category"}})
    sentiment = analytics.sentiment_series(store, eid)
    if not sentiment.empty:
        figs["Sentiment"] = go.Figure(
            [go.Scatter(x=sentiment["date"], y=sentiment["score"], mode="lines+markers", name="sentiment")],
            layout={"yaxis": {"range": [-1, 1]}},
        )
    timeline = analytics.timeline(store, eid)
    dated = timeline[timeline["date"].notna()]
    if not dated.empty:
        x = [d + "-15" if len(d) == 7 else d[:10] for d in dated["date"]]
        figs["Events"] = go.Figure(
            [
                go.Scatter(
                    x=x,
                    y=dated["type"],
                    mode="markers",
                    text=dated["modality"],
                    marker={"size": 11, "color": dated["polarity"], "colorscale": "RdBu", "cmin": -1, "cmax": 1},
                )
            ]
        )
    for fig in figs.values():
        fig.update_layout(margin={"l": 60, "r": 20, "t": 30, "b": 40}, height=320, template="plotly_white")
    return figs


def _tables(store: Store, eid: str) -> dict[str, pd.DataFrame]:
    view = analytics.fire_and_ice(store, eid)
    fire = pd.DataFrame(
        [
            {"score": "fundamentals", "value": view.fundamentals},
            {"score": "sentiment and market", "value": view.sentiment_market},
            {"score": "gap", "value": view.gap},
            *({"score": f"alert: {a.kind}", "value": a.message} for a in view.alerts),
        ]
    )
    timeline = analytics.timeline(store, eid)[["date", "type", "modality", "main_entity", "stories", "title"]]
    facts = store.entity_facts(eid)
    return {
        "Fire and ice": fire,
        "Timeline": timeline,
        "Facts": pd.DataFrame(facts.rows, columns=facts.columns),
    }


def company_report(store: Store, name: str, out: str | Path) -> Path:
    eid = analytics.resolve_entity(store, name)
    info = store.find_entities(eid).records()[0]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    figs = _figures(store, eid)
    tables = _tables(store, eid)
    title = f"{info['name']}: factwire company report"
    if out.suffix.lower() in (".html", ".htm"):
        parts = [
            f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
            "<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:24px auto;color:#1d2330}"
            "table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:3px 8px}"
            "</style></head><body>",
            f"<h1>{html.escape(title)}</h1>",
            f"<p>{html.escape(info['type'])}, {info['documents']} stories in the store.</p>",
        ]
        first = True
        for caption, fig in figs.items():
            parts.append(f"<h2>{html.escape(caption)}</h2>")
            parts.append(fig.to_html(full_html=False, include_plotlyjs="inline" if first else False))
            first = False
        for caption, df in tables.items():
            parts.append(f"<h2>{html.escape(caption)}</h2>{df.to_html(index=False, na_rep='')}")
        parts.append("</body></html>")
        out.write_text("\n".join(parts), "utf-8")
        return out
    if out.suffix.lower() != ".md":
        raise FactwireError(f"{out}: a report is .html or .md")
    _ensure_browser()
    # titles, names and evidence come from the stories: escaped, so a Markdown viewer shows them as text
    lines = [f"# {escape_md(title)}", "", f"{escape_md(info['type'])}, {info['documents']} stories in the store.", ""]
    for i, (caption, fig) in enumerate(figs.items(), start=1):
        image = out.with_name(f"{out.stem}-chart{i}.png")
        try:
            image.write_bytes(fig.to_image(format="png", width=900, height=320))
        except Exception as exc:  # kaleido reports a missing or broken browser in many ways
            raise FactwireError(f"{image}: cannot render the chart ({exc}); use an .html report instead") from exc
        lines += [f"## {caption}", "", f"![{caption}]({image.name})", ""]
    for caption, df in tables.items():
        lines += [f"## {caption}", "", _markdown(df), ""]
    out.write_text("\n".join(lines), "utf-8")
    return out


def _ensure_browser() -> None:
    """Kaleido renders with a local Chromium or Chrome: point it at Debian's chromium if present."""
    if "BROWSER_PATH" not in os.environ:
        for candidate in ("chromium", "chromium-browser", "google-chrome"):
            found = shutil.which(candidate)
            if found:
                os.environ["BROWSER_PATH"] = found
                return
        raise FactwireError(
            "a Markdown report renders its charts with Chromium or Chrome, and none was found; "
            "install one or write an .html report"
        )


def _markdown(df: pd.DataFrame) -> str:
    return markdown_table([str(c) for c in df.columns], list(df.itertuples(index=False))) if len(df) else "_none_"
