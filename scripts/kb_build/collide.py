"""Aliases shared by two entities: each is settled by the first rule that applies, and listed."""

from __future__ import annotations

from collections.abc import Callable

# an entry being built: KBEntry fields plus "_weight" (prominence), "_hand" (the id is hand-written)
# and "_hand_surfaces" (lower-cased names the hand-written entry gives, which the script never removes)
Row = dict


def _names(row: Row) -> list[str]:
    return [row["name"], *row.get("aliases", []), *row.get("tickers", [])]


def _canonical(key: str, rows: list[Row], prefer: dict[str, str]) -> tuple[str | None, str]:
    """(winner id or None to drop from all, rule)."""
    if key in prefer:
        return prefer[key], "curated preference"
    named = [r for r in rows if r["name"].lower() == key]
    if len(named) == 1:
        return named[0]["id"], "it is this entity's name"
    hand = [r for r in rows if key in r["_hand_surfaces"]]
    if len(hand) == 1:
        return hand[0]["id"], "hand-written entry"
    parents = [r for r in rows if all(o is r or (o.get("subsidiary_of") or o.get("product_of")) == r["id"]
                                      for o in rows)]
    if len(parents) == 1:
        return parents[0]["id"], "parent of the others"
    weights = sorted((r["_weight"] for r in rows), reverse=True)
    if weights[0] > weights[1]:
        return next(r["id"] for r in rows if r["_weight"] == weights[0]), "more prominent (index weight)"
    return None, "ambiguous: dropped from all"


def resolve(rows: dict[str, Row], prefer: dict[str, str], log: Callable[[str], None]) -> list[tuple[str, ...]]:
    """Remove each shared alias from all but one entity; returns (alias, kept by, dropped from, rule)."""
    holders: dict[str, list[Row]] = {}
    for row in rows.values():
        for surface in dict.fromkeys([*(s.lower() for s in _names(row)), *sorted(row["_hand_surfaces"])]):
            holders.setdefault(surface, []).append(row)
    report = []
    for key in sorted(k for k, v in holders.items() if len(v) > 1):
        group = holders[key]
        winner, rule = _canonical(key, group, prefer)
        losers = [r for r in group if r["id"] != winner]
        for row in losers:
            if row["name"].lower() == key:
                log(f"name {row['name']!r} of {row['id']} is also used by {[r['id'] for r in group if r is not row]}")
            if key in row["_hand_surfaces"]:
                log(f"hand-written {row['id']} keeps {key!r}, which {winner} should have: edit the hand-written file")
                continue
            row["aliases"] = [a for a in row.get("aliases", []) if a.lower() != key]
            row["tickers"] = [t for t in row.get("tickers", []) if t.lower() != key]
        report.append((key, winner or "-", ",".join(sorted(r["id"] for r in losers)), rule))
    return report
