"""Submitted applications as test data: status, number and dates set directly (not a transition)."""

from datetime import UTC, date, datetime, time

import factory

from applications.models import Application, Status
from registry.calendar import add_working_days
from registry.models import (
    InfrastructureCategory,
    InfrastructureObjectType,
    OkedCode,
    Region,
    User,
)


def reference_rows():
    category, _ = InfrastructureCategory.objects.get_or_create(
        code="engineering",
        defaults={"name_kk": "Инженерлік инфрақұрылым", "name_ru": "Инженерная инфраструктура", "order": 1},
    )
    kind, _ = InfrastructureObjectType.objects.get_or_create(
        code="water-supply", defaults={"category": category, "name_kk": "Сумен жабдықтау", "name_ru": "Водоснабжение"}
    )
    oked, _ = OkedCode.objects.get_or_create(
        code="10.71",
        defaults={"level": "class", "section": "C", "name_kk": "Нан өндірісі", "name_ru": "Производство хлеба"},
    )
    return category, kind, oked


def _applicant():
    """One shared applicant (no password hashing per row: 50-row tests stay fast)."""
    user, _ = User.objects.get_or_create(
        username="review-applicant",
        defaults={"role": "entrepreneur", "language": "ru", "email": "applicant@example.kz"},
    )
    return user


class SubmittedApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    region = factory.LazyFunction(lambda: Region.objects.get(code="61"))
    applicant = factory.LazyFunction(lambda: _applicant())
    status = Status.SUBMITTED
    number = factory.Sequence(lambda n: f"61-2026-{n + 1:05d}")
    received_on = date(2026, 3, 16)
    submitted_at = factory.LazyAttributeSequence(
        lambda a, n: datetime.combine(a.received_on, time(9, 0), tzinfo=UTC).replace(minute=n % 60)
    )
    review_due = factory.LazyAttribute(lambda a: add_working_days(a.received_on, 5))  # §19
    priority = False
    applicant_name = factory.Sequence(lambda n: f"ЖШС Береке {n}")
    applicant_identifier = factory.Sequence(lambda n: f"2401{n:08d}")
    project_name = factory.Sequence(lambda n: f"Су құбыры {n}")
    oked = factory.LazyFunction(lambda: reference_rows()[2])
    infrastructure_type = factory.LazyFunction(lambda: reference_rows()[1])
    construction_cost = 120000
    project_cost = 150000


def with_eligibility(application):
    """The pre-check's lines as submission stores them: two left open for the coordinator."""
    from applications.models import EligibilityResult, Outcome

    open_ = EligibilityResult.Decision.OPEN
    rows = [
        ("§5", "priority_list", Outcome.PASS, "ЭҚЖЖ облыстың басым тізімінде", ""),
        ("§9(3)", "not_affiliated", Outcome.COORDINATOR, "Үлестестік тізілімде тексерілмейді", open_),
        ("§13", "past_performance", Outcome.COORDINATOR, "Өткен жылғы нәтижелерді үйлестіруші растайды", open_),
    ]
    for rule, code, outcome, message, decision in rows:
        EligibilityResult.objects.create(
            application=application, rule=rule, code=code, outcome=outcome, message=message, decision=decision
        )
    return application


def with_attachment(application, *, by):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from applications.models import Attachment

    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    attachment = Attachment(
        application=application,
        kind="business_plan",
        original_name="бизнес-жоспар.pdf",
        size=len(content),
        sha256="0" * 64,
        uploaded_at=timezone.now(),
        uploaded_by=by,
    )
    attachment.file.save("plan.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment


def ready_for_recommendation(application, *, by):
    """The two steps before a recommendation: the signed acceptance notice (Appendix item 9) as a row,
    and every open finding or check settled (confirmed checks, findings set aside)."""
    import hashlib

    from django.utils import timezone

    from applications.models import EligibilityResult, Outcome, ReviewAcceptance

    now = timezone.now()
    ReviewAcceptance.objects.get_or_create(
        application=application,
        defaults={
            "document": b"notice",
            "document_sha256": hashlib.sha256(b"notice").hexdigest(),
            "cms": b"cms",
            "signer_iin": by.iin or "860904350504",
            "signer_name": "CN=Үйлестіруші",
            "signed_at": now,
            "accepted_at": now,
            "by": by,
        },
    )
    for line in EligibilityResult.objects.filter(application=application, decision=EligibilityResult.Decision.OPEN):
        confirmed = line.outcome == Outcome.COORDINATOR
        line.decision = EligibilityResult.Decision.CONFIRMED if confirmed else EligibilityResult.Decision.REJECTED
        line.decision_note, line.decided_by, line.decided_at = "тексерілді", by, now
        line.save()
    return application
