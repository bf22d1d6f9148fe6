"""Shared fixtures: named personas in a demo region and its neighbour."""

import os
from datetime import date

import pytest

from config.celery import app as celery_app

# The sync Playwright API runs an event loop in the test thread; live_server's
# ORM calls from that thread are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_REGION = "61"  # Turkistan
OTHER_REGION = "71"  # Astana


def _allow_journal_truncate(sender, connection, **kwargs):
    """The suite's flush empties every table with TRUNCATE; the journal's guard (registry 0007) lets
    exactly the sessions that ask for it through. Production sessions never do."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET portal.audit_truncate = 'allowed'")


def _connect_truncate_permission():
    from django.db import connections
    from django.db.backends.signals import connection_created

    connection_created.connect(_allow_journal_truncate, dispatch_uid="tests-allow-journal-truncate")
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _allow_journal_truncate(None, connection)


_connect_truncate_permission()


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages():
    """The kk/ru catalogues, compiled once for the session (.mo files are not in git)."""
    import gettext as gettext_module

    from django.core.management import call_command
    from django.utils.translation import trans_real

    call_command("compilemessages", locale=["kk", "ru"], verbosity=0)
    gettext_module._translations.clear()  # Python's own cache of opened .mo files
    trans_real._translations = {}
    trans_real._default = None


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in-process unless a test starts a real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


# Data migrations that seed reference data; a transactional test's flush
# empties their tables, so they are loaded again for such tests.
_REFERENCE_DATA_MIGRATIONS = [
    "registry.migrations.0003_regions",
    "registry.migrations.0004_reference_data",
    "registry.migrations.0008_s5_s7_rev2_reference_data",
]  # 0008: §7 rev. 2 flags


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    uses = set(request.fixturenames)
    return bool(marker and marker.kwargs.get("transaction")) or bool({"transactional_db", "live_server"} & uses)


def _load_reference_data() -> None:
    import importlib

    from django.apps import apps

    for module in _REFERENCE_DATA_MIGRATIONS:
        importlib.import_module(module).forwards(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A reused test database may have been left flushed by a transactional test."""
    with django_db_blocker.unblock():
        _load_reference_data()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    if _is_transactional(request):
        request.getfixturevalue("_django_db_helper")
        _load_reference_data()


@pytest.fixture(autouse=True)
def _language_of_each_test_is_its_own():
    """A request through LocaleMiddleware leaves its language active in the thread: each test starts in
    the portal's default language, whatever the test before it asked for."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """PBKDF2 costs ~0.5 s a user; the personas need no real hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _test_logins_pass_the_second_factor(monkeypatch):
    """``client.force_login`` / ``client.login`` stand for a finished sign-in: staff's session is marked
    verified by a confirmed device, as django_otp does after a right code. The login page itself
    (``client.post`` to it, the browser tests) still asks for the code (tests/registry/test_second_factor.py).
    """
    from django.test.client import Client

    original = Client._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        if user.role == "entrepreneur" and not (user.is_staff or user.is_superuser):
            return
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_static.models import StaticDevice

        device, _ = StaticDevice.objects.get_or_create(user=user, name="test login", defaults={"confirmed": True})
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "_login", _login)


@pytest.fixture(autouse=True)
def _private_media(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture
def region(db):
    from registry.models import Region

    return Region.objects.get(code=DEMO_REGION)


@pytest.fixture
def other_region(db):
    from registry.models import Region

    return Region.objects.get(code=OTHER_REGION)


@pytest.fixture
def entrepreneur(db, region):
    from tests.factories import UserFactory

    return UserFactory(username="entrepreneur", role="entrepreneur", iin="900101300017")


@pytest.fixture
def other_entrepreneur(db):
    from tests.factories import UserFactory

    return UserFactory(username="entrepreneur2", role="entrepreneur")


@pytest.fixture
def coordinator(db, region):
    from tests.factories import UserFactory

    return UserFactory(username="coordinator", role="coordinator", region=region)


@pytest.fixture
def coordinator_elsewhere(db, other_region):
    from tests.factories import UserFactory

    return UserFactory(username="coordinator_other", role="coordinator", region=other_region)


@pytest.fixture
def budget_admin(db, region):
    from tests.factories import UserFactory

    return UserFactory(username="budget", role="budget_admin", region=region, administrator=administrator_of(region))


@pytest.fixture
def budget_admin_elsewhere(db, other_region):
    from tests.factories import UserFactory

    return UserFactory(
        username="budget_other", role="budget_admin", region=other_region, administrator=administrator_of(other_region)
    )


def administrator_of(region):
    """§2(9): the region's (first) regional budget programme administrator, created on first use."""
    from registry.models import BudgetAdministrator

    administrator = BudgetAdministrator.objects.filter(region=region, level="regional").order_by("id").first()
    return administrator or BudgetAdministrator.objects.create(
        region=region,
        level="regional",
        name_kk=f"{region.name_kk} кәсіпкерлік басқармасы",
        name_ru=f"Управление предпринимательства {region.name_ru}",
    )


@pytest.fixture
def regional_body(db, region):
    """§28, §30: the region's authorized body (not the national central body)."""
    from tests.factories import UserFactory

    return UserFactory(username="regional_body", role="regional_body", region=region)


@pytest.fixture
def planning(db, region):
    from tests.factories import UserFactory

    return UserFactory(username="planning", role="planning", region=region)


@pytest.fixture
def central(db):
    from tests.factories import UserFactory

    return UserFactory(username="central", role="central")


@pytest.fixture
def outsider(db):
    """Signed in, but with no role's reach over anything regional."""
    from tests.factories import UserFactory

    return UserFactory(username="outsider", role="entrepreneur")


@pytest.fixture
def council(db, region):
    """A valid ӨҮК of ten: chair, secretary and eight members, six from business (§21)."""
    from councils.models import Council, CouncilMember
    from tests.factories import UserFactory

    council = Council.objects.create(
        region=region, name_kk="Түркістан облысының ӨҮК", name_ru="РКС Туркестанской области"
    )
    for i in range(1, 11):
        user = UserFactory(username=f"council{i}", role="council_member", region=region)
        position = {1: "chair", 2: "secretary"}.get(i, "member")
        CouncilMember.objects.create(
            council=council, user=user, position=position, business_community=i > 4, term_from=date(2026, 1, 1)
        )
    return council


@pytest.fixture
def council_member(council):
    return council.members.get(user__username="council3").user
