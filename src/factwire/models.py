"""The typed records factwire produces, and the one JSON schema generated from them.

Every record is a pydantic model so that the CLI, the store, the HTTP API and the JSON schema in
``docs/schema.md`` all come from the same definitions. Character offsets are Python string indices
into ``Document.text`` (``text[start:end]`` is the surface), end exclusive.
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


def content_hash(text: str) -> str:
    """SHA-256 of the text after Unicode NFC and whitespace folding.

    Folding whitespace makes a reprint that only re-wraps lines the same document for the store.
    """
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


class Document(Record):
    """One news story as read from its source."""

    id: str = Field(description="Stable id: the first 16 hex digits of content_hash.")
    source: str = Field(description="Where it was read from: a path, 'path:line', or '-' for stdin.")
    url: str | None = None
    title: str | None = None
    published_at: date | None = Field(
        default=None, description="Publication date; the reference date for relative periods."
    )
    language: str = Field(default="en", description="ISO 639-1 code, detected or given.")
    text: str = Field(
        description="The story: its headline paragraph first when the title was given apart from the body."
    )
    body_offset: int = Field(
        default=0, ge=0,
        description="Where the body as read starts in `text` (after the headline paragraph when the title "
        "came apart from it, as in JSON, feeds and HTML), else 0.",
    )
    content_hash: str = Field(description="SHA-256 of the NFC, whitespace-folded text.")

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        source: str = "-",
        url: str | None = None,
        title: str | None = None,
        published_at: date | None = None,
        language: str | None = None,
    ) -> Document:
        """A document from its text; a title that the text does not open with becomes the text's
        first paragraph, so that every stage reads the headline as the story's first line."""
        title = clean_title(title)
        body_offset = 0
        if title and not _opens_with(text, title):
            body_offset = len(title) + 2
            text = f"{title}\n\n{text}"
        digest = content_hash(text)
        return cls(
            id=digest[:16],
            source=source,
            url=url,
            title=title,
            published_at=published_at,
            language=language or detect_language(text),
            text=text,
            body_offset=body_offset,
            content_hash=digest,
        )


def clean_title(title: str | None) -> str | None:
    """A title as feeds and JSON exports carry it, tidied: HTML entities decoded ("&#039;"),
    whitespace folded, and quotes wrapping the whole title removed."""
    if title is None:
        return None
    title = " ".join(html.unescape(title).split())
    if len(title) > 1 and title[0] == title[-1] and title[0] in "'\"":
        title = title[1:-1].strip()
    return title or None


def _opens_with(text: str, title: str) -> bool:
    head = " ".join(text[: len(title) * 2 + 20].split()).casefold()
    return head.startswith(" ".join(title.split()).casefold())


def detect_language(text: str) -> str:
    """'zh' when CJK ideographs outnumber Latin letters, else 'en' (the languages we support)."""
    cjk = latin = 0
    for ch in text[:5000]:
        if "\u4e00" <= ch <= "\u9fff":
            cjk += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    return "zh" if cjk > latin else "en"


class Sentence(Record):
    index: int
    start: int
    end: int
    paragraph: int = Field(description="0-based paragraph number (paragraphs split on blank lines).")
    language: str | None = Field(
        default=None, description="ISO 639-1 code of the sentence ('en', 'zh'): a mixed story has both."
    )


class Evidence(Record):
    """Where in the document a record comes from, so a user can click through to it."""

    sentence: int = Field(description="Index into the analysis' sentences.")
    start: int
    end: int
    text: str = Field(description="The sentence text.")


class Mention(Record):
    entity_id: str
    start: int
    end: int
    text: str
    sentence: int
    relevance: float = Field(
        default=0.0, ge=0, le=100,
        description="Weight of this mention's position: headline 100, lead paragraph 70, body 40; "
        "half for short forms and references.",
    )
    via: Literal["name", "alias", "ticker", "short", "reference", "discovered"] = Field(
        default="name",
        description="How it was found: the canonical name, an alias, a ticker, a short form of an "
        "earlier mention ('Lei'), a reference ('the company'), or discovery outside the KB.",
    )


class Entity(Record):
    id: str = Field(description="Canonical id from the knowledge base, or 'new:<slug>' if discovered.")
    name: str
    type: Literal[
        "company", "person", "product", "organisation", "media", "platform", "index", "place",
        "commodity", "currency", "other",
    ]
    aliases: list[str] = Field(default_factory=list)
    relevance: float = Field(default=0.0, ge=0, le=100, description="0-100, see docs/entities.md.")
    known: bool = Field(default=True, description="False for names discovered outside the KB.")
    parent: str | None = Field(
        default=None, description="Id of the parent company (subsidiary_of / product_of / executive_of)."
    )
    mentions: list[Mention] = Field(default_factory=list)


Qualifier = Literal["=", "~", ">", "<", ">=", "<="]
Change = Literal["=", "~", ">", "<", ">=", "<=", "up", "down"]


class Quantity(Record):
    value: float
    value_max: float | None = Field(default=None, description="Upper bound of a range.")
    unit: str | None = Field(
        default=None,
        description="ISO 4217 code, 'percent', 'percentage_point', a physical unit, or the "
        "counted noun (singular).",
    )
    per: str | None = Field(default=None, description="Denominator, e.g. 'share' for HK$40.78 per share.")
    precision: float = Field(
        default=0.0, ge=0,
        description="Half the rounding step the written number implies, in value units: "
        "'RMB 5.6 billion' -> 50000000, '26.4%' -> 0.05, '50,000' -> 500.",
    )
    surface: str
    start: int
    end: int
    qualifier: Qualifier = Field(default="=", description="Approximation: over (>), nearly (~)...")
    change: Change = Field(
        default="=", description="Direction (up/down) when the number is a change, else the qualifier."
    )
    sentence: int = -1


class Period(Record):
    value: str = Field(description="YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM, YYYY-MM-DD or start/end.")
    kind: Literal["year", "half", "quarter", "month", "day", "range"]
    fiscal: str | None = Field(
        default=None,
        description="How a company's fiscal calendar can read it, when it names a quarter, half or year "
        "by number ('Q3', 'Q1/2016', 'H2', 'FY', 'FY/2016'); `value` is its calendar reading.",
    )
    surface: str
    start: int
    end: int
    sentence: int = -1


class Fact(Record):
    """One number tied to what it measures: entity · metric · value · unit · period."""

    entity_id: str | None = Field(description="The entity the number is about (KB id or new:...).")
    metric: str = Field(description="A metric of data/metrics.yaml, or a derived one: <metric>_growth_yoy, "
                        "_growth_qoq, _change, _difference, _guidance.")
    value: float = Field(description="Scaled and signed: a loss is a negative income, a fall a negative change.")
    value_max: float | None = None
    unit: str | None = None
    precision: float = Field(default=0.0, ge=0, description="Rounding half-step of the written number.")
    period: str | None = Field(default=None, description="YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM, YYYY-MM-DD or start/end.")
    segment: str | None = Field(default=None, description="Business segment the number is reported for.")
    product: str | None = Field(default=None, description="Product (KB id) the number is about, if stated.")
    comparison: str | None = Field(
        default=None, description="What a change or difference is measured against: yoy, qoq, or vs:<entity or text>."
    )
    qualifier: Qualifier = "="
    confidence: float = Field(default=0.5, ge=0, le=1)
    quantity: int | None = Field(default=None, description="Index into the analysis' quantities.")
    evidence: Evidence


class Participant(Record):
    entity_id: str
    role: str


class Cue(Record):
    """The words of a sentence that decided something about a record: an event's trigger, or the
    cue that set its modality ("people familiar with the matter", "plans to")."""

    text: str = Field(default="", description="The words as written; empty when nothing decided it.")
    sentence: int = Field(default=-1, description="Index into the analysis' sentences; -1 when empty.")
    start: int = Field(default=-1, description="Character offset in the document text; -1 when empty.")
    end: int = -1


class Event(Record):
    """Something that happened to an entity, with its date, participants and modality."""

    type: str = Field(description="Event type of data/events.yaml (accident, recall, earnings...).")
    group: str
    topic: str = ""
    date: str | None = Field(default=None, description="When it happened (a period string), not when reported.")
    modality: Literal["confirmed", "rumored", "expected", "denied", "negated"] = "confirmed"
    polarity: float = Field(default=0.0, ge=-1, le=1, description="Default polarity for the company concerned.")
    participants: list[Participant] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict, description="From nearby facts: fatalities, amount...")
    evidence: list[Evidence] = Field(default_factory=list, description="Every sentence that mentions it.")
    trigger: Cue = Field(
        default_factory=Cue, description="The words that triggered it, in the sentence that tells it (dates it)."
    )
    modality_cue: Cue = Field(
        default_factory=Cue, description="The words that set its modality; empty when it is confirmed by default."
    )


class Sentiment(Record):
    """Finance sentiment of a sentence, of an entity in a document, of a whole document, or toward
    a name the user gave (scope ``target``)."""

    scope: Literal["document", "entity", "sentence", "target"]
    target: str = Field(
        description="Document id, entity id, sentence index as a string, or the name the user gave."
    )
    score: float = Field(ge=-1, le=1)
    label: Literal["positive", "neutral", "negative"]
    positive: float = Field(default=0.0, ge=0, description="Weighted positive evidence (sentences, events, facts).")
    negative: float = Field(default=0.0, ge=0, description="Weighted negative evidence.")
    mixed: bool = Field(default=False, description="Both sides carry at least 30% of the evidence.")
    aspects: dict[str, float] = Field(
        default_factory=dict, description="Entity scores by aspect: safety, market, fundamentals, reputation."
    )


class Check(Record):
    """A claim of the story checked against its own numbers (or the store's)."""

    kind: Literal[
        "percent_change", "difference", "ratio", "share", "sum", "growth_base", "ranking", "conflict"
    ]
    claim: str = Field(description="The sentence that makes the claim.")
    start: int = Field(description="Span of the stated number in the document.")
    end: int
    inputs: dict[str, float] = Field(default_factory=dict, description="The numbers the check computes from.")
    computed: float | None = Field(default=None, description="What the inputs give.")
    stated: float | None = Field(default=None, description="What the story says.")
    tolerance: float | None = Field(
        default=None, description="Allowance from the stated precision, the inputs' rounding and the qualifier."
    )
    verdict: Literal["consistent", "inconsistent", "unverifiable"]
    detail: str = Field(default="", description="The computation in words, e.g. '(40.78 - 61.45) / 61.45 = -33.6%'.")


class NoveltyScore(Record):
    """How new a story is on one event of one entity, in the spirit of RavenPack's event novelty."""

    entity_id: str
    event_type: str
    event_date: str | None = None
    score: float = Field(ge=0, le=100, description="100 for the first story; halves with each earlier one.")
    prior_stories: int = Field(ge=0, description="Earlier distinct stories on this entity and event in the window.")
    first_story: str | None = Field(default=None, description="Document id of the first story on it.")


class Novelty(Record):
    duplicate_of: str | None = Field(default=None, description="The earlier document this one reprints.")
    similarity: float | None = Field(default=None, description="Estimated Jaccard similarity to it (MinHash).")
    scores: list[NoveltyScore] = Field(default_factory=list)


class Analysis(Record):
    """Everything factwire found in one document: what the pipeline passes along and returns."""

    schema_version: str = SCHEMA_VERSION
    document: Document
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    periods: list[Period] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    sentiment: list[Sentiment] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    novelty: Novelty | None = None

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding a character offset, or -1."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s.index
        return -1

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.document.text[s.start : s.end]


def json_schema() -> dict[str, Any]:
    """The JSON schema of one analysis, as written by ``factwire analyze --format json``."""
    schema = Analysis.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://factwire.dev/schema/{SCHEMA_VERSION}/analysis.json"
    return schema
