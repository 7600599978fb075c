"""Relevance 0-100 of each entity to a document, in the spirit of RavenPack's entity relevance.

Two passes. The ``entities`` stage gives a first score from positions alone (the facts stage
uses it to pick subjects):

    score = 40 if named in the headline
          + 15 if named in the lead (the first two paragraphs after the headline)
          + 30 x (its mention weight / the heaviest entity's mention weight)
          + 15 x (share of the story's paragraphs that mention it)
    then x 0.3 for media (a source, not a subject) and x 0.5 for places, capped at 100.

The ``relevance`` component, after facts and events, scores again with what the story is about:

    score = 30 if named in the headline
          + 15 if it is the headline's subject (its first company, person or product, not a
               company that only qualifies a person: "Acme CEO Smith quits" is about Smith)
          + 10 if named in the lead
          + 20 x (its mention weight / the heaviest entity's)
          + 10 x (share of the story's paragraphs that mention it)
          + 10 x (share of the story's facts that are its own)
          + 5  x (share of the story's events it is the first participant of)
    then the same type factors, capped at 100.

A person's family name in the headline counts as naming them there ("Acme CEO Smith ..." before
"John Smith" in the lead). A headline with a market word ("stocks", "Wall Street") and no company
of its own is a market report: the indexes named in the lead count as named in the headline.
A mention's weight is its ``Mention.relevance`` (headline 100, lead 70, body 40, halved for short
forms and references, 0 in a byline such as "Written by X"). Defined in docs/entities.md.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import shipped_yaml, user_yaml
from ..errors import VocabularyError
from ..models import Analysis, Entity, Mention, Sentence
from ..pipeline import component

HEADLINE, LEAD, BODY = 100.0, 70.0, 40.0
TYPE_FACTOR = {"media": 0.3, "place": 0.5}
SUBJECT_TYPES = ("company", "person", "product", "platform", "organisation", "index", "commodity", "currency")
# the second pass's weights (docs/entities.md)
W_HEADLINE, W_SUBJECT, W_LEAD, W_WEIGHT, W_PARAGRAPHS, W_FACTS, W_EVENTS = 25.0, 25.0, 10.0, 15.0, 10.0, 10.0, 5.0


def mention_weight(
    mention: Mention, sentences: list[Sentence], headline_paragraph: int | None, bylines: set[int]
) -> float:
    if mention.sentence in bylines:
        return 0.0  # "Written by X", "Produced by Y": the source of the story, not its subject
    if mention.sentence < 0:
        weight = BODY
    else:
        paragraph = sentences[mention.sentence].paragraph
        if headline_paragraph is not None and paragraph == headline_paragraph:
            weight = HEADLINE
        elif paragraph <= (headline_paragraph if headline_paragraph is not None else -1) + 2:
            weight = LEAD
        else:
            weight = BODY
    return weight / 2 if mention.via in ("short", "reference") else weight


def score_entities(
    entities: list[Entity],
    sentences: list[Sentence],
    headline_paragraph: int | None,
    bylines: set[int] | None = None,
) -> None:
    """Set ``relevance`` on every entity and mention in place (the first pass, from positions).
    ``bylines``: sentence indexes of credit lines, whose mentions weigh nothing."""
    bylines = bylines or set()
    if not entities:
        return
    paragraphs = {s.paragraph for s in sentences} or {0}
    totals = {}
    for entity in entities:
        for m in entity.mentions:
            m.relevance = mention_weight(m, sentences, headline_paragraph, bylines)
        totals[entity.id] = sum(m.relevance for m in entity.mentions)
    heaviest = max(totals.values()) or 1.0
    for entity in entities:
        weights = [m.relevance for m in entity.mentions]
        in_paragraphs = {sentences[m.sentence].paragraph for m in entity.mentions if m.relevance > 0}
        score = 40.0 if HEADLINE in weights else 0.0
        score += 15.0 if LEAD in weights else 0.0
        score += 30.0 * totals[entity.id] / heaviest
        score += 15.0 * len(in_paragraphs) / len(paragraphs)
        score *= TYPE_FACTOR.get(entity.type, 1.0)
        entity.relevance = round(min(100.0, score), 1)


# --- the second pass: the story's subject ---------------------------------------------------

@dataclass(frozen=True)
class RelevanceVocabulary:
    roles: re.Pattern[str]  # a role word right after a company: "Acme CEO"
    relations: re.Pattern[str]  # a relation word after a possessive: "Acme's parent"
    generic: frozenset[str]  # first words of company names that do not stand for the company
    market: re.Pattern[str]  # a market report's headline word


def _alternation(words: list[str]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!)")  # matches nothing
    parts = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_vocabulary(user_file: str | None = None) -> RelevanceVocabulary:
    data = shipped_yaml("relevance.yaml")
    if user_file:
        extra = user_yaml(user_file, "relevance vocabulary")
        for key in ("roles", "relations", "market_words", "generic_first_words"):
            data[key] = [*data.get(key, []), *extra.get(key, [])]
    try:
        return RelevanceVocabulary(
            roles=_alternation([str(w) for w in data["roles"]]),
            relations=_alternation([str(w) for w in data.get("relations", [])]),
            generic=frozenset(str(w).lower() for w in data.get("generic_first_words", [])),
            market=_alternation([str(w) for w in data["market_words"]]),
        )
    except (KeyError, TypeError) as exc:
        raise VocabularyError(f"relevance vocabulary lacks {exc}") from exc


@component("relevance")
def make_relevance(vocabulary: str | None = None):
    """``vocabulary``: a YAML file extending data/relevance.yaml (role and market words)."""
    vocab = load_vocabulary(vocabulary)

    def relevance(analysis: Analysis) -> Analysis:
        rescore(analysis, vocab)
        return analysis

    return relevance


def rescore(analysis: Analysis, vocab: RelevanceVocabulary) -> None:
    """The second pass: set ``relevance`` on every entity from positions, the headline's subject,
    facts and events, and sort the entities by it."""
    entities, sentences = analysis.entities, analysis.sentences
    if not entities or not sentences:
        return
    text = analysis.document.text
    headline = _headline_span(analysis)
    in_headline = _headline_positions(entities, text, headline, vocab)
    subject = _headline_subject(entities, in_headline, text, headline, vocab)
    if subject is not None and subject[1]:  # "Acme CEO Smith": Acme only qualifies Smith
        in_headline = {eid: pos for eid, pos in in_headline.items() if eid not in subject[1]}
    if headline is not None and _market_report(text, headline, entities, in_headline, vocab):
        index = _market_index(entities)
        if index is not None:
            in_headline.setdefault(index, headline[1])
            subject = (index, ())
    paragraphs = {s.paragraph for s in sentences} or {0}
    totals = {e.id: sum(m.relevance for m in e.mentions) for e in entities}
    heaviest = max(totals.values()) or 1.0
    facts = Counter(f.entity_id for f in analysis.facts if f.entity_id)
    events = Counter(ev.participants[0].entity_id for ev in analysis.events if ev.participants)
    n_facts, n_events = sum(facts.values()) or 1, sum(events.values()) or 1
    for e in entities:
        weights = [m.relevance for m in e.mentions]
        in_paragraphs = {sentences[m.sentence].paragraph for m in e.mentions if m.relevance > 0 and m.sentence >= 0}
        score = W_HEADLINE if e.id in in_headline else 0.0
        score += W_SUBJECT if subject is not None and e.id == subject[0] else 0.0
        score += W_LEAD if LEAD in weights or LEAD / 2 in weights else 0.0
        score += W_WEIGHT * totals[e.id] / heaviest
        score += W_PARAGRAPHS * len(in_paragraphs) / len(paragraphs)
        score += W_FACTS * facts[e.id] / n_facts
        score += W_EVENTS * events[e.id] / n_events
        score *= TYPE_FACTOR.get(e.type, 1.0)
        e.relevance = round(min(100.0, score), 1)
    entities.sort(key=lambda e: (-e.relevance, e.id))


def _headline_span(analysis: Analysis) -> tuple[int, int] | None:
    if not analysis.document.title:
        return None
    first = analysis.sentences[0].paragraph
    spans = [(s.start, s.end) for s in analysis.sentences if s.paragraph == first]
    return spans[0][0], spans[-1][1]


def _headline_positions(
    entities: list[Entity], text: str, headline: tuple[int, int] | None, vocab: RelevanceVocabulary
) -> dict[str, int]:
    """Where each entity is first named in the headline. Besides its mentions there, a person
    counts by a name of theirs ("Acme CEO Smith" before "John Smith" in the lead) and a company by
    the first word of its name ("LG Elec" for "LG Electronics Inc", "Corus" for "Corus
    Entertainment") when that word is no generic word and the company is the most relevant entity
    whose name it opens, where no other entity is named."""
    if headline is None:
        return {}
    a, b = headline
    out: dict[str, int] = {}
    taken = [(m.start, m.end) for e in entities for m in e.mentions if a <= m.start < b and m.relevance > 0]
    openers: dict[str, Entity] = {}  # a first word -> the most relevant entity whose name it opens
    for e in sorted(entities, key=lambda e: e.relevance):
        for n in _names(e):
            if n.split():
                openers[n.split()[0].lower()] = e
    for e in entities:
        named = [m.start for m in e.mentions if a <= m.start < b and m.relevance > 0]
        if named:
            out[e.id] = min(named)
            continue
        for word in _headline_words(e, vocab.generic, openers):
            m = re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text[a:b])
            if m and not any(s <= a + m.start() < t for s, t in taken):
                out[e.id] = a + m.start()
                break
    return out


def _names(entity: Entity) -> list[str]:
    return [entity.name, *(m.text for m in entity.mentions)]


def _headline_words(entity: Entity, generic: frozenset[str], openers: dict[str, Entity]) -> list[str]:
    if entity.type == "person":
        return [p for p in reversed(entity.name.split()) if len(p) >= 3 and p[0].isupper()]
    if entity.type not in ("company", "organisation"):
        return []
    firsts = {n.split()[0] for n in _names(entity) if " " in n.strip()}
    return sorted(
        w for w in firsts
        if w.isalnum() and w[0].isupper() and ((w.isupper() and 2 <= len(w) <= 6) or len(w) >= 4)
        and w.lower() not in generic and openers.get(w.lower()) is entity
    )


def _market_report(
    text: str, headline: tuple[int, int], entities: list[Entity], in_headline: dict[str, int],
    vocab: RelevanceVocabulary,
) -> bool:
    """A market word in a headline that names no company, person or product."""
    if vocab.market.search(text, headline[0], headline[1]) is None:
        return False
    types = {e.id: e.type for e in entities}
    return not any(types[eid] in ("company", "person", "product") for eid in in_headline)


def _market_index(entities: list[Entity]) -> str | None:
    """A market report's subject: the index the story names most (the broad index, not a sector
    index named once in the lead), the first named on a tie."""
    indexes = [e for e in entities if e.type == "index" and e.mentions]
    if not indexes:
        return None
    return max(indexes, key=lambda e: (sum(m.relevance for m in e.mentions), -e.mentions[0].start)).id


def _headline_subject(
    entities: list[Entity], in_headline: dict[str, int], text: str, headline: tuple[int, int] | None,
    vocab: RelevanceVocabulary,
) -> tuple[str, tuple[str, ...]] | None:
    """The first company, person, product, organisation or index the headline names, and the
    entity before it that only qualifies it: "Acme CEO Smith" is about Smith, "Acme's Widgets",
    "Acme's parent Holdco" and "Acme Widgets" (a subsidiary of Acme) about Widgets and Holdco."""
    if headline is None:
        return None
    by_id = {e.id: e for e in entities}
    ends = {eid: min((m.end for m in by_id[eid].mentions if m.start == pos), default=pos)
            for eid, pos in in_headline.items()}
    # a company, person, product or platform before any organisation, index, commodity or currency:
    # "Regulator fines Acme" is about Acme for its investors
    ordered = sorted((pos, eid) for eid, pos in in_headline.items() if by_id[eid].type in SUBJECT_TYPES[:4])
    ordered = ordered or sorted((pos, eid) for eid, pos in in_headline.items() if by_id[eid].type in SUBJECT_TYPES)
    if not ordered:
        return None
    first = ordered[0][1]
    after = _skip_space(text, ends[first])
    possessive = text[ends[first] : after].strip().lower() in ("'s", "’s")
    role = vocab.roles.match(text, after) if by_id[first].type == "company" else None
    relation = vocab.relations.match(text, after) if possessive else None
    owner_at = _skip_space(text, relation.end()) if relation else after  # "Acme's parent Holdco"
    for pos, eid in ordered[1:]:
        kind = by_id[eid].type
        qualified_person = role is not None and kind == "person" and role.end() < pos <= role.end() + 3
        owned = pos == owner_at and kind in ("company", "person") and (
            possessive or by_id[eid].parent == first)
        if qualified_person or owned:
            return eid, (first,)
    return first, ()


_GAP = re.compile(r"(?:['’]s)?\s*")


def _skip_space(text: str, i: int) -> int:
    """Past a possessive and spaces: "Acme's CEO"."""
    m = _GAP.match(text, i)
    return m.end() if m else i
