"""The signed-in user, the OTP device check and the bell's count in one query (issue 19, registry.signed_in).

What must not change: a deactivated user or a changed password end the session on the very next
request; the session's device verifies the user exactly when django_otp would say so (its own
middleware is run beside ours on the same sessions); the bell shows what it showed before, also
after the request itself changed the reader's notifications.
"""

import re

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.models import Notification
from registry.signed_in import BACKEND, LEGACY_BACKEND, OTPMiddleware

pytestmark = pytest.mark.django_db

BELL = re.compile(r'<span class="badge bg-light text-dark" aria-label="оқылмаған">(\d+)</span>')


def bell(response) -> int:
    assert response.status_code == 200
    return int(BELL.search(response.content.decode())[1])


def notify(user, count=1, **fields):
    for i in range(count):
        Notification.objects.create(recipient=user, kind="x", subject=f"s{i}", body="b", **fields)


def signed_in(user, **session) -> Client:
    client = Client()
    client.force_login(user)
    store = client.session
    store.update(session)
    store.save()
    return client


def stock_django_classes(settings):
    """Django's ModelBackend and django_otp's OTPMiddleware, as before issue 19."""
    settings.AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", LEGACY_BACKEND]
    settings.MIDDLEWARE = [
        "django_otp.middleware.OTPMiddleware" if m == "registry.signed_in.OTPMiddleware" else m
        for m in settings.MIDDLEWARE
    ]


# --- One query --------------------------------------------------------------------------------------


def test_a_signed_in_page_reads_the_user_device_and_bell_in_one_query(client, coordinator):
    notify(coordinator, 3)
    client.force_login(coordinator)  # staff: the session holds a confirmed device (tests/conftest.py)
    client.get("/kk/notifications/")  # the first page after signing in also stamps the session
    with CaptureQueriesContext(connection) as queries:
        assert bell(client.get("/kk/notifications/")) == 3
    sql = [q["sql"] for q in queries]
    # The session (database sessions in tests), the user with its two columns, the page's list.
    assert len(sql) == 3, sql
    user_query = next(s for s in sql if 'FROM "registry_user"' in s)
    assert '"registry_notification"' in user_query and '"otp_static_staticdevice"' in user_query
    assert not any(s.startswith('SELECT COUNT(*) AS "__count" FROM "registry_notification"') for s in sql)


def test_the_same_page_with_djangos_and_django_otps_own_classes_runs_two_more_queries(coordinator, settings):
    notify(coordinator, 2)
    ours = signed_in(coordinator)
    ours.get("/kk/notifications/")
    with CaptureQueriesContext(connection) as queries:
        page = ours.get("/kk/notifications/")
    stock_django_classes(settings)
    theirs = signed_in(coordinator)
    theirs.get("/kk/notifications/")
    with CaptureQueriesContext(connection) as stock_queries:
        stock_page = theirs.get("/kk/notifications/")
    assert len(stock_queries) == len(queries) + 2
    assert bell(page) == bell(stock_page) == 2
    per_response = re.compile(r'(name="csrfmiddlewaretoken" value="|nonce="|"X-CSRFToken": ")[^"]+"')
    assert per_response.sub("", page.content.decode()) == per_response.sub("", stock_page.content.decode())


def test_an_entrepreneur_without_a_device_gets_the_bell_from_the_users_query(client, entrepreneur):
    notify(entrepreneur, 4)
    notify(entrepreneur, 1, read_at=timezone.now())
    client.force_login(entrepreneur)
    client.get("/kk/notifications/")
    with CaptureQueriesContext(connection) as queries:
        assert bell(client.get("/kk/notifications/")) == 4
    assert len(queries) == 3, [q["sql"] for q in queries]


def anonymous_queries(path) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(path).status_code == 200
    return [q["sql"] for q in queries]


def test_anonymous_pages_run_no_query_more(settings):
    assert anonymous_queries("/kk/") == []
    login_page = anonymous_queries("/kk/login/")  # it stores the ЭЦҚ challenge in a new session
    stock_django_classes(settings)
    assert anonymous_queries("/kk/") == []
    assert len(anonymous_queries("/kk/login/")) == len(login_page)


# --- The session is checked on every request, as Django does ------------------------------------------


def test_a_deactivated_user_is_signed_out_on_the_next_request(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/kk/cabinet/").status_code == 200
    type(coordinator).objects.filter(pk=coordinator.pk).update(is_active=False)
    response = client.get("/kk/cabinet/")
    assert response.status_code == 302 and response["Location"].startswith("/kk/login/")


def test_a_changed_password_signs_out_the_other_sessions(coordinator):
    here, there = signed_in(coordinator), signed_in(coordinator)
    assert there.get("/kk/cabinet/").status_code == 200
    coordinator.set_password("another-pass-2026")
    coordinator.save()
    response = there.get("/kk/cabinet/")
    assert response.status_code == 302 and response["Location"].startswith("/kk/login/")
    assert SESSION_KEY not in there.session  # flushed, as django.contrib.auth does
    assert here.get("/kk/cabinet/").status_code == 302


def test_a_session_signed_in_before_the_change_stays_signed_in_and_moves_to_the_new_backend(client, coordinator):
    client.force_login(coordinator, backend=LEGACY_BACKEND)
    assert client.session[BACKEND_SESSION_KEY] == LEGACY_BACKEND
    assert client.get("/kk/cabinet/").status_code == 200
    assert client.session[BACKEND_SESSION_KEY] == BACKEND
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/kk/notifications/").status_code == 200
    assert len(queries) == 3


def test_a_session_naming_an_unlisted_backend_is_anonymous_as_before(client, coordinator):
    client.force_login(coordinator, backend="django.contrib.auth.backends.RemoteUserBackend")
    response = client.get("/kk/cabinet/")
    assert response.status_code == 302 and response["Location"].startswith("/kk/login/")


# --- The second factor's device ------------------------------------------------------------------------


@pytest.fixture
def phone(coordinator):
    return TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)


def device_kinds(coordinator, coordinator_elsewhere):
    deleted = StaticDevice.objects.create(user=coordinator, name="gone")
    deleted_id = deleted.persistent_id
    deleted.delete()
    return {
        "deleted": deleted_id,
        "another user's": StaticDevice.objects.create(user=coordinator_elsewhere, name="theirs").persistent_id,
        "unconfirmed": TOTPDevice.objects.create(user=coordinator, name="new", confirmed=False).persistent_id,
    }


@pytest.mark.parametrize("kind", ["deleted", "another user's", "unconfirmed"])
def test_staff_whose_session_device_no_longer_verifies_them_must_pass_the_second_factor_again(
    coordinator, coordinator_elsewhere, phone, kind
):
    persistent_id = device_kinds(coordinator, coordinator_elsewhere)[kind]
    client = signed_in(coordinator, **{DEVICE_ID_SESSION_KEY: persistent_id})
    response = client.get("/kk/cabinet/")
    assert response.status_code == 302 and response["Location"].startswith("/kk/account/otp/?next=")
    assert DEVICE_ID_SESSION_KEY not in client.session  # forgotten, as django_otp does


def test_a_device_removed_between_two_requests_counts_from_the_next_one(client, coordinator, phone):
    client.force_login(coordinator)
    assert client.get("/kk/cabinet/").status_code == 200
    StaticDevice.objects.filter(user=coordinator).delete()
    assert client.get("/kk/cabinet/")["Location"].startswith("/kk/account/otp/?next=")


def test_a_device_id_in_django_otps_old_format_still_verifies(coordinator):
    device = StaticDevice.objects.create(user=coordinator, name="old format")
    client = signed_in(
        coordinator, **{DEVICE_ID_SESSION_KEY: f"django_otp.plugins.otp_static.models.StaticDevice/{device.pk}"}
    )
    assert client.get("/kk/cabinet/").status_code == 200


def test_the_verified_device_is_the_sessions_device_and_reads_its_fields_when_asked(coordinator):
    device = StaticDevice.objects.create(user=coordinator, name="paper codes")
    request = session_request(coordinator, device.persistent_id)
    OTPMiddleware(lambda r: HttpResponse())(request)
    with CaptureQueriesContext(connection) as queries:
        found = request.user.otp_device
        assert isinstance(found, StaticDevice) and found == device and request.user.is_verified()
        assert found.persistent_id == device.persistent_id and found.user_id == coordinator.pk and found.confirmed
    assert len(queries) == 1  # the user's
    assert found.name == "paper codes"


def session_request(user, persistent_id):
    """A request whose session is signed in as ``user`` (with our backend) and names ``persistent_id``."""
    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    request.session[SESSION_KEY] = str(user.pk)
    request.session[BACKEND_SESSION_KEY] = BACKEND
    request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if persistent_id is not None:
        request.session[DEVICE_ID_SESSION_KEY] = persistent_id
    AuthenticationMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


def verdict(middleware, user, persistent_id):
    """What the middleware leaves: the verifying device (class, id) or None, and whether the session keeps its id."""
    request = session_request(user, persistent_id)
    middleware(lambda r: HttpResponse())(request)
    device = request.user.otp_device
    found = None if device is None else (type(device).__name__, device.pk)
    return found, DEVICE_ID_SESSION_KEY in request.session, request.user.is_authenticated


def test_the_device_check_answers_as_django_otps_middleware_for_every_kind_of_session(
    coordinator, coordinator_elsewhere
):
    own = StaticDevice.objects.create(user=coordinator, name="own")
    totp = TOTPDevice.objects.create(user=coordinator, name="own phone")
    sessions = {
        **device_kinds(coordinator, coordinator_elsewhere),
        "own static": own.persistent_id,
        "own totp": totp.persistent_id,
        "old format": f"django_otp.plugins.otp_static.models.StaticDevice/{own.pk}",
        "own id, other model": f"otp_totp.totpdevice/{own.pk + totp.pk + 1000}",
        "no number": "otp_static.staticdevice/twelve",
        "no slash": "nonsense",
        "no such app": "nowhere.staticdevice/1",
        "no such model": "otp_static.nosuchdevice/1",
        "id beyond any column": f"otp_static.staticdevice/{10**30}",
        "signed id": f"otp_static.staticdevice/+{own.pk}",
        "empty": "",
        "none": None,
    }
    for name, persistent_id in sessions.items():
        theirs = verdict(DjangoOTPMiddleware, coordinator, persistent_id)
        ours = verdict(OTPMiddleware, coordinator, persistent_id)
        assert ours == theirs, name
    assert verdict(OTPMiddleware, coordinator, own.persistent_id)[0] == ("StaticDevice", own.pk)
    # Signed out (deactivated): no device, the session's id left alone, by both.
    type(coordinator).objects.filter(pk=coordinator.pk).update(is_active=False)
    assert verdict(OTPMiddleware, coordinator, own.persistent_id) == verdict(
        DjangoOTPMiddleware, coordinator, own.persistent_id
    )


def test_a_session_naming_a_model_that_is_no_device_fails_as_with_django_otp(coordinator):
    for middleware in (DjangoOTPMiddleware, OTPMiddleware):
        with pytest.raises(AttributeError):
            verdict(middleware, coordinator, f"registry.region/{coordinator.region_id}")


# --- The bell ------------------------------------------------------------------------------------------


def test_the_bell_counts_again_after_marking_read(client, coordinator):
    notify(coordinator, 3)
    client.force_login(coordinator)
    assert bell(client.get("/kk/notifications/")) == 3
    response = client.post(reverse("registry:notifications_read"), follow=True)
    assert bell(response) == 0


def test_the_bell_shows_a_notification_that_arrived_since_the_last_page(client, coordinator):
    client.force_login(coordinator)
    assert bell(client.get("/kk/cabinet/")) == 0
    notify(coordinator)
    assert bell(client.get("/kk/cabinet/")) == 1


@pytest.mark.urls("tests.registry.signed_in_urls")
def test_a_page_that_notifies_its_reader_shows_the_new_count(client, coordinator):
    notify(coordinator, 2)
    client.force_login(coordinator)
    assert bell(client.get("/kk/test/notify-me/")) == 3


@pytest.mark.urls("tests.registry.signed_in_urls")
def test_a_page_that_marks_read_shows_the_count_after_it(client, coordinator):
    notify(coordinator, 2)
    client.force_login(coordinator)
    assert bell(client.get("/kk/test/read-all/")) == 0


@pytest.mark.urls("tests.registry.signed_in_urls")
def test_a_notification_rolled_back_during_the_page_is_not_counted(client, coordinator):
    notify(coordinator, 2)
    client.force_login(coordinator)
    assert bell(client.get("/kk/test/notify-me-rolled-back/")) == 2


@pytest.mark.urls("tests.registry.signed_in_urls")
@pytest.mark.parametrize(
    "path,count", [("/kk/test/notify-me/", 3), ("/kk/test/read-all/", 0), ("/kk/test/notify-me-rolled-back/", 2)]
)
def test_the_bell_after_a_write_matches_djangos_own_classes(client, coordinator, settings, path, count):
    notify(coordinator, 2)
    client.force_login(coordinator)
    ours = bell(client.get(path))
    Notification.objects.filter(recipient=coordinator).delete()
    notify(coordinator, 2)
    stock_django_classes(settings)
    assert bell(signed_in(coordinator).get(path)) == ours == count


def test_only_statements_that_may_change_notifications_make_the_bell_count_again():
    from registry.signed_in import NotificationWrites

    def seen(sql) -> bool:
        writes = NotificationWrites()
        writes(lambda *args: None, sql, [], False, {})
        return writes.seen

    assert not seen('SELECT COUNT(*) FROM "registry_notification" WHERE "recipient_id" = 1')
    assert not seen('UPDATE "django_session" SET "session_data" = %s')
    assert seen('UPDATE "registry_notification" SET "read_at" = %s')
    assert seen('INSERT INTO "registry_notification" ("recipient_id") VALUES (%s)')
    assert seen('DELETE FROM "registry_notification" WHERE "id" IN (1)')
    assert seen("WITH gone AS (DELETE FROM registry_notification RETURNING id) SELECT count(*) FROM gone")
    assert seen(b"UPDATE anything")  # not text: assumed to write


@pytest.mark.parametrize("device_model", [None, StaticDevice, TOTPDevice])
def test_the_statement_compiled_once_reads_what_the_orm_reads(coordinator, device_model):
    from django.contrib.auth import get_user_model
    from django.db.models import OuterRef, Subquery

    from registry.notifications import unread_count_subquery
    from registry.signed_in import DEVICE, UNREAD, _statement

    notify(coordinator, 3)
    notify(coordinator, 2, read_at=timezone.now())
    columns = {UNREAD: unread_count_subquery()}
    device_id = None
    if device_model is not None:
        device_id = device_model.objects.create(user=coordinator, name="d").pk
        devices = device_model.objects.filter(id=device_id, user_id=OuterRef("pk"), confirmed=True)
        columns[DEVICE] = Subquery(devices.values("pk")[:1])
    statement = _statement("default", device_model and device_model.model_label())
    assert statement is not None  # else every request would fall back to the three queries
    read = statement.run(user_id=coordinator.pk, device_id=device_id)
    orm = get_user_model().objects.annotate(**columns).get(pk=coordinator.pk)
    fields = [f.attname for f in get_user_model()._meta.concrete_fields]
    assert [getattr(read, f) for f in fields] == [getattr(orm, f) for f in fields]
    assert getattr(read, UNREAD) == getattr(orm, UNREAD) == 3
    if device_model is not None:
        assert getattr(read, DEVICE) == getattr(orm, DEVICE) == device_id
        assert getattr(statement.run(user_id=coordinator.pk, device_id=device_id + 1), DEVICE) is None
    assert statement.run(user_id=coordinator.pk + 1000, device_id=device_id) is None
