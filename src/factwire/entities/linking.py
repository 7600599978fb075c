"""Within-document linking: short forms and references resolve to an earlier full mention.

- Short forms: after "Lei Jun" is mentioned, "Lei" alone is Lei Jun, unless another person
  mentioned in the story shares that word ("Wang" with both Wang Hua and Wang Xiang: left alone).
- Company short forms: after "LG Electronics Inc", "LG" alone is LG Electronics, unless another
  company of the story opens with the same word or a capitalised word follows ("LG Display").
- References: "the company", "the firm", "the carmaker", "the group", "the Chairman", "the CEO"
  resolve to the one entity of a fitting type mentioned in that sentence or the one before;
  with two candidates the reference is ambiguous and stays unlinked. Chinese references
  ("该公司", "公司") are linked in ``entities/zh.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text.spans import overlaps

_REFERENCE = re.compile(
    r"\b[Tt]he\s+(?P<word>company|firm|carmaker|automaker|EV maker|group|Group|start-up|startup|"
    r"Chairman|chairman|CEO|chief executive|founder|Founder|President|president)(?:'s)?\b"
)
_COMPANY_WORDS = {"company", "firm", "carmaker", "automaker", "EV maker", "group", "Group", "start-up", "startup"}
_ROLE_WORDS = {"Chairman", "chairman", "CEO", "chief executive", "founder", "Founder", "President", "president"}


@dataclass(frozen=True)
class Span:
    entity_id: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class Linked:
    entity_id: str
    start: int
    end: int
    via: str  # short | reference


def short_forms(
    text: str, people: dict[str, str], mentions: list[Span], taken: list[tuple[int, int]]
) -> list[Linked]:
    """``people`` maps person entity ids to their canonical names."""
    owners: dict[str, set[str]] = {}
    for eid, name in people.items():
        parts = name.split()
        if len(parts) < 2:
            continue
        for part in parts:
            if len(part) > 2 and part[:1].isupper():
                owners.setdefault(part, set()).add(eid)
    first_seen = {}
    for m in mentions:
        first_seen.setdefault(m.entity_id, m.start)
    out: list[Linked] = []
    for word, ids in owners.items():
        if len(ids) != 1:
            continue
        (eid,) = ids
        for m in re.finditer(rf"\b{re.escape(word)}\b(?!\s+[A-Z])", text):
            if m.start() > first_seen.get(eid, len(text)) and not overlaps(m.start(), m.end(), taken):
                out.append(Linked(eid, m.start(), m.end(), "short"))
    return out


def company_short_forms(
    text: str, companies: dict[str, list[str]], mentions: list[Span], taken: list[tuple[int, int]],
    weak: Callable[[str], bool],
) -> list[Linked]:
    """``companies`` maps company entity ids to the names the text calls them by; ``weak`` says
    whether a word names nothing alone ("American", "First")."""
    owners: dict[str, set[str]] = {}
    for eid, names in companies.items():
        for name in names:
            parts = name.split()
            if len(parts) < 2 or len(parts[0]) < 2 or not parts[0][:1].isupper() or weak(parts[0]):
                continue
            owners.setdefault(parts[0], set()).add(eid)
    first_seen: dict[str, int] = {}
    for m in mentions:
        first_seen.setdefault(m.entity_id, m.start)
    out: list[Linked] = []
    for word, ids in owners.items():
        if len(ids) != 1:
            continue
        (eid,) = ids
        for m in re.finditer(rf"\b{re.escape(word)}\b(?!['’]?\s*[A-Z&\d(])", text):
            if m.start() > first_seen.get(eid, len(text)) and not overlaps(m.start(), m.end(), taken):
                out.append(Linked(eid, m.start(), m.end(), "short"))
    return out


def references(
    text: str,
    mentions: list[Span],
    sentence_at: Callable[[int], int],
    types: dict[str, str],
    roles: dict[str, str],
    taken: list[tuple[int, int]],
) -> list[Linked]:
    """``types`` maps entity ids to types, ``roles`` person ids to their KB role."""
    out: list[Linked] = []
    for m in _REFERENCE.finditer(text):
        if overlaps(m.start(), m.end(), taken):
            continue
        sentence = sentence_at(m.start())
        word = m.group("word")
        window = [
            s for s in mentions
            if s.start < m.start() and sentence - 1 <= s.sentence <= sentence
        ]
        if word in _COMPANY_WORDS:
            candidates = {s.entity_id for s in window if types.get(s.entity_id) == "company"}
            if word.lower() == "group":
                grouped = {s.entity_id for s in window if "group" in text[s.start : s.end].lower()}
                candidates = grouped or candidates
        else:
            role = word.lower()
            candidates = {
                s.entity_id for s in mentions
                if s.start < m.start() and types.get(s.entity_id) == "person"
                and role in roles.get(s.entity_id, "").lower()
            }
        if len(candidates) == 1:
            out.append(Linked(candidates.pop(), m.start(), m.end(), "reference"))
    return out
