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

    browser.get((site / "country" / "KZ.html").as_uri())
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


def visible_rows(browser) -> list[str]:
    rows = browser.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr")
    return [r.find_element(By.TAG_NAME, "th").text for r in rows if r.is_displayed()]


@pytest.mark.parametrize("width", [900, 1400])
def test_the_heatmap_filters_by_facets_and_fits_the_window(browser, site, width):
    from selenium.webdriver.support.ui import Select

    browser.set_window_size(width, 1200)
    browser.get((site / "heatmap.html").as_uri())
    every = visible_rows(browser)
    assert len(every) == len(browser.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr")) > 20
    # No part of the page is cut off at the window's edge: the widest thing scrolls in its
    # own box, and the last domain's header is whole inside it.
    page_width = browser.execute_script("return document.documentElement.scrollWidth")
    assert page_width <= browser.execute_script("return window.innerWidth")
    header = browser.find_elements(By.CSS_SELECTOR, "#heatmap th.domain")[-1]
    assert header.text == "6" and header.size["width"] > 0 and header.size["height"] > 0
    title = header.find_element(By.TAG_NAME, "abbr").get_attribute("title")
    assert title == "Safe, orderly and regular migration"
    box = browser.find_element(By.CSS_SELECTOR, ".scroll")
    seen = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();"
        "return r.right <= b.left + arguments[1].clientWidth + 0.5;",
        header,
        box,
    )
    assert seen, "the last domain's header is cut off at the table's edge"
    browser.save_screenshot(str(SHOTS / f"heatmap-{width}.png"))

    search = browser.find_element(By.ID, "f-text")
    search.send_keys("internal affairs")
    names = visible_rows(browser)
    assert names and all("internal affairs" in n.casefold() for n in names)
    assert browser.find_element(By.ID, "f-count").text == f"{len(names)} of {len(every)} rows"
    search.clear()
    browser.execute_script("document.getElementById('f-text').dispatchEvent(new Event('input'))")
    Select(browser.find_element(By.ID, "f-country")).select_by_value("KG")
    Select(browser.find_element(By.ID, "f-domain")).select_by_value("3")
    rows = browser.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr")
    shown = [r for r in rows if r.is_displayed()]
    assert shown and all(
        r.get_attribute("data-country") == "KG" and "3" in r.get_attribute("data-domains").split()
        for r in shown
    )
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("interior")
    shown = [r for r in rows if r.is_displayed()]
    assert all("interior" in r.get_attribute("data-kinds").split() for r in shown)
    browser.save_screenshot(str(SHOTS / f"heatmap-filtered-{width}.png"))
    assert (SHOTS / f"heatmap-{width}.png").stat().st_size > 10_000
