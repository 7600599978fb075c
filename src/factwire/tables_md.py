"""Markdown tables, for the CLI's Markdown output and the company report."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

_MD_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\n": " ", "\r": " ",
                             "[": "\\[", "]": "\\]"})


def escape_md(value: Any) -> str:
    """Text we did not write, made inert in Markdown: no raw HTML (``<img onerror=...>``), no link
    syntax, no cell or line breaks."""
    return str(value).translate(_MD_ESCAPES)


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(v: Any) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        return escape_md(v)

    lines = ["| " + " | ".join(escape_md(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
