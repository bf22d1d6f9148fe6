"""Staff pages speak people's language: actions by name, signers by name with their ЖСН and the
certificate's end date, hashes and the raw DN behind a "details" toggle, paragraphs as «20-т.»."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from applications.models import ApplicationSignature
from registry.templatetags.portal import dn_name

pytestmark = pytest.mark.django_db

DN = "CN=СЕЙІТОВ ЕРЛАН,SURNAME=СЕЙІТОВ,SERIALNUMBER=IIN900101300017,C=KZ,G=БАҚЫТҰЛЫ"


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        (DN, "Сейітов Ерлан Бақытұлы"),
        ("SERIALNUMBER=IIN900101300017, CN=Омаров Дәурен", "Омаров Дәурен"),
        ("CN=ТОО \\, Алтын", "ТОО , Алтын"),  # mixed case stays as written
        ("SERIALNUMBER=IIN900101300017", "SERIALNUMBER=IIN900101300017"),  # no name: the DN as it is
        ("", ""),
    ],
)
def test_dn_name_reads_the_holder_by_name(subject, name):
    assert dn_name(subject) == name


@pytest.fixture
def signed(submitted):
    at = datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Almaty"))
    ApplicationSignature.objects.create(
        application=submitted,
        document=b"{}",
        document_sha256="ab" * 32,
        cms=b"x",
        signer_iin="900101300017",
        subject=DN,
        serial_number="1234",
        issuer="CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)",
        not_before=at,
        not_after=datetime(2027, 3, 1, 10, tzinfo=ZoneInfo("Asia/Almaty")),
        certificate_pem="-",
        verified_at=at,
    )
    return submitted


@pytest.mark.parametrize(
    ("language", "signer"),
    [
        ("kk", "Сейітов Ерлан Бақытұлы (ЖСН 900101300017), сертификаттың қолданылу мерзімі: 01.03.2027"),
        ("ru", "Сейітов Ерлан Бақытұлы (ИИН 900101300017), сертификат действителен до 01.03.2027"),
    ],
)
def test_signer_by_name_and_the_dn_and_hashes_behind_details(client, coordinator, signed, language, signer):
    client.force_login(coordinator)
    page = client.get(f"/{language}/review/{signed.pk}/").content.decode()
    assert signer in page
    before, _, details = page.partition('data-testid="signature-details"')
    assert "SERIALNUMBER=IIN" not in before and "SERIALNUMBER=IIN" in details
    assert "ab" * 32 not in before and "ab" * 32 in details


@pytest.mark.rule("§20")
@pytest.mark.parametrize(
    ("language", "action", "rule"),
    [
        ("kk", "Өтінімге қол қойылып, жіберілді", "18-т."),
        ("ru", "Заявка подписана и подана", "п. 18"),
    ],
)
def test_history_names_actions_and_cites_paragraphs_as_the_law(client, coordinator, submitted, language, action, rule):
    from django.utils import timezone

    from registry.audit import audit_record

    audit_record(
        actor=submitted.applicant,
        obj=submitted,
        action="application_submit",
        from_state="draft",
        to_state="submitted",
        rule="§18",
        at=timezone.now(),
    )
    client.force_login(coordinator)
    page = client.get(f"/{language}/review/{submitted.pk}/history/").content.decode()
    table = page[page.index('data-testid="history"') :]
    assert action in table and "application_submit" not in table
    assert rule in table and "§" not in table
