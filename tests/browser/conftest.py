"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server.

Screenshots go to ``test-artifacts/`` at the repository root. Playwright never
downloads a browser here: the system Chromium is launched by path. Every page fails
its test if the browser reports a Content Security Policy violation.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("STDHUB_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def csp_violations(page) -> list[str]:
    """Start collecting what Chromium reports as blocked by the Content Security Policy."""
    found = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            found.append(f"{page.url}: {message.text} (at {message.location})")

    page.on("console", on_console)
    return found


@pytest.fixture
def page(live_server):
    """A fresh Chinese-language browser page on the live server (no CSP violations allowed)."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        new_page = context.new_page()
        violations = new_page.csp_violations = csp_violations(new_page)
        yield new_page
        context.close()
        browser.close()
    assert not violations, "\n".join(violations)


@pytest.fixture
def shoot(page):
    """``shoot("01-home")`` saves a full-page screenshot as test-artifacts/01-home.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
