"""Stage ``entities``: companies, people, products and more, tied to canonical KB ids, with names
outside the KB discovered, short forms and references linked, and a relevance per document."""

from __future__ import annotations

import re

from ..models import Analysis, Entity, Mention
from ..pipeline import component
from ..text import SentenceIndex
from .discovery import Discovered, discover, proper_nouns
from .kb import KBEntry, KnowledgeBase, load_kb
from .linking import Span, references, short_forms
from .matcher import AliasMatcher
from .relevance import score_entities

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

        for hit in self.matcher.find(text):
            add(hit.entity_id, hit.start, hit.end, hit.via)
        taken = [(m.start, m.end) for ms in mentions.values() for m in ms]

        if self.discover_unknown:
            candidates = discover(text)
            for sentence in analysis.sentences:
                candidates += proper_nouns(text, sentence.start, sentence.end)
            for d in candidates:
                if any(s <= d.end and d.start <= e for s, e in taken):
                    continue  # part of, or glued to, a name already found ("Xiaomi SU7 Standard")
                info.setdefault(d.id, Entity(id=d.id, name=d.name, type=d.type, known=False))  # type: ignore[arg-type]
                add(d.id, d.start, d.end, "discovered")
                taken.append((d.start, d.end))

        if self.link:
            spans = sorted(
                (Span(m.entity_id, m.start, m.end, m.sentence) for ms in mentions.values() for m in ms),
                key=lambda s: s.start,
            )
            people = {eid: self._name(eid, info) for eid in mentions if self._type(eid, info) == "person"}
            for linked in short_forms(text, people, spans, taken):
                add(linked.entity_id, linked.start, linked.end, linked.via)
                taken.append((linked.start, linked.end))
            types = {eid: self._type(eid, info) for eid in mentions}
            roles = {eid: (self.kb.get(eid).role() or "") for eid in mentions if eid in self.kb}  # type: ignore[union-attr]
            for linked in references(text, spans, index.at, types, roles, taken):
                add(linked.entity_id, linked.start, linked.end, linked.via)

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

    def _type(self, eid: str, info: dict[str, Entity]) -> str:
        entry = self.kb.get(eid)
        return entry.type if entry is not None else info[eid].type

    def _name(self, eid: str, info: dict[str, Entity]) -> str:
        entry = self.kb.get(eid)
        return entry.name if entry is not None else info[eid].name


@component("entities")
def make_entity_recognizer(kb: str | list[str] | None = None, discover: bool = True, link: bool = True):
    """``kb``: a YAML file or folder (or a list of them) layered over the shipped knowledge base."""
    paths = [kb] if isinstance(kb, str) else list(kb or [])
    return EntityRecognizer(load_kb(*paths), discover_unknown=discover, link=link)
