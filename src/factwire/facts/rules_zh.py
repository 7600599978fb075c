"""The named rules that turn a Chinese sentence's numbers into facts, in the order they run.

Each rule takes the sentence's candidates and returns new ones; each is tested alone in
``tests/facts/test_rules_zh.py``. ``facts/zh.py`` runs them in order.

1. ``inside_names``   "标普500", "上证50", "聚宝盆30号": a number in a name is no fact
2. ``not_figures``    thresholds ("失守3400点关口"), statistics and hypotheticals are no figures
3. ``name_metric``    what the number measures: a verb of shares (增持 N股), the nearest metric word
                      before it in its clause, one right after it ("41.5%股权"), a price per share,
                      a counted noun, or the metric of the clause before ("净利润…，只有135.8万元")
4. ``respectively``   "2011、2012、2013年净利润分别为A、B、C": the n-th period, metric word or entity
                      takes the n-th number
5. ``owner_metric``   a number of an index or commodity is its level or price (or their change)
6. ``change``         同比增长/下跌/跌幅: a growth (year on year unless 环比) or a change; a fall
                      or a loss (亏损) is negative
7. ``outlook``        业绩预告, 预计, 承诺: the company's guidance; 分析师, 预期: analysts' estimate
8. ``adjusted``       扣非: the adjusted figure
9. ``each``           "A、B的…均超过20亿元": the figure of each company listed
10. ``segment``       "…业务分部" and later "该业务分部": the segment and its company
11. ``owner``         whose number it is: the entity before it in its clause, not one bought, held or
                      compared with ("收购X", "所持X", "较X"); else in its sentence; else the paragraph's
12. ``difference``    "超出X…6000多辆", "比X高出近5个百分点": a gap to X, owned by the one ahead
13. ``timing``        the period: the one named before the number for a flow, a day for market data,
                      the date of the deal for an event; else the paragraph's; else the story's day
14. ``future_flow``   a flow of a period not yet over is a forecast
15. ``product``       the product counted ("11.7万辆小米SU7") or relied on ("仅凭小米YU7")
16. ``canonical_unit`` shares in `share`, index points in `point`, a price's 个百分点 in `percent`
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from ..entities.discovery_zh import zh_words
from ..periods.value import PeriodValue
from .candidate import Candidate, Owner
from .metric_name import MetricName
from .vocabulary import AliasMatch, Vocabulary
from .zh import ZhScope, ZhState, ZhStory, sentence_time

Rule = Callable[[list[Candidate], ZhScope, ZhStory, ZhState], list[Candidate]]

_MARKET = {"stock_price", "market_value", "index_level", "price", "exchange_rate", "trading_volume", "trading_value",
           "pe_ratio"}
_LEVEL_UNITS = ("point", "percent", "percentage_point", "count", "currency")
_LEVEL_OWNED = {"index": "index_level", "commodity": "price", "currency": "exchange_rate"}


def fits(metric: str, c: Candidate, vocab: Vocabulary) -> bool:
    """Whether the number can measure the metric: its units, and for a count the thing counted."""
    spec = vocab.metrics[metric]
    cls = c.unit_class
    if cls == "percentage_point":
        return "percent" in spec.units
    if cls not in spec.units:
        return False
    if cls != "count" or spec.unit is None:
        return True
    unit = c.q.unit
    if spec.unit == "from_story":
        return unit in (None, "vehicle", "unit", "aircraft")
    if spec.unit == "share":
        return unit == "share"  # "减持套现了2.7亿": shares are counted in 股; an amount is money
    return unit is None or unit == spec.unit


def _moving(c: Candidate) -> bool:
    return c.q.change in ("up", "down") and c.unit_class in ("percent", "percentage_point")


def _can_name(metric: str, c: Candidate, vocab: Vocabulary) -> bool:
    spec = vocab.metrics[metric]
    return fits(metric, c, vocab) or (_moving(c) and (spec.growth or spec.kind == "level"))


# -- 1. inside_names --------------------------------------------------------------------------


def inside_names(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """A number inside a name ("标普500指数", "陕国投·聚宝盆30号") or a label ("20日线") is none."""
    out = []
    for c in cands:
        named = any(o.start < c.q.end and c.q.start < o.end for o in scope.owners)
        label = re.match(r"\s*(?:号|期|届|代|线|日线|日均线|强|大|只|家|个股)", scope.text[c.q.end : c.q.end + 3])
        if named or (label and c.q.unit is None):
            c = c.with_(unit_class="duration")
        out.append(c)
    return out


_THRESHOLD_AFTER = re.compile(
    r"\s*(?:点|元|倍|%)?\s*(?:关口|整数关口|大关|关|一线|附近的?支撑|的?(?:仅|有|只有)?\d+只|涨|跌|连涨|连跌|连阳|连阴"
    r"|的(?:股票|个股|公司|上市公司|基金|投资者|散户)|股票|点?的(?:趋势|可能|风险|压力))"
)
_BLOCK_TRADE = re.compile(r"大宗交易")


def _outside_names(regex: re.Pattern[str], scope: ZhScope, start: int, end: int) -> bool:
    """Whether ``regex`` matches in ``text[start:end]`` outside the names in it ("平均" is no cue
    inside "道琼斯工业平均指数")."""
    return any(
        not any(o.start <= m.start() < o.end for o in scope.owners) for m in regex.finditer(scope.text, start, end)
    )
_THRESHOLD_UNITS = (None, "point", "CNY", "ratio", "percent")


def not_figures(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """Numbers that are no entity's figure: thresholds ("失守3400点关口", "市盈率低于30倍的仅31只"),
    counts of days up ("9涨1跌"), and every number of a sentence that is hypothetical or a
    statistic ("有望", "概率", "平均", "统计显示")."""
    zh = story.zh
    hypothetical = _outside_names(zh.re_not_actual, scope, scope.sentence.start, scope.sentence.end)
    out = []
    for c in cands:
        threshold = _THRESHOLD_AFTER.match(scope.text, c.q.end) and c.q.unit in _THRESHOLD_UNITS
        if threshold or hypothetical:
            c = c.with_(unit_class="duration")
        elif _BLOCK_TRADE.search(scope.text, scope.sentence.start, scope.sentence.end) and c.unit_class == "currency":
            c = c.with_(unit_class="duration")  # the proceeds of a block trade: no metric
        out.append(c)
    return out


# -- 2. name_metric ---------------------------------------------------------------------------

_WINDOW = 24  # characters: a metric word further back names another number
_COMPARED = re.compile(r"(?:较|比|相比|相较于?|低于|高于)\s*$")
_AFTER = re.compile(r"\s*(?:的)?$")
_PER_SHARE_CONTEXT = [
    (re.compile(r"(?:报|收于|收报|报收于?|股价|收盘价|开盘价|跌破|最高|最低)[^，。；]{0,6}$"), "stock_price"),
    (re.compile(r"(?:以|按)[^，。；]{0,6}$|(?:发行|增发|受让|转让|认购|收购)"), "offer_price"),
    (re.compile(r"(?:派|分红|红利|派息|股息)"), "dividend_per_share"),
    (re.compile(r"(?:收益|净利|盈利)"), "eps"),
]


def name_metric(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """What each number measures, first rule that applies:
    - a count of shares takes the verb before it in its clause ("增持了58.65万股" is shares_bought,
      "转让所持…2616.8万股" shares_sold, "质押" shares_pledged, "持有" shares_held);
    - the nearest metric word before it in its clause, within a few words, whose units fit;
    - a metric word right after it ("41.5%股权" is a stake);
    - money per share: a share price after 报/收于, an offer after 以/按, a dividend, else eps;
    - the metric of the number before it in the sentence when its own clause names none
      ("归母净利润同比减少94.46%，只有135.8万元"), or of the paragraph's last sentence."""
    vocab = story.vocab
    text = scope.text
    out: list[Candidate] = []
    for c in _implied_currency(cands, scope, story):
        if c.unit_class == "duration":
            out.append(c)
            continue
        noun = vocab.noun_metric.get(c.q.unit or "")
        if noun and c.unit_class == "count" and fits(noun, c, vocab):
            out.append(c.with_(metric=MetricName(noun), named=True))  # "70万粉丝", "两起交通事故"
            continue
        found = _share_verb(c, scope, story) or _alias_before(c, scope, vocab) or _alias_after(c, scope, vocab)
        if c.q.per == "share" or re.search(r"每股\s*$", text[max(0, c.q.start - 3) : c.q.start]):
            per = _per_share(c, scope, vocab, found)
            if per is not None:
                out.append(c.with_(metric=MetricName(per), named=True, alias=None))
                continue
        blocker = None
        for b in story.zh.re_blockers.finditer(text, max(c.clause[0], c.q.start - 4 - 8), c.q.start):
            if not any(o.start <= b.start() < o.end for o in scope.owners) and c.q.start - b.end() <= 4:
                blocker = b
        if blocker is not None and (found is None or blocker.end() > found.start):
            out.append(c.with_(unit_class="duration"))  # "上涨概率为93%", "投资收益1257万": none
            continue
        if found is not None:
            out.append(c.with_(metric=MetricName(found.metric), alias=found, named=True))
            continue
        carried = _carried(c, out, scope, state, vocab)
        out.append(c.with_(metric=MetricName(carried.metric), alias=carried) if carried else c)
    used = [c.alias for c in out if c.alias is not None]
    if used:
        state.alias = used[-1]
    return out


_SCALED = re.compile(r"[万亿]")


def _implied_currency(cands: list[Candidate], scope: ZhScope, story: ZhStory) -> list[Candidate]:
    """"净利润分别为1406万、-1161万", "作价2.1亿": an amount in 万 or 亿 with no unit is money, in
    the currency of the paragraph's last amount that names one (yuan when none does)."""
    out = []
    for c in cands:
        if c.q.unit is None and _SCALED.search(c.q.surface) and not _count_word_before(c, scope, story):
            q = c.q.model_copy(update={"unit": _paragraph_currency(c, scope, story)})
            c = c.with_(q=q, unit_class="currency")
        out.append(c)
    return out


def _count_word_before(c: Candidate, scope: ZhScope, story: ZhStory) -> bool:
    """"粉丝数降至4379.1万": the nearest metric word before the number counts things, not money."""
    before = [a for a in scope.aliases if c.clause[0] <= a.start and a.end <= c.q.start]
    if not before:
        return False
    units = story.vocab.metrics[max(before, key=lambda a: (a.end, a.end - a.start)).metric].units
    return "currency" not in units and "count" in units


def _paragraph_currency(c: Candidate, scope: ZhScope, story: ZhStory) -> str:
    paragraph = scope.sentence.paragraph
    sentences = story.analysis.sentences
    for q in reversed(story.analysis.quantities):
        money = q.unit is not None and len(q.unit) == 3 and q.unit.isupper()
        if money and q.start < c.q.start and q.sentence >= 0 and sentences[q.sentence].paragraph == paragraph:
            return q.unit  # type: ignore[return-value]
    return "CNY"


def _share_verb(c: Candidate, scope: ZhScope, story: ZhStory) -> AliasMatch | None:
    if c.q.unit != "share":
        return None
    best = None
    for m in story.zh.re_verbs.finditer(scope.text, c.clause[0], c.q.start):
        best = m
    if best is None:
        return None
    return AliasMatch(story.zh.verbs[best.group(0)], best.start(), best.end(), False)


def _alias_before(c: Candidate, scope: ZhScope, vocab: Vocabulary) -> AliasMatch | None:
    best: tuple[float, AliasMatch] | None = None
    for a in scope.aliases:
        if not (c.clause[0] <= a.start and a.end <= c.q.start) or c.q.start - a.end > _WINDOW:
            continue
        if not _can_name(a.metric, c, vocab):
            continue
        if any(o.start <= a.start and a.end <= o.end for o in scope.owners):
            continue  # a metric word inside a name ("收益" in a fund's name)
        between = any(a.end <= q.start and q.end <= c.q.start for _, q in scope.quantities)
        moving = c.q.change in ("up", "down")
        if (between or moving) and _COMPARED.search(scope.text, max(c.clause[0], a.start - 3), a.start):
            continue  # "较年内高点61.45港元下跌超过30%": the 30% is not a move of the high
        distance = c.q.start - a.end - (a.end - a.start) / 100  # nearer, then longer
        if best is None or distance < best[0]:
            best = (distance, a)
    return best[1] if best else None


_DEAL_AFTER = re.compile(r"\s*(?:的价格|的代价)?\s*(?:收购|购买|竞得|拍得|受让|买下|入股)")


def _alias_after(c: Candidate, scope: ZhScope, vocab: Vocabulary) -> AliasMatch | None:
    """"41.5%股权", "15%和8%股权", "10.25亿股股份" (a metric word right after the number);
    "82.28万元收购…" (an amount right before a verb of buying is what was paid)."""
    if c.unit_class == "currency":
        m = _DEAL_AFTER.match(scope.text, c.q.end)
        if m:
            return AliasMatch("deal_value", m.start(), m.end(), False)
    for a in scope.aliases:
        gap = scope.text[c.q.end : a.start]
        near = a.start >= c.q.end and len(gap) <= 6 and re.fullmatch(r"(?:的|和[\d.]+%|、[\d.]+%)?", gap)
        if near and a.metric in ("stake", "shares_held") and _can_name(a.metric, c, vocab):
            return a
        right = a.start >= c.q.end and re.fullmatch(r"(?:的)?(?:预计|预期)?", gap)
        if right and a.start < c.clause[1] and _can_name(a.metric, c, vocab):
            return a  # "1001.13万元净利润", "116亿元的预计亏损金额"
    return None


def _per_share(c: Candidate, scope: ZhScope, vocab: Vocabulary, found: AliasMatch | None) -> str | None:
    if c.unit_class != "currency":
        return None
    if found is not None and found.metric in ("eps", "dividend_per_share", "offer_price", "stock_price",
                                               "book_value_per_share", "price_target", "stock_price_high",
                                               "stock_price_low"):
        return found.metric
    lead = scope.text[c.clause[0] : c.q.start]
    for pattern, metric in _PER_SHARE_CONTEXT:
        if pattern.search(lead) or (metric == "offer_price" and pattern.search(scope.text[c.q.end : c.q.end + 12])):
            return metric
    return "stock_price"


_SHORT_LEAD = re.compile(
    r"\s*(?:只有|仅有|仅为|仅|为|达到?|约|分别为|其中|而|但|则|也|又|再|至|到|合计|共)?\s*"
    r"(?:同比|环比|较上年同期|比上年同期|较去年同期)?\s*(?:大幅|小幅)?\s*"
    r"(?:增长|下降|下滑|减少|上升|提升|提高|增加|下跌|上涨|降低|回落|增|降)?了?\s*"
)


def _carried(c: Candidate, earlier: list[Candidate], scope: ZhScope, state: ZhState, vocab: Vocabulary):
    own = [a for a in scope.aliases if c.clause[0] <= a.start < c.q.start]
    if own:
        return None  # its clause names a metric that does not fit: nothing to carry
    lead = scope.text[c.clause[0] : c.q.start]
    comparison = re.match(r"\s*(?:较|比)[^，。；]{1,30}?(?:高出|多出|高|多|低|少)", lead)  # "…，比X高出近5个百分点"
    if not comparison and not _SHORT_LEAD.fullmatch(lead) and not re.fullmatch(r"[^\u4e00-\u9fff]*", lead):
        return None  # "…，北上资金出逃3519万元": a clause of its own, with its own subject
    for prev in reversed(earlier):
        if prev.alias is not None and prev.metric is not None:
            return prev.alias if _can_name(prev.alias.metric, c, vocab) else None
    if not scope.aliases and state.alias is not None and _can_name(state.alias.metric, c, vocab):
        return state.alias
    return None


# -- 3. respectively --------------------------------------------------------------------------

_RESPECTIVELY = re.compile(r"分别|各自|依次")
_LIST_GAP = re.compile(r"\s*(?:、|，|,|和|及|与|以及|或)\s*")


def respectively(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """"2011、2012、2013年净利润分别为1406万、-1161万、-4029万": the numbers listed after each
    分别 take, in order, the periods (a span of years counts year by year), the metric words ("毛利率
    和汽车毛利率分别为17.3%和14.3%", and a later "蔚来则分别为10%和10.3%" takes the same list) or
    the entities listed before it in its clause; one entity before it owns them all."""
    text = scope.text
    out = {c.index: c for c in cands}
    marks = list(_RESPECTIVELY.finditer(text, scope.sentence.start, scope.sentence.end))
    for n_mark, m in enumerate(marks):
        stop = marks[n_mark + 1].start() if n_mark + 1 < len(marks) else scope.sentence.end
        listed: list[Candidate] = []
        for c in cands:
            if not (m.end() <= c.q.start < stop) or c.unit_class == "duration":
                continue
            joined = not listed or _LIST_GAP.fullmatch(text[listed[-1].q.end : c.q.start])
            if listed and (c.unit_class != listed[0].unit_class or not joined):
                break
            listed.append(c)
        if len(listed) < 2:
            continue
        clause = scope.clause_of(m.start())
        first = listed[0]
        periods = _listed_periods(scope, m.start(), len(listed))
        owners = _listed_owners(scope, clause[0], m.start()) or _listed_owners(scope, scope.sentence.start, m.start())
        if first.metric is not None and first.metric.base in _DEAL | _HELD:
            owners = [o for o in owners if not _OBJECT_BEFORE.search(text, max(scope.sentence.start, o.start - 6),
                                                                      o.start)]  # "获得X和Y各自持有的…": sellers
        metrics = _listed_metrics(scope, clause[0], m.start(), first, story.vocab)
        if len(metrics) == len(listed):
            state.listed_metrics = metrics
        elif not metrics and len(state.listed_metrics) == len(listed):
            metrics = state.listed_metrics
        for n, c in enumerate(listed):
            changes: dict = {}
            if len(metrics) == len(listed):
                changes.update(metric=MetricName(metrics[n].metric), alias=metrics[n], named=True)
            elif c.metric is None and first.metric is not None:
                changes.update(metric=first.metric, alias=first.alias, named=first.named)
            if periods:
                changes.update(periods=(periods[n],), period_stated=True)
            if len(owners) == len(listed):
                changes["owner"] = owners[n]
            elif len(owners) == 1:
                changes["owner"] = owners[0]
            out[c.index] = out[c.index].with_(**changes)
    return [out[c.index] for c in cands]


def _listed_metrics(scope: ZhScope, start: int, end: int, first: Candidate, vocab: Vocabulary) -> list[AliasMatch]:
    """The metric words listed in ``text[start:end]``, the longest at each place, in order."""
    found: list[AliasMatch] = []
    for a in sorted(scope.aliases, key=lambda a: (a.start, -(a.end - a.start))):
        if start <= a.start and a.end <= end and _can_name(a.metric, first, vocab):
            if found and a.start < found[-1].end:
                continue
            found.append(a)
    return found


def _listed_periods(scope: ZhScope, end: int, n: int) -> list[str]:
    before = [p for p in scope.periods if p.end <= end]
    years = [p.value for p in before if p.kind == "year"]
    if len(years) > n:
        years = years[-n:]  # the list right before 分别, not a year told earlier in the sentence
    if len(years) == n:
        return years
    for p in before:
        span = PeriodValue.maybe(p.value)
        if span is not None and re.fullmatch(r"\d{4}/\d{4}", p.value):
            values = [str(y) for y in range(span.first.year, span.last.year + 1)]
            if len(values) == n:
                return values
    return []


def _listed_owners(scope: ZhScope, start: int, end: int) -> list[Owner]:
    out: list[Owner] = []
    for o in scope.owners:
        if start <= o.start < end and o.type in ("company", "person", "index", "product") \
                and o.entity_id not in {x.entity_id for x in out}:
            out.append(o)
    return out


# -- 4. change --------------------------------------------------------------------------------


def change(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """A number that goes up or down is a change: a percentage change of a result that grows is
    its growth (year on year unless 环比); of a price, an index, a market value or any amount, a
    change. A fall is negative; so is a loss ("亏损23.7亿元-28.4亿元": -2840000000 to -2370000000).
    "暴跌47点或2.7%": the second figure moved the same way."""
    vocab = story.vocab
    text = scope.text
    out: list[Candidate] = []
    for c in cands:
        if c.metric is None:
            out.append(c)
            continue
        prev = out[-1] if out else None
        if prev is not None and c.q.change not in ("up", "down") and prev.q.change in ("up", "down") and re.fullmatch(
            r"\s*(?:或|，|,)?\s*", text[prev.q.end : c.q.start]
        ):
            c = c.with_(q=c.q.model_copy(update={"change": prev.q.change}))
        spec = vocab.metrics[c.metric.base]
        negative = c.alias is not None and c.alias.negative and c.alias.metric == c.metric.base
        if c.q.change not in ("up", "down") and c.unit_class == "percent" and "percent" not in spec.units \
                and spec.growth:
            c = c.with_(metric=c.metric.with_(change="growth_yoy"))  # "盈利预测为20.39%": a growth
        elif c.q.change in ("up", "down") and spec.kind != "event":
            window = text[max(scope.sentence.start, c.q.start - 30) : c.q.start]
            if c.unit_class in ("percent", "percentage_point") and spec.growth and spec.kind != "level":
                kind = "growth_qoq" if vocab.qoq_cues.search(window) else "growth_yoy"
            else:
                kind = "change"
            c = c.with_(metric=c.metric.with_(change=kind))
            negative = c.q.change == "down"
        if negative:
            low, high = -abs(c.value), (-abs(c.value_max) if c.value_max is not None else None)
            c = c.with_(value=high, value_max=low) if high is not None else c.with_(value=low)
        out.append(c)
    return out


# -- 5. outlook -------------------------------------------------------------------------------


def outlook(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """Analysts' expectations (分析师, 预期) are ``_estimate``; the company's forecasts, targets
    and profit commitments (预计, 业绩预告, 承诺) ``_guidance``: the cue before the number in its
    sentence, for results and volumes (not prices or deals)."""
    vocab = story.vocab
    out = []
    for c in cands:
        if c.metric is None or c.metric.outlook or c.metric.base in _MARKET:
            out.append(c)
            continue
        lead = scope.text[scope.sentence.start : c.q.start]
        if c.alias is not None and c.alias.start >= c.q.end:
            lead += scope.text[c.q.end : c.alias.start]  # "116亿元的预计亏损": the cue between number and word
        spec = vocab.metrics[c.metric.base]
        if state.guidance and not vocab.guidance_cues.search(lead):
            lead = "预计" + lead  # "…承诺，…不低于14亿元；…累计…不低于27亿元": one commitment in clauses
        if vocab.estimate_cues.search(lead) and spec.kind == "flow":
            c = c.with_(metric=c.metric.with_(outlook="estimate"))
        elif vocab.guidance_cues.search(lead) and spec.kind in ("flow", "level") and c.metric.base not in (
            "stake", "headcount", "net_worth", "book_value", "cash", "debt",
        ):
            c = c.with_(metric=c.metric.with_(outlook="guidance"))
        out.append(c)
    return out


# -- 6. adjusted ------------------------------------------------------------------------------

_ADJUSTABLE = {"revenue", "net_income", "operating_income", "pretax_income", "eps", "gross_profit", "ebitda"}


def adjusted(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """扣非 (excluding non-recurring items) before the number in its clause: the adjusted figure."""
    out = []
    for c in cands:
        if c.metric is not None and c.metric.base in _ADJUSTABLE and story.vocab.adjusted_cues.search(
            scope.text, max(scope.sentence.start, c.q.start - 40), c.q.start
        ):
            c = c.with_(metric=c.metric.with_(adjusted=True))
        out.append(c)
    return out


# -- 7. owner ---------------------------------------------------------------------------------

_OBJECT_BEFORE = re.compile(
    r"(?:收购|购买|买入|入股|举牌|并购|所持|持有的|持有|持仓|增持|减持|受让|转让|质押给|卖给|出售给|获得|竞得|认购|向|对|与|和|及|、|"
    r"相比|较|比|超过|低于|高于|类似|如同|像|控制|实际控制|剔除|除了|除|在)\s*(?:了)?\s*"
    r"(?:自然人|公司|股东|控股股东|标的公司|子公司)?$"
)
_DEAL = {"stake", "deal_value", "shares_bought", "offer_price", "investment", "premium", "stake_value", "funding"}


def owner(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """Whose number it is, first rule that applies:
    - the entity listed for it with 分别;
    - the nearest entity before the number in its clause that may own the metric and is not an
      object ("收购X", "所持X", "与X"), then before it in the sentence, then right after it in its
      clause ("…41.5%股权" owned by the buyer, not the company bought);
    - the paragraph's last owner, else the story's subject, unless the sentence is about the
      market as a whole (两市, 大盘, 北上资金) with nobody named."""
    out = []
    for c in cands:
        if c.metric is None:
            out.append(c)
            continue
        if c.owner is None and c.segment and c.entity_id:
            out.append(c)  # the company of "该业务分部"
            continue
        chosen = c.owner or _owner_of(c, scope, story)
        if _anonymous(c, chosen, scope, story):
            out.append(c.with_(metric=None))  # "北上资金持有东方财富…": a holder that is no entity
            continue
        if chosen is not None:
            entity, product = chosen.company()
            c = c.with_(owner=chosen, entity_id=entity, product=product)
        elif not _market_wide(scope):
            same = state.entity if state.entity and state.paragraph == scope.sentence.paragraph else None
            c = c.with_(entity_id=same or story.subject)
        if c.entity_id:
            state.entity = c.entity_id
        out.append(c)
    return out


_HELD = {"stake", "shares_held", "shares_bought", "shares_sold", "shares_pledged", "stake_value", "market_value",
         "deal_value"}


def _anonymous(c: Candidate, chosen: Owner | None, scope: ZhScope, story: ZhStory) -> bool:
    """A holding, trade or value whose subject is a holder that is no entity ("北上资金", "机构"):
    such a word stands between the owner found (or the sentence start) and the number."""
    if c.metric is None:
        return False
    start = chosen.end if chosen is not None and chosen.start >= scope.sentence.start else scope.sentence.start
    if c.metric.base not in _HELD | _MARKET:
        start = max(start, c.clause[0])  # a results figure: only its own clause's subject counts
    alias = (c.alias.start, c.alias.end) if c.alias is not None else (-1, -1)
    return any(not (alias[0] <= m.start() < alias[1])  # "归属于上市公司净利润" names no holder
               for m in story.zh.re_anonymous.finditer(scope.text, start, c.q.start))


def _only_objects(c: Candidate, scope: ZhScope, story: ZhStory) -> bool:
    if c.metric is None or c.metric.base not in _HELD:
        return False
    eligible = [o for o in scope.owners if o.start < c.q.start and _eligible(o, c, story)]
    return bool(eligible) and all(
        _OBJECT_BEFORE.search(scope.text, max(scope.sentence.start, o.start - 6), o.start) for o in eligible
    )


_MARKET_WIDE = re.compile(r"两市|沪深两市|大盘|A股市场|股市|市场|北上资金|北向资金|南下资金|板块|个股|美股|港股|全球")


def _market_wide(scope: ZhScope) -> bool:
    return bool(_MARKET_WIDE.search(scope.text, scope.sentence.start, scope.sentence.end)) and not scope.owners


def _preference(o: Owner, c: Candidate, story: ZhStory) -> int:
    """0 for the type that owns the metric first ("雷军的抖音账号粉丝": a person's followers)."""
    assert c.metric is not None
    spec = story.vocab.metrics[c.metric.base]
    kinds = [*spec.owners, *spec.owned_by]
    kind = "company" if o.type in ("product", "platform") and o.type not in kinds else o.type
    return kinds.index(kind) if kind in kinds else len(kinds)


def _eligible(o: Owner, c: Candidate, story: ZhStory) -> bool:
    assert c.metric is not None
    spec = story.vocab.metrics[c.metric.base]
    if o.type in ("index", "commodity", "currency"):
        return o.type in spec.owners or c.metric.base in ("stock_price", "index_level", "trading_value",
                                                           "trading_volume", "pe_ratio", "market_value")
    allowed = set(spec.owned_by) | set(spec.owners)
    if o.type == "product" and not o.parent and "product" not in allowed:
        return False  # a product of no known company ("NOA") owns no company figure
    return o.type in allowed or (o.type in ("product", "platform") and "company" in allowed)


def _owner_of(c: Candidate, scope: ZhScope, story: ZhStory) -> Owner | None:
    text = scope.text
    bracket = re.search(r"[（(]\s*$", text[max(scope.sentence.start, c.q.start - 3) : c.q.start])
    if bracket:
        named = [o for o in scope.owners if o.end <= c.q.start and not text[o.end : c.q.start].strip("（( ")]
        if named:
            return named[-1]  # "小鹏汽车（42013辆）"
    objects = {
        id(o) for o in scope.owners if _OBJECT_BEFORE.search(text, max(scope.sentence.start, o.start - 6), o.start)
    }
    deal = c.metric is not None and c.metric.base in _DEAL | {"shares_sold", "shares_pledged", "shares_held"}
    if deal:  # "顺威股份实际控制人文细棠…": the company of a title is not who holds
        titles = zh_words().re_title
        objects |= {id(o) for o in scope.owners if o.type == "company" and titles.match(text, o.end)}
    pool = [o for o in scope.owners if _eligible(o, c, story)]
    if c.alias is not None and not deal:
        adjacent = [o for o in pool if o.end <= c.alias.start and re.fullmatch(r"(?:的)?", text[o.end : c.alias.start])]
        if adjacent:
            return adjacent[-1]  # "横琴国际净利润-736万": the entity right before the metric word
    free = [o for o in pool if id(o) not in objects]
    for group in ([o for o in free if c.clause[0] <= o.start < c.q.start],
                  [o for o in free if scope.sentence.start <= o.start < c.q.start]):
        if group:
            best = min(_preference(o, c, story) for o in group)
            return [o for o in group if _preference(o, c, story) == best][-1]
    if deal:
        return None  # "收购X…41.5%股权": the buyer is the one named earlier, not X
    after = [o for o in pool if c.q.end <= o.start < c.clause[1]]
    return after[0] if after else None


# -- 6b. each ---------------------------------------------------------------------------------

_EACH = re.compile(r"均|都|皆|各")


def each(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """"湖北宜化(000422)、ST信通(600289)、*ST海润(600401)的2017年预计亏损均超过20亿元": a figure
    said of each (均) of the companies listed before it belongs to each of them."""
    text = scope.text
    out: list[Candidate] = []
    for c in cands:
        cue = _EACH.search(text, c.clause[0], c.q.start)
        listed = _joined_owners(scope, c) if cue and c.metric is not None and c.owner is None else []
        if len(listed) >= 2:
            out += [c.with_(owner=o, entity_id=o.company()[0]) for o in listed]
        else:
            out.append(c)
    return out


def _joined_owners(scope: ZhScope, c: Candidate) -> list[Owner]:
    """The companies listed with "、"/和 right before the number's metric, in its clause."""
    text = scope.text
    before = [o for o in scope.owners if c.clause[0] <= o.start and o.end <= c.q.start and o.type == "company"]
    group: list[Owner] = []
    for o in reversed(before):
        if not group:
            group.append(o)
            continue
        gap = text[o.end : group[0].start]
        if re.fullmatch(r"\s*(?:[(（][^)）]{0,12}[)）])?\s*(?:、|和|与|及|以及)\s*", gap):
            group.insert(0, o)
        else:
            break
    return group


# -- 7a. segment ------------------------------------------------------------------------------

_SEGMENT = re.compile(r"(?P<seg>[^\s的，。；：、“”]{2,24}?)业务(?:分部|板块|部门)")
_THIS_SEGMENT = re.compile(r"(?:该|本|这一?|此)(?:业务)?(?:分部|板块)")


def segment(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """"小米智能电动汽车及AI等创新业务分部实现营收213亿元": the segment of the company named right
    before it; "该业务分部" later in the story is that segment of that company."""
    text = scope.text
    found = None
    for m in _SEGMENT.finditer(text, scope.sentence.start, scope.sentence.end):
        owners = [o for o in scope.owners if o.end == m.start() or (o.start == m.start() and o.end < m.end("seg"))]
        if owners:
            o = owners[0]
            found = (text[o.end : m.end("seg")] or text[m.start("seg") : m.end("seg")], o.company()[0])
            break
    continued = state.segment_sentence == scope.sentence.index - 1 and state.clause_continues
    if found:
        state.segment, state.segment_entity = found
    elif not (state.segment and (_THIS_SEGMENT.search(text, scope.sentence.start, scope.sentence.end) or continued)):
        return cands
    state.segment_sentence = scope.sentence.index
    out = []
    for c in cands:
        if c.metric is not None:
            c = c.with_(segment=state.segment)
            own = [o for o in scope.owners if c.clause[0] <= o.start < c.q.start
                   and not _OBJECT_BEFORE.search(text, max(scope.sentence.start, o.start - 6), o.start)]
            if not found and not own:
                c = c.with_(entity_id=state.segment_entity)  # "该业务分部的毛利为56亿元"
        out.append(c)
    return out


# -- 7b. difference ----------------------------------------------------------------------------

_SURPASS_WORD = re.compile(r"超出|超过|领先|多出|高出|胜过")
_MORE = re.compile(r"\s*(?:高出|高了|多出|多了|高|多|低了|少了|低|少|落后)\s*(?:了)?\s*(?:约|近|超过|逾)?\s*$")


def difference(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """A number that measures a gap to another entity: "超出…小鹏汽车（42013辆）6000多辆", "比小米…
    高出近5个百分点". It is a ``_difference`` against that entity, owned by the sentence's subject."""
    text = scope.text
    out = []
    for c in cands:
        target = _compared(c, scope, text)
        if c.metric is not None and target is not None and not c.metric.change:
            metric = c.metric.with_(change="difference")
            before = [o for o in scope.owners if o.start < target[1] and o.entity_id != target[0]
                      and _eligible(o, c, story)]
            subject = before[-1] if before else None  # the one that surpasses: named before the comparison
            changes: dict = {"metric": metric, "comparison": f"vs:{target[0]}"}
            if subject is not None:
                changes.update(owner=subject, entity_id=subject.company()[0])
            elif c.owner is not None and c.owner.entity_id == target[0]:
                changes.update(owner=None, entity_id=state.entity or story.subject)
            if re.search(r"(?:低|少|落后)", text[target[1] : c.q.start]):
                changes["value"] = -abs(c.value)
            c = c.with_(**changes)
        out.append(c)
    return out


def _compared(c: Candidate, scope: ZhScope, text: str) -> tuple[str, int] | None:
    """(the entity a number is a gap to, where the comparison starts), or None."""
    lead_start = max(scope.sentence.start, c.q.start - 60)
    for o in reversed([o for o in scope.owners if lead_start <= o.start and o.end <= c.q.start]):
        gap = text[o.end : c.q.start]
        before_start = max(scope.sentence.start, o.start - 25)
        surpass = None
        for m in _SURPASS_WORD.finditer(text, before_start, o.start):
            surpass = m
        own_figure = re.fullmatch(r"\s*(?:[（(][^）)]*[）)])?\s*", gap)  # "小鹏汽车（42013辆）6000多辆"
        if surpass is not None and own_figure and c.unit_class in ("count", "currency", "percentage_point"):
            return o.entity_id, surpass.start()
        than = text.rfind("比", lead_start, o.start)
        if than >= 0 and o.start - than <= 6 and _MORE.search(gap):
            return o.entity_id, than  # "比小米…高出近5个百分点"
    return None


# -- 8. owner_metric --------------------------------------------------------------------------


def owner_metric(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """A number of an index, commodity or currency is its level, price or rate, or their change
    ("沪指低开0.5%，报3470点"); a company's bare percentage move is its share price's."""
    out = []
    for c in cands:
        if c.unit_class == "duration":
            out.append(c)
            continue
        o = c.owner
        if o is None and c.metric is None:
            near = [x for x in scope.owners if scope.sentence.start <= x.start < c.q.start]
            o = near[-1] if near else None
            if o is not None and o.type in _LEVEL_OWNED:
                c = c.with_(owner=o, entity_id=o.entity_id)
        if o is not None and o.type in _LEVEL_OWNED and c.unit_class in _LEVEL_UNITS:
            if c.metric is None or c.metric.base in ("stock_price", "index_level", "price", "exchange_rate"):
                base = _LEVEL_OWNED[o.type]
                metric = MetricName(base)
                value = c.value
                if c.q.change in ("up", "down") or c.unit_class in ("percent", "percentage_point"):
                    metric = metric.with_(change="change")
                    value = -abs(c.value) if c.q.change == "down" else c.value
                c = c.with_(metric=metric, value=value, named=True, entity_id=o.entity_id, owner=o)
        elif c.metric is None and o is not None and o.type == "company" and _moving(c):
            value = -abs(c.value) if c.q.change == "down" else c.value
            c = c.with_(metric=MetricName("stock_price", change="change"), value=value, named=True,
                        entity_id=o.entity_id, owner=o)
        out.append(c)
    return out


# -- 9. timing --------------------------------------------------------------------------------

_SINCE = re.compile(r"^(?:以来|后|之后|起|至今)")


def timing(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """The period of each fact:
    - one given with 分别;
    - a flow (results, volumes): the nearest quarter, half, year or span named before it in its
      sentence, else after it in its clause, else the paragraph's, else none;
    - market data (prices, index levels, their changes, trading): the day named in its sentence,
      or the span of a change ("12月以来", "上周", "自1月26日…至2月2日"), else the trading day of
      the story;
    - an event (a deal, shares bought or sold, an investment): the day, month or year named in its
      sentence, else the paragraph's; a level such as a stake: that, else the story's day."""
    out = []
    for c in cands:
        if c.metric is None or c.entity_id is None:
            out.append(c)
            continue
        if c.periods:
            out.append(c)
            continue
        period, stated = _period(c, scope, story, state)
        periods = period if isinstance(period, tuple) else (period,)
        out.append(c.with_(periods=periods, period_stated=stated))
    return out


def _usable(scope: ZhScope) -> list:
    return [p for p in scope.periods if sentence_time(p, scope.sentence, scope.text)]


_BOUND_GAP = re.compile(r"\s*(?:的|为|是|达|约|的为)?\s*")
_SPREAD = re.compile(r"连续|均|都|各自|各|分别")
_JOINED = re.compile(r"\s*(?:和|与|及|、|以及)\s*")


def _bound(scope: ZhScope) -> dict[int, object]:
    """Periods written right before a number belong to it ("从去年同期的7.2%提升至18.3%")."""
    out: dict[int, object] = {}
    for p in scope.periods:
        for qi, q in scope.quantities:
            if q.start >= p.end and _BOUND_GAP.fullmatch(scope.text, p.end, q.start):
                out[qi] = p
                break
    return out


def _joined_tail(before: list, text: str) -> list:
    """The periods of the same kind listed last before a number ("3月和10月", "7月和8月")."""
    if not before:
        return []
    group = [before[-1]]
    for p in reversed(before[:-1]):
        if p.kind == group[0].kind and _JOINED.fullmatch(text, p.end, group[0].start):
            group.insert(0, p)
        else:
            break
    return group


def _period(c: Candidate, scope: ZhScope, story: ZhStory, state: ZhState) -> tuple[str | None, bool] | tuple:
    assert c.metric is not None
    spec = story.vocab.metrics[c.metric.base]
    bound = _bound(scope)
    if c.index in bound:
        mine = bound[c.index]
        joined = _joined_tail([p for p in scope.periods if p.end <= mine.end], scope.text)  # type: ignore[attr-defined]
        return _spread_or_span(joined, scope), True
    taken = {id(p) for p in bound.values()}
    periods = [p for p in _usable(scope) if id(p) not in taken]
    before = [p for p in periods if p.end <= c.q.start]
    after = [p for p in periods if p.start >= c.q.end and p.start < c.clause[1]]
    market = c.metric.base in _MARKET
    if c.metric.base in ("stock_price_high", "stock_price_low"):
        day = story.market_day(c.entity_id)
        years = [p for p in before if p.kind == "year"]
        return (years[-1].value if years else str(day.year) if day else None), bool(years)  # the year's high
    if market:
        span = _span(c, scope, story)
        if span:
            return span, True
        days = [p for p in before + after if p.kind == "day"]
        if days:
            return days[-1].value if days[-1] in before else days[0].value, True
        ranges = [p for p in before if p.kind == "range" and p.start == scope.sentence.start]
        if ranges:
            return ranges[0].value, True  # "12月以来，…徘徊在3300点附近"
        months = [p for p in before if p.kind == "month"]
        if months and not c.metric.change:
            return months[-1].value, True  # "进入12月，…股价很快回归至73元上方"
        if c.metric.change and _ONGOING.search(scope.text, max(scope.sentence.start, c.q.start - 12), c.q.start):
            return None, False  # "持续下跌超过20%": a move over a span the story does not give
        if state.event_period and len(state.event_period) == 10:
            return state.event_period, False
        day = story.market_day(c.entity_id)
        return (day.isoformat() if day else None), False
    if spec.kind == "flow":
        spans = [p for p in before if p.kind != "day"] or [p for p in after if p.kind != "day"]
        if spans:
            joined = _joined_tail(spans, scope.text) if spans[-1] in before else [spans[0]]
            return _spread_or_span(joined, scope), True
        return state.flow_period, False
    dated = before or after
    if dated:
        joined = _joined_tail(before, scope.text) if before else [after[0]]
        return _spread_or_span(joined, scope), True
    held = spec.kind == "level" and not _BOUGHT.search(scope.text, scope.sentence.start, c.q.start)
    if held:
        return (story.published.isoformat() if story.published else None), False  # a holding now
    if state.event_period:
        return state.event_period, False
    if state.flow_period and state.flow_paragraph == scope.sentence.paragraph:
        return state.flow_period, False  # "2016年先是…收购…。后又…": the paragraph's year
    return None, False


_ONGOING = re.compile(r"持续|连续|不断|一路")
_BOUGHT = re.compile(r"收购|购买|受让|竞拍|买入|认购|转让|出售|作价")


def _spread_or_span(joined: list, scope: ZhScope):
    """One period, or several joined: one fact each when the sentence says each ("7月和8月连续两个
    月…均超过3万辆"), else the span from the first to the last ("3月和10月的两起交通事故")."""
    if len(joined) == 1:
        return joined[0].value
    if _SPREAD.search(scope.text, joined[-1].end, scope.sentence.end):
        return tuple(p.value for p in joined)
    first, last = PeriodValue.parse(joined[0].value), PeriodValue.parse(joined[-1].value)
    return str(PeriodValue.span(first.first, last.last))


def _span(c: Candidate, scope: ZhScope, story: ZhStory) -> str | None:
    """The span a market move covers: a range named before it ("12月以来", "上周"), or from a day
    to the story's day ("自1月26日…以来", "相较2017年11月10日")."""
    if not (c.metric is not None and c.metric.change):
        return None
    ranges = [p for p in scope.periods if p.kind == "range" and p.end <= c.q.start]
    if ranges:
        return ranges[-1].value
    end = story.market_day(c.entity_id)
    days = [p for p in scope.periods if p.kind == "day" and p.end <= c.q.start]
    for p in days:
        lead = scope.text[max(scope.sentence.start, p.start - 4) : p.start]
        tail = scope.text[p.end : p.end + 4]
        if re.search(r"(?:自|从|较|相较|相比)\s*$", lead) or _SINCE.match(tail):
            last = _other_day(scope, p) or end
            if last is not None:
                return f"{p.value}/{last.isoformat()}"
    return None


def _other_day(scope: ZhScope, start) -> date | None:
    """The latest other day the sentence names: the end of a span that starts at ``start``."""
    others = [PeriodValue.maybe(p.value) for p in scope.periods if p.kind == "day" and p is not start]
    later = [p.first for p in others if p is not None and p.first > PeriodValue.parse(start.value).first]
    return max(later) if later else None


# -- 10. future_flow --------------------------------------------------------------------------


def future_flow(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """A flow of a period that has not ended by the story's date is a forecast: guidance."""
    if story.published is None:
        return cands
    out = []
    for c in cands:
        if c.metric is not None and not c.metric.outlook and c.periods and c.periods[0] and c.period_stated:
            spec = story.vocab.metrics[c.metric.base]
            p = PeriodValue.maybe(c.periods[0])
            if spec.kind == "flow" and c.metric.base not in _MARKET and p is not None and p.granularity != "day" \
                    and p.last > story.published + timedelta(days=7):
                c = c.with_(metric=c.metric.with_(outlook="guidance"))
        out.append(c)
    return out


# -- 10b. product ------------------------------------------------------------------------------

_RELYING = re.compile(r"(?:仅凭|凭借|依靠|仅靠|靠着|凭)\s*$")


def product(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """The product a figure is about: the thing counted ("召回近11.7万辆小米SU7"), or the one the
    figure relies on ("仅凭小米YU7一款车型，…销量就达到33662辆")."""
    text = scope.text
    products = [o for o in scope.owners if o.type == "product"]
    out = []
    for c in cands:
        if c.metric is not None and c.product is None and products:
            counted = [o for o in products if o.start == c.q.end and c.clause[0] <= o.start < c.clause[1]]
            relied = [o for o in products if o.end <= c.q.start
                      and _RELYING.search(text, max(scope.sentence.start, o.start - 4), o.start)]
            chosen = (counted or relied or [None])[0]
            if chosen is not None:
                c = c.with_(product=chosen.entity_id)
        out.append(c)
    return out


# -- 11. canonical_unit -----------------------------------------------------------------------


def canonical_unit(cands: list[Candidate], scope: ZhScope, story: ZhStory, state: ZhState) -> list[Candidate]:
    """Shares in `share`, index levels in `point`; a price or index said to move N个百分点 moved
    N percent (the writer means a percentage change); other counts in their metric's unit."""
    out = []
    for c in cands:
        if c.metric is not None:
            spec = story.vocab.metrics[c.metric.base]
            unit = c.q.unit
            if c.unit_class == "percentage_point":
                unit = "percent" if c.metric.base in _MARKET else "percentage_point"
            elif c.unit_class == "count" and spec.unit and spec.unit != "from_story":
                unit = spec.unit
            elif c.metric.base == "index_level" and c.unit_class in ("count", "point"):
                unit = "point"
            c = c.with_(q=c.q.model_copy(update={"unit": unit}))
        out.append(c)
    return out


RULES: list[tuple[str, Rule]] = [
    ("inside_names", inside_names),
    ("not_figures", not_figures),
    ("name_metric", name_metric),
    ("respectively", respectively),
    ("owner_metric", owner_metric),
    ("change", change),
    ("outlook", outlook),
    ("adjusted", adjusted),
    ("each", each),
    ("segment", segment),
    ("owner", owner),
    ("difference", difference),
    ("timing", timing),
    ("future_flow", future_flow),
    ("product", product),
    ("canonical_unit", canonical_unit),
]
