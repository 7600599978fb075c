"""Names outside the knowledge base: found, typed by evidence, and grouped into entities.

A capitalised name is only a candidate. It becomes an entity when the text says what it is:

- company: a legal form or a company word ends it ("Lexmark International Inc", "Hengda Robotics
  Holdings"), a ticker follows it ("(LOGN.S)"), a company noun comes right before it ("printer
  maker Lexmark", "German robotics firm Kuka"), or company news follows it ("Kuka shares");
- person: a title or role comes before or after it ("analyst X", "X, chief executive of"), or it
  is two or three words opening with a common given name ("Paul Rooke");
- organisation: an institution word ends it ("Jiangsu Provincial Transport Bureau").

Names with no such evidence (a capitalised word at a sentence start, "Internet", "GAAP", a
nationality) are not entities. Candidates are then grouped per document: a shorter name is the
same entity as a longer one it begins ("Lexmark" and "Lexmark International Inc"), and the group
takes the type its evidence says. Each group gets an id ``new:<slug>`` so it can be reviewed and
added to the KB. The word lists are data (``data/discovery_en.yaml``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..datafiles import shipped_yaml


@dataclass(frozen=True)
class Words:
    common: frozenset[str]
    generic: frozenset[str]
    titles: frozenset[str]
    demonyms: frozenset[str]
    suffixes: frozenset[str]
    company_heads: frozenset[str]
    org_heads: frozenset[str]
    descriptors: frozenset[str]
    person_titles: frozenset[str]
    given_names: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    d = shipped_yaml("discovery_en.yaml")
    return Words(
        common=frozenset(d["common_words"]),
        generic=frozenset(d["generic_words"]),
        titles=frozenset(d["title_words"]),
        demonyms=frozenset(d["demonyms"]),
        suffixes=frozenset(d["company_suffixes"]),
        company_heads=frozenset(d["company_heads"]),
        org_heads=frozenset(d["organisation_heads"]),
        descriptors=frozenset(w.lower() for w in d["company_descriptors"]),
        person_titles=frozenset(d["person_titles"]),
        given_names=frozenset(d["given_names"]),
    )


@dataclass(frozen=True)
class Discovered:
    """One mention of a discovered name, with the type its group was given."""

    name: str
    type: str
    start: int
    end: int
    key: str = ""  # the group it belongs to

    @property
    def id(self) -> str:
        return "new:" + slug(self.key or self.name)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@dataclass
class Candidate:
    name: str
    start: int
    end: int
    evidence: Counter = field(default_factory=Counter)  # type -> votes


# -- finding candidates -----------------------------------------------------------------------

# A capitalised token: "Lexmark", "AT&T", "U.S.", "McDonald's", "IBM", "eBay" (lower-case then a capital).
_TOKEN = re.compile(r"(?<![\w&.@/-])(?:[A-Z][\w&'’.-]*[\w&]|[A-Z]\.?|[a-z]+[A-Z][\w&]*)")
_CONNECTOR = re.compile(r"^(?: | & | of | de | du | la | von | van | der | del | y )$")
_TICKER = re.compile(
    r"\s*\((?:(?:NYSE|Nasdaq|NASDAQ|LSE|TSX|ASX|HKEX|SGX|OTC)\s*:\s*)?"
    r"(?P<t>[A-Z0-9][A-Za-z0-9]{0,9}(?:_[a-z])?\.[A-Z]{1,4}|\.[A-Z0-9]{2,8}|[A-Z]{2,5}(?=\)))\)"
)
_ADJECTIVE_SUFFIX = re.compile(r"-(?:based|headquartered|listed|registered|owned|backed|controlled|led|run|born)$")
_PERSON_AFTER = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+)?(?:[\w.&'’-]+\s+){0,4}?(?:chief|chairman|chairwoman|president|founder|"
    r"co-founder|head|director|CEO|CFO|COO|CTO|spokesman|spokeswoman|spokesperson|analyst|economist|"
    r"strategist|vice|partner|manager|minister|secretary|governor|senator|professor|lawyer|attorney|"
    r"executive|trader|investor|official|who\b|born\b|aged\s+\d|\d{2},)",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(r"^\s+(?:said|says|told|added|noted|wrote|declined|did\s+not|didn't)\b")
_COMPANY_AFTER = re.compile(
    r"^\s*(?:'s\s+|’s\s+)?(?:shares?|stock|ADRs?|Q[1-4]\s+net|net\s+(?:income|profit|loss)|quarterly|"
    r"first-quarter|second-quarter|third-quarter|fourth-quarter|full-year|revenue|sales|earnings|IPO|"
    r"board|shareholders|stockholders|chief\s+executive|CEO|executives|spokesman|spokeswoman|"
    r"spokesperson|raises|acquires|appoints|posts|reports|inks|signs|bags|launches|"
    r"to\s+(?:buy|acquire|raise|issue|sell|list|cut|merge))\b"
)


def candidates(text: str, spans: Iterable[tuple[int, int, bool]], skip: list[tuple[int, int]]) -> list[Candidate]:
    """Capitalised names in the given sentence spans ``(start, end, title_case)``; ``skip`` are
    spans already taken (KB names, the dateline)."""
    w = words()
    skip_sorted = sorted(skip)
    out: list[Candidate] = []
    for s_start, s_end, title_case in spans:
        run: list[tuple[int, int]] = []
        for m in _TOKEN.finditer(text, s_start, s_end):
            tok_start, tok_end, tok = m.start(), m.end(), m.group(0)
            if _inside(tok_start, tok_end, skip_sorted):
                _flush(text, run, out, s_start)
                continue
            possessive = re.search(r"['’]s?$", tok)
            if possessive:
                tok = tok[: possessive.start()]
                tok_end = tok_start + len(tok)
            tok_clean = tok.rstrip(".") if not re.fullmatch(r"(?:[A-Z]\.){2,}", tok) else tok
            adjective = _ADJECTIVE_SUFFIX.search(tok_clean)
            if adjective:  # "Kentucky-based Lexmark": an adjective; "Alibaba-backed": Alibaba is a name
                _flush(text, run, out, s_start)
                if adjective.group(0) in ("-based", "-headquartered", "-registered", "-born"):
                    continue
                tok_clean = tok_clean[: adjective.start()]
                tok_end = tok_start + len(tok_clean)
                run.append((tok_start, tok_end))
                _flush(text, run, out, s_start)
                continue
            bad = (
                tok_clean in w.common or tok_clean in w.demonyms or tok_clean in w.titles
                or (title_case and not _special(tok_clean))
            )
            contiguous = run and _CONNECTOR.match(text[run[-1][1] : tok_start])
            if bad:
                _flush(text, run, out, s_start)
                continue
            if run and not contiguous:
                _flush(text, run, out, s_start)
            run.append((tok_start, tok_start + len(tok_clean)))
            if possessive:
                _flush(text, run, out, s_start)
        _flush(text, run, out, s_start)
    return out


def _special(tok: str) -> bool:
    """A token that cannot be an ordinary capitalised word: an acronym or an inner capital."""
    return (tok.isupper() and len(tok) >= 2) or bool(re.search(r"[a-z][A-Z]", tok))


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _flush(text: str, run: list[tuple[int, int]], out: list[Candidate], sentence_start: int) -> None:
    if not run:
        return
    start, end = run[0][0], run[-1][1]
    run.clear()
    w = words()
    name = text[start:end]
    parts = name.split()
    # leading titles and generic words are not part of a name: "Chairman Zhou Hongwei", "The Anhui Bureau"
    while len(parts) > 1 and (parts[0] in w.titles or parts[0] in w.generic or parts[0] in w.person_titles):
        start += len(parts[0]) + 1
        parts = parts[1:]
    name = " ".join(parts)
    end = start + len(name)
    if text[start:end] != name:  # runs joined by other whitespace: keep the text as written
        name = text[start:end]
    if len(name) < 2 or all(p in w.generic or p in w.suffixes or p.rstrip(".") in w.suffixes for p in parts):
        return
    if len(parts) == 1 and not _special(name):
        before = text[sentence_start:start].rstrip()
        opening = not before or before[-1] in "'\"“‘:;(—-–"
        if opening and not _COMPANY_AFTER.match(text, end):
            return  # a lone capitalised word opening a sentence is usually just a word
    out.append(Candidate(name, start, end))


# -- evidence ---------------------------------------------------------------------------------


def collect_evidence(text: str, cand: Candidate) -> None:
    """Votes for what the candidate is, from the name itself and the words around it."""
    w = words()
    parts = cand.name.split()
    last = parts[-1]
    before = text[max(0, cand.start - 60) : cand.start]
    after = text[cand.end : cand.end + 60]
    if last in w.suffixes or last.rstrip(".") in w.suffixes:
        cand.evidence["company"] += 3
    elif len(parts) > 1 and last in w.company_heads:
        cand.evidence["company"] += 2
    elif len(parts) > 1 and last in w.org_heads:
        cand.evidence["organisation"] += 2
    if _TICKER.match(after):
        cand.evidence["company"] += 3
    prev_words = re.findall(r"[\w-]+", before)[-3:]
    if any(p.lower() in w.descriptors for p in prev_words[-2:]):
        cand.evidence["company"] += 2
    if _COMPANY_AFTER.match(after):
        cand.evidence["company"] += 1
    if prev_words and prev_words[-1] in w.person_titles and 1 <= len(parts) <= 3:
        cand.evidence["person"] += 2
    if _PERSON_AFTER.match(after) and 2 <= len(parts) <= 3:
        cand.evidence["person"] += 2
    if parts[0] in w.given_names and 2 <= len(parts) <= 3 and not (last in w.suffixes or last in w.company_heads):
        cand.evidence["person"] += 2
    if _SPEECH_AFTER.match(after) and 2 <= len(parts) <= 3 and all(p[:1].isupper() and p[1:].islower() for p in parts):
        cand.evidence["person"] += 1


TICKER_IN_BRACKETS = re.compile(
    r"\((?:(?:NYSE|Nasdaq|NASDAQ|LSE|TSX|ASX|HKEX|SGX|OTC)\s*:\s*)?"
    r"(?:[A-Z0-9][A-Za-z0-9]{0,9}(?:_[a-z])?\.[A-Z]{1,4}|\.[A-Z0-9]{2,8})\)"
)


def legal_form_after(text: str, end: int) -> int:
    """Length of a legal form written right after a name ("Microsoft Corp", "Holding Ltd")."""
    w = words()
    pos = end
    while True:
        m = re.match(r"(?:,)?\s([A-Z][A-Za-z./]*)", text[pos : pos + 16])
        if not m or (m.group(1) not in w.suffixes and m.group(1).rstrip(".") not in w.suffixes):
            return pos - end
        pos += m.end()


def longer_company_name(text: str, end: int) -> bool:
    """Whether capitalised words right after a name make a longer company name that ends in a
    legal form ("Samsung SDS Co Ltd" after "Samsung")."""
    w = words()
    m = re.match(r"((?:\s[A-Z][\w&.-]*){1,4})", text[end : end + 60])
    if not m:
        return False
    parts = m.group(1).split()
    for i, part in enumerate(parts):
        if part in w.suffixes or part.rstrip(".") in w.suffixes:
            return i > 0 and all(p not in w.suffixes and p not in w.company_heads for p in parts[:i])
    return False


def ticker_after(text: str, end: int) -> tuple[str, int, int] | None:
    """``(ticker, start, end)`` of a ticker in brackets right after a name: "(IBM.N)", "(NYSE: IBM)"."""
    m = _TICKER.match(text, end)
    return (m.group("t"), m.start("t"), m.end("t")) if m else None


# -- grouping ---------------------------------------------------------------------------------


def core(name: str) -> tuple[str, ...]:
    """The words that identify a name: without a legal form or a possessive."""
    w = words()
    parts = [p for p in name.replace("’", "'").split()]
    while len(parts) > 1 and (parts[-1] in w.suffixes or parts[-1].rstrip(".,") in w.suffixes):
        parts.pop()
    return tuple(parts)


def group(cands: list[Candidate]) -> dict[tuple[str, ...], list[Candidate]]:
    """Candidates by entity: a name whose words begin a longer name's are that name's short form
    ("Lexmark" of "Lexmark International Inc"), when only one longer name fits."""
    by_core: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
    for c in cands:
        by_core[core(c.name)].append(c)
    cores = sorted(by_core, key=len, reverse=True)
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}
    for short in cores:
        longer = [
            k for k in cores if len(k) > len(short) and k[: len(short)] == short and k not in parent
        ]
        if len(longer) == 1:
            parent[short] = longer[0]
    groups: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
    for k, cs in by_core.items():
        root = k
        while root in parent:
            root = parent[root]
        groups[root].extend(cs)
    return groups


def decide_type(members: list[Candidate]) -> str | None:
    votes: Counter = Counter()
    for c in members:
        votes.update(c.evidence)
    if not votes:
        return None
    kind, score = votes.most_common(1)[0]
    # a person's name is never a single word, a company's may be
    if kind == "person" and all(len(c.name.split()) < 2 for c in members):
        return None
    return kind if score >= 2 else None


def discover_in(
    text: str, spans: Iterable[tuple[int, int, bool]], skip: list[tuple[int, int]]
) -> list[Discovered]:
    """Every mention of every name the evidence makes an entity, in order of position: the
    candidates found in ``spans``, and every other place the text writes one of their names
    (a headline in title case, a sentence opening with the name)."""
    cands = candidates(text, spans, skip)
    for c in cands:
        collect_evidence(text, c)
    found: list[Discovered] = []
    claimed: list[tuple[int, int]] = list(skip)
    groups = sorted(group(cands).items(), key=lambda kv: -max(len(c.name) for c in kv[1]))
    for key, members in groups:
        kind = decide_type(members)
        if kind is None:
            continue
        canonical = " ".join(key)
        forms = sorted({c.name for c in members} | {canonical}, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w&])")
        for m in pattern.finditer(text):
            if _inside(m.start(), m.end(), claimed):
                continue
            claimed.append((m.start(), m.end()))
            found.append(Discovered(m.group(0), kind, m.start(), m.end(), canonical))
    found.sort(key=lambda d: d.start)
    return found


def discover(text: str) -> list[Discovered]:
    """Discovered names in a text read as one plain (not title-case) passage."""
    return discover_in(text, [(0, len(text), False)], [])
