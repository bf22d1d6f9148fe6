"""50 vote posts at once for 10 members (each clicks five times): each member counted once (§21).

Every post goes through the page (``councils:item_vote``) in its own thread,
with its own client and database connection, all released together.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from councils import services
from councils.models import AgendaItem, Vote
from registry.audit import audit_verify
from registry.models import AuditEvent
from tests.concurrency import run_in_threads
from tests.councils.factories import (
    SESSION_AT,
    first_item,
    make_application,
    make_council,
    open_with,
    schedule,
    seat,
    seats,
)

pytestmark = pytest.mark.django_db(transaction=True)

CLICKS = 5
CHOICES = ["for"] * 7 + ["against"] * 2 + ["abstain"]  # member i votes CHOICES[i]


def _post_together(posts: list[tuple[Client, str, str]]) -> list:
    barrier, outcomes = threading.Barrier(len(posts)), []

    def post(client, url, choice):
        try:
            barrier.wait()
            outcomes.append(client.post(url, {"choice": choice}).status_code)
        except Exception as error:
            outcomes.append(error)
        finally:
            connection.close()

    run_in_threads(post, posts, timeout=60)
    return outcomes


@pytest.mark.rule("§21")
def test_s21_fifty_concurrent_vote_posts_count_each_member_once(region, coordinator, entrepreneur):
    council = make_council(region)
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), 10)
    item = first_item(session)
    services.item_voting_open(item=item, by=seat(council, "chair").user, at=SESSION_AT)
    with translation.override("kk"):
        url = reverse("councils:item_vote", args=[item.pk])
    posts = []
    for member, choice in zip(seats(council), CHOICES, strict=True):
        for _ in range(CLICKS):
            client = Client()
            client.force_login(member.user)
            posts.append((client, url, choice))

    outcomes = _post_together(posts)

    assert outcomes == [302] * len(posts)
    votes = Vote.objects.filter(item=item)
    assert votes.count() == 10
    expected = {m.user.username: choice for m, choice in zip(seats(council), CHOICES, strict=True)}
    assert dict(votes.values_list("member__user__username", "choice")) == expected
    assert AuditEvent.objects.filter(action="council_vote").count() == 10
    closed = services.item_close(item=item, by=seat(council, "chair").user, at=SESSION_AT)
    assert (
        closed.votes_for,
        closed.votes_against,
        closed.votes_abstain,
        closed.participants,
    ) == (7, 2, 1, 10)
    assert closed.decision == AgendaItem.Decision.APPROVED  # 7 of 10 = two thirds
    assert audit_verify() == []
