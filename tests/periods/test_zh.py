"""Chinese periods, resolved against the publication date and the story's own dates."""

from datetime import date

import pytest

from factwire.periods.zh import find_periods_zh
from factwire.text import split_sentences

PUBLISHED = date(2018, 2, 6)  # a Tuesday


def periods(text, published=PUBLISHED):
    return [(p.surface, p.value) for p in find_periods_zh(text, published, split_sentences(text, "zh"))]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("2017年营收增长。", "2017年", "2017"),
        ("2017年度净利润。", "2017年度", "2017"),
        ("今年前三季度营收增长。", "今年前三季度", "2018-01/2018-09"),
        ("2025年第三季度营收。", "2025年第三季度", "2025-Q3"),
        ("三季度净利润。", "三季度", "2018-Q3"),
        ("上半年营收。", "上半年", "2018-H1"),
        ("2017年中报显示。", "2017年中报", "2017-H1"),
        ("2017年1月24日停牌。", "2017年1月24日", "2017-01-24"),
        ("1-5月累计销量。", "1-5月", "2017-01/2017-05"),  # ends well after February: last year's
        ("今年4月至6月交付。", "今年4月至6月", "2018-04/2018-06"),
        ("12月以来，沪指徘徊。", "12月以来", "2017-12-01/2018-02-06"),
        ("今年以来涨幅居前。", "今年以来", "2018-01-01/2018-02-06"),
        ("过去一个月掉粉。", "过去一个月", "2018-01-07/2018-02-06"),
        ("上周股价上涨10%。", "上周", "2018-01-29/2018-02-02"),
        ("上周五仍跌8.91%。", "上周五", "2018-02-02"),
        ("周一大跌。", "周一", "2018-02-05"),
        ("今日沪指低开。", "今日", "2018-02-06"),
        ("截至5号收盘。", "5号", "2018-02-05"),
        ("12月20号选出。", "12月20号", "2017-12-20"),  # a month well after February: last year's
        ("2012年-2016年净利润。", "2012年-2016年", "2012/2016"),
        ("2016年度与2017年度累计实现。", "2016年度与2017年度", "2016/2017"),
        ("公司预计全年交付35万辆。", "全年", "2018"),
        ("其2017年全年实现净利润为2.5亿元。", "2017年全年", "2017"),
    ],
)
def test_a_chinese_period(text, surface, value):
    assert (surface, value) in periods(text)


def test_a_list_of_years_gives_one_period_per_year():
    assert periods("2011、2012、2013年净利润分别为1406万、-1161万、-4029万。") == [
        ("2011", "2011"), ("2012", "2012"), ("2013", "2013"),
    ]


def test_a_month_without_a_year_takes_the_year_of_a_date_just_before():
    found = periods("2014年3月实际控制人拟筹划重大事项，4月披露转让协议。")
    assert found == [("2014年3月", "2014-03"), ("4月", "2014-04")]


def test_a_bare_day_is_of_the_month_just_named():
    found = periods("12月22日，中国平安下跌1.19%，26日再跌0.3%。", published=date(2017, 12, 27))
    assert found == [("12月22日", "2017-12-22"), ("26日", "2017-12-26")]


def test_the_same_period_last_year_and_the_same_period():
    found = periods("第二季度营收占比从去年同期的7.2%提升至18.3%；蔚来同期亏损50亿元。", published=date(2025, 11, 19))
    assert found == [("第二季度", "2025-Q2"), ("去年同期", "2024-Q2"), ("同期", "2025-Q2")]


def test_the_reporting_period_is_the_one_the_story_reports_on():
    assert periods("2017半年报显示，报告期内营收2.99亿。") == [("2017半年报", "2017-H1"), ("报告期内", "2017-H1")]


def test_without_a_publication_date_relative_periods_are_skipped():
    assert periods("今年前三季度营收增长，上周股价上涨。", published=None) == []
