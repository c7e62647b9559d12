"""Issue #16: the HTML report in a real browser — Debian's headless Chromium driven by Selenium through the system
chromium-driver (never a downloaded driver: the driver path is given, Selenium Manager is told to stay offline).

On the seeds plus one hostile article (markup and script in title, text and URL): Putin's toast is marked as a
quotation with speaker Wladimir Putin; the filter narrows the quotation table and sorting orders it; a click in the
side list scrolls to the quotation and focuses it; the hostile article runs no script and opens no alert; no
request leaves the report (every loaded resource is a file of the report). A screenshot of each page is saved in
``.artifacts/report/`` (or ``$PIPELINE_ARTIFACTS``) for a person to look at.

The browser listens on nothing: chromedriver itself takes a random port on 127.0.0.1 (Selenium's Service), and
it is stopped when the module ends."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from pipeline.batch import run_batch
from pipeline.report.views import article_file
from test_report import hostile_inputs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
try:
    import selenium  # noqa: F401
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover - [test] extra not installed
    webdriver = None

pytestmark = pytest.mark.skipif(
    webdriver is None or CHROMIUM is None or DRIVER is None,
    reason="needs selenium (pip install '.[test]') and Debian's chromium + chromium-driver "
           "(apt-get install chromium chromium-driver; .ci/run installs them)")

ARTIFACTS = Path(os.environ.get("PIPELINE_ARTIFACTS", Path(__file__).resolve().parents[1] / ".artifacts")) / "report"
PUTIN_TOAST = "Einen Toast auf die künftige Stärkung"
SEED_PUTIN = "000_1e42dc73f93e3bc0"
PAGE_SECONDS = 30


@pytest.fixture(scope="module")
def report(nlp, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    out = root / "out"
    run_batch([hostile_inputs(root / "in")], out, nlp=nlp, workers=1, workbook=False)
    return out / "report"


@pytest.fixture(scope="module")
def browser():
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager never downloads a driver or a browser
    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-default-apps", "--metrics-recording-only"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(PAGE_SECONDS)
    driver.set_script_timeout(PAGE_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver, path: Path, shot: str):
    driver.get_log("performance")  # forget the requests of earlier pages
    driver.get(path.as_uri())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{shot}.png"))
    return driver


def _requested(driver) -> list[str]:
    """The URLs the page requested (Chrome's network log)."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _no_alert(driver) -> bool:
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_putins_toast_is_marked_with_its_speaker(browser, report):
    page = _open(browser, report / article_file(SEED_PUTIN), "article-seed-000")
    quote = next(el for el in page.find_elements(By.CSS_SELECTOR, ".q-content[id]") if PUTIN_TOAST in el.text)
    assert "Wladimir Putin" in quote.get_attribute("data-tip") and "direct" in quote.get_attribute("data-tip")
    number = quote.get_attribute("data-q")
    speaker = page.find_elements(By.CSS_SELECTOR, f'.q-speaker[data-q="{number}"]')
    cue = page.find_elements(By.CSS_SELECTOR, f'.q-cue[data-q="{number}"]')
    assert [s.text for s in speaker] == ["Putin"] and [c.text for c in cue] == ["sagte"]
    # the quotation, its cue and its speaker look different, and the speaker has the quotation's colour
    styles = [page.execute_script("const s = getComputedStyle(arguments[0]); return [s.borderBottomStyle, "
                                  "s.fontWeight, s.borderTopStyle, s.borderBottomColor]", el)
              for el in (quote, cue[0], speaker[0])]
    assert styles[0][0] == "solid" and styles[1][1] == "700" and styles[2][2] == "solid"
    assert styles[0][3] == styles[2][3]
    persons = [el.get_attribute("title") for el in page.find_elements(By.CSS_SELECTOR, ".ent-person")]
    assert "Person: Wladimir Putin" in persons
    dates = [el.get_attribute("title") for el in page.find_elements(By.CSS_SELECTOR, ".ent-date")]
    assert "Datum: 2023-09-13" in dates
    # focusing the quotation by keyboard shows its details (the tooltip is CSS: content of ::after)
    page.execute_script("arguments[0].focus()", quote)
    tip = page.execute_script("return getComputedStyle(arguments[0], '::after').content", quote)
    assert "Wladimir Putin" in tip


def test_the_side_list_scrolls_to_a_quotation(browser, report):
    page = _open(browser, report / article_file(SEED_PUTIN), "article-seed-000-top")
    links = page.find_elements(By.CSS_SELECTOR, "a[data-goto]")
    assert len(links) > 5
    last = links[-1]
    target_id = last.get_attribute("data-goto")
    page.execute_script("window.scrollTo(0, 0)")
    last.click()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and page.execute_script("return window.scrollY") == 0:
        time.sleep(0.05)
    assert page.execute_script("return window.scrollY") > 0
    box = page.execute_script("const r = document.getElementById(arguments[0]).getBoundingClientRect(); "
                              "return [r.top, r.bottom, window.innerHeight]", target_id)
    assert 0 <= box[0] < box[2]  # in view
    assert page.execute_script("return document.activeElement.id") == target_id
    assert "current" in page.find_element(By.ID, target_id).get_attribute("class")
    page.save_screenshot(str(ARTIFACTS / "article-seed-000-scrolled.png"))


def test_the_filter_narrows_and_sorting_orders_the_quotation_table(browser, report):
    page = _open(browser, report / "index.html", "index")
    rows = page.find_elements(By.CSS_SELECTOR, "#quotes-table tbody tr")
    assert len(rows) > 50
    box = page.find_element(By.ID, "quotes-filter")
    box.send_keys("Toast")
    shown = page.find_elements(By.CSS_SELECTOR, "#quotes-table tbody tr")
    assert 1 <= len(shown) < len(rows)
    assert any("Wladimir Putin" in r.text and PUTIN_TOAST in r.text for r in shown)
    assert page.find_element(By.ID, "quotes-status").text.startswith(f"{len(shown)} von ")
    box.clear()
    box.send_keys("kirby USA")  # every word must occur, in any case
    kirby = page.find_elements(By.CSS_SELECTOR, "#quotes-table tbody tr")
    assert kirby and all("kirby" in r.text.lower() and "usa" in r.text.lower() for r in kirby)
    box.clear()
    page.execute_script("arguments[0].dispatchEvent(new Event('input'))", box)
    page.find_element(By.CSS_SELECTOR, '#quotes-table th button[data-sort="5"]').click()  # confidence, ascending
    values = [float(r.find_elements(By.TAG_NAME, "td")[5].text)
              for r in page.find_elements(By.CSS_SELECTOR, "#quotes-table tbody tr")]
    assert values == sorted(values) and len(values) == len(rows)
    header = page.find_element(By.CSS_SELECTOR, '#quotes-table th:nth-child(6)')
    assert header.get_attribute("aria-sort") == "ascending"
    speaker = page.find_element(By.CSS_SELECTOR, "#quotes-table tbody tr td a")
    assert speaker.get_attribute("href").startswith("file://")


def test_the_hostile_article_runs_nothing(browser, report):
    for path, shot in ((report / article_file("hostile"), "article-hostile"), (report / "index.html", "index-2"),
                       (report / "speakers.html", "speakers")):
        page = _open(browser, path, shot)
        assert page.execute_script("return typeof window.__pwned") == "undefined", path
        assert _no_alert(page)
    page = _open(browser, report / article_file("hostile"), "article-hostile")
    assert "<script>window.__pwned = 1</script>" in page.find_element(By.TAG_NAME, "h1").text  # shown as text
    text = page.find_element(By.ID, "text").text
    assert '<img src=x onerror="window.__pwned = 3">' in text and "<b>keine</b>" in text
    assert page.find_elements(By.CSS_SELECTOR, "#text img, #text b, #text a, script:not([src])") == []
    assert not [a for a in page.find_elements(By.TAG_NAME, "a")
                if (a.get_attribute("href") or "").lower().startswith("javascript")]
    assert "javascript:window.__pwned = 5" in page.find_element(By.CSS_SELECTOR, ".meta").text


def test_no_request_leaves_the_report(browser, report):
    pages = [report / "index.html", report / "speakers.html", report / article_file(SEED_PUTIN),
             report / article_file("hostile")]
    pages.append(next((report / "speakers").glob("wladimir-putin-*.html")))
    for path in pages:
        page = _open(browser, path, f"requests-{path.stem}")
        requested = _requested(page)
        resources = page.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert requested and all(url.startswith(report.as_uri()) for url in requested), (path, requested)
        assert all(url.startswith(report.as_uri()) for url in resources), (path, resources)
        # the stylesheet and the script did load (allowed by the page's policy)
        assert page.execute_script("return getComputedStyle(document.querySelector('.top')).backgroundColor") \
            != "rgba(0, 0, 0, 0)"
        if path.name in ("index.html", "speakers.html"):
            assert page.execute_script("return typeof window.REPORT_TABLES") == "object"


def test_readable_on_a_phone(browser, report):
    browser.set_window_size(390, 844)
    try:
        page = _open(browser, report / article_file(SEED_PUTIN), "article-seed-000-phone")
        width = page.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] + 1  # no sideways scrolling
        side = page.find_element(By.CSS_SELECTOR, ".side").rect
        text = page.find_element(By.ID, "text").rect
        assert side["y"] > text["y"]  # the side list goes below the text
        _open(browser, report / "index.html", "index-phone")
    finally:
        browser.set_window_size(1280, 1000)
