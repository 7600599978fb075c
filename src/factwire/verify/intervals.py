"""Interval arithmetic for checking rounded numbers: every written number stands for a range.

"RMB 5.6 billion" is [5.55, 5.65] billion; "over 30%" is (30, inf); "nearly 117,000" is within 5%.
A claim is consistent when the range the story states meets the range its inputs allow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

APPROXIMATE = 0.05  # "about", "nearly": within 5%


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @property
    def mid(self) -> float:
        if math.isinf(self.lo) or math.isinf(self.hi):
            return self.lo if math.isinf(self.hi) else self.hi
        return (self.lo + self.hi) / 2

    @property
    def half_width(self) -> float:
        return (self.hi - self.lo) / 2 if not (math.isinf(self.lo) or math.isinf(self.hi)) else math.inf

    def meets(self, other: Interval, slack: float = 1e-9) -> bool:
        return self.lo <= other.hi + slack and other.lo <= self.hi + slack


def stated(value: float, precision: float, qualifier: str = "=") -> Interval:
    """The range a written number stands for. A qualifier bounds its magnitude: for a negative
    value ("down over 30%" = -30 with '>'), 'over' means further below zero."""
    sign = -1.0 if value < 0 else 1.0
    magnitude = abs(value)
    if qualifier in (">", ">="):
        lo, hi = magnitude - (precision if qualifier == ">=" else 0.0), math.inf
    elif qualifier in ("<", "<="):
        lo, hi = -math.inf if sign < 0 else 0.0, magnitude + (precision if qualifier == "<=" else 0.0)
    elif qualifier == "~":
        spread = max(precision, APPROXIMATE * magnitude)
        lo, hi = magnitude - spread, magnitude + spread
    else:
        lo, hi = magnitude - precision, magnitude + precision
    if sign > 0:
        return Interval(lo, hi)
    return Interval(-hi, -lo)


def ratio(num: Interval, den: Interval) -> Interval | None:
    if den.lo <= 0 <= den.hi:
        return None
    candidates = [a / b for a in (num.lo, num.hi) for b in (den.lo, den.hi) if not math.isinf(a)]
    if not candidates:
        return None
    return Interval(min(candidates), max(candidates))


def difference(a: Interval, b: Interval) -> Interval:
    return Interval(a.lo - b.hi, a.hi - b.lo)


def total(parts: list[Interval]) -> Interval:
    return Interval(sum(p.lo for p in parts), sum(p.hi for p in parts))


def scale(i: Interval, factor: float) -> Interval:
    lo, hi = i.lo * factor, i.hi * factor
    return Interval(min(lo, hi), max(lo, hi))


def shift(i: Interval, offset: float) -> Interval:
    return Interval(i.lo + offset, i.hi + offset)
