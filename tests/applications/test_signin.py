"""ЭЦҚ sign-in and sign-up by challenge–response (issue 13): nonce, expiry, revocation, entities, prefill."""

import base64
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from applications.models import Application
from applications.services.signin import (
    CHALLENGE_SECONDS,
    Challenge,
    SignInRefused,
    challenge_redeem,
)
from applications.signing import sign_cms
from applications.signing.pki import cert_pem, make_ca, make_crl, make_person_cert
from registry.models import EntityLink

pytestmark = [pytest.mark.django_db, pytest.mark.rule("Appendix 9")]

NOW = datetime.now(UTC).replace(microsecond=0)
NEW_IIN = "880312400155"
BIN = "990540002276"
User = get_user_model()


class Pki:
    def __init__(self):
        self.ca_key, self.ca = make_ca(now=NOW)
        self.person = self.issue(iin=NEW_IIN, full_name="Жұмабаева Айгүл", patronymic="Серікқызы")
        self.head = self.issue(
            iin=NEW_IIN,
            full_name="Жұмабаева Айгүл",
            bin_=BIN,
            organisation="«Береке» ауыл шаруашылығы кооперативі",
            role="first_head",
        )
        self.employee = self.issue(
            iin="900101300017",
            full_name="Сәрсенбаев Ерлан",
            bin_=BIN,
            organisation="«Береке» ауыл шаруашылығы кооперативі",
            role="employee",
        )
        self.revoked = self.issue(iin=NEW_IIN, full_name="Жұмабаева Айгүл")
        self.expired = self.issue(
            iin=NEW_IIN,
            full_name="Жұмабаева Айгүл",
            not_before=NOW - timedelta(days=400),
            not_after=NOW - timedelta(minutes=1),
        )

    def issue(
        self, *, iin, full_name, bin_=None, organisation="", patronymic="", role=None, not_before=None, not_after=None
    ):
        return make_person_cert(
            ca_key=self.ca_key,
            ca_cert=self.ca,
            full_name=full_name,
            iin=iin,
            bin_=bin_,
            organisation=organisation,
            patronymic=patronymic,
            role=role,
            not_before=not_before or NOW - timedelta(days=1),
            not_after=not_after or NOW + timedelta(days=365),
        )


@pytest.fixture(scope="module")
def pki():
    return Pki()


@pytest.fixture(autouse=True)
def trusted(pki, settings, tmp_path):
    ca, crl = tmp_path / "ca.pem", tmp_path / "crl.pem"
    ca.write_bytes(cert_pem(pki.ca))
    from cryptography.hazmat.primitives import serialization

    crl.write_bytes(
        make_crl(ca_key=pki.ca_key, ca_cert=pki.ca, revoked=[pki.revoked[1]], now=NOW).public_bytes(
            serialization.Encoding.PEM
        )
    )
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = [str(ca)]
    settings.SIGNATURE_CRL_FILES = [str(crl)]


def challenge_document(client, language="kk") -> bytes:
    page = client.get(f"/{language}/login/").content.decode()
    return base64.b64decode(re.search(r'data-document="([^"]+)"', page).group(1))


def sign_in(client, credentials, *, language="kk", document=None):
    document = document if document is not None else challenge_document(client, language)
    cms = base64.b64encode(sign_cms(document, *credentials)).decode()
    return client.post(f"/{language}/signin/ecp/", {"cms": cms})


def sign_up(client, **overrides):
    data = {"email": "aigul@example.kz", "phone": "+7 701 234 56 78", "language": "kk", "consent": "on", **overrides}
    return client.post("/kk/signin/sign-up/", data)


# --- the first sign-in makes the account; later ones find it ------------------------------------


def test_first_sign_in_asks_only_what_the_certificate_lacks_and_makes_the_account(client, pki):
    response = sign_in(client, pki.person)
    assert response.status_code == 302 and response["Location"] == "/kk/signin/sign-up/"
    page = client.get("/kk/signin/sign-up/").content.decode()
    assert "Жұмабаева Айгүл Серікқызы" in page and NEW_IIN in page
    assert {"email", "phone", "language", "consent"} <= set(re.findall(r'name="(\w+)"', page)) - {"csrfmiddlewaretoken"}
    assert 'name="iin"' not in page and 'name="last_name"' not in page

    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/kk/cabinet/"
    user = User.objects.get(iin=NEW_IIN)
    assert (user.last_name, user.first_name, user.patronymic) == ("Жұмабаева", "Айгүл", "Серікқызы")
    assert user.role == "entrepreneur" and user.phone == "+77012345678" and user.email == "aigul@example.kz"
    assert user.personal_data_consent_at is not None and not user.has_usable_password()
    assert client.get("/kk/cabinet/").status_code == 200


def test_a_later_sign_in_reaches_the_same_account(client, pki):
    sign_in(client, pki.person)
    sign_up(client)
    client.post("/kk/logout/")
    response = sign_in(client, pki.person)
    assert response.status_code == 302 and response["Location"] == "/kk/cabinet/"
    assert User.objects.filter(iin=NEW_IIN).count() == 1
    assert int(client.session["_auth_user_id"]) == User.objects.get(iin=NEW_IIN).pk


def test_sign_up_without_consent_makes_nothing(client, pki):
    sign_in(client, pki.person)
    response = sign_up(client, consent="")
    assert response.status_code == 400
    assert "Дербес деректерді өңдеуге келісім қажет." in response.content.decode()
    assert not User.objects.filter(iin=NEW_IIN).exists()


def test_sign_up_without_a_verified_certificate_goes_back_to_the_login_page(client):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/kk/login/"
    assert not User.objects.filter(email="aigul@example.kz").exists()


def test_staff_with_a_bound_iin_signs_in_with_ecp_and_needs_no_second_factor(client, pki, coordinator):
    coordinator.iin = NEW_IIN
    coordinator.save(update_fields=["iin"])
    response = sign_in(client, pki.person)
    assert response["Location"] == "/kk/cabinet/"
    assert client.get("/kk/cabinet/").status_code == 200  # no TOTP page in between


# --- the nonce: one time, short-lived, bound to the session --------------------------------------


def test_a_replayed_signature_is_refused(client, pki):
    document = challenge_document(client)
    cms = base64.b64encode(sign_cms(document, *pki.person)).decode()
    assert client.post("/kk/signin/ecp/", {"cms": cms}).status_code == 302
    client.cookies.clear()
    client.get("/kk/login/")
    again = client.post("/kk/signin/ecp/", {"cms": cms})
    assert again.status_code == 400
    with translation.override("kk"):
        from applications.signing import REASONS

        # The new session's nonce is another one: the old signature covers another document.
        assert str(REASONS["digest_mismatch"]) in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_nonce_is_used_once_even_from_a_copied_session(pki):
    challenge = Challenge(nonce="ab" * 32, issued_at=NOW)
    cms = sign_cms(challenge.document(), *pki.person)
    assert challenge_redeem(challenge=challenge.as_session(), cms=cms, at=NOW).iin == NEW_IIN
    with pytest.raises(SignInRefused) as refused:
        challenge_redeem(challenge=challenge.as_session(), cms=cms, at=NOW)
    assert refused.value.code == "challenge_used"


@pytest.mark.parametrize("seconds, accepted", [(CHALLENGE_SECONDS, True), (CHALLENGE_SECONDS + 1, False)])
def test_a_nonce_expires_after_five_minutes(pki, seconds, accepted):
    challenge = Challenge(nonce=f"{seconds:064x}", issued_at=NOW)
    cms = sign_cms(challenge.document(), *pki.person)
    at = NOW + timedelta(seconds=seconds)
    if accepted:
        assert challenge_redeem(challenge=challenge.as_session(), cms=cms, at=at).iin == NEW_IIN
    else:
        with pytest.raises(SignInRefused) as refused:
            challenge_redeem(challenge=challenge.as_session(), cms=cms, at=at)
        assert refused.value.code == "challenge_expired"


def test_a_signature_over_another_sessions_nonce_is_refused(client, pki, django_user_model):
    from django.test import Client

    other = Client()
    foreign_document = challenge_document(other)
    challenge_document(client)
    response = sign_in(client, pki.person, document=foreign_document)
    assert response.status_code == 400
    with translation.override("kk"):
        from applications.signing import REASONS

        assert str(REASONS["digest_mismatch"]) in response.content.decode()
    assert not django_user_model.objects.filter(iin=NEW_IIN).exists()


@pytest.mark.parametrize(
    "language, message",
    [
        ("kk", "кері қайтарып алған"),
        ("ru", "отозван"),
    ],
)
def test_a_revoked_certificate_is_refused(client, pki, language, message):
    response = sign_in(client, pki.revoked, language=language)
    assert response.status_code == 400 and message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_certificate_is_refused(client, pki):
    response = sign_in(client, pki.expired)
    assert response.status_code == 400
    with translation.override("kk"):
        from applications.signing import REASONS

        assert str(REASONS["expired"]) in response.content.decode()


def test_the_login_errors_are_shown_once(client, pki):
    page = sign_in(client, pki.revoked).content.decode()
    with translation.override("kk"):
        from applications.signing import REASONS

        assert page.count(str(REASONS["revoked"])) == 1
    wrong = client.post("/kk/login/", {"username": "nobody", "password": "wrong"}).content.decode()
    assert wrong.count("<li>") - page.count("<li>") <= 1  # one error line, not a summary and an inline copy


def test_ecp_sign_in_is_post_only(client):
    assert client.get("/kk/signin/ecp/").status_code == 405


# --- legal entities: the БСН from the certificate, the choice, the prefilled Appendix --------------


def test_a_first_head_signs_up_for_the_legal_entity_and_gets_a_prefilled_application(client, pki, region):
    sign_in(client, pki.head)
    sign_up(client)
    user = User.objects.get(iin=NEW_IIN)
    link = EntityLink.objects.get(user=user)
    assert (link.bin, link.name, link.role) == (BIN, "«Береке» ауыл шаруашылығы кооперативі", "first_head")
    assert "«Береке» ауыл шаруашылығы кооперативі" in client.get("/kk/cabinet/").content.decode()

    client.post("/kk/applications/new/", {"region": region.pk, "project_name": "Сүт қабылдау пункті"})
    application = Application.objects.get(applicant=user)
    details = application.details
    assert (details.kind, details.bin, details.name) == ("legal", BIN, "«Береке» ауыл шаруашылығы кооперативі")
    assert (details.head_iin, details.head_full_name) == (NEW_IIN, "Жұмабаева Айгүл")
    page = client.get(f"/kk/applications/{application.pk}/section/applicant/").content.decode()
    assert page.count('data-from-certificate="1"') == 4 and "ЭЦҚ сертификатыңыздан" in page


def test_the_person_chooses_to_act_as_an_individual_and_the_form_follows(client, pki, region):
    sign_in(client, pki.head)
    sign_up(client)
    response = client.post("/kk/signin/entity/", {"bin": ""})
    assert response.status_code == 302 and client.session["acting_bin"] == ""
    client.post("/kk/applications/new/", {"region": region.pk, "project_name": "Шеберхана"})
    details = Application.objects.get(applicant__iin=NEW_IIN).details
    assert (details.kind, details.iin, details.full_name) == ("individual", NEW_IIN, "Жұмабаева Айгүл")


def test_a_person_cannot_choose_an_entity_no_certificate_named(client, pki, entrepreneur):
    client.force_login(entrepreneur)
    response = client.post("/kk/signin/entity/", {"bin": BIN}, follow=True)
    assert "acting_bin" not in client.session
    assert "ЭЦҚ сертификатыңызда бұл заңды тұлға көрсетілмеген" in response.content.decode()


def test_an_employee_certificate_adds_the_entity_to_an_existing_account(client, pki, entrepreneur):
    sign_in(client, pki.employee)  # the conftest entrepreneur's IIN, the cooperative's BIN
    assert int(client.session["_auth_user_id"]) == entrepreneur.pk
    link = EntityLink.objects.get(user=entrepreneur)
    assert (link.bin, link.role) == (BIN, "employee") and client.session["acting_bin"] == BIN


def test_a_user_no_certificate_vouched_for_gets_no_prefill(client, entrepreneur, region):
    client.force_login(entrepreneur)
    client.post("/kk/applications/new/", {"region": region.pk, "project_name": "Шеберхана"})
    details = Application.objects.get(applicant=entrepreneur).details
    assert details.iin == "" and details.bin == ""


def test_sessions_are_listed_and_ended_everywhere(client, pki):
    from django.test import Client

    sign_in(client, pki.person)
    sign_up(client)
    second = Client()
    sign_in(second, pki.person)
    page = client.get("/kk/account/sessions/").content.decode()
    assert page.count('class="list-group-item') == 2 and page.count("· ЭЦҚ ·") == 2
    client.post("/kk/logout/everywhere/")
    assert second.get("/kk/cabinet/").status_code == 302
    assert client.get("/kk/cabinet/").status_code == 302


# --- §2: the personal account (жеке шот) of the ЖСН / БСН ------------------------------------------


@pytest.mark.rule("§2")
def test_s2_the_holder_of_the_iins_personal_account_is_found_by_the_certificate(client, pki, region):
    from registry.models import PersonalAccount
    from tests.factories import UserFactory

    typed_in = UserFactory(username="made_by_admin", role="entrepreneur", iin="")  # no ЖСН bound yet
    PersonalAccount.objects.create(
        identifier=NEW_IIN, kind="individual", name="ДК Айгүл", owner=typed_in, region=region
    )
    response = sign_in(client, pki.person)
    assert response.status_code == 302 and response["Location"] == "/kk/cabinet/"  # no sign-up
    typed_in.refresh_from_db()
    assert typed_in.iin == NEW_IIN and int(client.session["_auth_user_id"]) == typed_in.pk
    assert User.objects.filter(iin=NEW_IIN).count() == 1


@pytest.mark.rule("§2")
def test_s2_an_account_whose_iin_is_bound_to_someone_else_is_not_taken_over(client, pki, region, entrepreneur):
    from registry.models import PersonalAccount

    # The conftest entrepreneur holds an account whose identifier is the new person's ЖСН (typed by mistake):
    # their own ЖСН is bound, so the certificate of another person does not move it.
    PersonalAccount.objects.create(identifier=NEW_IIN, kind="individual", name="?", owner=entrepreneur, region=region)
    response = sign_in(client, pki.person)
    assert response["Location"] == "/kk/signin/sign-up/"
    entrepreneur.refresh_from_db()
    assert entrepreneur.iin == "900101300017"


@pytest.mark.rule("§2")
def test_s2_a_second_representative_of_the_legal_entity_uses_its_personal_account(
    client, region, entrepreneur, other_entrepreneur, settings
):
    from registry.models import PersonalAccount
    from tests.applications.conftest import good_cms
    from tests.applications.factories import complete_draft, reference_data

    settings.SIGNATURE_VERIFIER = "tests.applications.conftest.StandInVerifier"
    PersonalAccount.objects.create(
        identifier=BIN, kind="legal", name="«Береке»", owner=other_entrepreneur, region=region
    )
    application = complete_draft(
        entrepreneur,
        region,
        reference_data(region),
        kind="legal",
        bin=BIN,
        head_iin=entrepreneur.iin,
        head_full_name="Сейітов Ерлан",
    )
    from django.core.exceptions import ValidationError

    from applications.canonical import canonical_document
    from applications.services import application_submit

    def submit():
        application_submit(
            application=application, cms=good_cms(canonical_document(application)), by=entrepreneur, at=timezone.now()
        )

    with pytest.raises(ValidationError) as refused:  # no certificate has named this БСН for them
        submit()
    assert refused.value.code == "account"
    EntityLink.objects.create(user=entrepreneur, bin=BIN, name="«Береке»", role="employee", verified_at=timezone.now())
    submit()
    application.refresh_from_db()
    assert application.account.identifier == BIN and application.account.owner == other_entrepreneur
