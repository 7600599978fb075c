"""Stage ``entities``: companies, people, products and more, tied to canonical KB ids, with names
outside the KB discovered, short forms and references linked, and a relevance per document."""

from __future__ import annotations

import re

from ..models import Analysis, Entity, Mention
from ..pipeline import component
from ..text import SentenceIndex
from . import zh
from .discovery import (
    TICKER_IN_BRACKETS,
    Discovered,
    credit_lines,
    discover,
    discover_in,
    legal_form_after,
    longer_company_name,
    ticker_after,
    weak_word,
)
from .kb import KBEntry, KnowledgeBase, load_kb
from .linking import Span, company_short_forms, references, short_forms
from .matcher import AliasMatcher
from .relevance import score_entities

_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*)(?:,\s+[A-Z][a-z]+\.?)?"  # "WASHINGTON/LONDON", "PARIS, Texas"
    r"(?:\s+\((?:Reuters|AP|AFP|Bloomberg)\))?(?:\s+[-–—])?\s+(?=[A-Z\"“‘'])"
)
_BYLINE = re.compile(r"\b(?:Written|Edited|Produced|Reported|Compiled|Translated)\s+by\b")

__all__ = ["AliasMatcher", "Discovered", "KBEntry", "KnowledgeBase", "discover", "load_kb"]


class EntityRecognizer:
    def __init__(self, kb: KnowledgeBase, *, discover_unknown: bool = True, link: bool = True) -> None:
        self.kb = kb
        self.matcher = AliasMatcher(kb)
        self.discover_unknown = discover_unknown
        self.link = link

    def __call__(self, analysis: Analysis) -> Analysis:
        text = analysis.document.text
        index = SentenceIndex(analysis.sentences)
        mentions: dict[str, list[Mention]] = {}
        info: dict[str, Entity] = {}

        def add(entity_id: str, start: int, end: int, via: str) -> None:
            mentions.setdefault(entity_id, []).append(
                Mention(entity_id=entity_id, start=start, end=end, text=text[start:end],
                        sentence=index.at(start), via=via)  # type: ignore[arg-type]
            )

        line = dateline(text, analysis.document.body_offset)
        tickers = [(m.start(), m.end()) for m in TICKER_IN_BRACKETS.finditer(text)]
        zh_spans = [(s.start, s.end) for s in analysis.sentences if s.language == "zh"]  # Chinese: entities/zh.py
        for hit in self.matcher.find(text):
            if zh_spans and zh.ambiguous(text, hit, zh_spans):
                continue  # "理想" (ideal) in Chinese text is Li Auto only as "理想汽车"
            if line and hit.start < line[1] and line[0] < hit.end:
                continue  # "SEOUL Samsung ...": the dateline is where the story was filed, not a subject
            if any(s <= hit.start and hit.end <= e for s, e in tickers) and hit.via != "ticker":
                continue
            entry = self.kb.get(hit.entity_id)
            if entry is not None and entry.type == "company" and longer_company_name(text, hit.end):
                continue  # "Samsung SDS Co Ltd" is not Samsung Electronics: discovery names it
            end = hit.end + legal_form_after(text, hit.end)  # "Microsoft Corp", "Alibaba Group Holding Ltd"
            add(hit.entity_id, hit.start, end, hit.via)
        taken = [(m.start, m.end) for ms in mentions.values() for m in ms]
        taken += tickers
        taken += credit_lines(text)
        if line:
            taken.append(line)

        if self.discover_unknown:
            spans = [(s.start, s.end, _title_case(text, s.start, s.end)) for s in analysis.sentences
                     if s.language != "zh"]
            for d in discover_in(text, spans, taken):
                info.setdefault(d.id, Entity(id=d.id, name=d.key, type=d.type, known=False))  # type: ignore[arg-type]
                add(d.id, d.start, d.end, "discovered")
                taken.append((d.start, d.end))
            if zh_spans:
                zh.discover(text, zh_spans, mentions, info, add, taken, self.kb)
        self._tickers(text, mentions, info, add, taken, set(tickers))

        if self.link:
            spans = sorted(
                (Span(m.entity_id, m.start, m.end, m.sentence) for ms in mentions.values() for m in ms),
                key=lambda s: s.start,
            )
            people = {eid: self._name(eid, info) for eid in mentions if self._type(eid, info) == "person"}
            for linked in short_forms(text, people, spans, taken):
                add(linked.entity_id, linked.start, linked.end, linked.via)
                taken.append((linked.start, linked.end))
            companies = {
                eid: sorted({text[m.start : m.end] for m in ms})
                for eid, ms in mentions.items() if self._type(eid, info) == "company"
            }
            for linked in company_short_forms(text, companies, spans, taken, weak_word):
                add(linked.entity_id, linked.start, linked.end, linked.via)
                taken.append((linked.start, linked.end))
            types = {eid: self._type(eid, info) for eid in mentions}
            roles = {eid: (self.kb.get(eid).role() or "") for eid in mentions if eid in self.kb}  # type: ignore[union-attr]
            for linked in references(text, spans, index.at, types, roles, taken):
                add(linked.entity_id, linked.start, linked.end, linked.via)
            if zh_spans:
                headline = analysis.sentences[0].paragraph if analysis.sentences and analysis.document.title else None
                zh.link(text, analysis.sentences, mentions, types, add, taken, headline)

        entities = []
        for eid, ms in mentions.items():
            ms.sort(key=lambda m: m.start)
            entry = self.kb.get(eid)
            if entry is not None:
                entity = Entity(
                    id=eid, name=entry.name, type=entry.type, aliases=[*entry.aliases, *entry.tickers],
                    parent=entry.parent,
                )
            else:
                entity = info[eid]
            entity.mentions = ms
            entities.append(entity)
        headline = analysis.sentences[0].paragraph if analysis.sentences and analysis.document.title else None
        bylines = {
            s.index for s in analysis.sentences if _BYLINE.search(text, s.start, min(s.end, s.start + 200))
        }
        score_entities(entities, analysis.sentences, headline, bylines)
        entities.sort(key=lambda e: (-e.relevance, e.id))
        analysis.entities = entities
        return analysis

    @staticmethod
    def _tickers(text, mentions, info, add, taken, tickers) -> None:
        """"Logitech International (LOGN.S)": the ticker in brackets is one more name of the entity
        right before it, not an entity of its own."""
        for eid, ms in list(mentions.items()):
            for m in list(ms):
                hit = ticker_after(text, m.end)
                if hit is None or any(s < hit[2] and hit[1] < e for s, e in taken if (s, e) not in tickers):
                    continue
                add(eid, hit[1], hit[2], "ticker")
                taken.append((hit[1], hit[2]))
                if eid in info and hit[0] not in info[eid].aliases:
                    info[eid].aliases.append(hit[0])

    def _type(self, eid: str, info: dict[str, Entity]) -> str:
        entry = self.kb.get(eid)
        return entry.type if entry is not None else info[eid].type

    def _name(self, eid: str, info: dict[str, Entity]) -> str:
        entry = self.kb.get(eid)
        return entry.name if entry is not None else info[eid].name


def dateline(text: str, body_offset: int) -> tuple[int, int] | None:
    """The span of a dateline opening the body ("SEOUL", "WASHINGTON/LONDON", "NEW YORK (Reuters) -"),
    if there is one: capitals only, followed by the story's first sentence."""
    m = _DATELINE.match(text, body_offset)
    if m is None or len(m.group(0).strip()) < 3:
        return None
    return m.start(), m.end()


def _title_case(text: str, start: int, end: int) -> bool:
    """Most words capitalised: a headline in title case, where capitals say nothing about names."""
    words = [w for w in text[start:end].split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) > 0.75 * len(words)


@component("entities")
def make_entity_recognizer(kb: str | list[str] | None = None, discover: bool = True, link: bool = True):
    """``kb``: a YAML file or folder (or a list of them) layered over the shipped knowledge base."""
    paths = [kb] if isinstance(kb, str) else list(kb or [])
    return EntityRecognizer(load_kb(*paths), discover_unknown=discover, link=link)
