"""Reference data, identifiers, PDFs and complete drafts for the application tests."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfWriter

from applications.models import (
    Application,
    ApplicationDetails,
    Attachment,
    DocumentKind,
    PlannedUser,
    Section,
    SectionState,
)
from registry.models import (
    EconomySector,
    ExcludedActivity,
    InfrastructureCategory,
    InfrastructureObjectType,
    OkedCode,
    PriorityActivity,
    TaxRegime,
)
from registry.validators import control_digit


def with_check_digit(first11: str) -> str | None:
    digit = control_digit(first11)
    return None if digit is None else first11 + str(digit)


def make_iin(n: int = 1, born: str = "900101", century: str = "3") -> str:
    """A valid ЖСН (two-pass mod-11 check digit)."""
    while True:
        iin = with_check_digit(f"{born}{century}{n:04d}")
        if iin:
            return iin
        n += 1


def make_bin(n: int = 1) -> str:
    """A valid БСН: registered March 2005, a resident legal entity (5th digit 4)."""
    while True:
        bin_ = with_check_digit(f"050340{n:05d}")
        if bin_:
            return bin_
        n += 1


def pdf_bytes(text: str = "x") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _oked(code, level, section, parent, kk, ru):
    return OkedCode.objects.get_or_create(
        code=code, defaults={"level": level, "section": section, "parent": parent, "name_kk": kk, "name_ru": ru}
    )[0]


def _named(model, code, kk, ru, **extra):
    return model.objects.get_or_create(code=code, defaults=dict(name_kk=kk, name_ru=ru, **extra))[0]


def reference_data(region) -> dict:
    """Codes used by the tests, taken from the seeded classifier where it has them."""
    section_c = _oked("C", "section", "C", None, "Өңдеу", "Обработка")
    division = _oked("10", "division", "C", section_c, "Тамақ өнімдері", "Пищевые продукты")
    group = _oked("10.5", "group", "C", division, "Сүт өнімдері", "Молочные продукты")
    dairy = _oked("10.51", "class", "C", group, "Сүт өнімдері", "Молочные продукты")
    drinks = _oked("11", "division", "C", section_c, "Сусындар", "Напитки")
    beer = _oked("11.0", "group", "C", drinks, "Сусындар", "Напитки")
    off_list = _oked("11.07", "class", "C", beer, "Сусындар", "Напитки")
    section_r = _oked("R", "section", "R", None, "Өнер", "Искусство")
    gambling_division = _oked("92", "division", "R", section_r, "Құмар ойындар", "Азартные игры")
    gambling = _oked("92.0", "group", "R", gambling_division, "Құмар ойындар", "Азартные игры")
    if not ExcludedActivity.objects.filter(oked_prefix__in=["92", "R92", "92.0", "92.00"]).exists():
        ExcludedActivity.objects.create(oked_prefix="92", name_kk="Құмар ойын бизнесі", name_ru="Игорный бизнес")
    PriorityActivity.objects.get_or_create(region=region, oked=division)
    engineering = _named(InfrastructureCategory, "t-engineering", "Инженерлік", "Инженерная", order=1)
    production = _named(InfrastructureCategory, "t-production", "Өндірістік", "Производственная", order=2)
    water = _named(InfrastructureObjectType, "t-water", "Сумен жабдықтау", "Водоснабжение", category=engineering)
    shared = _named(
        InfrastructureObjectType, "t-shared", "Ортақ жабдық", "Общее оборудование", category=production, common_use=True
    )
    return {
        "dairy": dairy,
        "division": division,
        "gambling": gambling,
        "off_list": off_list,
        "engineering": engineering,
        "production": production,
        "water": water,
        "shared": shared,
        "tax": _named(TaxRegime, "t-simplified", "Оңайлатылған", "Упрощённый"),
        "sector": _named(EconomySector, "t-manufacturing", "Өнеркәсіп", "Промышленность"),
    }


ALL_TICKS = dict.fromkeys(
    [
        "request_review",
        "decl_no_debt",
        "decl_no_bankruptcy",
        "decl_not_affiliated",
        "decl_not_excluded",
        "undertake_disclose",
        "undertake_report_changes",
        "consent_checks",
        "consent_no_verification",
        "consent_purpose",
        "consent_rejection",
        "consent_sharing",
        "consent_no_obligation",
        "acknowledge_conditions",
        "confirm_reliability",
    ],
    True,
)
# The consents page: the request and one confirmation per group (issue 14), as a browser posts them.
CONSENT_PAGE_TICKS = dict.fromkeys(
    ["request_review", "confirm_declarations", "confirm_undertakings", "confirm_consents"], "on"
)


def complete_draft(applicant, region, ref, *, project_name="Сүт цехы", common_use=False, **details) -> Application:
    """A draft with every section complete and all three PDFs attached."""
    application = Application.objects.create(
        region=region,
        applicant=applicant,
        project_name=project_name,
        oked=ref["dairy"],
        infrastructure_type=ref["shared"] if common_use else ref["water"],
        construction_cost=Decimal("1500.50"),
        project_cost=Decimal(3000),
        applicant_name="ЖК Асан",
        applicant_identifier=applicant.iin,
    )
    values = dict(
        kind="individual",
        name="ЖК Асан",
        full_name="Асанов Асан",
        iin=applicant.iin or make_iin(7),
        id_number="012345678",
        id_issuer="ІІМ",
        id_issued_on=date(2015, 1, 1),
        address="Түркістан",
        phone="+77010000000",
        notice_place="Түркістан",
        notice_on=date(2016, 1, 1),
        bank_name="Halyk",
        bic="HSBKKZKX",
        iban="KZ86125KZT5004100100",
        bank_bin=make_bin(3),
        kbe="17",
        description="Сүт",
        place="Түркістан",
        category=ref["production"] if common_use else ref["engineering"],
        justification="Су жоқ",
        tax_regime=ref["tax"],
        sector=ref["sector"],
        employees=5,
        term_months=24,
        jobs_0=1,
        jobs_1=2,
        jobs_2=3,
        jobs_3=4,
        tax_0=1,
        tax_1=2,
        tax_2=3,
        tax_3=4,
        output_0=1,
        output_1=2,
        output_2=3,
        output_3=4,
        sections={s.value: SectionState.COMPLETE for s in Section},
        **ALL_TICKS,
    )
    values.update(details)
    ApplicationDetails.objects.create(application=application, **values)
    if common_use:
        for n in range(3):
            PlannedUser.objects.create(application=application, identifier=make_bin(10 + n), name=f"User {n}")
    for kind in DocumentKind:
        attach(application, kind, applicant)
    return application


def attach(application, kind, user) -> Attachment:
    content = pdf_bytes(kind)
    attachment = Attachment(
        application=application,
        kind=kind,
        original_name=f"{kind}.pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_at=timezone.now(),
        uploaded_by=user,
    )
    attachment.file.save("x.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment
