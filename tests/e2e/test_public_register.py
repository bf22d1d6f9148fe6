"""The public register and statistics (no login) on a 390 px phone: no sideways scroll, axe clean, CSV link."""

import pytest

from tests.e2e.conftest import axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.rule("§23")]


def test_s23_public_register_and_statistics_fit_a_phone(page, live_server, e2e_data):
    from registry.models import Region
    from tests.monitoring.register_factories import decided

    decided(
        Region.objects.get(code="61"),
        applicant_name="ЖШС «Ұзын атаулы өндірістік серіктестік»",
        project_name="Көкөніс сақтау және сұрыптау логистикалық орталығы",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/kk/monitoring/public/register/",
        "/ru/monitoring/public/statistics/",
        "/kk/monitoring/public/register/dictionary/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, path
        axe(page, path)
        screenshot(page, f"public-{path.strip('/').replace('/', '-')}-390")
    page.goto(f"{live_server.url}/kk/monitoring/public/register/")
    assert page.locator('[data-testid="register-row"]').count() == 1
    assert page.locator('[data-testid="register-downloads"] a', has_text="CSV").count() == 1


def _signed_content(app, number: int) -> dict:
    """A signed protocol's frozen content as councils.services.protocol.protocol_content leaves it."""
    from councils.rules import DECISION_RULE, QUORUM_RULE

    members = [
        {"name": f"Мүшенің аты-жөні ұзынырақ {i}", "position": "chair" if i == 1 else "member", "business": i > 5}
        | {"present": i < 9}
        for i in range(1, 11)
    ]
    votes = [{"name": m["name"], "choice": "for" if i < 6 else "against"} for i, m in enumerate(members[:8])]
    item = {
        "order": 1,
        "number": app.number,
        "applicant": app.applicant_name,
        "identifier": app.applicant_identifier,
        "project": app.project_name,
        "status": "closed",
        "carried_reason": "",
        "recusals": [],
        "conflicts": [],
        "votes": votes,
        "rule": DECISION_RULE,
        "members": 10,
        "present": 8,
        "recused": 0,
        "participants": 8,
        "for": 6,
        "against": 2,
        "abstain": 0,
        "decision": "approved",
        "reasons": "",
        "notes": "Хатшының жазбасы: байланыс телефоны +7 701 123 45 67",
    }
    return {
        "council_kk": "Түркістан облысының өңірлік үйлестіру кеңесі",
        "council_ru": "Региональный координационный совет Туркестанской области",
        "number": number,
        "starts_at": "2027-03-02T10:00:00+05:00",
        "place": "Түркістан қ., облыстық әкімдік, 3-қабат, мәжіліс залы",
        "online_link": "",
        "members": members,
        "quorum": {"members": 10, "present": 8, "rule": QUORUM_RULE, "holds": True},
        "items": [item],
        "presiding": {"name": members[0]["name"], "position": "chair"},
    }


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_s23_protocols_public_copy_on_its_verification_page_fits_a_phone(page, live_server, e2e_data, language):
    from councils.documents import PROTOCOL
    from councils.models import Protocol
    from registry.models import GeneratedDocument, Region
    from tests.monitoring.register_factories import decided

    iin = "850715400129"
    app = decided(
        Region.objects.get(code="61"),
        kind="individual",
        applicant_name="ДК Сәрсенов Бақыт Ерланұлы",
        applicant_identifier=iin,
        project_name="Көкөніс сақтау және сұрыптау логистикалық орталығы",
    )
    protocol = Protocol.objects.get(session__items__application=app)
    protocol.content = _signed_content(app, protocol.session.number)
    protocol.save(update_fields=["content"])
    original = GeneratedDocument.objects.create(
        kind=PROTOCOL, content_object=protocol, language=language, params_key="p", state="done"
    )
    path = f"/{language}/verify/{original.verification_code}/"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{path}")
    assert page.locator('[data-testid="public-copy"]').count() == 1
    assert iin not in page.content() and "+7 701" not in page.content()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, path
    axe(page, path)
    screenshot(page, f"protocol-public-copy-{language}-390")
