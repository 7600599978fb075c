"""Place entries from scripts/kb_sources/places.yaml: lists of [name, other names...] per kind."""

from __future__ import annotations

from .names import slug

# how often news names each kind of place, for settling shared aliases
WEIGHT = {"countries": 5, "territories": 4, "us_states": 3, "regions": 3, "cities": 2, "provinces": 2}


def place_rows(source: dict) -> list[dict]:
    rows = []
    for kind, items in source.items():
        for item in items:
            if isinstance(item, dict):  # a place whose id is not the slug of its name
                row = {"type": "place", **item}
            else:
                names = [item] if isinstance(item, str) else list(item)
                row = {"id": slug(names[0]), "name": names[0], "type": "place", "aliases": names[1:]}
            rows.append({**row, "weight": WEIGHT[kind]})
    return rows
