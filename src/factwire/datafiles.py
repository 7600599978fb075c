"""The YAML data files factwire ships (``factwire/data``) and the users' files laid over them."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import VocabularyError


def shipped_yaml(name: str) -> Any:
    """A data file shipped in the package, by name (``"metrics.yaml"``)."""
    return yaml.safe_load((resources.files("factwire") / "data" / name).read_text("utf-8"))


def user_yaml(path: str | Path, what: str) -> dict[str, Any]:
    """A user's YAML file of ``what`` (e.g. "event taxonomy"): a mapping, or VocabularyError
    naming the file (an empty file too: it is more likely the wrong file than nothing to add)."""
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: cannot load {what}: {exc}") from exc
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: expected a mapping at the top level of the {what}")
    return data


def merge_extending(base: dict[str, Any], extra: dict[str, Any]) -> None:
    """Lay ``extra`` over ``base`` in place: mappings merge key by key, lists are extended, and
    anything else is replaced."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge_extending(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = base[key] + value
        else:
            base[key] = value
