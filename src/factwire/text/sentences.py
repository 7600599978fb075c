"""Sentence splitting with character offsets, for English and Chinese punctuation.

Rules rather than a model: news text is well punctuated, and a rule splitter is fast, keeps exact
offsets and needs no download. Paragraphs are blocks separated by blank lines; a single newline ends
a sentence unless the line it ends looks hard-wrapped (no closing punctuation and the next line
starts in lower case). Inside a line an English sentence ends at ``.!?`` (plus closing quotes) when
a capital, digit or opening quote follows and the word before is not an abbreviation or an initial;
a Chinese sentence ends at ``。！？；`` whatever follows (``text/zh.py``). Each sentence carries its
language, so a mixed story's later stages read each sentence with the right rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import shipped_yaml
from ..models import Sentence, detect_language
from . import zh

_EN_END = re.compile(r"(?:\.\.\.|…|[.!?])+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u4e00-\u9fff])")
_LAST_WORD = re.compile(r"(\S+)$")
_CLOSING = ".!?。！？:;：；\"'”’)]）」』…"


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in shipped_yaml("text_en.yaml")["abbreviations"])


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Sentences with their paragraphs and languages; ``language`` (the document's, detected when
    not given) is that of sentences with no letters of either script."""
    sentences: list[Sentence] = []
    default = language or detect_language(text)
    for paragraph, (p_start, p_end) in enumerate(_paragraphs(text)):
        for line_start, line_end in _logical_lines(text, p_start, p_end):
            for start, end in _split_line(text, line_start, line_end):
                sentences.append(
                    Sentence(index=len(sentences), start=start, end=end, paragraph=paragraph,
                             language=zh.language_of(text, start, end, default))
                )
    return sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"\S(?:.|\n(?![ \t\r\f\v]*\n))*", text):
        spans.append((m.start(), _rstrip(text, m.start(), m.end())))
    return spans


def _logical_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of a paragraph, joining hard-wrapped continuation lines."""
    lines: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(r"\n", text[start:end]):
        nl = start + m.start()
        lines.append((pos, nl))
        pos = nl + 1
    lines.append((pos, end))
    merged: list[tuple[int, int]] = []
    for s, e in lines:
        s = _lstrip(text, s, e)
        e = _rstrip(text, s, e)
        if s >= e:
            continue
        if merged:
            prev_s, prev_e = merged[-1]
            wrapped = text[prev_e - 1] not in _CLOSING and text[s].islower()
            if wrapped:
                merged[-1] = (prev_s, e)
                continue
        merged.append((s, e))
    return merged


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    line = text[start:end]
    cuts: set[int] = set()
    abbrevs = abbreviations()
    for m in _EN_END.finditer(line):
        if line[m.start()] == "." and _is_abbreviation(line[: m.start()], abbrevs):
            continue
        cuts.add(m.end())
    cuts.update(zh.sentence_cuts(line))  # Chinese marks: see text/zh.py
    spans = []
    pos = 0
    for cut in sorted(cuts):
        s, e = _lstrip(line, pos, cut), _rstrip(line, pos, cut)
        if s < e:
            spans.append((start + s, start + e))
        pos = cut
    s, e = _lstrip(line, pos, len(line)), len(line)
    if s < e:
        spans.append((start + s, start + e))
    return spans


def _is_abbreviation(before: str, abbrevs: frozenset[str]) -> bool:
    m = _LAST_WORD.search(before)
    if not m:
        return False
    word = m.group(1).lstrip("\"'“‘(")
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower() in abbrevs


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
