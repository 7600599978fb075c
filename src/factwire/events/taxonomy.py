"""The event taxonomy (``data/events.yaml``), loaded and compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..datafiles import shipped_yaml, user_yaml
from ..errors import VocabularyError


def phrase_re(phrases: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive regex for a list of phrases: whole words for Latin, anywhere for CJK.
    A ``*`` stands for up to four words: "cut * staff" matches "cut 10% of its staff"."""
    if not phrases:
        return None
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        escaped = re.escape(p).replace(r"\ \*\ ", r"(?:\s+\S+){0,4}?\s+").replace(r"\ ", r"\s+")
        parts.append(escaped if re.search(r"[\u4e00-\u9fff]", p) else rf"(?<![\w-]){escaped}(?![\w-])")
    return re.compile("|".join(parts), re.IGNORECASE)


def _opening_re(words: list[str]) -> re.Pattern[str] | None:
    """Words that matter only at the start of a sentence."""
    if not words:
        return None
    return re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.IGNORECASE)


class EventTypeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str
    group: str
    triggers: list[str] = Field(min_length=1)
    requires: list[str] = Field(default_factory=list)
    excludes: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    attributes: dict[str, str] = Field(default_factory=dict)
    flags: dict[str, list[str]] = Field(default_factory=dict)
    modality: str | None = None
    suppresses: list[str] = Field(default_factory=list)
    subject_after: bool = Field(default=False, description="The event is about the entity after the trigger "
                                "(the rated company in 'Moody's upgraded BYD').")
    subject: list[str] = Field(
        default_factory=lambda: ["company"], description="Types the main entity may be, in order."
    )
    polarity: float = Field(ge=-1, le=1)
    priority: int = 1


@dataclass(frozen=True)
class EventType:
    name: str
    spec: EventTypeSpec
    trigger_re: re.Pattern[str]
    requires_re: re.Pattern[str] | None
    excludes_re: re.Pattern[str] | None
    flag_res: dict[str, re.Pattern[str]]


@dataclass(frozen=True)
class Taxonomy:
    types: dict[str, EventType]
    modality_res: dict[str, re.Pattern[str]]
    habitual_re: re.Pattern[str] | None
    hypothetical_re: re.Pattern[str] | None
    reporting_types: frozenset[str]
    as_of_types: frozenset[str]


def build_taxonomy(data: dict[str, Any]) -> Taxonomy:
    types = {}
    try:
        for name, raw in data["events"].items():
            spec = EventTypeSpec.model_validate(raw)
            types[name] = EventType(
                name=name,
                spec=spec,
                trigger_re=phrase_re(spec.triggers),  # type: ignore[arg-type]
                requires_re=phrase_re(spec.requires),
                excludes_re=phrase_re(spec.excludes),
                flag_res={flag: phrase_re(words) for flag, words in spec.flags.items()},  # type: ignore[misc]
            )
        modality = {name: phrase_re(words) for name, words in data["modality"].items()}
    except ValidationError as exc:
        first = exc.errors()[0]
        raise VocabularyError(f"event taxonomy: {'.'.join(map(str, first['loc']))}: {first['msg']}") from exc
    except (KeyError, TypeError, AttributeError) as exc:
        raise VocabularyError(f"event taxonomy is missing or has a bad entry: {exc}") from exc
    return Taxonomy(
        types=types,
        modality_res={k: v for k, v in modality.items() if v is not None},
        habitual_re=phrase_re(data.get("habitual", [])),
        hypothetical_re=_opening_re(data.get("hypothetical", [])),
        reporting_types=frozenset(data.get("reporting_types", [])),
        as_of_types=frozenset(data.get("as_of_types", [])),
    )


@lru_cache(maxsize=8)
def load_taxonomy(user_file: str | None = None) -> Taxonomy:
    data = shipped_yaml("events.yaml")
    if user_file:
        data["events"].update(user_yaml(user_file, "event taxonomy").get("events", {}))
    return build_taxonomy(data)
