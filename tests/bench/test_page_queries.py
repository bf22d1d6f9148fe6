"""The benchmark's pages run a fixed number of SQL statements, whatever the size of the data.

The pages ``bench/web.py`` loads (inbox, registry search, an application's
page, a council session, the administrator's dashboard and projects) are
opened as their users on the seeder's data at two sizes, four times apart:
each must answer 200, run at most 12 statements, and run the same number at
both sizes. The larger seed is made after rolling the smaller one back to a
savepoint, inside the test's transaction.
"""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.seed import seed
from bench.web import pages

MAX_QUERIES = 12
REGION = "71"
# 0.25 % and 1 % of the figures: 25 and 100 applications a region, sessions with
# a few and with many agenda items, more projects than the administrator's page shows.
SMALL, LARGE = 0.0025, 0.01

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def queries_per_page(scale: float) -> dict[str, tuple[int, int]]:
    """Seeds, opens every page twice as its user, counts the second request; rolls the seed back."""
    counted = {}
    try:
        with transaction.atomic():
            seed(scale, progress=False)
            for page in pages(REGION):
                if page.user is None:
                    continue  # the ceiling exists only under the benchmark's settings
                client = Client()
                client.force_login(page.user)
                assert client.get(page.path).status_code == 200, page.path
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(page.path)
                assert response.status_code == 200, page.path
                counted[page.name] = (len(queries), len(response.content))
            raise Rollback
    except Rollback:
        pass
    return counted


def test_pages_run_at_most_twelve_queries_and_as_many_on_four_times_the_data():
    small, large = queries_per_page(SMALL), queries_per_page(LARGE)
    assert set(small) == set(large) == {"floor", "inbox", "search", "application", "session", "dashboard", "projects"}
    for name in small:
        assert small[name][0] <= MAX_QUERIES, (name, small[name][0])
        assert large[name][0] == small[name][0], (name, small[name][0], large[name][0])
    # The lists really are fuller on more data, so the equal counts mean something.
    assert large["projects"][1] > small["projects"][1]
    assert large["inbox"][1] >= small["inbox"][1]
