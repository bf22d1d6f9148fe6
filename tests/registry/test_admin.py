"""The Django admin keeps the reference data; §5's six-code limit holds there too."""

import pytest
from django.db import IntegrityError, connection, transaction

from registry.models import OkedCode, PriorityActivity

pytestmark = pytest.mark.django_db

MESSAGE = {
    "kk": "5-т.: өңірдің басым қызмет түрлерінің тізбесіндегі ЭҚЖЖ кодтарының саны ең көбі — 6.",
    "ru": "П. 5: перечень приоритетных видов деятельности региона содержит не более 6 кодов ОКЭД.",
}
SEVEN_CODES = ["01.11", "01.41", "10.51", "10.71", "13.92", "55.10", "62.01"]


@pytest.fixture
def admin_client_(client, db):
    from tests.factories import UserFactory

    user = UserFactory(username="admin", role="central", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def _region_form(region, codes):
    data = {
        "code": region.code,
        "kind": region.kind,
        "name_kk": region.name_kk,
        "name_ru": region.name_ru,
        "centre_kk": region.centre_kk,
        "centre_ru": region.centre_ru,
        "priority_activities-TOTAL_FORMS": str(len(codes)),
        "priority_activities-INITIAL_FORMS": "0",
        "priority_activities-MIN_NUM_FORMS": "0",
        "priority_activities-MAX_NUM_FORMS": "6",
    }
    for i, code in enumerate(codes):
        data[f"priority_activities-{i}-oked"] = str(OkedCode.objects.get(code=code).pk)
        data[f"priority_activities-{i}-region"] = str(region.pk)
        data[f"priority_activities-{i}-decree"] = "Әкімдік қаулысы №1"
    return data


@pytest.mark.rule("§5")
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_s5_region_inline_refuses_a_seventh_code_with_a_translated_message(admin_client_, region, language):
    url = f"/{language}/admin/registry/region/{region.pk}/change/"
    response = admin_client_.post(url, _region_form(region, SEVEN_CODES))
    assert response.status_code == 200
    assert MESSAGE[language] in response.content.decode()
    assert not PriorityActivity.objects.filter(region=region).exists()


@pytest.mark.rule("§5")
def test_s5_region_inline_accepts_six_codes(admin_client_, region):
    response = admin_client_.post(
        f"/kk/admin/registry/region/{region.pk}/change/", _region_form(region, SEVEN_CODES[:6])
    )
    assert response.status_code == 302
    assert PriorityActivity.objects.filter(region=region).count() == 6


@pytest.mark.rule("§5")
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_s5_priority_activity_admin_refuses_a_seventh_code(admin_client_, region, language):
    for code in SEVEN_CODES[:6]:
        PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code=code))
    response = admin_client_.post(
        f"/{language}/admin/registry/priorityactivity/add/",
        {"region": region.pk, "oked": OkedCode.objects.get(code=SEVEN_CODES[6]).pk, "decree": ""},
    )
    assert response.status_code == 200
    assert MESSAGE[language] in response.content.decode()
    assert PriorityActivity.objects.filter(region=region).count() == 6


@pytest.mark.rule("§5")
def test_s5_priority_activity_admin_saves_within_the_limit(admin_client_, region):
    response = admin_client_.post(
        "/kk/admin/registry/priorityactivity/add/",
        {"region": region.pk, "oked": OkedCode.objects.get(code="01").pk, "decree": ""},
    )
    assert response.status_code == 302
    assert PriorityActivity.objects.filter(region=region).count() == 1


@pytest.mark.rule("§5")
@pytest.mark.parametrize(("lang", "text"), [("kk", "әріптік секция емес"), ("ru", "а не буквенная секция")])
def test_s5_a_letter_section_is_refused_with_a_message(admin_client_, region, lang, text):
    from django.utils import translation

    # Rev. 2: "бөлім" is the 2-digit division; the list takes division, group, class or sub-class codes.
    with translation.override("kk"):  # the /ru/ request leaves its language behind otherwise
        response = admin_client_.post(
            f"/{lang}/admin/registry/priorityactivity/add/",
            {"region": region.pk, "oked": OkedCode.objects.get(code="A").pk, "decree": ""},
        )
    assert response.status_code == 200 and text in response.content.decode()
    assert not PriorityActivity.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "registry/okedcode/",
        "registry/infrastructureobjecttype/",
        "registry/auditevent/",
        "registry/priorityactivity/",
        "registry/calendaroverride/",
        "registry/user/",
        "registry/region/",
    ],
)
def test_admin_lists_open(admin_client_, url):
    assert admin_client_.get(f"/kk/admin/{url}").status_code == 200


@pytest.mark.rule("§5")
def test_s5_region_inline_swaps_one_code_of_a_full_list(admin_client_, region):
    items = [PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code=c)) for c in SEVEN_CODES[:6]]
    data = _region_form(region, SEVEN_CODES[:6] + ["47.11"])
    data["priority_activities-INITIAL_FORMS"] = "6"
    for i, item in enumerate(items):
        data[f"priority_activities-{i}-id"] = str(item.pk)
    data["priority_activities-0-DELETE"] = "on"
    response = admin_client_.post(f"/kk/admin/registry/region/{region.pk}/change/", data)
    assert response.status_code == 302
    codes = set(PriorityActivity.objects.filter(region=region).values_list("oked__code", flat=True))
    assert codes == set(SEVEN_CODES[1:6]) | {"47.11"}


@pytest.mark.rule("§5")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger lives in PostgreSQL")
def test_s5_database_refuses_a_seventh_code_from_any_writer(region):
    for code in SEVEN_CODES[:6]:
        PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code=code))
    with pytest.raises(IntegrityError, match="§5"), transaction.atomic():
        PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code=SEVEN_CODES[6]))
    assert PriorityActivity.objects.filter(region=region).count() == 6


def test_audit_journal_is_read_only_in_the_admin(admin_client_, region):
    from registry.audit import audit_record

    event = audit_record(actor=None, obj=region, action="test", rule="§19")
    assert admin_client_.get(f"/kk/admin/registry/auditevent/{event.pk}/change/").status_code == 200
    assert admin_client_.post(f"/kk/admin/registry/auditevent/{event.pk}/change/", {"reason": "x"}).status_code == 403
    assert admin_client_.post(f"/kk/admin/registry/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client_.get("/kk/admin/registry/auditevent/add/").status_code == 403
