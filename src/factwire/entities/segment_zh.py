"""Where a Chinese name can start or end: word boundaries from jieba's dictionary.

A name found by its company word ("…控股") or its stock code runs back over the characters
before it, and Chinese gives no space to stop at: "利用贤丰控股" is "利用" + "贤丰控股". jieba's
dictionary (shipped in its wheel; nothing is downloaded) cuts the run into words, each with its
part of speech and frequency. The name is the longest run of words right before its end that
can be part of a name: nouns and names, and words too rare in general text to be words of the
sentence ("超微", "农资"); the first common verb, adverb, preposition, time word or other word of
the sentence ("利用", "期间", "讲解") ends it. A name that is nothing but one everyday word
("工程机械", "期间公司") is none. Segmentation runs only on the short run before each candidate, so its cost is a
small share of the pipeline's (figures in ``make bench``).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

# Parts of speech of the words of a sentence that end a name: time words, conjunctions,
# prepositions, place words (期间, 之后), pronouns and particles always; verbs, adverbs,
# adjectives, numerals, measure words, distinguishing words and idioms when common. Nouns do
# not: names are made of them ("红豆股份", "黑猫股份"), unless the name is nothing but one.
_ALWAYS = set("tcpfru")
_WHEN_COMMON = set("vdamqlib")
_COMMON_WORD = 300  # a verb, adverb... this frequent is a word of the sentence, not of a name
_COMMON_NOUN = 2000  # a noun this frequent alone is no name ("工程", "价值", "核心")
_COMMON_SINGLE = 30000  # a single character this frequent ("见", "好", "下")


@lru_cache(maxsize=1)
def _jieba() -> tuple[Any, dict[str, int]]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    return jieba.posseg.dt, jieba.dt.FREQ


def words(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (word, part of speech), dictionary words only (no guessing of new ones)."""
    tokenizer, _ = _jieba()
    return [(p.word, p.flag) for p in tokenizer.cut(text, HMM=False)]


def sentence_word(word: str, flag: str) -> bool:
    """A word of the sentence around a name, not of the name."""
    _, freq = _jieba()
    tag = flag[:1]
    if len(word) == 1:
        return tag in _ALWAYS | _WHEN_COMMON and freq.get(word, 0) > _COMMON_SINGLE
    if tag in _ALWAYS:
        return True
    return tag in _WHEN_COMMON and freq.get(word, 0) >= _COMMON_WORD


def common_word(text: str) -> bool:
    """Whether ``text`` is one everyday word: a word of the sentence, or a frequent noun."""
    parts = words(text)
    if len(parts) != 1:
        return False
    word, flag = parts[0]
    _, freq = _jieba()
    if flag[:1] == "n" and flag not in ("nr", "ns", "nt", "nz", "nrt", "nrfg"):
        return freq.get(word, 0) >= _COMMON_NOUN
    return sentence_word(word, flag) or (flag[:1] in _WHEN_COMMON and freq.get(word, 0) >= 500)


def name_start(text: str, start: int, end: int, keep: int = 2) -> int:
    """Where a name that ends at ``end`` starts, at the earliest at ``start``: after the last word
    of the sentence before its last ``keep`` characters."""
    pos = end
    for word, flag in reversed(words(text[start:end])):
        if end - pos >= keep and sentence_word(word, flag):
            break
        pos -= len(word)
    return pos


def name_end(text: str, start: int, end: int, keep: int = 2) -> int:
    """Where a name that starts at ``start`` ends, at the latest at ``end``."""
    pos = start
    for word, flag in words(text[start:end]):
        if pos - start >= keep and sentence_word(word, flag):
            break
        pos += len(word)
    return pos


def one_noun(text: str) -> bool:
    """Whether ``text`` is one dictionary word that is not a proper noun ("矿业", "电子邮箱")."""
    parts = words(text)
    return len(parts) == 1 and len(parts[0][0]) > 1 and parts[0][1] not in ("nr", "ns", "nt", "nz", "nrt", "nrfg", "j")
