"""Chinese names outside the knowledge base: found by what surrounds them, grouped per document.

Chinese writes no spaces and no capitals, so a name's edges are found from the words around it,
and it becomes an entity only with evidence of what it is (the word lists are data,
``data/discovery_zh.yaml``):

- a legal form or a company word ends it: "深圳市聚能永拓科技开发有限公司", "贤丰控股", "寒锐钴业";
  an institution word makes it an organisation: "厦门证监局";
- a stock code follows it: "乐视网(300104)", "蓉胜超微（002141.SZ）", "*ST海润(600401)";
- a word that only introduces a company comes right before it ("控股股东联美集团", "龙头寒锐钴业"),
  or one that only a company takes comes right after it ("海能达董秘", "X公告", "X股价");
- it shares a list with such names, or the list ends in "等42家上市公司" ("鸿博股份、易联众、科森科技");
- a person: two or three characters starting with a surname right after a title ("董事长金斌",
  "实际控制人诸建中", "自然人虞云新"), and the names listed with them ("谢松锋、谢海滔").

A name starts right after the last word of ``stop_before`` in the text before it and ends at
punctuation or a word of ``stop_after``; it is not a name when what stands before its company word
is a generic word ("上市公司", "证券公司"). Every other place the document writes a discovered name
of three characters or more is a mention too. Ids are ``new:<name>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import shipped_yaml
from ..text.spans import overlaps
from . import segment_zh
from .discovery import Discovered

_CJK = r"\u4e00-\u9fff"
_NAME_CHARS = re.compile(rf"[{_CJK}A-Za-z*（）()·]")
_PUNCT = set("，。、；：！？“”‘’「」《》【】（）()——…,.;:!?\"' \n\t·—-")
_CODE = re.compile(
    r"[(（]\s*(?:(?:SH|SZ|sh|sz)\s*)?(?P<code>\d{6}|\d{4,5})(?:\.(?P<mkt>SH|SZ|SS|HK|sh|sz|hk))?\s*[)）]"
)


@dataclass(frozen=True)
class ZhWords:
    re_legal: re.Pattern[str]
    re_company: re.Pattern[str]
    re_org: re.Pattern[str]
    re_stop_before: re.Pattern[str]
    re_stop_after: re.Pattern[str]
    re_cue_before: re.Pattern[str]
    re_cue_after: re.Pattern[str]
    re_list_tail: re.Pattern[str]
    re_move: re.Pattern[str]
    re_brief: re.Pattern[str]
    index_words: tuple[str, ...]
    not_movers: tuple[str, ...]
    re_title: re.Pattern[str]
    re_credit: re.Pattern[str]
    re_name_enders: re.Pattern[str]
    generic: frozenset[str]
    generic_endings: tuple[str, ...]
    weak_suffixes: frozenset[str]
    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    prefixes: tuple[str, ...]


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def zh_words() -> ZhWords:
    d = shipped_yaml("discovery_zh.yaml")
    return ZhWords(
        re_legal=re.compile(_alt(d["legal_suffixes"])),
        re_company=re.compile(_alt(d["company_suffixes"])),
        re_org=re.compile(_alt(d["organisation_suffixes"])),
        re_stop_before=re.compile(_alt(d["stop_before"])),
        re_stop_after=re.compile(_alt(d["stop_after"])),
        re_cue_before=re.compile(_alt(d["company_cues_before"])),
        re_cue_after=re.compile(_alt(d["company_cues_after"])),
        re_list_tail=re.compile(d["list_tail_pattern"]),
        re_move=re.compile("|".join(sorted(d["move_cues"], key=len, reverse=True))),  # patterns: "涨(?=\\d)"
        re_brief=re.compile(_alt(d["brief_cues"])),
        index_words=tuple(d["index_words"]),
        not_movers=tuple(d["not_movers"]),
        re_title=re.compile(_alt(d["person_titles"])),
        re_credit=re.compile(rf"(?:{_alt(d['credit_markers'])})[\s：:]*"),
        re_name_enders=re.compile(_alt(d["name_enders"])),
        generic=frozenset(d["generic_bodies"]),
        generic_endings=tuple(d["generic_endings"]),
        weak_suffixes=frozenset(d["weak_suffixes"]),
        surnames=frozenset(d["surnames"]),
        compound_surnames=tuple(d["compound_surnames"]),
        prefixes=tuple(sorted(d["name_prefixes"], key=len, reverse=True)),
    )


@dataclass(frozen=True)
class Found:
    """A name with its type and the strength of its evidence, before grouping."""

    name: str
    type: str
    start: int
    end: int
    code: str | None = None  # a stock code written after it


def _is_name_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "*" or ("A" <= ch <= "Z")


def run_before(text: str, end: int, floor: int) -> int:
    """Start of the run of name characters (Chinese, capitals, "*") that ends at ``end``."""
    i = end
    while i > floor and _is_name_char(text[i - 1]):
        i -= 1
    return i


def run_after(text: str, start: int, ceiling: int) -> int:
    i = start
    while i < ceiling and _is_name_char(text[i]):
        i += 1
    return i


def name_start(text: str, start: int, end: int, w: ZhWords, keep: int = 2) -> int:
    """Where a name ending at ``end`` starts within the run ``text[start:end]``: right after the
    last stop word in it (``end`` itself when the run ends in one: no name); when more than
    ``keep`` characters are left, after the last word of the sentence (``segment_zh``)."""
    cut = start
    for m in w.re_stop_before.finditer(text, start, end):
        cut = max(cut, m.end())
    if end - cut > keep:
        cut = max(cut, segment_zh.name_start(text, cut, end))
    return cut


def name_end(text: str, start: int, end: int, w: ZhWords) -> int:
    """Where a name starting at ``start`` ends within the run ``text[start:end]``: at the first
    stop word after its second character."""
    for m in w.re_stop_after.finditer(text, start + 2, end):
        end = m.start()
        break
    return segment_zh.name_end(text, start, end) if end - start > 6 else end


def _body_ok(body: str, w: ZhWords) -> bool:
    return len(body) >= 2 and body not in w.generic and not body.isdigit()


def _valid(name: str, w: ZhWords) -> bool:
    """Not a generic word, a function word, a title or a bare company word."""
    return not (
        name in w.generic or w.re_stop_before.fullmatch(name) or w.re_stop_after.fullmatch(name)
        or w.re_title.fullmatch(name) or w.re_company.fullmatch(name) or w.re_legal.fullmatch(name)
        or w.re_cue_after.fullmatch(name) or w.re_cue_before.fullmatch(name)
    )


def _strip_prefix_ok(name: str, w: ZhWords) -> str:
    """The name without a special-treatment prefix ("*ST海润" -> "海润"), for length checks."""
    for p in w.prefixes:
        if name.startswith(p) and len(name) > len(p):
            return name[len(p):]
    return name


def _by_suffix(text: str, s_start: int, s_end: int, w: ZhWords) -> list[Found]:
    out: list[Found] = []
    for regex, kind, max_body in ((w.re_legal, "company", 14), (w.re_org, "organisation", 8),
                                  (w.re_company, "company", 4)):
        legal = regex is w.re_legal
        for m in regex.finditer(text, s_start, s_end):
            if any(f.start <= m.start() < f.end for f in out):
                continue  # the company word of a legal form already found ("…控股有限公司")
            if not legal and kind == "company" and not _boundary_after(text, m.end(), s_end, w):
                continue  # "科技股", "银行板块": a word that goes on is no name's end
            run = run_before(text, m.start(), s_start)
            # a legal name's edge is its stop word: it is long, and jieba would cut it ("聚能永拓")
            start = name_start(text, run, m.start(), w, keep=max_body if legal else 2)
            body = text[start : m.start()]
            longest = max_body if len(m.group(0)) < 3 or legal else max_body + 2  # "横琴国际商品交易中心"
            if not body or len(_strip_prefix_ok(body, w)) > longest or not _body_ok(body, w):
                continue
            if segment_zh.common_word(body) or (not legal and any(body.endswith(g) for g in w.generic_endings)):
                continue  # "工程机械", "期间公司", "很多上市公司": no name before the company word
            if m.group(0) in w.weak_suffixes and segment_zh.one_noun(body):
                continue  # "矿业资产", "电子邮箱软件": a kind of thing, not a name
            out.append(Found(text[start : m.end()], kind, start, m.end()))
    return out


_CONTINUES = re.compile(
    r"股(?![价票东份权])|板块|行业|类|企业|概念|指数|市场|产业|巨头|龙头|业务|领域|产品|公司|机构|系"
)


def _boundary_after(text: str, pos: int, s_end: int, w: ZhWords) -> bool:
    if pos >= s_end or text[pos] in _PUNCT or text[pos].isdigit():
        return True
    if _CONTINUES.match(text, pos):
        return False
    return bool(w.re_stop_after.match(text, pos) or w.re_cue_after.match(text, pos)
                or w.re_stop_before.match(text, pos))


def _by_code(text: str, s_start: int, s_end: int, w: ZhWords) -> list[Found]:
    out = []
    for m in _CODE.finditer(text, s_start, s_end):
        run = run_before(text, m.start(), s_start)
        start = name_start(text, run, m.start(), w, keep=6)
        name = text[start : m.start()]
        core = _strip_prefix_ok(name, w)
        if 2 <= len(core) <= 8 and name not in w.generic:
            out.append(Found(name, "company", start, m.start(), code=m.group("code")))
    return out


def _by_cue_before(text: str, s_start: int, s_end: int, w: ZhWords) -> list[Found]:
    out = []
    for m in w.re_cue_before.finditer(text, s_start, s_end):
        run_end = run_after(text, m.end(), s_end)
        end = name_end(text, m.end(), run_end, w)
        name = text[m.end() : end]
        if 2 <= len(_strip_prefix_ok(name, w)) <= 6 and name not in w.generic and end < s_end and (
            end == run_end or w.re_stop_after.match(text, end)
        ) and _plain_name(name):
            out.append(Found(name, "company", m.end(), end))
    return out


def _by_cue_after(text: str, s_start: int, s_end: int, w: ZhWords) -> list[Found]:
    out = []
    for m in w.re_cue_after.finditer(text, s_start, s_end):
        run = run_before(text, m.start(), s_start)
        start = name_start(text, run, m.start(), w)
        name = text[start : m.start()]
        if 2 <= len(_strip_prefix_ok(name, w)) <= 6 and name not in w.generic and not w.re_title.fullmatch(name) \
                and _plain_name(name):
            out.append(Found(name, "company", start, m.start()))
    return out


def _by_brief(text: str, s_start: int, s_end: int, w: ZhWords) -> list[Found]:
    """"华特气体：拟以4000万元…": a sentence that opens with a name and a colon, about a company."""
    m = re.match(r"([^\s，。；：:、]{2,8})[：:]", text[s_start:s_end])
    if m is None:
        return []
    name = m.group(1)
    rest = text[s_start + m.end() : min(s_end, s_start + m.end() + 15)]
    core = _strip_prefix_ok(name, w)
    if 2 <= len(core) <= 6 and w.re_brief.search(rest) and _plain_name(name) and _valid(name, w) \
            and all(_is_name_char(c) for c in core):
        return [Found(name, "company", s_start, s_start + len(name))]
    return []


def _by_move(text: str, s_start: int, s_end: int, w: ZhWords) -> list[Found]:
    """"同花顺涨超5%", "宇通客车涨停", "日本东证指数收涨": a name whose share price or level moves."""
    out = []
    for m in w.re_move.finditer(text, s_start, s_end):
        run = run_before(text, m.start(), s_start)
        start = name_start(text, run, m.start(), w)
        name = text[start : m.start()]
        core = _strip_prefix_ok(name, w)
        if not 2 <= len(core) <= 8 or name.endswith(w.not_movers) or not _plain_name(name) or not _valid(name, w):
            continue
        kind = "index" if name.endswith(w.index_words) else "company"
        out.append(Found(name, kind, start, m.start()))
    return out


_HOLDING = re.compile(r"(?:合计)?(?:持股|持有)(?=\s*[0-9０-９])|(?:转让|减持|增持|质押)所持|(?:以|按)每股")


def _by_holding(text: str, s_start: int, s_end: int, w: ZhWords) -> list[Found]:
    """"香港尚乘持股51%", "珠海科见转让所持…", "贤丰矿业以每股7.1元": a holder or a buyer of shares."""
    out = []
    for m in _HOLDING.finditer(text, s_start, s_end):
        run = run_before(text, m.start(), s_start)
        start = name_start(text, run, m.start(), w)
        name = text[start : m.start()]
        if 2 <= len(_strip_prefix_ok(name, w)) <= 6 and _plain_name(name) and not w.re_title.search(name):
            kind = "person" if _person_end(text, start, m.start(), w) == m.start() and len(name) <= 3 else "company"
            out.append(Found(name, kind, start, m.start()))
    return out


def _lists(
    text: str, s_start: int, s_end: int, w: ZhWords, known: list[tuple[int, int]], people: list[tuple[int, int]]
) -> list[Found]:
    """Names listed with "、" that end in "等…家上市公司", or share a list with known companies
    (at least two, and half the list)."""
    out = []
    for m in re.finditer(r"(?:[^\s，。；：、,;:]{2,12}、)+[^\s，。；：、,;:]{2,16}", text[s_start:s_end]):
        a, b = s_start + m.start(), s_start + m.end()
        items = _list_items(text, a, b, w)
        if len(items) < 2:
            continue
        tail = w.re_list_tail.match(text, items[-1][1])
        with_known = sum(any(s <= i < e for s, e in known) for i, _ in items)
        if not tail and (with_known < 2 or with_known * 2 < len(items)):
            continue
        for i, j in items:
            name = text[i:j]
            if any(s <= i < e for s, e in known + people) or w.re_title.match(name):
                continue
            if 2 <= len(_strip_prefix_ok(name, w)) <= 8 and name not in w.generic and _plain_name(name):
                out.append(Found(name, "company", i, j))
    return out


def _plain_name(name: str) -> bool:
    """No word of a sentence in it ("质押比例较大", "变为贤丰矿业"), and not one everyday word ("质押")."""
    if segment_zh.common_word(name):
        return False
    return not any(segment_zh.sentence_word(word, flag) and (len(word) > 1 or flag[:1] in "tcpfru")
                   for word, flag in segment_zh.words(name))


def _list_items(text: str, a: int, b: int, w: ZhWords) -> list[tuple[int, int]]:
    parts = []
    pos = a
    for piece in text[a:b].split("、"):
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    items = []
    for n, (i, j) in enumerate(parts):
        if n == 0:
            i = name_start(text, run_before(text, j, i), j, w)
        if n == len(parts) - 1:
            tail = re.search(r"等", text[i:j])
            if tail:
                j = i + tail.start()
            else:
                suffix = None
                for sm in w.re_company.finditer(text, i, j):
                    suffix = sm  # the last company word ends a name: "神雾集团均表示"
                j = suffix.end() if suffix is not None and suffix.end() - i >= 3 else name_end(text, i, j, w)
        if j - i >= 2 and all(_is_name_char(c) for c in text[i:j]):
            items.append((i, j))
        else:
            return []
    return items


_TITLE_VERB = re.compile(r"(?:变更为|变为|为|是|系)(?=\S)")


def _people(text: str, s_start: int, s_end: int, w: ZhWords) -> list[Found]:
    out = []
    credit = [(m.start(), m.end() + 4) for m in w.re_credit.finditer(text, s_start, s_end)]
    for m in w.re_title.finditer(text, s_start, s_end):
        pos = m.end()
        while pos < s_end and text[pos] in "—-：: ":
            pos += 1
        verb = _TITLE_VERB.match(text, pos, s_end)  # "实际控制人变为谢松锋"
        if verb:
            pos = verb.end()
        while True:
            end = _person_end(text, pos, s_end, w)
            if end is None or overlaps(pos, end, credit) or segment_zh.common_word(text[pos:end]):
                break
            out.append(Found(text[pos:end], "person", pos, end))
            if end < s_end and text[end] == "、":
                pos = end + 1
                continue
            break
    return out


def _person_end(text: str, pos: int, s_end: int, w: ZhWords) -> int | None:
    """End of a Chinese personal name starting at ``pos``: a surname and one or two characters."""
    sur = next((c for c in w.compound_surnames if text.startswith(c, pos)), None)
    sur_len = len(sur) if sur else (1 if pos < s_end and text[pos] in w.surnames else 0)
    if not sur_len:
        return None
    run = run_after(text, pos, s_end)
    if run - pos < sur_len + 1:
        return None
    two = pos + sur_len + 1
    if run == two or w.re_name_enders.match(text, two) or w.re_title.match(text, two):
        return two
    three = two + 1
    if run == three or (three < s_end and (w.re_name_enders.match(text, three) or w.re_title.match(text, three)
                                            or text[three] in _PUNCT or w.re_stop_after.match(text, three))):
        return three
    return None


def discover_zh(
    text: str, spans: Iterable[tuple[int, int]], skip: list[tuple[int, int]], known: list[tuple[int, int]]
) -> tuple[list[Discovered], dict[str, str]]:
    """Discovered names in the Chinese sentence ``spans`` of ``text``, not overlapping ``skip``
    (KB names, credit lines); ``known`` are the spans of companies already known (KB), which make
    a list they stand in a list of companies. Returns the mentions and, for names written with a
    stock code, name -> code."""
    w = zh_words()
    spans = list(spans)
    found: list[Found] = []
    for s, e in spans:
        found += _by_code(text, s, e, w)
        found += _by_suffix(text, s, e, w)
        found += _by_cue_before(text, s, e, w)
        found += _by_cue_after(text, s, e, w)
        found += _by_holding(text, s, e, w)
        found += _by_move(text, s, e, w)
        found += _by_brief(text, s, e, w)
        found += _people(text, s, e, w)
    companies = known + [(f.start, f.end) for f in found if f.type == "company"]
    people = [(f.start, f.end) for f in found if f.type == "person"]
    for s, e in spans:
        found += _lists(text, s, e, w, companies, people)
    found = [f for f in found if not overlaps(f.start, f.end, skip) and (f.type == "person" or _valid(f.name, w))]
    types: dict[str, str] = {}
    codes: dict[str, str] = {}
    for f in sorted(found, key=lambda f: f.type != "person"):  # a title's evidence beats a list's
        types.setdefault(f.name, f.type)
        if f.code:
            codes.setdefault(f.name, f.code)
    return _mentions(text, spans, found, types, skip), codes


def _mentions(
    text: str, spans: list[tuple[int, int]], found: list[Found], types: dict[str, str], skip: list[tuple[int, int]]
) -> list[Discovered]:
    """The found places, and every other place a name of three characters or more is written."""
    claimed = list(skip)
    keys: dict[str, str] = {}
    w = zh_words()
    out: list[Discovered] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if overlaps(f.start, f.end, claimed):
            continue
        claimed.append((f.start, f.end))
        out.append(Discovered(f.name, types[f.name], f.start, f.end, f.name))
    for name, kind in list(types.items()):  # "横琴国际" after "横琴国际商品交易中心"
        if kind == "company" and len(name) >= 7:
            for m in w.re_company.finditer(name, 2, len(name) - 2):
                if m.end() >= 4:
                    short = name[: m.end()]
                    types.setdefault(short, kind)
                    keys.setdefault(short, name)
                    break
    spread = sorted((n for n in types if len(n) >= 3), key=len, reverse=True)
    if spread:
        pattern = re.compile("|".join(re.escape(n) for n in spread))
        for s, e in spans:
            for m in pattern.finditer(text, s, e):
                if overlaps(m.start(), m.end(), claimed):
                    continue
                claimed.append((m.start(), m.end()))
                name = m.group(0)
                out.append(Discovered(name, types[name], m.start(), m.end(), keys.get(name, name)))
    out.sort(key=lambda d: d.start)
    return out
