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
