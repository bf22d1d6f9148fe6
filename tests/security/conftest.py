"""Fixtures the security suite's walks share."""

import pytest

from tests.security.matrix import World


@pytest.fixture
def world(
    region, other_region, entrepreneur, other_entrepreneur, coordinator, coordinator_elsewhere, budget_admin, planning
):
    """One region's people and objects, and another region's, for walking every route as each of them."""
    return World(
        region=region,
        other_region=other_region,
        entrepreneur=entrepreneur,
        other_entrepreneur=other_entrepreneur,
        coordinator=coordinator,
        coordinator_elsewhere=coordinator_elsewhere,
        budget_admin=budget_admin,
        planning=planning,
    )
