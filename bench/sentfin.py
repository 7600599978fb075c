"""SEntFiN 1.0 (../shared/data/sentfin-dev, MIT): headlines with entity -> sentiment, and the
split this project keeps: a fifth of the headlines, drawn by a hash of the folded headline (so a
headline repeated under two ids falls on one side), is the frozen part that no rule, lexicon entry
or model setting is tuned on; the rest is for development and training."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "sentfin-dev" / "sentfin-dev.jsonl"
LABELS = ("negative", "neutral", "positive")
FROZEN_SHARE = 5  # one headline in five


@dataclass(frozen=True)
class Headline:
    id: int
    title: str
    entities: dict[str, str]  # entity as written -> label

    @property
    def group(self) -> str:
        """The folded headline: what cross-validation groups by and the split hashes."""
        return " ".join(self.title.lower().split())

    @property
    def split(self) -> str:
        digest = hashlib.sha256(self.group.encode("utf-8")).hexdigest()
        return "frozen" if int(digest, 16) % FROZEN_SHARE == 0 else "dev"


def load(split: str | None = None, path: Path = DATA) -> list[Headline]:
    """The headlines of one split ("dev" or "frozen"), or all of them."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    items = [Headline(int(r["id"]), r["title"], dict(r["entities"])) for r in rows]
    return [h for h in items if split is None or h.split == split]
