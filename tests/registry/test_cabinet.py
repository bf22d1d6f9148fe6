"""The personal cabinet (§2): each role lands on its page, in Kazakh first, Russian on /ru/."""

import pytest
from django.urls import reverse

from registry.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§2")]

ROLES = {
    "entrepreneur": ("Кәсіпкер", "Предприниматель"),
    "coordinator": ("Өңірлік үйлестіруші", "Региональный координатор"),
    "council_member": ("Өңірлік үйлестіру кеңесінің (ӨҮК) мүшесі", "Член регионального координационного совета (РКС)"),
    "budget_admin": ("Бюджеттік бағдарлама әкімшісі", "Администратор бюджетной программы"),
    "planning": (
        "Мемлекеттік жоспарлау жөніндегі жергілікті уәкілетті орган",
        "Местный уполномоченный орган по государственному планированию",
    ),
    "central": (
        "Уәкілетті орган / мемлекеттік жоспарлау жөніндегі орталық уәкілетті орган",
        "Уполномоченный орган / центральный уполномоченный орган по государственному планированию",
    ),
}


@pytest.fixture
def member(region):
    from tests.factories import UserFactory

    return UserFactory(username="member", role="council_member", region=region)


@pytest.fixture
def people(entrepreneur, coordinator, member, budget_admin, planning, central):
    return {u.role: u for u in (entrepreneur, coordinator, member, budget_admin, planning, central)}


@pytest.mark.parametrize("role", list(ROLES))
def test_s2_each_role_lands_on_its_cabinet_in_kazakh_after_login(client, people, role):
    user = people[role]
    response = client.post("/kk/login/", {"username": user.username, "password": "demo-pass-2026"})
    assert response.status_code == 302 and response.url == "/kk/cabinet/"
    if role != "entrepreneur":  # staff signed in with a password pass their second factor first
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from tests.registry.test_second_factor import current_code

        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        assert client.post("/kk/account/otp/", {"token": current_code(device)}).status_code == 302
    page = client.get(response.url).content.decode()
    assert "Жеке кабинет" in page
    assert user.full_name in page
    assert ROLES[role][0] in page
    if user.region:
        assert "Түркістан облысы" in page


@pytest.mark.parametrize("role", list(ROLES))
def test_s2_cabinet_on_ru_is_in_russian(client, people, role):
    user = people[role]
    client.force_login(user)
    page = client.get("/ru/cabinet/").content.decode()
    assert "Личный кабинет" in page
    assert ROLES[role][1] in page
    if user.region:
        assert "Туркестанская область" in page


def test_s2_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/kk/cabinet/")
    assert response.status_code == 302 and response.url.startswith("/kk/login/")


def test_s2_language_switch_is_remembered_on_the_user(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/kk/cabinet/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/ru/cabinet/"
    assert "Личный кабинет" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.language == "ru"


def test_s2_language_switch_refuses_get(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/i18n/setlang/?language=ru").status_code == 405


def test_s2_cabinet_shows_latest_notifications_and_the_unread_count(client, coordinator):
    for i in range(7):
        Notification.objects.create(recipient=coordinator, kind="x", subject=f"Хабар {i}", body="b")
    client.force_login(coordinator)
    page = client.get("/kk/cabinet/").content.decode()
    assert "Хабар 6" in page and "Хабар 1" not in page  # the five latest
    assert '<span class="badge bg-light text-dark" aria-label="оқылмаған">7</span>' in page


def test_s2_notifications_list_shows_only_my_own(client, coordinator, coordinator_elsewhere):
    Notification.objects.create(recipient=coordinator, kind="x", subject="Менің хабарым", body="b")
    Notification.objects.create(recipient=coordinator_elsewhere, kind="x", subject="Бөтен хабар", body="b")
    client.force_login(coordinator)
    page = client.get("/kk/notifications/").content.decode()
    assert "Менің хабарым" in page and "Бөтен хабар" not in page


def test_s2_mark_read_is_post_only_and_marks_my_notifications(client, coordinator, coordinator_elsewhere):
    mine = Notification.objects.create(recipient=coordinator, kind="x", subject="s", body="b")
    other = Notification.objects.create(recipient=coordinator_elsewhere, kind="x", subject="s", body="b")
    client.force_login(coordinator)
    url = reverse("registry:notifications_read")
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.read_at is not None and other.read_at is None


def test_s2_mark_one_read_leaves_the_others(client, coordinator):
    first, second = (Notification.objects.create(recipient=coordinator, kind="x", subject="s", body="b") for _ in "12")
    client.force_login(coordinator)
    client.post(reverse("registry:notifications_read"), {"id": [str(first.pk)]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


@pytest.mark.parametrize("path", ["/kk/cabinet/", "/kk/notifications/"])
def test_s2_cabinet_and_notification_list_query_count_is_constant(client, coordinator, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    client.get(path)  # the first page after signing in also stamps the session (once a minute)
    counts = []
    for rows in (1, 49):  # 1 row, then 50
        Notification.objects.bulk_create(
            Notification(recipient=coordinator, kind="x", subject=f"s{i}", body="b") for i in range(rows)
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    # Constant whatever the rows; the cabinet gathers a panel from each app (≤ 3 queries each).
    assert counts[0] == counts[1] <= 16


def test_s2_notification_list_offers_mark_read_for_unread_only(client, coordinator):
    from django.utils import timezone

    unread = Notification.objects.create(recipient=coordinator, kind="x", subject="s", body="b")
    read = Notification.objects.create(recipient=coordinator, kind="x", subject="s", body="b", read_at=timezone.now())
    client.force_login(coordinator)
    page = client.get("/ru/notifications/").content.decode()
    assert f'data-testid="mark-read-{unread.pk}"' in page and f'data-testid="mark-read-{read.pk}"' not in page
    assert "Отметить как прочитанное" in page


def test_s2_home_sends_a_signed_in_user_to_the_cabinet_and_greets_a_visitor_in_kazakh(client, coordinator):
    page = client.get("/kk/")
    assert page.status_code == 200 and "Шағын кәсіпкерлікке инфрақұрылымдық қолдау" in page.content.decode()
    client.force_login(coordinator)
    response = client.get("/ru/")
    assert response.status_code == 302 and response.url == "/ru/cabinet/"
