"""The entity knowledge base: YAML files of entities with ids, names, aliases, tickers and relations.

The shipped KB lives in ``data/kb/``; users add files or folders of the same format (``--kb`` or the
``kb`` setting of the ``entities`` component). An entry whose id is already known replaces it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import VocabularyError

EntityType = Literal[
    "company", "person", "product", "organisation", "media", "platform", "index", "place", "other"
]


class KBEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    tickers: list[str] = Field(default_factory=list)
    subsidiary_of: str | None = None
    product_of: str | None = None
    executive_of: dict[str, str] = Field(default_factory=dict)

    @property
    def parent(self) -> str | None:
        if self.subsidiary_of or self.product_of:
            return self.subsidiary_of or self.product_of
        return next(iter(self.executive_of), None)

    def role(self) -> str | None:
        return next(iter(self.executive_of.values()), None)


class KnowledgeBase:
    def __init__(self, entries: dict[str, KBEntry]) -> None:
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entries

    def get(self, entity_id: str) -> KBEntry | None:
        return self.entries.get(entity_id)


def _read_entries(path: Path | None, text: str, name: str) -> list[KBEntry]:
    try:
        data = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{name}: invalid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise VocabularyError(f"{name}: expected a list of entities")
    entries = []
    for i, raw in enumerate(data):
        try:
            entries.append(KBEntry.model_validate(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise VocabularyError(f"{name}: entry {i + 1} ({raw!r:.60}): {where}: {first['msg']}") from exc
    return entries


def _user_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
    if path.exists():
        return [path]
    raise VocabularyError(f"{path}: knowledge base file or folder not found")


@lru_cache(maxsize=8)
def load_kb(*user_paths: str) -> KnowledgeBase:
    """The shipped KB with user files or folders layered over it."""
    entries: dict[str, KBEntry] = {}
    shipped = resources.files("factwire") / "data" / "kb"
    for item in sorted(shipped.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            for entry in _read_entries(None, item.read_text("utf-8"), f"kb/{item.name}"):
                entries[entry.id] = entry
    for raw in user_paths:
        for file in _user_files(Path(raw)):
            for entry in _read_entries(file, file.read_text("utf-8"), str(file)):
                entries[entry.id] = entry
    for entry in entries.values():
        for ref in filter(None, [entry.subsidiary_of, entry.product_of, *entry.executive_of]):
            if ref not in entries:
                raise VocabularyError(f"kb entry {entry.id!r} refers to unknown id {ref!r}")
    return KnowledgeBase(entries)
