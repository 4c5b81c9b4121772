"""Browser tests: Debian's chromium, driven by Playwright's sync API, against `live_server`.

Playwright's sync API keeps an event loop running in the test thread. Django then refuses
ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and its connection handler (an asgiref
Local) hands out context-local connections instead of the thread's ones; see `browser`.
No browser is ever downloaded: the tests use /usr/bin/chromium (`apt-get install chromium`)
and fail when it is missing.
"""

import json
import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("KEK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
BASE_DIR = Path(__file__).resolve().parents[2]
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = BASE_DIR / "test-artifacts"
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One headless chromium for the whole session.

    Once Playwright runs its event loop, `connections["default"]` in this thread is a new
    connection object (same in-memory test database) that lacks the migration data Django
    serialized at setup for `serialized_rollback`; without it, Wagtail's root page, the roles
    and the SDGs would be gone after the first browser test. So that data is carried over.
    """
    from django.db import connections

    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    if not CHROMIUM.exists():
        pytest.fail(
            f"Debian's chromium is missing at {CHROMIUM}; install it with "
            "`apt-get install -y chromium` (never `playwright install`).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:
        playwright.stop()
        pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}", pytrace=False)
    for alias, contents in serialized.items():
        if contents is not None and not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def site(transactional_db, nordsachsen, live_server):
    """The default content behind `live_server`.

    Transactional, so the server thread sees the data; after the flush of a previous
    transactional test, tests/conftest.py restores the rows migrations create and
    `nordsachsen` loads the defaults again.
    """
    return live_server.url


@pytest.fixture
def new_context(browser, site):
    """new_context(**options): a browser context on the live server, closed after the test."""
    contexts = []

    def make(**options):
        options = {"base_url": site, "viewport": VIEWPORT, "locale": "de-DE", **options}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page whose failed requests (4xx/5xx, broken stylesheets) fail the test."""
    page = new_context().new_page()
    failures: list[str] = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and failures.append(f"{response.status} {response.url}")
        ),
    )
    page.on("requestfailed", lambda request: failures.append(f"failed {request.url}"))
    yield page
    assert not failures, "Requests failed:\n" + "\n".join(failures)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"  target {json.dumps(node['target'])}")
            lines.extend(f"      {line}" for line in node["failureSummary"].splitlines() if line)
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; no violation is allowed."""
    assert AXE.exists(), f"axe-core is missing at {AXE}; run `npm ci`"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = result["violations"]
    assert not violations, (
        f"axe found {len(violations)} violation(s) on {page.url}:\n" + format_violations(violations)
    )


def save_screenshot(page, name: str) -> Path:
    """A full-page PNG in test-artifacts/ (gitignored), to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def axe():
    """axe(page): assert that axe-core finds no WCAG 2.1 A/AA violation on the page."""
    return assert_accessible


@pytest.fixture
def screenshot():
    """screenshot(page, name): save test-artifacts/<name>.png."""
    return save_screenshot
