"""Browser tests: pytest-playwright driving Debian's Chromium against live_server.

Never `playwright install`: the browser is the system's /usr/bin/chromium.
Screenshots go to ``$TEST_ARTIFACTS_DIR/screenshots`` (default
``test-artifacts/screenshots``); .ci/run prints where.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

# The sync Playwright API runs an event loop in the test thread; live_server's
# ORM calls from that thread are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BASE_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS_DIR", BASE_DIR / "test-artifacts"))
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
DEMO_PASSWORD = "demo-pass-2026"
BLOCKING_IMPACTS = {"serious", "critical"}


PLAYWRIGHT_FIXTURES = {"page", "context", "browser", "browser_type", "playwright"}


def _order(item) -> int:
    """0 database (rolled back), 1 no database, 2 shared browser, 3 other transactional."""
    names = set(getattr(item, "fixturenames", ()))
    if PLAYWRIGHT_FIXTURES & names:
        return 2
    marker = item.get_closest_marker("django_db")
    transactional = bool(names & {"transactional_db", "live_server", "django_db_reset_sequences"}) or bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    if transactional:
        return 3
    return 0 if marker or "db" in names else 1


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark tests/e2e as e2e (skipped without Chromium) and order the session.

    pytest-playwright's Playwright lives for the rest of the session once
    started, and a test that opens its own sync_playwright() after it fails:
    tests without a database (where such tests are) run before the shared
    browser.
    """
    here = Path(__file__).resolve().parent
    missing = shutil.which(CHROMIUM) is None
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)"))
    items.sort(key=_order)  # stable: keeps the order within each group


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "kk-KZ", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def e2e_data(transactional_db):
    """The demo users (seed_demo) in a database live_server's thread can see.

    tests/conftest.py reloads the reference data (regions, ЭҚЖЖ) that a
    transactional test's flush removes.
    """
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())


def login(page, live_server, username: str, password: str = DEMO_PASSWORD, language: str = "kk") -> None:
    """Log in through the real password form (and the staff's second factor); waits for the cabinet."""
    page.goto(f"{live_server.url}/{language}/login/")
    form = page.locator("[data-testid=password-sign-in]")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/cabinet/|/account/otp/"))
    if "/account/otp/" in page.url:
        second_factor(page, username)
    page.wait_for_url(re.compile(r"/cabinet/"))


def second_factor(page, username: str) -> None:
    """Staff: the authenticator app's code, computed from the device the portal keeps (as the phone would).

    django-otp takes each time step's code once and throttles after a wrong one, so the helper never
    guesses: it enters the current step's code, or the next one's (within the device's tolerance) when
    the current one is spent, or else one of the printed recovery codes — what a person signing in
    several times within half a minute would do.
    """
    import time

    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    setup = "/setup/" in page.url
    device = TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "-pk").first()
    step_now = int((time.time() - device.t0) // device.step)
    unused = [drift for drift in range(device.tolerance + 1) if step_now + drift > device.last_t]
    if unused:
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=unused[0])
        token = f"{code:06d}"
    else:
        token = _recovery_code(username)
    page.locator("input[name=token]").fill(token)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if setup:
        page.locator("main a.btn-primary").click()


def _recovery_code(username: str) -> str:
    import secrets

    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    from registry.models import User

    device, _created = StaticDevice.objects.get_or_create(
        user=User.objects.get(username=username), name="recovery", defaults={"confirmed": True}
    )
    return StaticToken.objects.create(device=device, token=secrets.token_hex(5)).token


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a CI artefact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe(page, context: str = "") -> list[dict]:
    """Run axe-core on the page; fail on any serious or critical violation.

    The vendored axe is evaluated through the DevTools protocol, which the
    page's strict CSP does not block (an injected <script> would be).
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    violations = results["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {context or page.url}:\n" + "\n".join(
        f"- {v['impact']}: {v['id']} {v['help']} ({len(v['nodes'])} nodes: "
        + ", ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:3])
        + ")"
        for v in blocking
    )
    return violations


@pytest.fixture(autouse=True)
def csp_violations(request):
    """Every e2e page must run under the strict CSP without a refused script or style.

    Collects the browser's CSP refusals for a test that uses ``page`` and fails
    the test at teardown if there was any (an inline script or style crept in).
    """
    refused: list[str] = []
    if "page" not in request.fixturenames:
        yield refused
        return
    page = request.getfixturevalue("page")

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    yield refused
    assert not refused, "CSP refused:\n" + "\n".join(refused)
