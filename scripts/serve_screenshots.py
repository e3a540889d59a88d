"""Screenshots of the web app for docs/screenshots/, with Debian's headless chromium.

    PYTHONPATH=src python scripts/serve_screenshots.py --db eventwire.db [--out docs/screenshots]

Serves the store on a free localhost port and saves: the events view at 1280 px, the
evidence view of the most reported event at 1280 px, and the events view and evidence view
on a narrow (390 px) screen.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

from eventwire.serve.app import Config, create_app
from eventwire.serve.server import running

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with running(create_app(Config(db=args.db))) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for width, height, name in ((1280, 900, "wide"), (390, 844, "narrow")):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{base}/")
            page.wait_for_selector("body[data-ready=true]")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(args.out / f"app-{name}.png"), full_page=width > 1000)
            page.select_option("#sort", "-mentions")
            page.wait_for_load_state("networkidle")
            page.click("#events tbody tr >> nth=0")
            page.wait_for_selector("#ev-text mark.hl-trigger")
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.out / f"evidence-{name}.png"))
            page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/#quotes")
        page.wait_for_selector("#quotes tbody tr")
        page.screenshot(path=str(args.out / "quotes-wide.png"))
        browser.close()
    for path in sorted(args.out.glob("*.png")):
        print(path)


if __name__ == "__main__":
    main()
