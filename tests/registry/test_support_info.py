"""§15(1): the public page for entrepreneurs — no login, kk and ru, each region's list, contacts from the admin."""

import pytest
from django.utils import translation

from registry.models import CoordinatorContact, OkedCode, PriorityActivity, Region

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§15")]


@pytest.fixture
def listed(region):
    PriorityActivity.objects.filter(region=region).delete()
    for code in ("01.11", "10.51"):
        PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code=code))
    section = PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code="C"), section_flagged=True)
    CoordinatorContact.objects.create(
        region=region,
        office_kk="Кәсіпкерлік басқармасы",
        office_ru="Управление предпринимательства",
        phone="+7 7252 00 00 00",
        email="coordinator@example.kz",
    )
    return section


@pytest.mark.parametrize(
    ("lang", "heading", "category"),
    [
        ("kk", "Инфрақұрылымдық қолдауды қалай алуға болады", "Жалпы пайдаланымдағы логистикалық инфрақұрылым"),
        ("ru", "Как получить инфраструктурную поддержку", "Логистическая инфраструктура общего пользования"),
    ],
)
def test_s15_public_page_without_login_in_kk_and_ru(client, region, listed, lang, heading, category):
    with translation.override("kk"):
        response = client.get(f"/{lang}/info/")
    html = response.content.decode()
    assert response.status_code == 200 and heading in html
    assert category in html  # §6 categories from the reference data
    block = html.split(f'data-testid="priority-{region.code}"')[1].split("</details>")[0]
    oked = OkedCode.objects.get(code="10.51")
    assert "01.11" in block and "10.51" in block and (oked.name_kk if lang == "kk" else oked.name_ru) in block
    assert ">C<" not in block  # the flagged letter section is not shown as a list entry
    contact = html.split(f'data-testid="contact-{region.code}"')[1].split("</tr>")[0]
    assert ("Кәсіпкерлік басқармасы" if lang == "kk" else "Управление предпринимательства") in contact
    assert "coordinator@example.kz" in contact


def test_s15_public_page_query_count_is_constant(client, region, listed, django_assert_max_num_queries):
    for other in Region.objects.exclude(pk=region.pk)[:5]:
        PriorityActivity.objects.create(region=other, oked=OkedCode.objects.get(code="01.11"))
    with django_assert_max_num_queries(6):
        assert client.get("/kk/info/").status_code == 200


def test_s15_public_page_is_get_only(client):
    assert client.post("/kk/info/").status_code == 405


def test_s15_public_page_lists_the_demo_regions_priority_codes(client):
    from io import StringIO

    from django.core.management import call_command

    from monitoring.management.commands.seed_demo import PRIORITY_CODES

    call_command("seed_demo", stdout=StringIO())
    region = Region.objects.get(code="61")
    for lang in ("kk", "ru"):
        with translation.override("kk"):
            html = client.get(f"/{lang}/info/").content.decode()
        block = html.split(f'data-testid="priority-{region.code}"')[1].split("</details>")[0]
        assert all(f">{code}<" in block for code in PRIORITY_CODES)
