"""Screenshots of every explorer page against a real database, for docs/ and the README.

    .venv/bin/python tests/explorer/take_screenshots.py --db data/real/real.db --out docs/screenshots

Starts `claimgraph --db DB app` on a free loopback port, drives Debian's headless chromium
through each page with inputs taken from the graph (the GPTQ question, the most-beaten
baseline, one of its papers), waits for the rendered content, and saves full-page PNGs.
Not a test (pytest collects only test_*.py): the real-browser test is test_browser.py.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_browser import _free_port, _shot, _text_has, _wait, _wait_healthy  # noqa: E402

import test_browser  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="embedded database file with an ingested corpus")
    ap.add_argument("--graph", default="claimgraph", help="graph name in the database")
    ap.add_argument("--out", default="docs/screenshots", help="where the PNGs go")
    ap.add_argument("--question", default="which quantization methods beat GPTQ at 2 bits")
    ap.add_argument("--answered", default="what beats LoRA", help="a second question, one the corpus answers")
    args = ap.parse_args(argv)

    from claimgraph.app.settings import Settings
    from claimgraph.app.stores import open_store
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    settings = Settings(db_path=Path(args.db), graph_name=args.graph)
    store = open_store(settings)  # stays open: the app attaches to this running server
    try:
        beats = store.query("beats", {"baseline": "GPTQ", "limit": 1})
        paper = beats[0]["paper"] if beats else store.query("papers", {"limit": 1})[0]["paper"]
        out = Path(args.out)
        test_browser.SHOTS = out  # _shot writes there
        test_browser.MAX_HEIGHT = 2200  # docs pictures: the top of long answers is enough
        port = _free_port()
        env = {**os.environ, "CLAIMGRAPH_GRAPH": args.graph}
        proc = subprocess.Popen([sys.executable, "-m", "claimgraph.app.cli", "--db", str(settings.db_file), "app",
                                 "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        opts = webdriver.ChromeOptions()
        opts.binary_location = test_browser.CHROMIUM
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--window-size=1400,1000"):
            opts.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=test_browser.CHROMEDRIVER), options=opts)
        try:
            _wait_healthy(url, proc)
            q = urllib.parse.quote(args.question)
            cypher = urllib.parse.quote("MATCH (m:Method)-[o:OUTPERFORMS]->(b:Method {id: 'gptq'}) "
                                        "RETURN m, o, b LIMIT 40")
            answered = urllib.parse.quote(args.answered)
            pages = [
                ("ask", f"/?q={q}", ("Understood as",), False),
                ("ask-answer", f"/?q={answered}", ("Understood as", "Download CSV"), False),
                ("method", "/method?name=GPTQ", ("Beaten by",), True),
                ("paper", f"/paper?id={paper}", ("Entities", "Claims"), False),
                ("graph", "/graph?label=Method&id=GPTQ&show=Method,Paper,Category",
                 ("relationships around Method",), True),
                ("claims", "/claims?category=quantization", ("claims (click a column header",), False),
                ("cypher", f"/cypher?run=1&cypher={cypher}", ("rows",), False),
                ("status", "/status", ("Nodes", "Recent ingest runs"), False),
            ]
            for name, path, needles, chart in pages:
                driver.get(url + path)
                _wait(driver, _text_has(*needles), name)
                if chart:
                    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"] canvas, '
                                                            '[data-testid="stVegaLiteChart"] svg'), name + " chart")
                print(_shot(driver, name))
            # the claims charts are the page's other view
            driver.get(url + "/claims?view=Charts")
            _wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"]')) >= 2,
                  "claims charts")
            print(_shot(driver, "claims-charts"))
        finally:
            driver.quit()
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
