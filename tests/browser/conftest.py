"""Playwright driving Debian's Chromium against the live test server.

Every test gets a `page` that fails the test on any console error, uncaught exception or
Content-Security-Policy violation (`page_expecting_422` lets the 422 of a form with errors
pass). `./scripts/test` runs them twice: with DEBUG off, and with
BROWSER_DEBUG=1 with DEBUG on. The `shoot` fixture, called as `shoot(page, name)`, writes
screenshots at 1280 and 390 px to artifacts/screenshots/; the `axe` fixture, called as
`axe(page)`, runs axe-core from npm and fails on any violation. (Test modules cannot import
this conftest under --import-mode=importlib, hence fixtures.)
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from explainer.content.sync import load_content

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE_SOURCE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Playwright's sync API runs an event loop in this thread; the live server's ORM calls happen
# in its own thread, but fixtures that load content here would otherwise be refused.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, "--disable-quic"]
        )
        yield chromium
        chromium.close()


# BROWSER_DEBUG=1 runs the pages with DEBUG on, as ./scripts/serve does: django-htmx then adds
# its debug script, which replaces the whole document for some error answers to htmx.
DEBUG_ON = os.environ.get("BROWSER_DEBUG") == "1"


@pytest.fixture
def site(live_server, transactional_db, settings):
    settings.DEBUG = DEBUG_ON
    load_content()
    return live_server.url


@pytest.fixture
def page(browser, site):
    yield from _watched_page(browser, java_script_enabled=True)


@pytest.fixture
def page_without_js(browser, site):
    yield from _watched_page(browser, java_script_enabled=False)


@pytest.fixture
def page_expecting_422(browser, site):
    """Like `page`, except that Chromium's console line for an expected 422 is no failure: a
    form with errors answers 422 (htmx swaps it in), and Chromium logs every 4xx."""
    yield from _watched_page(browser, java_script_enabled=True, is_problem=_is_problem_but_422)


def _watched_page(browser, *, java_script_enabled: bool, is_problem=None):
    is_problem = is_problem or _is_problem
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=java_script_enabled)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: is_problem(msg, page) and problems.append(msg.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield page
    if java_script_enabled and not page.is_closed():
        problems += page.evaluate("window.__cspViolations || []")
    context.close()
    problems = _without_aborts(problems)
    assert problems == [], f"console errors or CSP violations: {problems}"


def _without_aborts(problems: list[str]) -> list[str]:
    """A newer keystroke cancels the older request (hx-sync="this:replace"), by design; htmx
    logs each cancel as two errors, htmx:afterRequest then htmx:sendAbort. On a busy machine a
    fast typist makes several. Only those pairs are dropped."""
    kept: list[str] = []
    for problem in problems:
        if (
            problem.startswith("htmx:sendAbort")
            and kept
            and kept[-1].startswith("htmx:afterRequest")
        ):
            kept.pop()
            continue
        kept.append(problem)
    return kept


def _is_problem(message, page) -> bool:
    # A page that is itself a 404 (tested on purpose) makes Chromium log the status.
    own_status = "status of 404" in message.text and message.location.get("url") == page.url
    return message.type == "error" and not own_status


def _is_problem_but_422(message, page) -> bool:
    return message.type == "error" and "status of 422" not in message.text


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("1280", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def assert_accessible(page) -> None:
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['html'][:120]})"
        for v in result["violations"]
    ]
    assert violations == []


@pytest.fixture(name="shoot")
def shoot_fixture():
    return shoot


@pytest.fixture(name="axe")
def axe_fixture():
    return assert_accessible
