"""Take full-page screenshots of site pages with headless Chromium (Debian's, via Playwright).

    .venv/bin/python scripts/screenshot.py / /comptes/login/ --width 1280 --out screenshots
    .venv/bin/python scripts/screenshot.py /evenements/ --width 375 --base http://127.0.0.1:8021

Paths are joined to --base; full URLs are taken as they are. One PNG per page and width,
named after the path (home page: "home"). Needs `pip install playwright` and
`apt-get install chromium`; never `playwright install` (no browser download).
"""

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def file_name(url: str, width: int) -> str:
    path = urlparse(url).path.strip("/")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "home"
    return f"{slug}-{width}.png"


def watch(page, problems: list[str]) -> None:
    """Collect the page's console errors and failed requests (a missing static file…)."""
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status} {r.url}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="+", help="paths (/comptes/login/) or full URLs")
    parser.add_argument("--out", default="screenshots", help="output directory")
    parser.add_argument("--width", type=int, action="append", help="viewport width (repeatable)")
    parser.add_argument("--height", type=int, default=900, help="viewport height")
    parser.add_argument("--base", default="http://127.0.0.1:8021", help="base URL for paths")
    parser.add_argument("--scheme", choices=["light", "dark"], default="light")
    args = parser.parse_args(argv)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in args.width or [1280]:
            context = browser.new_context(
                viewport={"width": width, "height": args.height},
                color_scheme=args.scheme,
                locale="fr-FR",
            )
            page = context.new_page()
            problems: list[str] = []
            watch(page, problems)
            for target in args.pages:
                url = target if "://" in target else urljoin(args.base, target)
                problems.clear()
                response = page.goto(url, wait_until="networkidle")
                destination = out / file_name(url, width)
                page.screenshot(path=destination, full_page=True)
                status = response.status if response else "?"
                print(f"{status} {url} -> {destination}")
                for problem in problems:
                    failures += 1
                    print(f"  ! {problem}")
            context.close()
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
