"""The Chinese side of the ``entities`` stage, called from ``EntityRecognizer`` for the Chinese
sentences of a story (docs/chinese.md):

- ``ambiguous``: a knowledge-base alias that is also an everyday word ("理想", "大众") names the
  company only with a company word after it ("理想汽车", "大众集团");
- ``discover``: names outside the KB (``discovery_zh``), stock codes in brackets as one more name
  of the company before them ("蓉胜超微（002141.SZ）"), a code the KB knows linking the name before
  it to that company, and a discovered company name that contains a place ("珠海科见") being the
  company, not the place;
- ``link``: "该公司", "本公司" and "公司" refer to the company named just before them in the
  sentence, else in the sentence before, else to the story's subject (the company of the
  headline, or the one named most in the lead).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import shipped_yaml
from ..models import Entity, Mention, Sentence
from ..text.spans import overlaps
from .discovery_zh import _CODE, discover_zh
from .kb import KnowledgeBase
from .matcher import AliasHit

Add = Callable[[str, int, int, str], None]


@dataclass(frozen=True)
class _Lists:
    ambiguous: frozenset[str]
    re_ambiguous_cue: re.Pattern[str]
    re_reference: re.Pattern[str]
    reference_after: tuple[str, ...]
    not_before: dict[str, tuple[str, ...]]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    d = shipped_yaml("discovery_zh.yaml")
    return _Lists(
        ambiguous=frozenset(d["ambiguous_aliases"]),
        re_ambiguous_cue=re.compile(_alt(d["ambiguous_cues"])),
        re_reference=re.compile(_alt(d["reference_words"])),
        reference_after=tuple(sorted(d["reference_after"], key=len, reverse=True)),
        not_before={k: tuple(v) for k, v in d.get("alias_not_before", {}).items()},
    )


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def ambiguous(text: str, hit: AliasHit, zh_spans: list[tuple[int, int]]) -> bool:
    """Whether a KB hit in a Chinese sentence is an everyday word rather than the company."""
    lists = _lists()
    surface = text[hit.start : hit.end]
    if not in_spans(hit.start, zh_spans):
        return False
    if surface in lists.not_before and text.startswith(lists.not_before[surface], hit.end):
        return True  # "大盘股", "黄金周"
    if surface not in lists.ambiguous:
        return False
    return lists.re_ambiguous_cue.match(text, hit.end) is None


def slug(name: str) -> str:
    """An id-safe form of a name that keeps Chinese characters ("new:贤丰控股")."""
    return re.sub(r"[^a-z0-9\u4e00-\u9fff]+", "-", name.lower()).strip("-")


def discover(
    text: str,
    zh_spans: list[tuple[int, int]],
    mentions: dict[str, list[Mention]],
    info: dict[str, Entity],
    add: Add,
    taken: list[tuple[int, int]],
    kb: KnowledgeBase,
) -> None:
    """Add discovered names, stock codes and code-linked names of the Chinese sentences."""
    _legal_forms(text, zh_spans, mentions, taken, kb, info)
    places = {(m.start, m.end) for eid, ms in mentions.items() if _type(eid, kb, info) == "place" for m in ms}
    known = [(m.start, m.end) for eid, ms in mentions.items() if _type(eid, kb, info) == "company" for m in ms]
    skip = [span for span in taken if span not in places]
    found, codes = discover_zh(text, zh_spans, skip, known)
    by_code = _code_index(kb)
    for d in found:
        code = codes.get(d.name)
        eid = by_code.get(_code_key(code, None)) if code else None
        if eid is None:
            eid = "new:" + slug(d.key)
            info.setdefault(eid, Entity(id=eid, name=d.key, type=d.type, known=False))  # type: ignore[arg-type]
        add(eid, d.start, d.end, "discovered" if eid.startswith("new:") else "alias")
        taken.append((d.start, d.end))
        for ms in mentions.values():  # "珠海科见" is a company, not the city in its name
            ms[:] = [m for m in ms if not ((m.start, m.end) in places and d.start <= m.start and m.end <= d.end)]
    _codes_as_names(text, zh_spans, mentions, add, taken)
    for eid in [eid for eid, ms in mentions.items() if not ms]:
        del mentions[eid]


_LEGAL_FORM = re.compile(r"股份有限公司|控股有限公司|集团有限公司|有限公司|控股|集团|股份")


def _legal_forms(
    text: str, zh_spans: list[tuple[int, int]], mentions: dict[str, list[Mention]], taken: list[tuple[int, int]],
    kb: KnowledgeBase, info: dict[str, Entity],
) -> None:
    """"汇丰控股", "格力电器股份有限公司": a company word right after a known company's name is part
    of the name written."""
    for eid, ms in mentions.items():
        if _type(eid, kb, info) != "company":
            continue
        for i, m in enumerate(ms):
            form = _LEGAL_FORM.match(text, m.end)
            if form is None or not in_spans(m.start, zh_spans) or overlaps(m.end, form.end(), taken):
                continue
            ms[i] = m.model_copy(update={"end": form.end(), "text": text[m.start : form.end()]})
            taken[:] = [span for span in taken if span != (m.start, m.end)] + [(m.start, form.end())]


def _codes_as_names(
    text: str, zh_spans: list[tuple[int, int]], mentions: dict[str, list[Mention]], add: Add,
    taken: list[tuple[int, int]],
) -> None:
    """"乐视网(300104)": the code in brackets is one more name of the company right before it."""
    ends = {m.end: eid for eid, ms in mentions.items() for m in ms}
    for s, e in zh_spans:
        for m in _CODE.finditer(text, s, e):
            eid = ends.get(m.start())
            start, end = m.start("code"), m.end("mkt") if m.group("mkt") else m.end("code")
            if eid is not None and not overlaps(start, end, taken):
                add(eid, start, end, "ticker")
                taken.append((start, end))


@lru_cache(maxsize=8)
def _code_index(kb: KnowledgeBase) -> dict[str, str]:
    """Stock code as Chinese news writes it -> KB id: "600519" for 600519.SH, "0700" for 0700.HK
    (Hong Kong codes without their leading zeros, padded to four digits)."""
    out: dict[str, str] = {}
    for entry in kb.entries.values():
        for t in entry.tickers:
            m = re.fullmatch(r"(\d{4,6})\.(SH|SZ|SS|HK)", t)
            if m:
                out.setdefault(_code_key(m.group(1), m.group(2)), entry.id)
    return out


def _code_key(code: str, market: str | None) -> str:
    if market == "HK" or len(code) <= 5:
        return code.lstrip("0").zfill(4)
    return code


def _type(eid: str, kb: KnowledgeBase, info: dict[str, Entity]) -> str:
    entry = kb.get(eid)
    if entry is not None:
        return entry.type
    return info[eid].type if eid in info else "other"


def link(
    text: str,
    sentences: list[Sentence],
    mentions: dict[str, list[Mention]],
    types: dict[str, str],
    add: Add,
    taken: list[tuple[int, int]],
    headline_paragraph: int | None,
) -> None:
    """"该公司", "本公司", "公司": the company they refer to (see the module's docstring)."""
    lists = _lists()
    companies = sorted(
        (m for eid, ms in mentions.items() if types.get(eid) == "company" for m in ms), key=lambda m: m.start
    )
    if not companies:
        return
    subject = _subject(companies, sentences, headline_paragraph)
    for s in sentences:
        if s.language != "zh":
            continue
        for m in lists.re_reference.finditer(text, s.start, s.end):
            if overlaps(m.start(), m.end(), taken) or not _is_reference(text, m.start(), s.start, lists):
                continue
            if text.startswith(("法", "债", "章程"), m.end()):
                continue
            eid = _referent(m.start(), s, companies, subject, m.group(0))
            if eid is not None:
                add(eid, m.start(), m.end(), "reference")
                taken.append((m.start(), m.end()))


def _is_reference(text: str, start: int, s_start: int, lists: _Lists) -> bool:
    """Not part of a compound ("上市公司", "子公司"): at a clause start or after a function word."""
    if text.startswith(("该", "本"), start):
        return True
    if start == s_start or not ("\u4e00" <= text[start - 1] <= "\u9fff"):
        return True
    return any(text.endswith(w, max(0, start - len(w)), start) for w in lists.reference_after)


def _referent(pos: int, s: Sentence, companies: list[Mention], subject: str | None, word: str) -> str | None:
    same = [m for m in companies if s.start <= m.start < pos]
    if same:
        return same[-1].entity_id if word.startswith("该") else same[0].entity_id
    before = [m for m in companies if m.sentence == s.index - 1]
    if word.startswith("该") and before:
        return before[-1].entity_id
    if len({m.entity_id for m in before}) == 1:
        return before[0].entity_id
    return subject


def _subject(companies: list[Mention], sentences: list[Sentence], headline_paragraph: int | None) -> str | None:
    """The company of the headline, else the one named most in the first three paragraphs."""
    if headline_paragraph is not None:
        head = [m for m in companies if m.sentence >= 0 and sentences[m.sentence].paragraph == headline_paragraph]
        if head:
            return head[0].entity_id
    counts: dict[str, int] = {}
    for m in companies:
        if m.sentence >= 0 and sentences[m.sentence].paragraph <= 3:
            counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
