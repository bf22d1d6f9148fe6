"""The review of an application submitted through the real form: the whole Appendix, signature and eligibility."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from applications.canonical import canonical_document
from applications.models import Status
from applications.services import application_submit
from tests.applications.conftest import good_cms
from tests.applications.factories import complete_draft

pytestmark = pytest.mark.django_db
# Friday 20 March 2026, 17:00 in Almaty: Nauryz (21–25 March) lies within the five working days.
FRIDAY_BEFORE_NAURYZ = datetime(2026, 3, 20, 17, 0, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.fixture
def really_submitted(entrepreneur, region, ref, stand_in_verifier):
    draft = complete_draft(entrepreneur, region, ref, project_name="Сүт цехы")
    return application_submit(
        application=draft, cms=good_cms(canonical_document(draft)), by=entrepreneur, at=FRIDAY_BEFORE_NAURYZ
    )


@pytest.mark.rule("§19")
def test_s19_received_before_nauryz_is_due_on_1_april(client, coordinator, really_submitted, today):
    today(datetime(2026, 3, 20).date())
    client.force_login(coordinator)
    (row,) = client.get("/kk/review/").context["rows"]
    really_submitted.refresh_from_db()
    assert really_submitted.status == Status.SUBMITTED and really_submitted.review_due.isoformat() == "2026-04-01"
    assert row["review_due"] == "01.04.2026" and row["days_left"] == 5
    assert "01.04.2026" in client.get("/kk/review/").content.decode()


@pytest.mark.rule("Appendix 9")
def test_review_page_shows_the_appendix_signature_and_open_checks(client, coordinator, really_submitted):
    client.force_login(coordinator)
    html = client.get(reverse("review:detail", args=[really_submitted.pk])).content.decode()
    assert "Сүт цехы" in html and "HSBKKZKX" in html  # items 4–5 of the Appendix
    assert 'data-testid="signature"' in html and "CN=Test CA" in html
    assert 'data-testid="effect"' in html
    assert 'data-outcome="coordinator"' in html and 'data-testid="decide-' in html
    for attachment in really_submitted.attachments.all():
        assert reverse("applications:attachment_download", args=[attachment.pk]) in html
