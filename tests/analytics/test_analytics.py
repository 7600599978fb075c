from datetime import date

import duckdb
import pytest

from factwire import analytics
from factwire.errors import InputError, NotFoundError


def test_resolve_entity_by_name_alias_and_ticker(demo_store):
    assert analytics.resolve_entity(demo_store, "Xiaomi") == "xiaomi"
    assert analytics.resolve_entity(demo_store, "XPEV") == "xpeng"
    with pytest.raises(NotFoundError, match="no entity named"):
        analytics.resolve_entity(demo_store, "Nobody Motors")


def test_timeline_orders_events_and_rolls_up_subsidiaries(demo_store):
    tl = analytics.timeline(demo_store, "xiaomi")
    types = list(tl["type"])
    assert "recall" in types and "accident" in types
    assert set(tl["main_entity"]) >= {"xiaomi", "xiaomi-auto"}
    dates = [d for d in tl["date"] if d]
    assert dates == sorted(dates)
    per_story = analytics.timeline(demo_store, "xiaomi", per_story=True)
    assert len(per_story) >= len(tl) and set(per_story["stories"]) == {1}


def test_timeline_folds_one_event_told_by_several_stories(tmp_path, pipeline):
    from datetime import date

    from factwire.models import Document
    from factwire.store import Store

    stories = [
        ("Sources say Xiaomi will recall SU7 sedans", date(2025, 9, 17),
         "Xiaomi is reportedly preparing to recall about 100,000 SU7 sedans on September 19, "
         "according to people familiar with the matter."),
        ("Xiaomi recalls SU7 sedans", date(2025, 9, 19),
         "Xiaomi Auto said on September 19 it will recall 116,887 SU7 sedans to update assisted-driving software."),
        ("Xiaomi shares fall after recall", date(2025, 9, 22),
         "Xiaomi shares fell 2% on Monday. Xiaomi recalled 116,887 SU7 sedans on September 19."),
    ]
    docs = [Document.from_text(text, title=title, published_at=when) for title, when, text in stories]
    with Store(tmp_path / "t.duckdb") as store:
        store.ingest(pipeline, docs)
        per_story = analytics.timeline(store, "xiaomi", per_story=True)
        assert (per_story["type"] == "recall").sum() == 3
        tl = analytics.timeline(store, "xiaomi")
    [recall] = tl[tl["type"] == "recall"].itertuples()
    assert recall.stories == 3
    assert recall.title == "Sources say Xiaomi will recall SU7 sedans"  # where the news broke
    assert recall.modality == "confirmed"  # what the latest story says


def test_metric_series_picks_one_value_per_period(demo_store):
    margins = analytics.metric_series(demo_store, "xiaomi", "gross_margin")
    assert dict(zip(margins["period"], margins["value"], strict=True)) == {"2025-Q2": 26.4, "2025-Q3": 25.5}
    deliveries = analytics.metric_series(demo_store, "xiaomi", "deliveries")
    assert {"2025-07", "2025-08", "2025-10"} <= set(deliveries["period"])


def test_peer_table_prefers_exact_figures_and_rolls_up(demo_store):
    peers = analytics.peer_table(demo_store, ["deliveries", "sales_volume"], "2025-10")
    values = dict(zip(peers["company"], peers["value"], strict=True))
    assert values["xpeng"] == 42013 and values["nio"] == 40397 and values["byd"] == 441706
    assert values["xiaomi"] == 40000  # Xiaomi Auto's figure, rolled up to Xiaomi
    assert list(peers["value"]) == sorted(peers["value"], reverse=True)
    only = analytics.peer_table(demo_store, "deliveries", "2025-10", ["xpeng", "nio"])
    assert set(only["company"]) == {"xpeng", "nio"}


def test_sentiment_and_event_series(demo_store):
    sentiment = analytics.sentiment_series(demo_store, "xiaomi")
    by_day = dict(zip(sentiment["date"].dt.date, sentiment["score"], strict=True))
    assert by_day[date(2025, 9, 19)] < 0  # the recall
    assert by_day[date(2025, 11, 18)] > 0  # the first profit
    weekly = analytics.sentiment_series(demo_store, "xiaomi", "W")
    assert len(weekly) <= len(sentiment)
    events = analytics.event_series(demo_store, "xiaomi")
    assert (events["events_91d"] >= events["events"]).all()
    ratio = events["positive_ratio_91d"].dropna()
    assert ((ratio >= 0) & (ratio <= 1)).all()


def test_fire_and_ice_flags_the_divergence(demo_store):
    view = analytics.fire_and_ice(demo_store, "xiaomi")
    assert view.fundamentals > 0 > view.sentiment_market
    assert view.gap >= 0.5
    assert [a.kind for a in view.alerts] == ["fire_and_ice"]
    assert "fire_and_ice" in {a.kind for a in analytics.alerts(demo_store)}


def test_fire_and_ice_settings_from_a_users_file(demo_store, tmp_path):
    from factwire.errors import InputError

    strict = tmp_path / "strict.yaml"
    strict.write_text("divergence: 1.9\n")  # only the key that changes
    settings = analytics.load_settings(strict)
    assert settings.divergence == 1.9 and settings.window_days == 91
    view = analytics.fire_and_ice(demo_store, "xiaomi", settings=settings)
    assert view.gap < 1.9 and view.alerts == []
    # fundamentals from operating income alone: only that momentum is counted
    narrow = tmp_path / "narrow.yaml"
    narrow.write_text("fundamentals: [operating_income]\ngrowing: []\n")
    only_profit = analytics.fire_and_ice(demo_store, "xiaomi", settings=analytics.load_settings(narrow))
    assert [k for k in only_profit.components if k.endswith("_momentum")] == ["operating_income_momentum"]
    assert only_profit.fundamentals == 1.0  # from a loss to a profit
    for text, message in (("divergence: -1\n", "divergence"), ("windows: 30\n", "windows"), ("- 1\n", "mapping")):
        bad = tmp_path / "bad.yaml"
        bad.write_text(text)
        with pytest.raises(InputError, match=message) as err:
            analytics.load_settings(bad)
        assert "bad.yaml" in str(err.value)


def test_import_series_csv_parquet_and_errors(demo_store, tmp_path):
    csv = tmp_path / "prices.csv"
    csv.write_text("date,close\n2025-11-17,41.9\n2025-11-18,40.78\n")
    assert analytics.import_series(demo_store, csv, "xiaomi", "close") == 2
    parquet = tmp_path / "prices.parquet"
    duckdb.sql(f"COPY (SELECT DATE '2025-11-19' AS date, 41.2 AS close) TO '{parquet}' (FORMAT parquet)")
    assert analytics.import_series(demo_store, parquet, "xiaomi", "close") == 1
    rows = demo_store.query("SELECT count(*) FROM series WHERE entity_id = 'xiaomi'").rows
    assert rows == [(3,)]
    bad = tmp_path / "bad.csv"
    bad.write_text("date,close\nyesterday,abc\n")
    with pytest.raises(InputError, match="line 2"):
        analytics.import_series(demo_store, bad, "xiaomi", "close")
    with pytest.raises(InputError, match="no column 'price'"):
        analytics.import_series(demo_store, csv, "xiaomi", "close", value_column="price")
