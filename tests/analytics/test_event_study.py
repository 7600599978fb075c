"""The event study checked against a computation by hand.

Market returns over the estimation window are [0.01, -0.01, 0.02, -0.02, 0.00] and the stock's
are 0.001 + 1.5 x market + e with e = [0.001, 0.001, -0.001, -0.001, 0]. The residuals sum to
zero and are orthogonal to the market, so least squares gives alpha = 0.001 and beta = 1.5
exactly, and sigma^2 = sum(e^2) / (n - 2) = 4e-6 / 3. On the event day the market returns 0.01
and the stock 0.001 + 0.015 + 0.03: AR = 0.03. The days around it have no abnormal return. So
over the window -1..+1, CAR = 0.03 and t = 0.03 / (sigma * sqrt(3)) = 15.0.
"""

import math
from datetime import date, timedelta

import pytest

from factwire.analytics import event_study, import_series, market_model
from factwire.store import Store
from tests.conftest import samples_store

MARKET = [0.01, -0.01, 0.02, -0.02, 0.0, 0.005, 0.01, -0.004]  # 5 estimation days, then -1, 0, +1
NOISE = [0.001, 0.001, -0.001, -0.001, 0.0, 0.0, 0.03, 0.0]
STOCK = [0.001 + 1.5 * m + e for m, e in zip(MARKET, NOISE, strict=True)]


def prices(returns):
    out = [100.0]
    for r in returns:
        out.append(out[-1] * (1 + r))
    return out


def test_market_model_by_hand():
    import numpy as np

    model = market_model(np.array(STOCK[:5]), np.array(MARKET[:5]))
    assert model.alpha == pytest.approx(0.001)
    assert model.beta == pytest.approx(1.5)
    assert model.sigma == pytest.approx(math.sqrt(4e-6 / 3))


def test_event_study_abnormal_return_car_and_t_by_hand(tmp_path):
    days = [date(2025, 9, 1) + timedelta(days=i) for i in range(len(MARKET) + 1)]
    for name, series in (("stock", STOCK), ("market", MARKET)):
        lines = ["date,close", *(f"{d},{p}" for d, p in zip(days, prices(series), strict=True))]
        (tmp_path / f"{name}.csv").write_text("\n".join(lines))
    with Store(tmp_path / "s.duckdb") as store:
        import_series(store, tmp_path / "stock.csv", "xiaomi", "close")
        import_series(store, tmp_path / "market.csv", "hsi", "close")
        # returns start on day 1; the event is on the 7th return day (day0), estimation days -6..-2
        event_day = days[7].isoformat()
        [study] = event_study(store, "xiaomi", "hsi", events=[("recall", event_day)],
                              estimation=(-6, -2), window=(-1, 1))
    assert study.day0 == event_day
    assert study.alpha == pytest.approx(0.001) and study.beta == pytest.approx(1.5)
    assert study.abnormal_returns[0] == pytest.approx(0.03)
    assert study.abnormal_returns[-1] == pytest.approx(0.0, abs=1e-12)
    assert study.car == pytest.approx(0.03)
    assert study.t_stat == pytest.approx(15.0)
    assert study.p_value < 0.001


def test_cli_import_series_and_event_study_on_the_recall(pipeline, tmp_path):
    """The same construction through the CLI, around the demo corpus's recall (2025-09-19)."""
    import json

    from click.testing import CliRunner

    from factwire.cli import cli

    # 40 calendar days of returns ending 2025-09-23; the recall day carries a -5% abnormal return
    start = date(2025, 8, 14)
    n = 41
    days = [start + timedelta(days=i) for i in range(n)]
    market = [0.01 * ((i * 7) % 5 - 2) / 2 for i in range(1, n)]
    stock = [0.0005 + 1.2 * m for m in market]
    recall_index = days.index(date(2025, 9, 19)) - 1  # returns are indexed from day 1
    stock[recall_index] += -0.05
    for name, series in (("stock", stock), ("market", market)):
        lines = ["Date,Close", *(f"{d},{p}" for d, p in zip(days, prices(series), strict=True))]
        (tmp_path / f"{name}.csv").write_text("\n".join(lines))
    db = str(samples_store(tmp_path / "demo.duckdb", pipeline))
    runner = CliRunner()
    for entity, name in (("Xiaomi", "stock"), ("HSI", "market")):
        result = runner.invoke(cli, ["import-series", str(tmp_path / f"{name}.csv"), "--entity", entity,
                                     "--date-column", "Date", "--value-column", "Close", "--db", db])
        assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["event-study", "Xiaomi", "--market", "hsi", "--event-type", "recall",
                                 "--estimation", "-30,-2", "--window", "0,0", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["day0"] == "2025-09-19"
    assert row["beta"] == pytest.approx(1.2, abs=1e-3)
    assert row["car_pct"] == pytest.approx(-5.0, abs=0.01)
    assert row["t_stat"] < -100  # an exact model: the residual noise is only floating point
    bad = runner.invoke(cli, ["event-study", "Xiaomi", "--market", "hsi", "--window", "x", "--db", db])
    assert bad.exit_code != 0 and "FROM,TO" in bad.output
