"""The Chinese fact rules (facts/rules_zh.py), one construction at a time, on sentences we wrote.
Each case lists every fact the text must give: an extra wrong fact fails as surely as a missing one.
The first cases are the failures issue #18 reported on real Chinese news."""

from datetime import date

import pytest

from factwire.models import Document


def facts(pipeline, text, published, title=None):
    analysis = pipeline(Document.from_text(text, published_at=date.fromisoformat(published), title=title))
    return sorted(
        (f.entity_id, f.metric, round(f.value, 4), None if f.value_max is None else round(f.value_max, 4), f.unit,
         f.period)
        for f in analysis.facts
    )


CASES = {
    "a profit warning is guidance, a range, for the period it reports on": (
        "2018-01-30",
        "格力电器发布业绩预告，预计2017年归母净利润为1.21亿–3.63亿元，同比下降85%–95%。",
        [("gree-electric-appliances", "net_income_growth_yoy_guidance", -95, -85, "percent", "2017"),
         ("gree-electric-appliances", "net_income_guidance", 121000000, 363000000, "CNY", "2017")],
    ),
    "an engine size is no sales figure": (
        "2025-11-05",
        "吉利推出搭载1.6升发动机的新车型，10月销量为12万辆。",
        [("geely", "sales_volume", 120000, None, "vehicle", "2025-10")],
    ),
    "analysts' earnings per share are an estimate, not a share price": (
        "2018-01-10",
        "分析师预计贵州茅台2018年每股收益为30.5元。",
        [("kweichow-moutai", "eps_estimate", 30.5, None, "CNY", "2018")],
    ),
    "a bond issued and cash at a year's end": (
        "2018-01-10",
        "泸州老窖发行10亿元公司债，票面利率为6.40%；截至2017年末，公司货币资金为115亿元。",
        [("luzhou-laojiao", "cash", 11500000000, None, "CNY", "2017"),
         ("luzhou-laojiao", "debt_issued", 1000000000, None, "CNY", None)],
    ),
    "growth year on year, falls negative, and the metric of the clause before": (
        "2018-01-05",
        "2008年贤丰控股营收同比减少3.36%，归母净利润同比减少94.46%，只有135.8万元。",
        [("new:贤丰控股", "net_income", 1358000, None, "CNY", "2008"),
         ("new:贤丰控股", "net_income_growth_yoy", -94.46, None, "percent", "2008"),
         ("new:贤丰控股", "revenue_growth_yoy", -3.36, None, "percent", "2008")],
    ),
    "an index's moves and levels, clause by clause": (
        "2018-01-31",
        "沪指今日低开0.5%，报3470点；深成指低开0.61%，报11210点。",
        [("shcomp", "index_level", 3470, None, "point", "2018-01-31"),
         ("shcomp", "index_level_change", -0.5, None, "percent", "2018-01-31"),
         ("szcomp", "index_level", 11210, None, "point", "2018-01-31"),
         ("szcomp", "index_level_change", -0.61, None, "percent", "2018-01-31")],
    ),
    "a New York close in a Chinese story is of the trading day before": (
        "2018-02-06",
        "道指暴跌1175点，收于24345.75点。",
        [("djia", "index_level", 24345.75, None, "point", "2018-02-05"),
         ("djia", "index_level_change", -1175, None, "point", "2018-02-05")],
    ),
    "分别 pairs listed years with listed numbers, amounts without a unit are yuan": (
        "2018-01-05",
        "2011、2012、2013年贤丰矿业净利润分别为1406万、-1161万、-4029万。",
        [("new:贤丰矿业", "net_income", -40290000, None, "CNY", "2013"),
         ("new:贤丰矿业", "net_income", -11610000, None, "CNY", "2012"),
         ("new:贤丰矿业", "net_income", 14060000, None, "CNY", "2011")],
    ),
    "shares sold, bought and the price paid belong to the seller and the buyer, not the company traded": (
        "2014-04-20",
        "珠海科见转让所持蓉胜超微2616.8万股股份，贤丰矿业以每股7.1元的价格受让4547.2万股。",
        [("new:珠海科见", "shares_sold", 26168000, None, "share", None),
         ("new:贤丰矿业", "offer_price", 7.1, None, "CNY", None),
         ("new:贤丰矿业", "shares_bought", 45472000, None, "share", None)],
    ),
    "a holder that is no entity owns nothing": (
        "2018-02-05",
        "北上资金持有东方财富对应市值增加1.49亿元。",
        [],
    ),
    "statistics and thresholds are no figures": (
        "2018-02-05",
        "统计显示，春节前8个交易日上证指数上涨概率为93%，平均上涨2.9%；沪指失守3400点关口。",
        [],
    ),
    "a stake held now is of the story's day": (
        "2018-01-16",
        "顺威股份实际控制人文细棠通过代持实际控制公司25.06%的股权。",
        [("new:文细棠", "stake", 25.06, None, "percent", "2018-01-16")],
    ),
    "a figure said of each (均) of the companies listed belongs to each": (
        "2018-02-02",
        "湖北宜化(000422)、大唐电信(600198)的2017年预计亏损均超过20亿元。",
        [("new:湖北宜化", "net_income_guidance", -2000000000, None, "CNY", "2017"),
         ("new:大唐电信", "net_income_guidance", -2000000000, None, "CNY", "2017")],
    ),
    "a company's bare move is its share price's": (
        "2017-12-26",
        "12月22日，中国平安下跌1.19%，26日再跌0.3%。",
        [("ping-an-insurance", "stock_price_change", -1.19, None, "percent", "2017-12-22"),
         ("ping-an-insurance", "stock_price_change", -0.3, None, "percent", "2017-12-26")],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_construction(pipeline, name):
    published, text, want = CASES[name]
    assert facts(pipeline, text, published) == sorted(want)


def test_a_title_given_apart_repeats_the_story(pipeline):
    got = facts(pipeline, "贤丰控股2008年营收同比减少3.36%。", "2018-01-05", title="贤丰控股业绩暴跌九成")
    assert got == [("new:贤丰控股", "revenue_growth_yoy", -3.36, None, "percent", "2008")]


def test_a_mixed_story_reads_each_sentence_in_its_language(pipeline):
    text = "小米集团第三季度营收为1131亿元。\n\nXiaomi's net profit rose to RMB 11.3 billion in the third quarter."
    got = facts(pipeline, text, "2025-11-19")
    assert got == [("xiaomi", "net_income", 11300000000, None, "CNY", "2025-Q3"),
                   ("xiaomi", "revenue", 113100000000, None, "CNY", "2025-Q3")]


def test_users_extend_the_chinese_metric_vocabulary(tmp_path):
    from factwire.pipeline import build_pipeline

    extra = tmp_path / "mine.yaml"
    extra.write_text("metrics:\n  deliveries:\n    aliases: [上险量]\n", encoding="utf-8")
    nlp = build_pipeline({"pipeline": {"components": ["sentences", "entities", "quantities", "periods", "facts"]},
                          "components": {"facts": {"metrics_zh": str(extra)}}})
    got = facts(nlp, "理想汽车10月上险量为3.1万辆。", "2025-11-05")
    assert got == [("li-auto", "deliveries", 31000, None, "vehicle", "2025-10")]
