"""§21 (rev. 2): no decision adopted. The protocol records it, the application returns to the
coordinator's queue when the protocol is signed (history kept), a later agenda takes it again,
and the applicant's cabinet says that no decision has been taken yet."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from applications.models import ApplicationDetails
from councils import services
from councils.models import AgendaItem
from councils.rules import DECISION_RULE, LEGACY_DECISION_RULE
from registry.audit import audit_for
from registry.models import Notification
from tests.councils.factories import SESSION_AT, make_application, open_with, schedule, seat, seats, sign_protocol
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§21")]
LATER = SESSION_AT + timedelta(minutes=30)


def _vote_item(item, members, n_for, n_against, chair):
    services.item_voting_open(item=item, by=chair, at=SESSION_AT)
    for i, member in enumerate(members):
        choice = "for" if i < n_for else "against" if i < n_for + n_against else "abstain"
        services.vote_cast(item=item, member=member, choice=choice, by=member.user, at=LATER)
    return services.item_close(item=item, by=chair, at=LATER)


@pytest.fixture
def not_decided(council, coordinator, region):
    """Seven present; item 1: 4 for, 0 against, 3 abstain → not decided (the issue's example)."""
    applicant = UserFactory(username="applicant_ru", role="entrepreneur", language="ru")
    application = make_application(region, applicant)
    ApplicationDetails.objects.create(application=application)
    session = open_with(schedule(council, coordinator, [application]), 7)
    chair = seat(council, "chair").user
    item = _vote_item(session.items.get(), seats(council)[:7], 4, 0, chair)
    services.session_close(session=session, by=chair, at=LATER + timedelta(hours=1))
    return session, item, application


def test_s21_four_for_three_abstaining_is_no_decision_not_a_refusal(not_decided):
    _session, item, application = not_decided
    assert (item.status, item.decision, item.decision_rule) == ("closed", "not_decided", DECISION_RULE)
    assert (item.votes_for, item.votes_against, item.votes_abstain, item.participants) == (4, 0, 3, 7)
    application.refresh_from_db()
    assert application.status == "on_agenda"  # nothing moves before the protocol is signed (§23)


def test_s21_the_protocol_records_no_decision_and_explains_it(client, not_decided, council):
    session, _item, _application = not_decided
    client.force_login(seat(council, "secretary").user)
    page = client.get(reverse("councils:protocol", args=[session.protocol.pk])).content.decode()
    assert "Шешім қабылданбады" in page
    assert "3 × 4 = 12 және 3 × 0 = 0 сандарының екеуі де 2 × 7 = 14 санынан кем" in page
    # Reasons are written for refusals only: signing needs none here.
    services.protocol_check_ready(session.protocol)


def test_s21_after_signing_it_returns_to_the_queue_and_a_later_agenda_takes_it(
    client, not_decided, council, coordinator, chair_key
):
    session, item, application = not_decided
    protocol = sign_protocol(session.protocol, chair_key)
    application.refresh_from_db()
    assert application.status == "recommended"
    assert protocol.content["items"][0]["decision"] == "not_decided"
    moves = [(e.from_state, e.to_state, e.action) for e in audit_for(application).order_by("id")]
    assert ("on_agenda", "recommended", "council_not_decided") in moves
    assert ("recommended", "on_agenda", "council_agenda_place") in moves  # the earlier placement is kept
    # The applicant (Russian) is told once, in Russian, that no decision has been taken yet.
    note = Notification.objects.get(recipient=application.applicant)
    assert (
        note.kind == "council_not_decided" and note.subject == f"По заявке {application.number} решение пока не принято"
    )
    assert "ни «за», ни «против» не набрали двух третей" in note.body
    # The coordinator's queue offers it again, and the next session's agenda takes it.
    client.force_login(coordinator)
    assert application.number in client.get(reverse("councils:session_new")).content.decode()
    later = services.session_schedule(
        council=council,
        starts_at=SESSION_AT + timedelta(days=7),
        place="Түркістан, 2-зал",
        applications=[application],
        by=coordinator,
        at=SESSION_AT + timedelta(days=2),
    )
    application.refresh_from_db()
    assert application.status == "on_agenda" and later.items.get().application == application
    assert AgendaItem.objects.filter(application=application).count() == 2


def test_s21_the_applicants_cabinet_says_no_decision_yet(client, not_decided, chair_key):
    session, _item, application = not_decided
    client.force_login(application.applicant)
    url = reverse("applications:detail", args=[application.pk])
    assert 'data-testid="council-no-decision"' not in client.get(url).content.decode()  # not before signing
    sign_protocol(session.protocol, chair_key)
    page = client.get(url).content.decode()
    assert page.count('data-testid="council-no-decision"') == 1
    assert "Кеңес әзірге шешім қабылдаған жоқ" in page and "3 × 4 = 12" in page
    assert 'data-testid="council-decision"' not in page


def test_s21_closed_unsigned_items_are_recomputed_and_signed_ones_kept(
    council, coordinator, entrepreneur, region, chair_key
):
    """The data migration: items closed under the first reading in an unsigned protocol take the new outcome."""
    migration = import_module("councils.migrations.0003_item_outcome_not_decided")
    apps_ = [make_application(region, entrepreneur) for _ in range(3)]
    session = open_with(schedule(council, coordinator, apps_), 7)
    chair = seat(council, "chair").user
    outcomes = []
    for item, (f, a) in zip(session.items.order_by("order"), ((4, 0), (2, 5), (5, 0)), strict=True):
        outcomes.append(_vote_item(item, seats(council)[:7], f, a, chair))
    services.session_close(session=session, by=chair, at=LATER + timedelta(hours=1))
    # As the first reading stored them: 4 of 7 and 2 of 7 "for" were refusals.
    AgendaItem.objects.filter(pk__in=[outcomes[0].pk, outcomes[1].pk]).update(
        decision="rejected", decision_rule=LEGACY_DECISION_RULE
    )
    AgendaItem.objects.filter(pk=outcomes[2].pk).update(decision_rule=LEGACY_DECISION_RULE)
    migration.recompute_unsigned(django_apps, None)
    got = {i.order: (i.decision, i.decision_rule) for i in session.items.all()}
    assert got == {1: ("not_decided", DECISION_RULE), 2: ("rejected", DECISION_RULE), 3: ("approved", DECISION_RULE)}


def test_s21_a_signed_protocol_is_left_exactly_as_signed(council, coordinator, entrepreneur, region, chair_key):
    migration = import_module("councils.migrations.0003_item_outcome_not_decided")
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), 7)
    chair = seat(council, "chair").user
    item = _vote_item(session.items.get(), seats(council)[:7], 5, 0, chair)
    services.session_close(session=session, by=chair, at=LATER + timedelta(hours=1))
    protocol = sign_protocol(session.protocol, chair_key)
    # Pretend it was signed under the first reading with a refusal the new rule would not give.
    AgendaItem.objects.filter(pk=item.pk).update(decision="rejected", decision_rule=LEGACY_DECISION_RULE, votes_for=4)
    before = (protocol.content, protocol.content_hash)
    migration.recompute_unsigned(django_apps, None)
    item.refresh_from_db()
    protocol.refresh_from_db()
    assert (item.decision, item.decision_rule) == ("rejected", LEGACY_DECISION_RULE)
    assert (protocol.content, protocol.content_hash) == before
