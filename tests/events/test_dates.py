"""When events happened: their own dates, the story's day, relative and expected dates."""

from datetime import date

from factwire.models import Document


def events(pipeline, text, published, title=None):
    doc = Document.from_text(text, published_at=published, title=title)
    return [(e.type, e.date, e.modality) for e in pipeline(doc).events]


def test_a_wire_story_tells_its_news_on_the_day_its_lead_names(pipeline):
    text = (
        "Tesla reported quarterly results that missed estimates. "
        "Its shares fell 3 percent in extended trading on Tuesday. "
        "Tesla said on Monday it had hired a new finance chief."
    )
    got = events(pipeline, text, date(2025, 11, 19))  # a Wednesday
    assert ("earnings", "2025-11-18", "confirmed") in got
    assert ("stock_move", "2025-11-18", "confirmed") in got


def test_the_end_of_a_reported_period_is_not_the_date_of_the_results(pipeline):
    text = "NIO reported a 5 percent drop in revenue for the quarter ended Sept. 30, the company said on Tuesday."
    assert events(pipeline, text, date(2025, 11, 19)) == [("earnings", "2025-11-18", "confirmed")]


def test_a_date_after_a_date_break_is_about_something_else(pipeline):
    text = "Nokia's shares fell 10 percent on Monday after it said patent sales would reach 1 billion euros in 2015."
    assert events(pipeline, text, date(2016, 2, 2))[0][:2] == ("stock_move", "2016-02-01")


def test_relative_dates(pipeline):
    text = "Amazon's shares jumped on Friday, a day after the company reported profit that beat estimates."
    got = events(pipeline, text, date(2016, 4, 29))
    assert ("earnings", "2016-04-28", "confirmed") in got and ("stock_move", "2016-04-29", "confirmed") in got


def test_an_expected_event_is_dated_when_it_will_happen(pipeline):
    got = events(pipeline, "Walmart, which reports results on Thursday, was down 3 percent.", date(2016, 5, 18))
    assert sorted(got) == [("earnings", "2016-05-19", "expected"), ("stock_move", "2016-05-18", "confirmed")]
    got = events(pipeline, "Line said on Friday it plans to list its shares in Tokyo in July.", date(2016, 6, 11))
    assert got == [("ipo_listing", "2016-07", "expected")]


def test_a_share_move_needs_a_trading_day(pipeline):
    assert events(pipeline, "Pandora's shares are down 25 percent this year.", date(2016, 5, 17)) == []


def test_on_the_same_day_takes_the_day_last_named(pipeline):
    text = (
        "On November 16th, Lei Jun posted several Weibo messages about safety. "
        "On the same day, news emerged that Wang Hua, Xiaomi's PR head, might be reassigned."
    )
    assert ("executive_change", "2025-11-16", "rumored") in events(pipeline, text, date(2025, 11, 19))
