"""Company families: each entity's top parent (Xiaomi Auto and the SU7 roll up to Xiaomi)."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Entity


def family_roots(entities: Iterable[Entity]) -> dict[str, str]:
    """Entity id -> the id at the top of its ``parent`` chain (itself when it has no parent).
    A cycle in the parents stops the walk rather than looping."""
    parents = {e.id: e.parent for e in entities}

    def root(eid: str) -> str:
        seen = set()
        while (parent := parents.get(eid)) and eid not in seen:
            seen.add(eid)
            eid = parent
        return eid

    return {eid: root(eid) for eid in parents}
