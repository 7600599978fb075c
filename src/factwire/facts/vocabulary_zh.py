"""The Chinese metric vocabulary (``data/metrics_zh.yaml``) as a ``Vocabulary``.

Each metric keeps its definition from ``metrics.yaml`` (units, kind, owners); the Chinese file
gives its words, and defines the few metrics the English file does not have. English aliases are
left out: in Chinese text they would only match inside Latin names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import merge_extending, shipped_yaml, user_yaml
from ..errors import VocabularyError
from .vocabulary import Vocabulary, build_vocabulary, words_re

_SPEC_FIELDS = ("units", "kind", "unit", "owners", "owned_by", "growth", "per_share", "nouns")


@dataclass
class ZhVocabulary:
    vocab: Vocabulary
    verbs: dict[str, str]  # a verb of a count of shares -> its metric ("增持" -> shares_bought)
    re_verbs: re.Pattern[str]
    re_blockers: re.Pattern[str]  # words after which a number is no entity's metric ("概率")
    re_not_actual: re.Pattern[str]  # words that make a sentence's figures hypothetical or statistics
    re_anonymous: re.Pattern[str]  # holders that are no entity ("北上资金")
    overnight: frozenset[str] = frozenset()  # entities whose trading day ends before a Chinese story's


def build_zh_vocabulary(english: dict[str, Any], chinese: dict[str, Any]) -> ZhVocabulary:
    metrics: dict[str, dict[str, Any]] = {}
    verbs: dict[str, str] = {}
    try:
        for name, spec in chinese["metrics"].items():
            base = dict(english["metrics"].get(name, {}))
            for key in _SPEC_FIELDS:
                if key in spec and key not in base:
                    base[key] = spec[key]
            if "units" not in base:
                raise VocabularyError(f"Chinese metric {name!r} is not in metrics.yaml and names no units")
            base["aliases"] = list(spec.get("aliases", []))
            base["negative"] = list(spec.get("negative", []))
            metrics[name] = base
            for verb in spec.get("verbs", []):
                verbs.setdefault(str(verb), name)
        data = {"metrics": metrics}
        for key in ("guidance_cues", "estimate_cues", "adjusted_cues", "yoy_cues", "qoq_cues"):
            data[key] = list(chinese.get(key, []))
    except (AttributeError, TypeError, KeyError) as exc:
        raise VocabularyError(f"Chinese metric vocabulary has a bad entry: {exc}") from exc
    return ZhVocabulary(
        vocab=build_vocabulary(data),
        verbs=verbs,
        re_verbs=words_re(list(verbs) or ["(?!)"]),
        re_blockers=words_re(list(chinese.get("blockers", [])) or ["(?!)"]),
        re_not_actual=words_re(list(chinese.get("not_actual", [])) or ["(?!)"]),
        re_anonymous=words_re(list(chinese.get("anonymous_holders", [])) or ["(?!)"]),
        overnight=frozenset(chinese.get("overnight_markets", [])),
    )


@lru_cache(maxsize=8)
def load_zh_vocabulary(user_file: str | None = None) -> ZhVocabulary:
    chinese = shipped_yaml("metrics_zh.yaml")
    if user_file:
        merge_extending(chinese, user_yaml(user_file, "Chinese metric vocabulary"))
    return build_zh_vocabulary(shipped_yaml("metrics.yaml"), chinese)
