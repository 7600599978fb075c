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

import calendar
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
_TICKER = re.compile(
    r"\s*\((?:(?:NYSE|Nasdaq|NASDAQ|LSE|TSX|ASX|HKEX|SGX|OTC)\s*:\s*)?"
    r"(?P<t>[A-Z0-9][A-Za-z0-9]{0,9}(?:_[a-z])?\.[A-Z]{1,4}|\.[A-Z0-9]{2,8}|[A-Z]{2,5}(?=\)))\)"
)
# "Kentucky-based", "Dow-component": an adjective; "Alibaba-backed": Alibaba is a name
_NAME_ADJECTIVE = re.compile(r"-(?:backed|owned|controlled|led|run|made|built|funded|sponsored)$")
_ADJECTIVE = re.compile(r"-[a-z][a-z-]*$")
_CREDIT = re.compile(
    r"\((?:[Aa]dditional\s+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting)\s+by\b[^)]*\)"
    r"|(?:^|\n|\|)[ \t]*(?:[Aa]dditional\s+)?(?:Reporting|Writing|Editing|Written|Reported|Edited|Produced|Compiled)"
    r"\s+by\b[^\n|]*"
)
_PERSON_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w.&'’-]+\s+){0,4}?(?:chief|chairman|chairwoman|president|founder|"
    r"co-founder|head|director|CEO|CFO|COO|CTO|spokesman|spokeswoman|spokesperson|analyst|economist|"
    r"strategist|vice|partner|manager|minister|secretary|governor|senator|professor|lawyer|attorney|"
    r"executive|trader|investor|official|who\b|born\b|aged\s+\d|\d{2},)",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|added|noted|wrote|declined|did\s+not|didn't)\b")
_COMPANY_AFTER = re.compile(
    r"\s*(?:'s\s+|’s\s+)?(?:shares?|stock|ADRs?|Q[1-4]\s+net|net\s+(?:income|profit|loss)|quarterly|"
    r"first-quarter|second-quarter|third-quarter|fourth-quarter|full-year|revenue|sales|earnings|IPO|"
    r"board|shareholders|stockholders|chief\s+executive|CEO|executives|spokesman|spokeswoman|"
    r"spokesperson|raises|acquires|appoints|posts|reports|inks|signs|bags|launches|"
    r"to\s+(?:buy|acquire|raise|issue|sell|list|cut|merge))\b"
)
# "its Imaging Solutions and Services business": a business line, not a company
_BUSINESS_LINE = re.compile(
    r"(?:\s+(?:and|&)\s+[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)?"
    r"\s+(?:business|businesses|division|divisions|segment|segments|unit|units|operations|arm)\b"
)
_OWNER_BEFORE = re.compile(r"(?:\bits|\bthe\s+company's|\bthe\s+group's|\btheir)\s+$")


def credit_lines(text: str) -> list[tuple[int, int]]:
    """Reporting and editing credits ("(Reporting by X; Editing by Y)"): names there are not subjects."""
    return [(m.start(), m.end()) for m in _CREDIT.finditer(text)]


def candidates(text: str, spans: Iterable[tuple[int, int, bool]], skip: list[tuple[int, int]]) -> list[Candidate]:
    """Capitalised names in the given sentence spans ``(start, end, title_case)``; ``skip`` are
    spans already taken (KB names, the dateline, tickers, credit lines)."""
    skip_sorted = sorted(skip)
    out: list[Candidate] = []
    for s_start, s_end, title_case in spans:
        if not re.search(r"[a-z]", text[s_start:s_end]):
            continue  # a subheading in capitals ("OUTLOOK"): capitals say nothing there
        run: list[tuple[int, int, bool]] = []  # (start, end, weak)
        for m in _TOKEN.finditer(text, s_start, s_end):
            tok_start, tok = m.start(), m.group(0)
            if _inside(tok_start, m.end(), skip_sorted):
                _flush(text, run, out, s_start)
                continue
            possessive = re.search(r"['’]s?$", tok)
            if possessive:
                tok = tok[: possessive.start()]
            if not re.fullmatch(r"(?:[A-Z]\.){2,}", tok):
                tok = tok.rstrip(".")
            if _NAME_ADJECTIVE.search(tok):
                _flush(text, run, out, s_start)
                name = tok[: tok.index("-")]
                run.append((tok_start, tok_start + len(name), False))
                _flush(text, run, out, s_start)
                continue
            if _ADJECTIVE.search(tok) or any(part in _months() for part in tok.split("-")[1:]):
                _flush(text, run, out, s_start)
                continue
            weak = _weak(tok) or (title_case and not _special(tok))
            gap = text[run[-1][1] : tok_start] if run else ""
            if run and not _joins(text, run, gap):
                _flush(text, run, out, s_start)
            if not tok:
                continue
            run.append((tok_start, tok_start + len(tok), weak))
            if possessive:
                _flush(text, run, out, s_start)
        _flush(text, run, out, s_start)
    return out


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return frozenset(calendar.month_name[1:])


def weak_word(tok: str) -> bool:
    return _weak(tok)


def _weak(tok: str) -> bool:
    """A word that names nothing alone ("Financial", "American", "West"), but may open a name
    that a legal form or company word ends ("American Express Co", "Financial Industry
    Regulatory Authority")."""
    w = words()
    return tok in w.common or tok in w.demonyms or tok in w.titles or tok in w.generic or tok in w.person_titles


def _joins(text: str, run: list[tuple[int, int, bool]], gap: str) -> bool:
    """Whether the gap between a run and the next token keeps them in one name."""
    if gap in (" ", " & "):
        return True
    w = words()
    if gap in (" of ", " de ", " du ", " von ", " van ", " der ", " del "):
        last = text[run[-1][0] : run[-1][1]]
        return last in w.org_heads or last in w.company_heads or last in ("Bank", "Bureau", "Republic")
    return gap == " and "  # "Food and Drug Administration": kept only if an institution word ends it


def _special(tok: str) -> bool:
    """A token that cannot be an ordinary capitalised word: an acronym or an inner capital."""
    return (tok.isupper() and len(tok) >= 2) or bool(re.search(r"[a-z][A-Z]", tok))


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _flush(text: str, run: list[tuple[int, int, bool]], out: list[Candidate], sentence_start: int) -> None:
    if not run:
        return
    tokens = list(run)
    run.clear()
    w = words()
    last = text[tokens[-1][0] : tokens[-1][1]]
    ends_in_head = last in w.suffixes or last in w.company_heads or last in w.org_heads
    # "Google and Fiat Chrysler": "and" joins two names unless an institution word ends the run
    if not (last in w.org_heads or last in w.company_heads):
        for i in range(len(tokens) - 1, 0, -1):
            if text[tokens[i - 1][1] : tokens[i][0]] == " and ":
                _flush(text, tokens[i:], out, sentence_start)
                tokens = tokens[:i]
                last = text[tokens[-1][0] : tokens[-1][1]]
                ends_in_head = last in w.suffixes or last in w.company_heads or last in w.org_heads
                break
    first = text[tokens[0][0] : tokens[0][1]]
    if first in w.common and not re.sub(r"[\s\"'“‘(]", "", text[sentence_start : tokens[0][0]]):
        tokens.pop(0)  # "Should LG Electronics Inc ...": a word opening the sentence
    if not ends_in_head and any(weak for _, _, weak in tokens):
        # without a legal form or company word to end it, weak words are not part of a name:
        # "Chairman Zhou Hongwei" -> "Zhou Hongwei"; "CEO Tim Cook of Apple" -> "Tim Cook"
        segment: list[tuple[int, int, bool]] = []
        for tok in [*tokens, (0, 0, True)]:
            if tok[2]:
                if segment:
                    _keep(text, segment, out, sentence_start)
                segment = []
            else:
                segment.append(tok)
        return
    if tokens:
        _keep(text, tokens, out, sentence_start)


def _keep(text: str, tokens: list[tuple[int, int, bool]], out: list[Candidate], sentence_start: int) -> None:
    w = words()
    start, end = tokens[0][0], tokens[-1][1]
    name = text[start:end]
    parts = name.split()
    if len(name) < 2 or all(p in w.suffixes or p.rstrip(".") in w.suffixes for p in parts):
        return
    if len(parts) > 1 and parts[-1] in w.org_heads | w.company_heads and all(p in w.generic for p in parts[:-1]):
        return  # "the PR Department"
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
    if re.search(r"\b(?:shares|stock|stake|shareholders|stockholders)\s+(?:of|in)\s+$", before, re.I):
        cand.evidence["company"] += 2  # "Shares of Target were down"
    if any(p.lower() in w.descriptors for p in prev_words[-2:]):
        cand.evidence["company"] += 2
    if _COMPANY_AFTER.match(after):
        cand.evidence["company"] += 1
    if _BUSINESS_LINE.match(after) and _OWNER_BEFORE.search(before):
        cand.evidence.clear()  # "its Imaging Solutions business": a line of business
        return
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
    """Discovered names in a plain text, read sentence by sentence."""
    from ..text.sentences import split_sentences

    return discover_in(text, [(s.start, s.end, False) for s in split_sentences(text)], [])
