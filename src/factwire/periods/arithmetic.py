"""Period arithmetic on the period strings factwire emits."""

from __future__ import annotations

import re


def previous(period: str, basis: str) -> str | None:
    """The period a year-on-year ('yoy') or quarter-on-quarter ('qoq') change compares with:
    previous('2025-Q3', 'yoy') == '2024-Q3'; previous('2025-Q1', 'qoq') == '2024-Q4'.
    None for ranges and for qoq of anything but a quarter."""
    m = re.fullmatch(r"(\d{4})(-[^/]+)?", period)
    if not m:
        return None
    year, rest = int(m.group(1)), m.group(2) or ""
    if basis == "yoy":
        return f"{year - 1}{rest}"
    q = re.fullmatch(r"-Q([1-4])", rest)
    if basis != "qoq" or not q:
        return None
    n = int(q.group(1))
    return f"{year - 1}-Q4" if n == 1 else f"{year}-Q{n - 1}"
