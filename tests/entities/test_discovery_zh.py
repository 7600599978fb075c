"""Chinese names outside the knowledge base, stock codes, everyday-word aliases and references."""

import pytest

import factwire


def entities(text):
    analysis = factwire.analyze(text, published="2018-01-05")
    return {(e.id, e.type): sorted({m.text for m in e.mentions}) for e in analysis.entities}


def ids(text):
    return {eid for eid, _ in entities(text)}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("2017年5月2日，瑞丰控股停牌筹划对外投资。", "瑞丰控股", "company"),
        ("资源股龙头寒岭钴业大涨。", "寒岭钴业", "company"),
        ("公司出资5100万元与深圳市聚能永拓科技开发有限公司共同投资。", "深圳市聚能永拓科技开发有限公司", "company"),
        ("利用丰岭资本的资金完成收购。", "丰岭资本", "company"),
        ("复牌后连续跌停的乐淘网(300999)跌幅居前。", "乐淘网", "company"),
        ("控股股东联盛集团当日增持了58.65万股。", "联盛集团", "company"),
        ("蓉胜超微持股30%，香港尚乘持股51%。", "香港尚乘", "company"),
        ("厦门证监局发现公司存在问题。", "厦门证监局", "organisation"),
        ("丰岭资本董事长金斌表示，今年风格不会转换。", "金斌", "person"),
        ("午后，宇通客车涨停，同花顺涨超5%。", "同花顺", "company"),
        ("隔夜东证指数收涨0.5%。", "东证指数", "index"),
        ("华特气体：拟以4000万元投资建设新项目。", "华特气体", "company"),
        ("深南电路在互动平台表示，公司订单饱满。", "深南电路", "company"),
        ("公司实际控制人诸建中拟筹划重大事项。", "诸建中", "person"),
    ],
)
def test_a_name_is_found_by_its_evidence(text, name, kind):
    assert any(kind == k and name in names for (_, k), names in entities(text).items())


def test_names_listed_before_a_count_of_listed_companies_are_companies():
    found = entities("本周以来已有鸿鹄股份、易联达、科杰科技、格美林等42家上市公司发布增持公告。")
    names = {n for (_, k), ns in found.items() if k == "company" for n in ns}
    assert {"鸿鹄股份", "易联达", "科杰科技", "格美林"} <= names


def test_people_listed_after_one_title_are_people():
    found = entities("实际控制人变为谢松锋、谢海滔。")
    people = {n for (_, k), ns in found.items() if k == "person" for n in ns}
    assert people == {"谢松锋", "谢海滔"}


@pytest.mark.parametrize(
    "text",
    [
        "上市公司普遍发布公告。",  # a kind of company, not a name
        "很多上市公司大幅下跌。",
        "工程机械板块领涨。",
        "期间公司股价下跌。",
        "公司主营业务为锂电池。",
        "科技股集体上涨。",
        "两市股指集体小幅高开。",
        "半导体板块午后直线拉升。",
        "证券时报记者 朱中伟",  # a credit line
    ],
)
def test_generic_words_are_no_names(text):
    assert not [eid for eid in ids(text) if eid.startswith("new:")]


def test_a_stock_code_the_kb_knows_names_that_company():
    found = entities("贵州茅台(600519)股价创新高，乐视网(300104)复牌。")
    assert ("kweichow-moutai", "company") in found
    assert "600519" in found[("kweichow-moutai", "company")]
    assert ("leeco", "company") in found


def test_a_company_word_after_a_known_name_is_part_of_it():
    assert entities("中国平安举牌汇丰控股。")[("hsbc", "company")] == ["汇丰控股"]


def test_legend_holdings_is_not_its_affiliate_lenovo():
    found = ids("联想控股发布公告，联想集团股价上涨。")
    assert {"legend-holdings", "lenovo"} <= found


def test_an_everyday_word_alias_needs_a_company_word():
    assert "li-auto" not in ids("公司业绩不太理想，股价下跌。")
    assert "li-auto" in ids("理想汽车10月交付4万辆。")


def test_latin_names_glued_to_chinese_are_found():
    assert "cboe-volatility-index" in ids("恐慌指数VIX一度涨至17.86。")


def test_company_references_link_to_the_company_meant():
    analysis = factwire.analyze("贤丰控股发布公告。该公司称，公司将继续推进转型。", published="2018-01-05")
    (company,) = [e for e in analysis.entities if e.name == "贤丰控股"]
    assert sorted(m.text for m in company.mentions if m.via == "reference") == ["公司", "该公司"]


def test_compounds_of_company_are_no_references():
    analysis = factwire.analyze("贤丰控股发布公告，称上市公司和子公司均无违规。", published="2018-01-05")
    assert not [m for e in analysis.entities for m in e.mentions if m.via == "reference"]
