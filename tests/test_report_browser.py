"""The report in a real browser: headless Chromium (Debian packages ``chromium`` and
``chromium-driver``, installed by ``tests/system-packages.sh``) driven by Selenium.

Screenshots go to ``build/test-output/report/``.
"""

from __future__ import annotations

import shutil

import pytest

from mgi_graph.report.site import make_report
from tests.conftest import ROOT

selenium = pytest.importorskip("selenium", reason="pip install -e '.[test]'")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

pytestmark = pytest.mark.system

SHOTS = ROOT / "build" / "test-output" / "report"
MIA = "https://w3id.org/mgi-graph/id/org/kz-mia"


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        pytest.fail("Chromium is not installed: run sh tests/system-packages.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    make_report(built.out_dir / "mgi-graph.nt", out)
    SHOTS.mkdir(parents=True, exist_ok=True)
    return out


def test_home_heatmap_and_entity_page_in_chromium(browser, site):
    browser.get((site / "index.html").as_uri())
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "2 MGI profiles of 2 countries with 70 findings" in body
    assert browser.find_element(By.LINK_TEXT, "Kazakhstan").is_displayed()
    browser.save_screenshot(str(SHOTS / "home.png"))

    browser.get((site / "heatmap.html").as_uri())
    panel = browser.find_element(By.ID, "panel-KZ")
    assert "Ministry of Internal Affairs of the Republic of Kazakhstan" in panel.text
    cells = panel.find_elements(By.CSS_SELECTOR, f'text.count[data-body="{MIA}"]')
    assert sorted(c.get_attribute("data-domain") for c in cells) == ["2", "5", "6"]
    assert all(c.is_displayed() and c.text == "1" for c in cells)
    browser.execute_script("arguments[0].scrollIntoView()", panel)
    browser.save_screenshot(str(SHOTS / "heatmap-KZ.png"))

    # a cell is a link to the findings behind it, on the body's page
    cells[1].find_element(By.XPATH, "..").click()
    assert browser.current_url.endswith("/org/kz-mia.html#in-KZ-5")
    section = browser.find_element(By.ID, "in-KZ-5")
    assert section.is_displayed()
    assert "Committee for Emergency Situations" in section.text
    h1 = browser.find_element(By.TAG_NAME, "h1").text
    assert h1 == "Ministry of Internal Affairs of the Republic of Kazakhstan"
    browser.save_screenshot(str(SHOTS / "entity-kz-mia.png"))
    assert (SHOTS / "entity-kz-mia.png").stat().st_size > 10_000
