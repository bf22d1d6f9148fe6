"""Staff's second factor (issue 13): a password alone reaches no staff page and not the admin; TOTP does."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "demo-pass-2026"


def password_login(client, user):
    response = client.post("/kk/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password is right"
    return response


def current_code(device: TOTPDevice, step_offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=step_offset):06d}"


@pytest.fixture
def confirmed_device(coordinator):
    return TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)


def test_staff_with_only_a_password_reaches_no_staff_page(client, coordinator, confirmed_device):
    password_login(client, coordinator)
    for path in ("/kk/cabinet/", "/kk/review/", "/kk/notifications/", "/kk/admin/", "/kk/deadlines/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/kk/account/otp/?next="), path


def test_staff_with_the_current_totp_code_gets_in(client, coordinator, confirmed_device):
    password_login(client, coordinator)
    response = client.post("/kk/account/otp/", {"token": current_code(confirmed_device), "next": "/kk/review/"})
    assert response.status_code == 302 and response["Location"] == "/kk/review/"
    assert client.get("/kk/cabinet/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message_and_nothing_opens(client, coordinator, confirmed_device):
    password_login(client, coordinator)
    response = client.post(
        "/kk/account/otp/", {"token": "000000" if current_code(confirmed_device) != "000000" else "111111"}
    )
    assert response.status_code == 400
    assert "Код қате немесе оның мерзімі өткен." in response.content.decode()
    assert client.get("/kk/cabinet/").status_code == 302


def test_first_password_sign_in_binds_an_app_and_shows_recovery_codes_once(client, coordinator):
    password_login(client, coordinator)
    assert client.get("/kk/cabinet/")["Location"].startswith("/kk/account/otp/setup/")
    page = client.get("/kk/account/otp/setup/").content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    response = client.post("/kk/account/otp/setup/", {"token": current_code(device)})
    codes = re.findall(r"<li>([0-9a-f]{10})</li>", response.content.decode())
    assert len(codes) == 10 and StaticToken.objects.filter(device__user=coordinator).count() == 10
    assert client.get("/kk/cabinet/").status_code == 200


def test_a_recovery_code_works_once(client, coordinator, confirmed_device):
    from django.test import Client

    from registry.views_account import new_recovery_codes

    code = new_recovery_codes(coordinator)[0]
    password_login(client, coordinator)
    assert client.post("/kk/account/otp/", {"token": code})["Location"] == "/kk/cabinet/"
    again = Client()
    password_login(again, coordinator)
    assert again.post("/kk/account/otp/", {"token": code}).status_code == 400


def test_the_admin_asks_a_superuser_for_the_second_factor(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client.post("/kk/admin/login/", {"username": "root", "password": PASSWORD, "next": "/kk/admin/"})
    assert client.get("/kk/admin/")["Location"].startswith("/kk/account/otp/")
    client.post("/kk/account/otp/", {"token": current_code(device)})
    assert client.get("/kk/admin/").status_code == 200


def test_an_entrepreneur_is_not_asked_for_a_second_factor(client, entrepreneur):
    password_login(client, entrepreneur)
    assert client.get("/kk/cabinet/").status_code == 200


def test_staff_reset_a_forgotten_password_by_email(client, coordinator, mailoutbox):
    response = client.post("/kk/password/reset/", {"email": coordinator.email})
    assert response.status_code == 302 and len(mailoutbox) == 1
    link = re.search(r"https?://[^/]+(/kk/password/reset/\S+/)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Jana-kupiya-2026!", "new_password2": "Jana-kupiya-2026!"}
    )
    assert done.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("Jana-kupiya-2026!")


def test_a_forged_reset_link_answers_404(client):
    assert client.get("/kk/password/reset/MQ/set-password/").status_code == 404
