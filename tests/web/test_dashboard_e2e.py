"""The dashboard in headless Chromium: load, search, and check what a person would see."""

from __future__ import annotations

import pytest

from factwire.ingest import ReadOptions, read_paths
from factwire.store import Store
from factwire.web import create_app
from tests.conftest import SAMPLES, SEED, SEED_DATE
from tests.web.browser import CHROMEDRIVER, CHROMIUM, chromium, full_page_screenshot, serving

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="needs Debian's chromium and chromium-driver (make installs them where it can; .ci/run does)",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("e2e") / "e2e.duckdb"
    with Store(path) as store:
        store.ingest(pipeline, read_paths([str(SAMPLES)]))
        if SEED.exists():  # the issue asks for the demo corpus plus the seed; the corpus alone also works
            store.ingest(pipeline, read_paths([str(SEED)], ReadOptions(published_at=SEED_DATE)))
    app = create_app(path, pipeline=pipeline)
    with serving(app) as url:
        yield url
    app.state.store.close()


def test_search_xiaomi_and_see_peers_margins_timeline_sentiment_and_evidence(site, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    with chromium() as driver:
        driver.get(site + "/")
        wait = WebDriverWait(driver, 30)
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
        box = driver.find_element(By.ID, "search")
        box.send_keys("Xiaomi", Keys.ENTER)
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-entity") == "xiaomi")

        assert driver.find_element(By.ID, "entity-name").text == "Xiaomi"
        # October deliveries beside XPeng's and NIO's
        peers = driver.find_element(By.ID, "peers").text
        assert "XPeng deliveries 42,013" in peers and "NIO deliveries 40,397" in peers
        assert "Xiaomi" in peers
        assert driver.find_element(By.ID, "peer-period").get_attribute("value") == "2025-10"
        # Q2 -> Q3 margins
        margins = driver.find_element(By.ID, "margins-table").text
        assert "2025-Q2 gross margin 26.4%" in margins and "2025-Q3 gross margin 25.5%" in margins
        # events on a timeline, and charts drawn by Plotly
        events = driver.find_element(By.ID, "events").text
        assert "recall" in events and "accident" in events and "2025-09-19" in events
        for chart in ("deliveries-chart", "margins-chart", "peers-chart", "sentiment-chart", "timeline-chart"):
            assert driver.find_elements(By.CSS_SELECTOR, f"#{chart} .main-svg"), chart
        # sentiment turning negative around the accidents and the recall
        rows = {
            r.find_elements(By.TAG_NAME, "td")[0].text: r.find_elements(By.TAG_NAME, "td")[1]
            for r in driver.find_elements(By.CSS_SELECTOR, "#sentiment-table tbody tr")
        }
        assert "neg" in rows["2025-09-19"].get_attribute("class")  # the recall
        assert "neg" in rows["2025-10-14"].get_attribute("class")  # the Chengdu crash
        assert "pos" in rows["2025-09-01"].get_attribute("class")  # record deliveries before them
        # the fire-and-ice panel
        assert "fire and ice" in driver.find_element(By.ID, "alerts").text
        # a fact opens its evidence sentence
        driver.find_element(By.CSS_SELECTOR, "#margins-table tbody tr").click()
        panel = wait.until(ec.visibility_of_element_located((By.ID, "evidence")))
        assert "26.4%" in driver.find_element(By.ID, "evidence-sentence").text
        assert panel.is_displayed()
        full_page_screenshot(driver, tmp_path / "dashboard.png")
        assert (tmp_path / "dashboard.png").stat().st_size > 50_000


def test_unknown_entity_says_so_and_deep_link_opens_an_entity(site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    with chromium() as driver:
        driver.get(site + "/")
        wait = WebDriverWait(driver, 30)
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
        driver.find_element(By.ID, "search").send_keys("Nobody Motors", Keys.ENTER)
        wait.until(lambda d: "no entity named" in d.find_element(By.ID, "status").text)
        assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-entity") in (None, "")
        # a link to ?entity= opens that entity, as the address bar keeps it after a search
        driver.get(site + "/?entity=XPeng")
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-entity") == "xpeng")
        assert driver.find_element(By.ID, "entity-name").text == "XPeng"
