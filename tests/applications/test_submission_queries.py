"""Issue 19: the sign-and-submit POST costs a fixed number of statements, whatever the draft and the region hold.

Every statement is named below, so that one added (an N+1 over attachments, planned users or coordinators,
a second read of the draft) fails here and has to be argued for.
"""

import base64

import pytest
from django.urls import reverse

from applications.canonical import canonical_document
from applications.models import Application, PlannedUser, Status
from registry.models import Deadline, GeneratedDocument, Notification
from tests.applications.factories import complete_draft, make_bin
from tests.factories import UserFactory

pytestmark = pytest.mark.rule("§19")

# The test client's session is in the database (production keeps it in Redis), and the test's own
# transaction turns the request's BEGIN/COMMIT into a savepoint and its release.
SIGN_POST_STATEMENTS = [
    "session",
    "user",
    "the draft (reach-checked, with its form)",
    "savepoint: the submission's transaction",
    "the draft locked, with its form, region, applicant, ЭҚЖЖ, object type and reference rows",
    "its attachments",
    "its planned users",
    "§5 priority list",
    "§9(4) excluded activities",
    "§13 past performance marks",
    "insert the signature",
    "insert the pre-check's lines (one statement)",
    "insert the §9 state-data check",
    "registry number (one upsert)",
    "personal account",
    "update the application",
    "savepoint: audit",
    "audit chain lock",
    "audit chain's last hash",
    "insert the audit event",
    "release: audit",
    "the region's coordinators",
    "savepoint: §19 clock",
    "the clock, if already open",
    "savepoint: insert the clock",
    "insert the clock",
    "release: insert the clock",
    "its responsible (one statement)",
    "release: §19 clock",
    "insert the coordinators' notices (one statement)",
    "the current receipts",
    "savepoint: insert the receipts",
    "insert the kk and ru receipts (one statement)",
    "release: insert the receipts",
    "release: the submission's transaction",
]


def _signed(draft, good_cms) -> dict:
    """NCALayer's POST: the CMS made in the browser over the canonical document."""
    cms = good_cms(canonical_document(Application.objects.get(pk=draft.pk)))
    return {"method": "ncalayer", "cms": base64.b64encode(cms).decode()}


@pytest.mark.parametrize("rows", [1, 6])
def test_s19_sign_post_statements_do_not_grow_with_rows(
    client, entrepreneur, region, ref, stand_in_verifier, django_assert_num_queries, rows
):
    """Coordinators notified and planned users read: 1 or 6 of each, the same statements."""
    for n in range(rows):
        UserFactory(username=f"coordinator{n}", role="coordinator", region=region)
    client.force_login(entrepreneur)
    # The applicant's first submission also opens their personal account, and the session's first request
    # stamps it; the calendar and the content types are read once a process. The second is the steady cost.
    first = complete_draft(entrepreneur, region, ref)
    assert (
        client.post(reverse("applications:sign", args=[first.pk]), _signed(first, stand_in_verifier)).status_code == 302
    )
    draft = complete_draft(entrepreneur, region, ref, common_use=True)
    PlannedUser.objects.bulk_create(
        PlannedUser(application=draft, identifier=make_bin(40 + n), name=f"Extra {n}") for n in range(rows - 1)
    )
    data = _signed(draft, stand_in_verifier)
    with django_assert_num_queries(len(SIGN_POST_STATEMENTS)):
        response = client.post(reverse("applications:sign", args=[draft.pk]), data)
    assert response.status_code == 302 and response.url == reverse("applications:receipt", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.number
    assert Notification.objects.filter(kind="application_submitted", data__number=draft.number).count() == rows
    assert Deadline.objects.get(kind="review", object_id=str(draft.pk)).responsible.count() == rows
    assert GeneratedDocument.objects.filter(object_id=str(draft.pk)).count() == 2
