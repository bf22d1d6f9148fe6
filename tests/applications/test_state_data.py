"""§9(1)–(2): the state-data check adapter — not connected, fake, and HTTP against a local fake server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from applications.models import EligibilityResult, StateDataCheck, Status
from tests.applications.test_submission import submit

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§9")]


def _lines(application):
    return {r.code: r for r in EligibilityResult.objects.filter(application=application)}


def test_s9_not_connected_leaves_debt_and_bankruptcy_to_the_coordinator(
    draft, entrepreneur, stand_in_verifier, settings
):
    settings.STATE_DATA_CHECKER = "applications.statedata.NotConnected"
    submit(draft, entrepreneur)
    check = StateDataCheck.objects.get(application=draft)
    assert check.source == "not_connected" and check.tax_debt is None and check.bankruptcy is None
    lines = _lines(draft)
    assert lines["no_debt"].outcome == "coordinator" and lines["no_debt"].is_open
    assert lines["no_bankruptcy"].outcome == "coordinator" and lines["no_bankruptcy"].data["source"] == "not_connected"


def test_s9_fake_state_data_with_a_debt_is_a_finding_and_the_application_is_registered(
    draft,
    entrepreneur,
    stand_in_verifier,
    settings,
):
    settings.STATE_DATA_CHECKER = "applications.statedata.FakeStateData"
    settings.STATE_DATA_FAKE = {entrepreneur.iin: {"tax_debt": True}}
    submit(draft, entrepreneur)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.number
    lines = _lines(draft)
    assert lines["no_debt"].outcome == "fail" and lines["no_debt"].data["variant"] == "state_found"
    assert lines["no_debt"].is_ground and lines["no_debt"].data["source"] == "fake"
    assert lines["no_bankruptcy"].outcome == "pass"
    assert StateDataCheck.objects.get(application=draft).tax_debt is True


class FakeStateService(BaseHTTPRequestHandler):
    """GET /taxpayers/<identifier> like the state service; the test sets ``answer``."""

    answer: ClassVar[tuple] = (200, {})
    asked: ClassVar[list] = []

    def do_GET(self):
        type(self).asked.append(self.path)
        status, payload = self.answer
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def state_service(settings):
    FakeStateService.answer, FakeStateService.asked = (200, {}), []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStateService)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.STATE_DATA_CHECKER = "applications.statedata.HttpStateData"
    settings.STATE_DATA_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.STATE_DATA_TIMEOUT = 2.0
    yield FakeStateService
    server.shutdown()
    server.server_close()


def test_s9_http_state_data_clear_passes_with_its_source_and_reference(
    draft,
    entrepreneur,
    stand_in_verifier,
    state_service,
):
    state_service.answer = (200, {"tax_debt": False, "bankruptcy": False, "reference": "КГД-2026-001"})
    submit(draft, entrepreneur)
    assert state_service.asked == [f"/taxpayers/{entrepreneur.iin}"]
    check = StateDataCheck.objects.get(application=draft)
    assert (check.source, check.reference, check.tax_debt, check.bankruptcy) == ("http", "КГД-2026-001", False, False)
    lines = _lines(draft)
    assert lines["no_debt"].outcome == "pass" and lines["no_debt"].data["variant"] == "state_clear"


@pytest.mark.parametrize("answer", [(500, {}), (200, {"tax_debt": "no"}), (200, {})])
def test_s9_http_state_data_unavailable_is_never_a_pass(draft, entrepreneur, stand_in_verifier, state_service, answer):
    state_service.answer = answer
    submit(draft, entrepreneur)
    check = StateDataCheck.objects.get(application=draft)
    assert check.source == "http_unavailable" and check.tax_debt is None
    assert _lines(draft)["no_debt"].outcome == "coordinator"
