"""Chinese quantities: scales, units, ranges, qualifiers and changes, and what is not a quantity."""

from pathlib import Path

import pytest

from factwire.errors import VocabularyError
from factwire.quantities.zh import load_zh_lexicon, parse_quantities_zh


def one(text):
    (q,) = parse_quantities_zh(text)
    return q


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit", "qualifier", "change"),
    [
        ("营收为1.21亿元", 121000000, None, "CNY", "=", "="),
        ("预计亏损1.21亿–3.63亿元", 121000000, 363000000, "CNY", "=", "="),
        ("净利润为2.5亿-3亿元", 250000000, 300000000, "CNY", "=", "="),
        ("亏损在23.7亿元-28.4亿元", 2370000000, 2840000000, "CNY", "=", "="),
        ("同比下降85%–95%", 85, 95, "percent", "=", "down"),
        ("同比增长30.80%至47.37%", 30.8, 47.37, "percent", "=", "up"),
        ("股权价格在5900万-12470万之间", 59000000, 124700000, None, "=", "="),
        ("营收同比减少3.36%", 3.36, None, "percent", "=", "down"),
        ("跌幅为4.60%", 4.6, None, "percent", "=", "down"),
        ("以28.12%的涨幅居首", 28.12, None, "percent", "=", "up"),
        ("道指重挫近1，200点", 1200, None, "point", "~", "down"),
        ("毛利率提升2个百分点", 2, None, "percentage_point", "=", "up"),
        ("沪指跌幅达2个多百分点", 2, None, "percentage_point", ">", "down"),
        ("上市业绩暴跌九成", 90, None, "percent", "=", "down"),
        ("逾100多亿元", 10000000000, None, "CNY", ">", ">"),
        ("亏了5个亿", 500000000, None, None, "=", "="),
        ("市值约2万亿港元", 2e12, None, "HKD", "~", "~"),
        ("融资不超过32亿美元", 3200000000, None, "USD", "<=", "<="),
        ("收盘报3300点附近", 3300, None, "point", "~", "~"),
        ("增持20亿元以上", 2000000000, None, "CNY", ">", ">"),
        ("报0.97元/股", 0.97, None, "CNY", "=", "="),
        ("增持５８．６５万股", 586500, None, "share", "=", "="),
        ("市盈率为2506倍", 2506, None, "ratio", "=", "="),
        ("搭载1.6升发动机", 1.6, None, "litre", "=", "="),
        ("时速为116km/h", 116, None, "km/h", "=", "="),
        ("两起交通事故", 2, None, "accident", "=", "="),
        ("股价已经腰斩", 50, None, "percent", "=", "down"),
        ("净利润为-1161万", -11610000, None, None, "=", "="),
        ("雷军位列第五", 5, None, "rank", "=", "="),
    ],
)
def test_a_chinese_quantity(text, value, value_max, unit, qualifier, change):
    q = one(text)
    assert (q.value, q.value_max, q.unit, q.qualifier, q.change) == (value, value_max, unit, qualifier, change)


def test_a_price_per_share_is_per_share():
    assert one("以每股7.1元的价格受让").per == "share"
    assert one("收于11.14元/股").per == "share"


def test_a_change_to_a_level_is_a_level():
    assert one("下降至3400点").change == "="


def test_stocks_counted_are_not_shares():
    assert one("两市百股跌停").unit == "stock"


@pytest.mark.parametrize(
    "text",
    [
        "2018年1月5日发布公告",
        "12月20号选出",
        "1-5月累计",
        "2011、2012、2013年",
        "乐视网(300104)复牌",
        "蓉胜超微（002141.SZ）",
        "这是第4天",
        "公布了10转25的预案",
        "一些公司、统一部署",
        "周一大跌",
        "三季度业绩",
        "上午10:30开盘",
    ],
)
def test_dates_codes_ordinals_and_words_are_no_quantities(text):
    assert parse_quantities_zh(text) == []


def test_only_the_given_spans_are_read():
    text = "营收1.21亿元。Revenue was $5 billion. 净利润5亿元。"
    found = parse_quantities_zh(text, spans=[(0, 9), (34, len(text))])
    assert [q.surface for q in found] == ["1.21亿元", "5亿元"]


def test_users_extend_the_vocabulary(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("count_nouns:\n  座充电站: charging_station\n", encoding="utf-8")
    q = parse_quantities_zh("建成3000座充电站", load_zh_lexicon(str(extra)))[0]
    assert (q.value, q.unit) == (3000, "charging_station")


def test_a_bad_vocabulary_file_is_named(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- not a mapping\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"bad\.yaml"):
        load_zh_lexicon(str(bad))


def test_a_short_text_is_read_by_the_rules_of_its_language():
    from factwire.quantities import parse_quantities_any

    assert [(q.value, q.unit) for q in parse_quantities_any("净利润为1.21亿元")] == [(121000000, "CNY")]
    assert [(q.value, q.unit) for q in parse_quantities_any("Revenue rose 12% to $5.2bn")] == [
        (12, "percent"), (5200000000, "USD"),
    ]
