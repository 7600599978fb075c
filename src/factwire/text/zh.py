"""Chinese text: which language a span is in, and where Chinese sentences end.

Language is decided by counting: a span with more CJK ideographs than Latin letters is Chinese.
That is enough for the two languages factwire reads, costs one pass over the characters, and
works per sentence, so a Chinese story quoting an English sentence (or the reverse) gives each
sentence its own language. A span with neither (a line of figures) takes the document's language.

A Chinese sentence ends at 。！？； (and at ! ? ; written half-width in Chinese text), with the
closing quotes or brackets that follow it, whatever comes next: Chinese puts no space after a
full stop and has no capitals to tell a new sentence. The marks are data (``data/text_zh.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import shipped_yaml

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class ZhMarks:
    ends: re.Pattern[str]


@lru_cache(maxsize=1)
def marks() -> ZhMarks:
    d = shipped_yaml("text_zh.yaml")
    ends = "".join(re.escape(c) for c in d["sentence_ends"])
    half = "".join(re.escape(c) for c in d["half_width_ends"])
    closing = "".join(re.escape(c) for c in d["closing"])
    # a half-width mark ends a sentence only after a Chinese character or a closing mark
    pattern = rf"(?:[{ends}]+|(?<=[\u4e00-\u9fff{closing}])[{half}]+)[{closing}]*"
    return ZhMarks(ends=re.compile(pattern))


def language_of(text: str, start: int = 0, end: int | None = None, default: str = "en") -> str:
    """'zh' when CJK ideographs outnumber Latin letters in ``text[start:end]``, 'en' when Latin
    letters do, else ``default``."""
    span = text[start:end]
    cjk = len(CJK.findall(span))
    latin = len(_LATIN.findall(span))
    if cjk == latin == 0:
        return default
    return "zh" if cjk > latin else "en"


def sentence_cuts(line: str) -> list[int]:
    """Offsets in ``line`` after which a Chinese sentence ends (never the line's end itself)."""
    return [m.end() for m in marks().ends.finditer(line) if m.end() < len(line)]


def has_chinese(text: str) -> bool:
    return CJK.search(text) is not None
