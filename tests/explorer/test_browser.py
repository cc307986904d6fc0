"""The explorer in a real browser: Debian's chromium, headless, against `claimgraph app`
on a loopback port and the seeded embedded database (the app's server process attaches
to the one this test process runs). Asks the GPTQ question by typing it, checks the
answer, and saves a screenshot of every page under artifacts/screenshots/."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from explorer_corpus import GPTQ_QUESTION, GPTQ_WINNERS

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
MAX_HEIGHT = 6000  # px: full-page screenshots stop here
WAIT = 90  # seconds: generous for a loaded 2-core machine; every wait polls, none sleeps blindly


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"claimgraph app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    raise AssertionError(f"the app did not come up at {url}: {last}")


@pytest.fixture(scope="module")
def app_url(explorer_settings):
    port = _free_port()
    env = {**os.environ, "CLAIMGRAPH_GRAPH": explorer_settings.graph_name}
    cmd = [sys.executable, "-m", "claimgraph.app.cli", "--db", str(explorer_settings.db_file),
           "--data-dir", str(explorer_settings.data_dir), "app", "--port", str(port)]
    log = (explorer_settings.data_dir / "app.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        # The whole session: `claimgraph app` execs Streamlit, but be sure nothing is left.
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(WAIT)
    yield driver
    driver.quit()


def _wait(driver, condition, what: str):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, WAIT, poll_frequency=0.25).until(condition)
    except TimeoutException:
        SHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SHOTS / "failure.png"))
        raise AssertionError(f"timed out waiting for {what}; page text: {driver.find_element('tag name', 'body').text[:800]}")


def _settled(driver) -> bool:
    """Streamlit has finished the script run: no 'Running' status widget."""
    return not driver.find_elements("css selector", '[data-testid="stStatusWidget"]')


def _shot(driver, name: str) -> Path:
    """A screenshot of the whole page: the window grows to the main area's full height
    (Streamlit scrolls inside its own container, not the document)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    height = driver.execute_script(
        "const m = document.querySelector('[data-testid=\"stMain\"]');"
        "return Math.max(m ? m.scrollHeight : 0, document.body.scrollHeight);")
    driver.set_window_size(1400, max(1000, min(int(height) + 120, MAX_HEIGHT)))
    _wait(driver, lambda d: _settled(d), "the page to settle after resizing")
    driver.save_screenshot(str(path))
    driver.set_window_size(1400, 1000)
    assert path.stat().st_size > 10_000  # a real picture, not a blank page
    return path


def _text_has(*needles: str):
    def check(driver):
        body = driver.find_element("tag name", "body").text
        return _settled(driver) and all(n in body for n in needles)
    return check


def test_a_deep_link_on_a_fresh_server_gets_the_full_app(app_url, browser):
    """Runs first: the server has served nothing yet. The link must run the entry file
    (its navigation titles, its settings), not the page script on its own."""
    from selenium.webdriver.common.by import By

    browser.get(app_url + "/method?name=OPTQ")
    _wait(browser, _text_has("GPTQ", "Beaten by"), "the method page from a deep link")
    nav = browser.find_element(By.CSS_SELECTOR, '[data-testid="stSidebarNav"]').text.split("\n")
    assert nav == ["Ask", "Method", "Paper", "Graph", "Claims", "Cypher", "Status"]


def test_ask_the_gptq_question_in_a_browser(app_url, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(app_url + "/")
    box = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, 'input[aria-label="Question"]'),
                "the question box")
    box.send_keys(GPTQ_QUESTION, Keys.ENTER)
    table = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "table.cg-answer") and _settled(d)
                  and d.find_element(By.CSS_SELECTOR, "table.cg-answer"), "the answer table")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    winners = {r.find_elements(By.TAG_NAME, "td")[0].text for r in rows}
    assert winners == GPTQ_WINNERS
    # the evidence is highlighted in the page, and the question is in the URL
    marks = {m.text for m in table.find_elements(By.CSS_SELECTOR, "mark.cg-name")}
    assert {"GPTQ", "QuantA", "QuantB"} <= marks
    assert browser.find_elements(By.CSS_SELECTOR, "mark.cg-num")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(browser.current_url).query)
    assert query["q"] == [GPTQ_QUESTION] and query["baseline"] == ["GPTQ"] and query["bits"] == ["2"]
    _shot(browser, "ask")

    # the URL is the answer: opening it in a fresh load shows the same rows
    browser.get(browser.current_url)
    _wait(browser, _text_has("QuantA", "QuantB", "Understood as"), "the answer from the shared link")


def test_clicking_a_node_opens_its_page(app_url, browser):
    from selenium.webdriver.common.by import By

    browser.get(app_url + "/graph?label=Method&id=GPTQ")
    # Vega's SVG marks carry an aria-label with the node's fields ("label: Method; name: QuantA; ...").
    node = _wait(browser, lambda d: _settled(d) and next(iter(d.find_elements(
        By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"] svg path[aria-label*="label: Method; name: QuantA;"]')),
        None), "the QuantA node in the picture")
    node.click()
    _wait(browser, lambda d: "/method" in d.current_url and "name=quant" in d.current_url.lower(),
          "the method page URL")
    _wait(browser, _text_has("QuantA", "Beats"), "QuantA's profile")


PAGES = [
    # (screenshot name, path and query, text that proves the page rendered, needs a chart)
    ("method", "/method?name=GPTQ", ("Beaten by", "quantization"), True),
    ("paper", "/paper?id=2401.00001", ("QuantA: two-bit weights", "Entities", "Claims"), False),
    ("graph", "/graph?label=Method&id=GPTQ&depth=2", ("relationships around Method",), True),
    ("claims", "/claims?kind=speedup", ("claims (click a column header",), False),
    ("cypher", "/cypher?run=1&cypher=" + urllib.parse.quote(
        "MATCH (m:Method)-[o:OUTPERFORMS]->(b:Method) RETURN m, o, b"), ("rows",), False),
    ("status", "/status", ("Nodes", "Recent ingest runs"), False),
]


@pytest.mark.parametrize("name,path,needles,chart", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_renders_in_a_browser(app_url, browser, name, path, needles, chart):
    from selenium.webdriver.common.by import By

    browser.get(app_url + path)
    _wait(browser, _text_has(*needles), f"the {name} page")
    assert "Traceback" not in browser.find_element(By.TAG_NAME, "body").text
    if chart:  # Vega draws into a canvas or an SVG once the chart has rendered
        _wait(browser, lambda d: d.find_elements(
            By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'),
            f"the {name} chart")
    _shot(browser, name)
