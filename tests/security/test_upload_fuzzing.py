"""Upload fuzzing: 100 malformed or disguised files posted to the application's document upload.

Each is refused with a message, or stored inert: under a generated name in
private storage (never the user's name, never a public path), and served back
only as an attachment with ``nosniff``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from applications.models import Attachment
from tests.applications.factories import complete_draft, reference_data
from tests.security.fuzz_data import UPLOAD_LIMIT, upload_cases

CASES = upload_cases()
GENERATED_NAME = re.compile(r"^applications/\d+/[0-9a-f]{32}\.pdf$")


def test_there_are_a_hundred_uploads():
    assert len(CASES) == 100


@pytest.fixture
def setup(client, entrepreneur, region, settings):
    settings.UPLOAD_MAX_BYTES = UPLOAD_LIMIT
    draft = complete_draft(entrepreneur, region, reference_data(region))
    client.force_login(entrepreneur)
    return client, draft


def _error_shown(response) -> bool:
    forms = [form for _, _, form in response.context["rows"] if form.is_bound and form.errors]
    content = response.content.decode()
    return bool(forms) and all(
        html.escape(str(error)) in content or str(error) in content
        for form in forms
        for errors in form.errors.values()
        for error in errors
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case"), CASES, ids=[f"{c.label}|{n[:20]}" for n, c in CASES])
def test_hostile_upload_is_refused_or_inert(setup, name, case):
    client, draft = setup
    before = Attachment.objects.get(application=draft, kind="business_plan")
    with translation.override("kk"):
        url = reverse("applications:attachment_upload", kwargs={"pk": draft.pk})
    upload = SimpleUploadedFile(name, case.content, content_type="application/pdf")
    response = client.post(url, {"kind": "business_plan", "file": upload})
    assert response.status_code in (302, 400), response.status_code
    after = Attachment.objects.get(application=draft, kind="business_plan")
    if response.status_code == 400:
        assert after.pk == before.pk and after.sha256 == before.sha256, "a refused upload replaced the file"
        assert _error_shown(response), "refused without a message"
        return
    assert not case.must_refuse, f"{case.label} was accepted"
    _assert_inert(client, after, name)


def _assert_inert(client, attachment: Attachment, name: str) -> None:
    stored = attachment.file.name
    assert GENERATED_NAME.match(stored), stored
    path = Path(attachment.file.path).resolve()
    private = Path(django_settings.STORAGES["default"]["OPTIONS"]["location"]).resolve()
    assert private in path.parents
    for public in (django_settings.STATIC_ROOT, getattr(django_settings, "MEDIA_ROOT", None)):
        if public:
            assert Path(public).resolve() not in path.parents
    response = client.get(reverse("applications:attachment_download", kwargs={"pk": attachment.pk}))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "/" not in disposition and "\\" not in disposition.split("filename", 1)[1][:3]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
