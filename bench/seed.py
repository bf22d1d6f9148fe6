"""The web benchmark's data: PostgreSQL seeded at scale, as the portal's own flows would have left it.

At ``--scale 1.0``: 200,000 applications over the 20 regions (10,000 each) across
three years, 2,000 council sessions (100 a region) with attendance, agenda
items, named votes and signed protocols, 10,000 funded projects (500 a region)
with budget request, published financing plan, support term, results and one
infrastructure object each, and 1,000,000 monthly load readings. Every count
scales linearly with ``--scale`` (at least one of each thing a region).

The rows are those the services write (``application_submit``, ``application_refuse``,
``session_schedule``, ``protocol_freeze``, ``handover_send``, ``plan_approve``…),
including the audit journal with a valid hash chain (``manage.py verify_audit``
passes) and the deadlines' clocks, but they go in through COPY with explicit ids,
region by region, so nothing large is held in memory except the journal's
compact tuples, which are sorted by time before they are chained.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_seed \\
        .venv/bin/python bench/seed.py [--scale 1.0] [--reset]

Bench personas (password "bench"): ``bench-coordinator-<KATO>``,
``bench-budget-<KATO>``, ``bench-planning-<KATO>``, ``bench-chair-<KATO>``,
``bench-secretary-<KATO>``, ``bench-member-<KATO>-01…10``,
``bench-entrepreneur-<KATO>-0001…`` and ``bench-central``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django
from django.apps import apps as django_apps

if not django_apps.ready:
    django.setup()

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import translation
from psycopg.types.json import Jsonb
from tqdm import tqdm

from applications.models import (
    Application,
    ApplicationDetails,
    ApplicationSignature,
    Attachment,
    DocumentKind,
    EligibilityResult,
    PlannedUser,
    Recommendation,
    Refusal,
    RefusalCategory,
    RegistryCounter,
    ReviewAcceptance,
    Status,
)
from councils.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    Handover,
    Protocol,
    Vote,
)
from councils.rules import DECISION_RULE, QUORUM_RULE, decision_approves
from councils.services.protocol import protocol_bytes
from monitoring.models import (
    BudgetRequest,
    FinancingPlan,
    FinancingPlanLine,
    FundsUse,
    InfrastructureObject,
    LoadIndicator,
    ObjectUser,
    ResultIndicator,
    SupportTerm,
    YearResult,
)
from monitoring.services.term import add_months
from registry.audit import chain_hash, chain_key
from registry.calendar import add_working_days
from registry.models import (
    AuditEvent,
    BudgetAdministrator,
    BudgetProgramme,
    Deadline,
    EconomySector,
    InfrastructureObjectType,
    OkedCode,
    PersonalAccount,
    Region,
    TaxRegime,
    User,
)

SEED = 20260731
PASSWORD = "bench"
PREFIX = "bench-"
LOCAL = ZoneInfo(settings.TIME_ZONE)

# Per region at scale 1.0 (× 20 regions = the figures).
APPLICATIONS = 10_000
SESSIONS = 100
FUNDED = 500
READINGS_PER_OBJECT = 100
COUNCIL_MEMBERS = 10  # plus the chair and the secretary: 12 seats, 7 of them business (§21)
BUSINESS_MEMBERS = 7
DAYS = 1080  # about three years of history

# The status mix of a region's applications; "refused" takes what is left.
STATUS_SHARE = {
    Status.DRAFT: 0.14,
    Status.SUBMITTED: 0.05,
    Status.WITHDRAWN: 0.10,
    Status.RECOMMENDED: 0.04,
    Status.ON_AGENDA: 0.02,
    Status.REJECTED: 0.09,
    Status.APPROVED: 0.01,
    Status.SENT_TO_BUDGET: 0.02,
}
FUNDED_SHARE = {Status.FUNDED: 0.3, Status.COMPLETED: 0.2}  # in_monitoring takes the rest
DECIDED = (
    Status.REJECTED,
    Status.APPROVED,
    Status.SENT_TO_BUDGET,
    Status.FUNDED,
    Status.IN_MONITORING,
    Status.COMPLETED,
)
HANDED_OVER = (Status.SENT_TO_BUDGET, Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)
FUNDED_FAMILY = (Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)
# How old a session must be for its projects to have reached the status (days).
MIN_SESSION_AGE = {Status.FUNDED: 110, Status.IN_MONITORING: 130, Status.COMPLETED: 500}

KK_SURNAMES = [
    "Сейітов",
    "Жұмабаев",
    "Ахметов",
    "Нұрланов",
    "Қасымов",
    "Бекова",
    "Омарова",
    "Тоқтаров",
    "Әбенов",
    "Серікбаев",
    "Мұратов",
    "Исаева",
    "Жақсылықов",
    "Байжанов",
    "Оспанова",
    "Төлеуова",
]
RU_SURNAMES = ["Иванов", "Петрова", "Ким", "Цой", "Шевченко", "Попов", "Волкова", "Павлов", "Гончаренко", "Ли"]
FIRST_NAMES = [
    "Айдос",
    "Нұрлан",
    "Ерлан",
    "Әсел",
    "Гүлнар",
    "Дәурен",
    "Самат",
    "Мадина",
    "Бауыржан",
    "Жанар",
    "Алексей",
    "Ольга",
    "Сергей",
    "Наталья",
    "Айгерім",
    "Руслан",
]
COMPANY_WORDS = [
    "Алтын Дән",
    "Береке",
    "Шапағат",
    "Ақ Бидай",
    "Дала Өнім",
    "Көктем",
    "Жайлау",
    "Нұр Агро",
    "Степной Агро",
    "Восток Строй",
    "Заря",
    "Колос",
    "Сарыарқа",
    "Ертіс Сүт",
    "Алатау",
    "Тау Бал",
    "Күміс Су",
    "Жетісу Жеміс",
    "Qazaq Fruit",
    "Кең Дала",
    "Шығыс Ет",
    "Байтерек",
    "Нива",
    "Агроплюс",
]
LEGAL_FORMS = ["ЖШС", "ТОО", "ӨК", "СПК"]
PRODUCTS_KK = ["Сүт", "Ет", "Көкөніс", "Жеміс", "Астық", "Бал", "Жүн", "Балық", "Картоп", "Қымыз", "Құс"]
PRODUCTS_RU = ["молока", "мяса", "овощей", "фруктов", "зерна", "мёда", "шерсти", "рыбы", "картофеля", "птицы"]
PROJECTS_KK = [
    "{p} өңдеу цехына электр желісін тарту, {v} ауылы",
    "{p} қоймасына су құбырын жүргізу, {v}",
    "{p} өндіру кешеніне газ құбырын салу ({v})",
    "{v} ауылындағы {p} фермасына кірме жол салу",
]
PROJECTS_RU = [
    "Подведение электросетей к цеху переработки {p}, с. {v}",
    "Строительство подъездной дороги к хранилищу {p} в с. {v}",
    "Газоснабжение комплекса по производству {p} ({v})",
    "Водопровод к ферме по выращиванию {p}, с. {v}",
]
VILLAGES = [
    "Қызылжар",
    "Ақсу",
    "Жаңаауыл",
    "Береке",
    "Талдыбұлақ",
    "Көктөбе",
    "Шұбаркөл",
    "Қарабұлақ",
    "Сарыөзек",
    "Үшқоңыр",
    "Андреевка",
    "Степное",
    "Красный Яр",
    "Шортанды",
    "Ақкөл",
]
BANKS = [
    ("Halyk Bank", "HSBKKZKX"),
    ("Kaspi Bank", "CASPKZKA"),
    ("Bank CenterCredit", "KCJBKZKX"),
    ("ForteBank", "IRTYKZKA"),
]
REFUSALS = [
    "Жобалау-сметалық құжаттамасы сараптама қорытындысынсыз берілген.",
    "Объект пайдаланушыларының саны үштен аз (§7).",
    "Бизнес-жоспардағы деректер салық органдарының мәліметтеріне сәйкес келмейді.",
    "Қызмет түрі өңірдің басым тізімінде жоқ (§5).",
    "Представленная проектно-сметная документация не прошла экспертизу.",
]
REJECTIONS = [
    "Жобаның экономикалық тиімділігі дәлелденбеген.",
    "Инфрақұрылым объектісі басқа бюджеттік бағдарлама есебінен салынуда.",
    "Совет счёл затраты на подведение сетей завышенными.",
]
RECOMMENDATIONS = [
    "Жоба §5 және §7 талаптарына сәйкес келеді, ӨҮК қарауына ұсынылады.",
    "Проект соответствует требованиям Правил, рекомендуется к рассмотрению ӨҮК.",
]


def _pdf() -> bytes:
    """A one-page PDF that every attachment row points at (the download and the dossier open it)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PDF = _pdf()
PDF_NAME = "bench/bench.pdf"
CMS = b"0\x80\x06\tbench-cms"
CERT_PEM = "-----BEGIN CERTIFICATE-----\nYmVuY2g=\n-----END CERTIFICATE-----\n"


class BenchDataPresent(RuntimeError):
    pass


# ---------------------------------------------------------------- writing


def _adapter(field_):
    if field_.get_internal_type() == "JSONField":
        return Jsonb
    return None


class Writer:
    """COPY rows into tables on Django's own connection (so inside its transaction)."""

    def __init__(self):
        connection.ensure_connection()
        self.raw = connection.connection
        self.counts: Counter[str] = Counter()
        self._plans: dict = {}

    def copy(self, table: str, columns: list[str], rows) -> int:
        n = 0
        quoted = ", ".join(f'"{column}"' for column in columns)
        with self.raw.cursor() as cursor, cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        self.counts[table] += n
        return n

    def _plan(self, model, with_id: bool):
        key = (model, with_id)
        if key not in self._plans:
            fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
            self._plans[key] = (
                [f.column for f in fields],
                [(f.attname, f.get_default() if not f.primary_key else None, _adapter(f)) for f in fields],
            )
        return self._plans[key]

    def rows(self, model, dicts, *, with_id: bool = False) -> int:
        """Rows given as ``{attname: value}``; missing fields take the model's default."""
        columns, plan = self._plan(model, with_id)

        def tuples():
            for d in dicts:
                yield tuple(
                    (adapt(d.get(name, default)) if adapt else d.get(name, default)) for name, default, adapt in plan
                )

        return self.copy(model._meta.db_table, columns, tuples())

    def m2m(self, through, left: str, right: str, pairs) -> int:
        return self.copy(through._meta.db_table, [f"{left}_id", f"{right}_id"], pairs)


class Ids:
    """Explicit primary keys, continuing after what the tables hold; sequences are set at the end."""

    def __init__(self):
        self.next: dict = {}

    def take(self, model, n: int) -> range:
        if model not in self.next:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
                self.next[model] = cursor.fetchone()[0] + 1
        start = self.next[model]
        self.next[model] = start + n
        return range(start, start + n)

    def set_sequences(self) -> None:
        with connection.cursor() as cursor:
            for model, following in self.next.items():
                table = model._meta.db_table
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, max(following - 1, 1)])


class Phases:
    """One progress bar and one stopwatch per phase."""

    NAMES = (
        "users",
        "applications",
        "council sessions",
        "funded projects",
        "load readings",
        "audit journal",
        "commit",
        "vacuum analyze",
    )

    def __init__(self, progress: bool):
        self.progress = progress
        self.elapsed: dict[str, float] = defaultdict(float)
        self.bars: dict[str, tqdm] = {}

    def bar(self, name: str, total: int) -> tqdm:
        if name not in self.bars:
            self.bars[name] = tqdm(
                total=total,
                desc=f"{name:<17}",
                position=self.NAMES.index(name),
                disable=not self.progress,
                unit=" rows",
                unit_scale=True,
                leave=True,
            )
        return self.bars[name]

    @contextmanager
    def timed(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.elapsed[name] += time.perf_counter() - start

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


# ---------------------------------------------------------------- time and names


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL).astimezone(UTC)


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL).date()


@cache
def working_days_after(day: date, n: int) -> date:
    return add_working_days(day, n)


def later(rng: random.Random, moment: datetime, low_hours: float, high_hours: float) -> datetime:
    return moment + timedelta(seconds=rng.randint(int(low_hours * 3600), int(high_hours * 3600)))


def person(rng: random.Random) -> tuple[str, str]:
    surnames = KK_SURNAMES if rng.random() < 0.75 else RU_SURNAMES
    return rng.choice(FIRST_NAMES), rng.choice(surnames)


def identifier(rng: random.Random, region_code: str, kind: int, seq: int) -> str:
    """12 digits, unique by (region, kind, seq): a БСН/ЖСН look-alike that ``startswith`` search can use."""
    return f"{rng.randint(60, 99):02d}{rng.randint(1, 12):02d}{kind}{region_code}{seq:05d}"[:12]


def per_region(count: int, scale: float) -> int:
    return max(1, round(count * scale))


# ---------------------------------------------------------------- context


@dataclass
class Journal:
    """The audit events as compact tuples; sorted by time and chained at the end."""

    events: list = field(default_factory=list)

    def add(self, at, actor, ct, obj_id, obj_repr, action, from_state="", to_state="", reason="", rule=""):
        self.events.append((at, actor, ct, str(obj_id), obj_repr[:300], action, from_state, to_state, reason, rule))


@dataclass
class Run:
    scale: float
    now: datetime
    writer: Writer
    ids: Ids
    phases: Phases
    journal: Journal
    password: str
    ct: dict
    okeds: list
    types: list
    tax_regimes: list
    sectors: list
    urls: dict
    registry_counters: dict


@dataclass
class People:
    coordinator: dict
    budget: dict
    planning: dict
    entrepreneurs: list
    seats: list  # (member id, user dict, position, business)
    council_id: int
    chair: dict
    secretary: dict


def _reference(now: datetime, scale: float, phases: Phases) -> Run:
    okeds = list(OkedCode.objects.filter(level=OkedCode.Level.SUBCLASS).values_list("id", flat=True)[:400])
    okeds = okeds or list(OkedCode.objects.values_list("id", flat=True)[:400])
    types = list(InfrastructureObjectType.objects.values_list("id", "category_id", "common_use", "name_kk"))
    cts = {
        name: ContentType.objects.get_for_model(model).pk
        for name, model in (
            ("application", Application),
            ("session", CouncilSession),
            ("item", AgendaItem),
            ("protocol", Protocol),
            ("plan", FinancingPlan),
            ("request", BudgetRequest),
            ("term", SupportTerm),
        )
    }
    urls = {
        "review": reverse("review:detail", args=[999999999]),
        "protocol": reverse("councils:protocol", args=[999999999]),
    }
    counters = {(c.region_id, c.year): c.last for c in RegistryCounter.objects.all()}
    return Run(
        scale=scale,
        now=now,
        writer=Writer(),
        ids=Ids(),
        phases=phases,
        journal=Journal(),
        password=make_password(PASSWORD),
        ct=cts,
        okeds=okeds,
        types=types,
        tax_regimes=list(TaxRegime.objects.values_list("id", flat=True)),
        sectors=list(EconomySector.objects.values_list("id", flat=True)),
        urls=urls,
        registry_counters=counters,
    )


# ---------------------------------------------------------------- users and the council


def _user(run: Run, uid: int, username: str, role: str, region_id, rng, seq: int, region_code: str) -> dict:
    first, last = person(rng)
    return {
        "id": uid,
        "password": run.password,
        "username": username,
        "first_name": first,
        "last_name": last,
        "email": f"{username}@bench.invalid",
        "is_active": True,
        "date_joined": run.now - timedelta(days=DAYS + 60),
        "role": role,
        "region_id": region_id,
        "iin": identifier(rng, region_code, 8, seq),
        "phone": f"+7 701 {rng.randint(1000000, 9999999)}",
        "language": rng.choice(["kk", "kk", "ru"]),
    }


def seed_people(run: Run, region: Region, n_entrepreneurs: int, rng: random.Random) -> People:
    code = region.code
    ids = iter(run.ids.take(User, 5 + COUNCIL_MEMBERS + n_entrepreneurs))
    staff = {
        role: _user(run, next(ids), f"{PREFIX}{name}-{code}", role, region.pk, rng, i, code)
        for i, (name, role) in enumerate(
            (("coordinator", "coordinator"), ("budget", "budget_admin"), ("planning", "planning"))
        )
    }
    # §2(9): the budget user belongs to the region's administrator (an organisation with a programme).
    administrator = BudgetAdministrator.objects.create(
        region=region,
        level="regional",
        name_kk=f"{region.name_kk}: бюджеттік бағдарламалар әкімшісі",
        name_ru=f"{region.name_ru}: администратор бюджетных программ",
    )
    BudgetProgramme.objects.create(
        administrator=administrator, code="028", name_kk="Инфрақұрылымдық қолдау", name_ru="Инфраструктурная поддержка"
    )
    staff["budget_admin"]["administrator_id"] = administrator.pk
    chair = _user(run, next(ids), f"{PREFIX}chair-{code}", "council_member", region.pk, rng, 10, code)
    secretary = _user(run, next(ids), f"{PREFIX}secretary-{code}", "council_member", region.pk, rng, 11, code)
    members = [
        _user(run, next(ids), f"{PREFIX}member-{code}-{i:02d}", "council_member", region.pk, rng, 20 + i, code)
        for i in range(1, COUNCIL_MEMBERS + 1)
    ]
    entrepreneurs = [
        _user(run, next(ids), f"{PREFIX}entrepreneur-{code}-{i:04d}", "entrepreneur", region.pk, rng, 100 + i, code)
        for i in range(1, n_entrepreneurs + 1)
    ]
    users = [*staff.values(), chair, secretary, *members, *entrepreneurs]
    run.writer.rows(User, users, with_id=True)
    council_id, seats = seed_council(run, region, chair, secretary, members)
    return People(
        staff["coordinator"],
        staff["budget_admin"],
        staff["planning"],
        entrepreneurs,
        seats,
        council_id,
        chair,
        secretary,
    )


def seed_council(run: Run, region: Region, chair: dict, secretary: dict, members: list) -> tuple[int, list]:
    """§21: twelve seats, seven of them from the business community, all active for the whole history."""
    council, _created = Council.objects.get_or_create(
        region=region,
        defaults={
            "name_kk": f"{region.name_kk} өңірлік үйлестіру кеңесі",
            "name_ru": f"Региональный координационный совет: {region.name_ru}",
        },
    )
    roster = [(chair, CouncilMember.Position.CHAIR, False), (secretary, CouncilMember.Position.SECRETARY, False)]
    roster += [(user, CouncilMember.Position.MEMBER, i < BUSINESS_MEMBERS) for i, user in enumerate(members)]
    seat_ids = run.ids.take(CouncilMember, len(roster))
    term_from = local_day(run.now) - timedelta(days=DAYS + 30)
    run.writer.rows(
        CouncilMember,
        (
            {
                "id": sid,
                "council_id": council.pk,
                "user_id": user["id"],
                "position": pos,
                "business_community": business,
                "term_from": term_from,
            }
            for sid, (user, pos, business) in zip(seat_ids, roster, strict=True)
        ),
        with_id=True,
    )
    return council.pk, [(sid, user, pos, business) for sid, (user, pos, business) in zip(seat_ids, roster, strict=True)]


def seed_central(run: Run) -> None:
    rng = random.Random(f"{SEED}-central")
    (uid,) = run.ids.take(User, 1)
    run.writer.rows(User, [_user(run, uid, f"{PREFIX}central", "central", None, rng, 1, "00")], with_id=True)


# ---------------------------------------------------------------- the region's plan


@dataclass
class SessionPlan:
    id: int
    number: int
    starts_at: datetime
    scheduled_at: datetime
    past: bool
    signed_at: datetime | None = None
    handover_at: datetime | None = None
    items: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"№{self.number} {self.starts_at.astimezone(LOCAL):%d.%m.%Y}"


def _working_day_on_or_after(day: date) -> date:
    return working_days_after(day - timedelta(days=1), 1)


def plan_sessions(run: Run, n: int, rng: random.Random) -> list[SessionPlan]:
    """Past sessions spread over the three years (the last ten days ago), a few scheduled ahead."""
    n_future = max(1, round(0.03 * n)) if n >= 2 else 0
    n_past = n - n_future
    today = local_day(run.now)
    ids = iter(run.ids.take(CouncilSession, n))
    sessions = []
    for i in range(n_past):
        offset = DAYS - (i * (DAYS - 10) // max(1, n_past - 1) if n_past > 1 else 0)
        day = _working_day_on_or_after(today - timedelta(days=offset))
        starts = local(day, 10)
        signed = later(rng, starts, 20, 44)
        sessions.append(
            SessionPlan(
                next(ids), i + 1, starts, starts - timedelta(days=5, hours=-5), True, signed, later(rng, signed, 2, 30)
            )
        )
    for j in range(n_future):
        day = _working_day_on_or_after(today + timedelta(days=3 + 6 * j))
        scheduled = run.now - timedelta(hours=rng.randint(4, 48))
        sessions.append(SessionPlan(next(ids), n_past + j + 1, local(day, 10), scheduled, False))
    # The last past session's protocol is signed but its projects are not handed over yet.
    if n_past > 1:
        sessions[n_past - 1].handover_at = None
    return sessions


def plan_statuses(n: int, funded: int, sessions: list[SessionPlan], rng: random.Random) -> list[str]:
    counts = {status: int(share * n) for status, share in STATUS_SHARE.items()}
    past = [s for s in sessions if s.past]
    if not any(not s.past for s in sessions):
        counts[Status.RECOMMENDED] += counts.pop(Status.ON_AGENDA)
    if all(s.handover_at is not None for s in past):  # one past session: it was handed over
        counts[Status.SENT_TO_BUDGET] += counts.pop(Status.APPROVED)
    counts[Status.FUNDED] = int(FUNDED_SHARE[Status.FUNDED] * funded)
    counts[Status.COMPLETED] = int(FUNDED_SHARE[Status.COMPLETED] * funded)
    counts[Status.IN_MONITORING] = funded - counts[Status.FUNDED] - counts[Status.COMPLETED]
    counts[Status.REFUSED] = n - sum(counts.values())
    statuses = [status for status, count in counts.items() for _i in range(count)]
    rng.shuffle(statuses)
    return statuses


def pick_session(status: str, sessions: list[SessionPlan], now: datetime, rng: random.Random) -> SessionPlan | None:
    if status == Status.ON_AGENDA:
        return rng.choice([s for s in sessions if not s.past])
    if status not in DECIDED:
        return None
    past = [s for s in sessions if s.past]
    if status == Status.APPROVED:
        return past[-1]
    if status == Status.REJECTED:
        return rng.choice(past)
    handed = [s for s in past if s.handover_at is not None]
    age = timedelta(days=MIN_SESSION_AGE.get(status, 0))
    return rng.choice([s for s in handed if s.starts_at <= now - age] or handed[:1])


def plan_times(run: Run, status: str, session: SessionPlan | None, rng: random.Random) -> dict:
    """When each step of the application's life happened (all before ``run.now``)."""
    now, day = run.now, 86400
    if status == Status.DRAFT:
        return {"created": now - timedelta(seconds=rng.randint(3600, DAYS * day))}
    if session is not None:
        submitted = session.scheduled_at - timedelta(seconds=rng.randint(3 * day, 30 * day))
    elif status == Status.SUBMITTED:
        submitted = now - timedelta(seconds=rng.randint(3600, 9 * day))
    elif status == Status.RECOMMENDED:
        submitted = now - timedelta(seconds=rng.randint(3 * day, 30 * day))
    else:
        submitted = now - timedelta(seconds=rng.randint(3 * day, DAYS * day))
    times = {"created": submitted - timedelta(seconds=rng.randint(day, 40 * day)), "submitted": submitted}
    if status == Status.WITHDRAWN and rng.random() < 0.3:
        return {"created": times["created"], "withdrawn": later(rng, times["created"], 24, 24 * 30)}
    accept = later(rng, submitted, 1, 20)
    if status != Status.WITHDRAWN and (status != Status.SUBMITTED or rng.random() < 0.4) and accept < now:
        times["accepted"] = accept
    closing = min(later(rng, submitted, 20, 24 * 8), now - timedelta(seconds=rng.randint(3600, day)))
    if status == Status.REFUSED:
        times["refused"] = closing
    elif status == Status.WITHDRAWN:
        times["withdrawn"] = min(later(rng, submitted, 2, 72), closing)
    elif status not in (Status.SUBMITTED,):
        times["recommended"] = later(rng, times["accepted"], 1, 12)
    return times


def applicant_of(run: Run, user: dict, region: Region, rng: random.Random, seq: int) -> dict:
    """The entrepreneur's business and its personal account (§2)."""
    legal = rng.random() < 0.7
    if legal:
        name = f"{rng.choice(LEGAL_FORMS)} «{rng.choice(COMPANY_WORDS)}{'' if rng.random() < 0.6 else f' {seq}'}»"
    else:
        name = f"{rng.choice(['ЖК', 'ИП'])} {user['last_name']} {user['first_name'][0]}."
    return {
        "id": None,
        "identifier": identifier(rng, region.code, 4 if legal else 9, seq),
        "legal": legal,
        "name": name,
        "owner_id": user["id"],
        "user": user,
    }


def project_name(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(PROJECTS_KK).format(p=rng.choice(PRODUCTS_KK), v=rng.choice(VILLAGES))
    return rng.choice(PROJECTS_RU).format(p=rng.choice(PRODUCTS_RU), v=rng.choice(VILLAGES))


def plan_applications(run: Run, region: Region, people: People, sessions: list, rng: random.Random) -> tuple:
    n = per_region(APPLICATIONS, run.scale)
    funded = per_region(FUNDED, run.scale)
    applicants = [applicant_of(run, user, region, rng, i) for i, user in enumerate(people.entrepreneurs, 1)]
    apps = []
    for status in plan_statuses(n, funded, sessions, rng):
        session = pick_session(status, sessions, run.now, rng)
        type_id, category_id, common_use, type_name = rng.choice(run.types)
        cost = Decimal(rng.randrange(15_000, 600_000, 50))
        apps.append(
            {
                "status": status,
                "region_id": region.pk,
                "applicant": rng.choice(applicants),
                "session": session,
                "times": plan_times(run, status, session, rng),
                "priority": rng.random() < 0.3,
                "project_name": project_name(rng),
                "oked_id": rng.choice(run.okeds) if run.okeds else None,
                "infrastructure_type_id": type_id,
                "category_id": category_id,
                "common_use": common_use,
                "type_name": type_name,
                "construction_cost": cost * Decimal("0.8"),
                "project_cost": cost,
                "term_months": rng.choice([12, 18, 24, 36]),
            }
        )
    apps.sort(key=lambda a: a["times"]["created"])
    for app, pk in zip(apps, run.ids.take(Application, len(apps)), strict=True):
        app["id"] = pk
    _number(run, region, apps)
    _accounts(run, region, applicants)
    return apps, applicants


def _number(run: Run, region: Region, apps: list) -> None:
    """``<KATO>-<year>-<000001>`` in order of receipt, continuing the region's counters."""
    submitted = sorted((a for a in apps if "submitted" in a["times"]), key=lambda a: a["times"]["submitted"])
    for app in submitted:
        received = local_day(app["times"]["submitted"])
        key = (region.pk, received.year)
        run.registry_counters[key] = run.registry_counters.get(key, 0) + 1
        app["number"] = f"{region.code}-{received.year}-{run.registry_counters[key]:06d}"
        app["received_on"] = received
        app["review_due"] = working_days_after(received, 5)  # §19


def _accounts(run: Run, region: Region, applicants: list) -> None:
    for applicant, pk in zip(applicants, run.ids.take(PersonalAccount, len(applicants)), strict=True):
        applicant["id"] = pk
    run.writer.rows(
        PersonalAccount,
        (
            {
                "id": a["id"],
                "identifier": a["identifier"],
                "kind": "legal" if a["legal"] else "individual",
                "name": a["name"],
                "owner_id": a["owner_id"],
                "region_id": region.pk,
                "created_at": run.now - timedelta(days=DAYS + 30),
            }
            for a in applicants
        ),
        with_id=True,
    )


def eligibility_messages() -> dict:
    """The pre-check's lines as ``application_submit`` stores them (the catalogue's Kazakh text)."""
    from django.utils.translation import gettext

    with translation.override("kk"):
        return {
            "priority_list": ("§5", "pass", gettext("The ЭҚЖЖ code is on the region's priority list.")),
            "term": ("§7", "pass", gettext("The support term is within 36 months.")),
            "common_use_users": (
                "§7",
                "pass",
                gettext("%(n)d businesses will use the common-use object (at least 3 needed).") % {"n": 3},
            ),
            "no_debt": ("§9(1)", "pass", gettext("No tax or social-payment debt declared.")),
            "no_bankruptcy": ("§9(2)", "pass", gettext("Not in bankruptcy, liquidation or enforced collection.")),
            "not_affiliated": (
                "§9(3)",
                "coordinator",
                gettext(
                    "Declared not affiliated with an operating business of similar activity; the coordinator confirms."
                ),
            ),
            "not_excluded": ("§9(4)", "pass", gettext("The activity is not an excluded one.")),
            "past_performance": ("§13", "pass", gettext("No record of failed results in the previous financial year.")),
            "babo": ("§2.3", "pass", gettext("The product meets all six БАБӨ criteria.")),
        }


@dataclass
class Labels:
    """Texts the services compute with gettext, in Kazakh, once."""

    eligibility: dict
    refusal: dict
    position: dict
    protocol: str

    @classmethod
    def load(cls) -> Labels:
        from django.utils.translation import gettext

        with translation.override("kk"):
            return cls(
                eligibility=eligibility_messages(),
                refusal={c.value: str(c.label) for c in RefusalCategory},
                position={p.value: str(p.label) for p in CouncilMember.Position},
                protocol=gettext("Protocol of session %(session)s"),
            )


def app_repr(app: dict) -> str:
    return app.get("number") or f"#{app['id']} {app['project_name']}".strip()


def app_row(app: dict) -> dict:
    times, applicant = app["times"], app["applicant"]
    submitted = "submitted" in times
    return {
        "id": app["id"],
        "number": app.get("number"),
        "region_id": app["region_id"],
        "applicant_id": applicant["owner_id"],
        "account_id": applicant["id"] if submitted else None,
        "status": app["status"],
        "created_at": times["created"],
        "updated_at": app["updated_at"],
        "submitted_at": times.get("submitted"),
        "received_on": app.get("received_on"),
        "review_due": app.get("review_due"),
        "priority": app["priority"] if submitted else False,
        "applicant_name": applicant["name"],
        "applicant_identifier": applicant["identifier"],
        "project_name": app["project_name"],
        "oked_id": app["oked_id"],
        "infrastructure_type_id": app["infrastructure_type_id"],
        "construction_cost": app["construction_cost"],
        "project_cost": app["project_cost"],
    }


SECTIONS_DONE = dict.fromkeys(("applicant", "bank", "project", "effect", "documents", "consents"), "complete")


def details_row(run: Run, app: dict, rng: random.Random) -> dict:
    applicant, user = app["applicant"], app["applicant"]["user"]
    full = "submitted" in app["times"]
    bank, bic = rng.choice(BANKS)
    priority = app["priority"]
    flag = rng.choice(["aul_amanaty", "babo", "cooperative"]) if priority else None
    jobs = rng.randint(3, 40)
    row = {
        "application_id": app["id"],
        "kind": "legal" if applicant["legal"] else "individual",
        "sections": SECTIONS_DONE if full else {"applicant": "complete", "project": "in_progress"},
        "name": applicant["name"] if applicant["legal"] else "",
        "bin": applicant["identifier"] if applicant["legal"] else "",
        "head_full_name": f"{user['last_name']} {user['first_name']}" if applicant["legal"] else "",
        "head_iin": user["iin"] if applicant["legal"] else "",
        "full_name": "" if applicant["legal"] else f"{user['last_name']} {user['first_name']}",
        "iin": "" if applicant["legal"] else applicant["identifier"],
        "address": f"{rng.choice(VILLAGES)}, {rng.randint(1, 120)}",
        "phone": user["phone"],
        "bank_name": bank,
        "bic": bic,
        "iban": f"KZ{rng.randint(10**17, 10**18 - 1)}",
        "kbe": "17" if applicant["legal"] else "19",
        "description": app["project_name"],
        "place": rng.choice(VILLAGES),
        "category_id": app["category_id"],
        "justification": "Объектіге инженерлік желілер жоқ; желілер тартылмаса, өндіріс іске қосылмайды.",
        "tax_regime_id": rng.choice(run.tax_regimes) if run.tax_regimes else None,
        "sector_id": rng.choice(run.sectors) if run.sectors else None,
        "employees": jobs,
        "term_months": app["term_months"],
        "aul_amanaty": flag == "aul_amanaty",
        "babo": flag == "babo",
        "cooperative": flag == "cooperative",
        "ten_exempt": False,
    }
    if flag == "babo":
        row.update(
            dict.fromkeys(
                (
                    "babo_local_raw",
                    "babo_simple_tools",
                    "babo_regional",
                    "babo_no_hazard",
                    "babo_packaging",
                    "babo_not_perishable",
                ),
                True,
            )
        )
    for year in range(4):
        row[f"jobs_{year}"] = jobs + year * rng.randint(0, 5)
        row[f"tax_{year}"] = Decimal(rng.randint(500, 20_000) * (year + 1))
        row[f"output_{year}"] = Decimal(rng.randint(20_000, 400_000) * (year + 1))
    if full:
        row.update(
            dict.fromkeys(
                (
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
                ),
                True,
            )
        )
    return row


def signature_row(app: dict) -> dict:
    applicant, user = app["applicant"], app["applicant"]["user"]
    signer = user["iin"] if applicant["legal"] else applicant["identifier"]
    at = app["times"]["submitted"]
    document = f"bench application {app['number']} {app['project_name']}".encode()
    return {
        "application_id": app["id"],
        "document": document,
        "document_sha256": hashlib.sha256(document).hexdigest(),
        "cms": CMS,
        "signer_iin": signer,
        "signer_bin": applicant["identifier"] if applicant["legal"] else "",
        "subject": f"CN={user['last_name']} {user['first_name']}, SERIALNUMBER=IIN{signer}",
        "serial_number": f"{app['id']:040x}",
        "issuer": "CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA), C=KZ",
        "not_before": at - timedelta(days=200),
        "not_after": at + timedelta(days=165),
        "signing_time": at,
        "certificate_pem": CERT_PEM,
        "verified_at": at,
    }


def attachment_rows(app: dict, rng: random.Random):
    kinds = list(DocumentKind.values) if "submitted" in app["times"] else rng.sample(DocumentKind.values, 1)
    for kind in kinds:
        yield {
            "application_id": app["id"],
            "kind": kind,
            "file": PDF_NAME,
            "original_name": f"{kind}.pdf",
            "size": len(PDF),
            "sha256": PDF_SHA256,
            "original_sha256": PDF_SHA256,
            "uploaded_at": app["times"]["created"] + timedelta(hours=2),
            "uploaded_by_id": app["applicant"]["owner_id"],
        }


PDF_SHA256 = hashlib.sha256(PDF).hexdigest()


def review_decision_time(app: dict) -> datetime | None:
    """When the coordinator closed the review: the refusal or the recommendation."""
    times = app["times"]
    return times.get("refused") or times.get("recommended")


def eligibility_rows(run: Run, app: dict, labels: Labels, coordinator: dict, rng: random.Random):
    codes = ["priority_list", "term", "no_debt", "no_bankruptcy", "not_affiliated", "not_excluded", "past_performance"]
    if app["common_use"]:
        codes.insert(2, "common_use_users")
    if app["priority"] and rng.random() < 0.34:
        codes.append("babo")
    decided = review_decision_time(app)
    for code in codes:
        rule, outcome, message = labels.eligibility[code]
        row = {"application_id": app["id"], "rule": rule, "code": code, "outcome": outcome, "message": message}
        if outcome == "coordinator":
            row["decision"] = "open"
            if decided is not None:
                confirmed = app["status"] != Status.REFUSED or rng.random() < 0.7
                note = "" if confirmed else "Аффилиирленген тұлға анықталды."
                at = decided - timedelta(minutes=rng.randint(5, 50))
                row.update(
                    decision="confirmed" if confirmed else "rejected",
                    decided_by_id=coordinator["id"],
                    decided_at=at,
                    decision_note=note,
                )
                run.journal.add(
                    at,
                    coordinator["id"],
                    run.ct["application"],
                    app["id"],
                    app_repr(app),
                    f"eligibility {code} {row['decision']}",
                    reason=f"{message} {note}".strip(),
                    rule=rule,
                )
        yield row


def planned_user_rows(app: dict, rng: random.Random):
    if not app["common_use"] or "submitted" not in app["times"]:
        return
    for i in range(rng.randint(3, 5)):
        first, last = person(rng)
        yield {
            "application_id": app["id"],
            "identifier": f"{app['id'] % 10**9:09d}{i:03d}",
            "name": f"ЖК {last} {first[0]}.",
        }


def app_story(run: Run, app: dict, people: People, labels: Labels, rng: random.Random) -> dict:
    """The journal of one application up to the council's decision; returns the review records to write."""
    j, ct, times, pk = run.journal, run.ct["application"], app["times"], app["id"]
    owner, coordinator = app["applicant"]["owner_id"], people.coordinator["id"]
    j.add(
        times["created"],
        owner,
        ct,
        pk,
        f"#{pk} {app['project_name']}",
        "application_create",
        to_state="draft",
        rule="§18",
    )
    records = {}
    last = times["created"]
    if "submitted" in times:
        last = times["submitted"]
        j.add(last, owner, ct, pk, app["number"], "application_submit", "draft", "submitted", rule="§18")
    if "accepted" in times:
        signer = f"CN={people.coordinator['last_name']} {people.coordinator['first_name']}"
        j.add(
            times["accepted"], coordinator, ct, pk, app_repr(app), "accept for review", reason=signer, rule="Appendix 9"
        )
        records["acceptance"] = {"signer": signer, "at": times["accepted"]}
    if "refused" in times:
        last = times["refused"]
        category = rng.choice(RefusalCategory.values)
        reason = rng.choice(REFUSALS)
        j.add(
            last,
            coordinator,
            ct,
            pk,
            app["number"],
            "refuse",
            "submitted",
            "refused",
            reason=f"{labels.refusal[category]}: {reason}",
            rule="§20",
        )
        records["refusal"] = {"category": category, "reason": reason, "at": last}
    if "withdrawn" in times:
        before = "submitted" if "submitted" in times else "draft"
        last = times["withdrawn"]
        j.add(
            last,
            owner,
            ct,
            pk,
            app_repr(app),
            "application_withdraw",
            before,
            "withdrawn",
            reason="Жобаны қаржыландырудың басқа көзі табылды.",
            rule="§18",
        )
    if "recommended" in times:
        last = times["recommended"]
        text = rng.choice(RECOMMENDATIONS)
        j.add(
            last, coordinator, ct, pk, app["number"], "recommend", "submitted", "recommended", reason=text, rule="§19"
        )
        records["recommendation"] = {"text": text, "at": last}
    session = app["session"]
    if session is not None:
        last = session.scheduled_at
        j.add(
            last,
            coordinator,
            ct,
            pk,
            app["number"],
            "council_agenda_place",
            "recommended",
            "on_agenda",
            reason=session.label,
            rule="§19",
        )
        session.items.append(app)
    app["updated_at"] = last
    return records


def plan_project_times(app: dict, rng: random.Random) -> None:
    """The council's decision, the hand-over and the monitoring steps (§22–§27, §17, §7)."""
    session, times, status = app["session"], app["times"], app["status"]
    if session is None or not session.past:
        return
    times["decided"] = session.signed_at
    if status not in HANDED_OVER:
        return
    times["handover"] = session.handover_at
    times["requested"] = later(rng, session.handover_at, 24, 24 * 10)
    if status not in FUNDED_FAMILY:
        return
    times["reviewed"] = later(rng, times["requested"], 48, 24 * 15)
    times["funded"] = later(rng, session.handover_at, 24 * 30, 24 * 90)
    times["published"] = later(rng, times["funded"], 4, 40)
    if status == Status.FUNDED:
        return
    times["term_start"] = later(rng, times["funded"], 24 * 5, 24 * 25)
    if status == Status.COMPLETED:
        app["term_months"] = 12
        times["term_end"] = local(add_months(local_day(times["term_start"]), 12), 11)


def seed_applications(
    run: Run, region: Region, people: People, sessions: list, labels: Labels, rng: random.Random
) -> list:
    apps, _applicants = plan_applications(run, region, people, sessions, rng)
    reviews = {}
    for app in apps:
        plan_project_times(app, rng)
        reviews[app["id"]] = app_story(run, app, people, labels, rng)
        app["updated_at"] = max(app["times"].values())
    w, submitted = run.writer, [a for a in apps if "submitted" in a["times"]]
    w.rows(Application, (app_row(a) for a in apps), with_id=True)
    w.rows(ApplicationDetails, (details_row(run, a, rng) for a in apps))
    w.rows(ApplicationSignature, (signature_row(a) for a in submitted))
    w.rows(Attachment, (row for a in apps for row in attachment_rows(a, rng)))
    w.rows(
        EligibilityResult, (row for a in submitted for row in eligibility_rows(run, a, labels, people.coordinator, rng))
    )
    w.rows(PlannedUser, (row for a in submitted for row in planned_user_rows(a, rng)))
    seed_review_records(run, apps, reviews, people)
    seed_review_deadlines(run, region, submitted, people)
    run.phases.bar("applications", per_region(APPLICATIONS, run.scale) * 20).update(len(apps))
    return apps


def seed_review_records(run: Run, apps: list, reviews: dict, people: People) -> None:
    coordinator = people.coordinator
    by_id = {a["id"]: a for a in apps}

    def acceptances():
        for pk, records in reviews.items():
            if "acceptance" in records:
                app, at = by_id[pk], records["acceptance"]["at"]
                document = (
                    f"ACCEPTANCE NOTICE / ҚАБЫЛДАУ ТУРАЛЫ ХАБАРЛАМА / УВЕДОМЛЕНИЕ О ПРИНЯТИИ\n"
                    f"application={app['number']}\ncoordinator_iin={coordinator['iin']}"
                ).encode()
                yield {
                    "application_id": pk,
                    "document": document,
                    "document_sha256": hashlib.sha256(document).hexdigest(),
                    "cms": CMS,
                    "signer_iin": coordinator["iin"],
                    "signer_name": records["acceptance"]["signer"],
                    "certificate_serial": f"{coordinator['id']:020x}",
                    "certificate_issuer": "ҰКО (RSA)",
                    "signed_at": at,
                    "accepted_at": at,
                    "by_id": coordinator["id"],
                }

    run.writer.rows(ReviewAcceptance, acceptances())
    run.writer.rows(
        Refusal,
        (
            {
                "application_id": pk,
                "category": r["refusal"]["category"],
                "reason": r["refusal"]["reason"],
                "by_id": coordinator["id"],
                "at": r["refusal"]["at"],
            }
            for pk, r in reviews.items()
            if "refusal" in r
        ),
    )
    run.writer.rows(
        Recommendation,
        (
            {
                "application_id": pk,
                "text": r["recommendation"]["text"],
                "by_id": coordinator["id"],
                "at": r["recommendation"]["at"],
            }
            for pk, r in reviews.items()
            if "recommendation" in r
        ),
    )


def deadline_row(
    run: Run,
    pk: int,
    ct: str,
    obj_id: int,
    obj_repr: str,
    kind: str,
    rule: str,
    region_id: int,
    due_on: date,
    opened_at: datetime,
    met_at=None,
    cancelled_at=None,
    url: str = "",
) -> dict:
    return {
        "id": pk,
        "content_type_id": run.ct[ct],
        "object_id": str(obj_id),
        "object_repr": obj_repr[:300],
        "url": url,
        "kind": kind,
        "rule": rule,
        "region_id": region_id,
        "due_on": due_on,
        "opened_at": opened_at,
        "met_at": met_at,
        "met_on_time": None if met_at is None else local_day(met_at) <= due_on,
        "cancelled_at": cancelled_at,
    }


def seed_deadlines(run: Run, rows: list[dict], responsible: dict[int, list[int]]) -> None:
    run.writer.rows(Deadline, rows, with_id=True)
    run.writer.m2m(
        Deadline.responsible.through,
        "deadline",
        "user",
        ((row["id"], user) for row in rows for user in responsible[row["id"]]),
    )


def seed_review_deadlines(run: Run, region: Region, submitted: list, people: People) -> None:
    """§19: opened at submission; met by a refusal or a place on an agenda; cancelled by a withdrawal."""
    rows = []
    for app, pk in zip(submitted, run.ids.take(Deadline, len(submitted)), strict=True):
        times, session = app["times"], app["session"]
        met = times.get("refused") or (session.scheduled_at if session is not None else None)
        rows.append(
            deadline_row(
                run,
                pk,
                "application",
                app["id"],
                app["number"],
                Deadline.Kind.REVIEW,
                "§19",
                region.pk,
                app["review_due"],
                times["submitted"],
                met_at=met,
                cancelled_at=times.get("withdrawn"),
                url=run.urls["review"].replace("999999999", str(app["id"])),
            )
        )
    seed_deadlines(run, rows, {row["id"]: [people.coordinator["id"]] for row in rows})


# ---------------------------------------------------------------- council sessions


def member_label(seat, labels: Labels) -> str:
    _sid, user, position, _business = seat
    return f"{user['last_name']} {user['first_name']} ({labels.position[position]})"


def plan_meeting(session: SessionPlan, people: People, rng: random.Random) -> dict:
    """Presence (the chair and the secretary always come; quorum always holds) and each item's votes (§21)."""
    seats = people.seats
    present = set(rng.sample([s[0] for s in seats[2:]], rng.randint(7, len(seats) - 2))) | {seats[0][0], seats[1][0]}
    items = sorted(session.items, key=lambda a: (not a["priority"], a["id"]))
    votes = []
    for app in items:
        participants = [s for s in seats if s[0] in present]
        approve = app["status"] != Status.REJECTED
        n = len(participants)
        needed = -(-2 * n // 3)
        votes_for = rng.randint(needed, n) if approve else rng.randint(0, needed - 1)
        rest = [rng.choice(("against", "abstain")) for _i in range(n - votes_for)]
        choices = ["for"] * votes_for + rest
        rng.shuffle(choices)
        assert decision_approves(votes_for=votes_for, participants=n) == approve
        votes.append(list(zip(participants, choices, strict=True)))
    return {"present": present, "items": items, "votes": votes}


def seed_sessions(run: Run, region: Region, people: People, sessions: list, labels: Labels, rng: random.Random) -> None:
    meetings = {s.id: plan_meeting(s, people, rng) for s in sessions}
    item_ids = iter(run.ids.take(AgendaItem, sum(len(s.items) for s in sessions)))
    for session in sessions:
        session.item_ids = [next(item_ids) for _app in meetings[session.id]["items"]]
    run.writer.rows(CouncilSession, (session_row(s, people, meetings[s.id]) for s in sessions), with_id=True)
    run.writer.rows(
        AgendaItem, (row for s in sessions for row in item_rows(run, s, meetings[s.id], people, labels)), with_id=True
    )
    past = [s for s in sessions if s.past]
    run.writer.rows(Attendance, (row for s in past for row in attendance_rows(run, s, meetings[s.id], people, labels)))
    run.writer.rows(Vote, (row for s in past for row in vote_rows(run, s, meetings[s.id], people, labels)))
    seed_protocols(run, region, past, meetings, people, labels)
    for session in sessions:
        run.journal.add(
            session.scheduled_at,
            people.coordinator["id"],
            run.ct["session"],
            session.id,
            session.label,
            "council_session_schedule",
            to_state="scheduled",
            rule="§19",
        )
    run.phases.bar("council sessions", per_region(SESSIONS, run.scale) * 20).update(len(sessions))


def _closing(session: SessionPlan) -> datetime:
    return session.starts_at + timedelta(minutes=15 + 8 * len(session.items))


def session_row(session: SessionPlan, people: People, meeting: dict) -> dict:
    row = {
        "id": session.id,
        "council_id": people.council_id,
        "number": session.number,
        "starts_at": session.starts_at,
        "place": "Әкімдік ғимараты, мәжіліс залы",
        "online_link": "",
        "status": "scheduled",
        "scheduled_by_id": people.coordinator["id"],
        "scheduled_at": session.scheduled_at,
    }
    if session.past:
        row.update(status="closed", opened_at=session.starts_at + timedelta(minutes=2), closed_at=_closing(session))
    return row


def item_rows(run: Run, session: SessionPlan, meeting: dict, people: People, labels: Labels):
    ct, chair, secretary = run.ct["item"], people.chair["id"], people.secretary["id"]
    for order, (app, pk, votes) in enumerate(
        zip(meeting["items"], session.item_ids, meeting["votes"], strict=True), start=1
    ):
        row = {"id": pk, "session_id": session.id, "application_id": app["id"], "order": order}
        if session.past:
            opened = session.starts_at + timedelta(minutes=5 + 8 * order)
            decided = opened + timedelta(minutes=7)
            tally = Counter(choice for _seat, choice in votes)
            decision = "rejected" if app["status"] == Status.REJECTED else "approved"
            n = len(votes)
            row.update(
                status="closed",
                decision=decision,
                decision_rule=DECISION_RULE,
                members_count=len(people.seats),
                present_count=n,
                recused_count=0,
                participants=n,
                votes_for=tally["for"],
                votes_against=tally["against"],
                votes_abstain=tally["abstain"],
                decided_at=decided,
                reasons=REJECTIONS[pk % len(REJECTIONS)] if decision == "rejected" else "",
            )
            app["reasons"], app["order"] = row["reasons"], order
            repr_ = f"{order}. {app['number']}"
            run.journal.add(opened, secretary, ct, pk, repr_, "council_voting_open", "pending", "voting", rule="§21")
            for seat, choice in votes:
                run.journal.add(
                    opened + timedelta(minutes=1 + seat[0] % 5),
                    seat[1]["id"],
                    ct,
                    pk,
                    repr_,
                    "council_vote",
                    to_state=choice,
                    reason=member_label(seat, labels),
                    rule="§21",
                )
            run.journal.add(
                decided,
                chair,
                ct,
                pk,
                repr_,
                "council_decide",
                "voting",
                decision,
                reason=f"{tally['for']}/{tally['against']}/{tally['abstain']} of {n}",
                rule="§21",
            )
            if decision == "rejected":
                run.journal.add(
                    decided + timedelta(minutes=1),
                    secretary,
                    ct,
                    pk,
                    repr_,
                    "council_reasons",
                    reason=row["reasons"],
                    rule="§24",
                )
        yield row


def attendance_rows(run: Run, session: SessionPlan, meeting: dict, people: People, labels: Labels):
    secretary = people.secretary["id"]
    for seat in people.seats:
        present = seat[0] in meeting["present"]
        at = session.starts_at + timedelta(minutes=3)
        self_checked = present and seat[0] % 2 == 0
        by = seat[1]["id"] if self_checked else secretary
        run.journal.add(
            at,
            by,
            run.ct["session"],
            session.id,
            session.label,
            "council_presence",
            to_state="present" if present else "absent",
            reason=member_label(seat, labels),
            rule="§21",
        )
        yield {
            "session_id": session.id,
            "member_id": seat[0],
            "present": present,
            "self_checked": self_checked,
            "recorded_by_id": by,
            "recorded_at": at,
        }


def vote_rows(run: Run, session: SessionPlan, meeting: dict, people: People, labels: Labels):
    for order, (pk, votes) in enumerate(zip(session.item_ids, meeting["votes"], strict=True), start=1):
        opened = session.starts_at + timedelta(minutes=5 + 8 * order)
        for seat, choice in votes:
            yield {
                "item_id": pk,
                "member_id": seat[0],
                "choice": choice,
                "entered_by_id": seat[1]["id"],
                "cast_at": opened + timedelta(minutes=1 + seat[0] % 5),
            }


POSITION_RANK = {"chair": 0, "secretary": 1, "member": 2}


def protocol_content(session: SessionPlan, meeting: dict, people: People, council: dict) -> dict:
    """The same facts as ``councils.services.protocol.protocol_content`` reads from the records."""
    seats = sorted(people.seats, key=lambda s: (POSITION_RANK[s[2]], s[1]["last_name"], s[1]["first_name"]))
    names = {s[0]: f"{s[1]['last_name']} {s[1]['first_name']}" for s in seats}
    present = len(meeting["present"])
    items = []
    for order, (app, votes) in enumerate(zip(meeting["items"], meeting["votes"], strict=True), start=1):
        tally = Counter(choice for _seat, choice in votes)
        items.append(
            {
                "order": order,
                "number": app["number"],
                "applicant": app["applicant"]["name"],
                "identifier": app["applicant"]["identifier"],
                "project": app["project_name"],
                "status": "closed",
                "carried_reason": "",
                "recusals": [],
                "votes": [{"name": names[s[0]], "choice": c} for s, c in votes],
                "rule": DECISION_RULE,
                "members": len(seats),
                "present": len(votes),
                "recused": 0,
                "participants": len(votes),
                "for": tally["for"],
                "against": tally["against"],
                "abstain": tally["abstain"],
                "decision": "rejected" if app["status"] == Status.REJECTED else "approved",
                "reasons": app.get("reasons", ""),
                "notes": "",
            }
        )
    return {
        **council,
        "number": session.number,
        "starts_at": session.starts_at.isoformat(),
        "place": "Әкімдік ғимараты, мәжіліс залы",
        "online_link": "",
        "members": [
            {"name": names[s[0]], "position": s[2], "business": s[3], "present": s[0] in meeting["present"]}
            for s in seats
        ],
        "quorum": {
            "members": len(seats),
            "present": present,
            "rule": QUORUM_RULE,
            "holds": 3 * present >= 2 * len(seats),
        },
        "items": items,
    }


def seed_protocols(run: Run, region: Region, past: list, meetings: dict, people: People, labels: Labels) -> None:
    """§23 signed protocols, the decisions they carry out (§22, §24) and the hand-overs (§25)."""
    council = Council.objects.values("name_kk", "name_ru").get(pk=people.council_id)
    council = {"council_kk": council["name_kk"], "council_ru": council["name_ru"]}
    protocol_ids = run.ids.take(Protocol, len(past))
    handed = [s for s in past if s.handover_at is not None]
    handover_ids = dict(zip((s.id for s in handed), run.ids.take(Handover, len(handed)), strict=True))
    protocols, handovers, deadlines, links = [], [], [], []
    deadline_ids = iter(run.ids.take(Deadline, 2 * len(past)))
    for session, pk in zip(past, protocol_ids, strict=True):
        content = protocol_content(session, meetings[session.id], people, council)
        signed_hash = hashlib.sha256(protocol_bytes(content)).hexdigest()
        closed, day = _closing(session), local_day(session.starts_at)
        due = working_days_after(day, 3)
        protocols.append(
            {
                "id": pk,
                "session_id": session.id,
                "status": "final",
                "due_on": due,
                "drafted_at": closed,
                "content": content,
                "content_hash": signed_hash,
                "signature": "YmVuY2gtY21z",
                "signed_by_id": people.chair["id"],
                "signed_at": session.signed_at,
                "signer_subject": f"CN={people.chair['last_name']} {people.chair['first_name']}",
            }
        )
        label = labels.protocol % {"session": session.label}
        url = run.urls["protocol"].replace("999999999", str(pk))
        officers = [people.chair["id"], people.secretary["id"]]
        handover_due = working_days_after(local_day(session.signed_at), 3)
        deadlines.append(
            (
                deadline_row(
                    run,
                    next(deadline_ids),
                    "protocol",
                    pk,
                    label,
                    Deadline.Kind.PROTOCOL,
                    "§23",
                    region.pk,
                    due,
                    closed,
                    met_at=session.signed_at,
                    url=url,
                ),
                officers,
            )
        )
        deadlines.append(
            (
                deadline_row(
                    run,
                    next(deadline_ids),
                    "protocol",
                    pk,
                    label,
                    Deadline.Kind.HANDOVER,
                    "§25",
                    region.pk,
                    handover_due,
                    session.signed_at,
                    met_at=session.handover_at,
                    url=url,
                ),
                [people.coordinator["id"]],
            )
        )
        session_journal(run, session, pk, label, people)
        if session.handover_at is not None:
            approved = [a for a in meetings[session.id]["items"] if a["status"] in HANDED_OVER]
            handovers.append(
                {
                    "id": handover_ids[session.id],
                    "session_id": session.id,
                    "sent_by_id": people.coordinator["id"],
                    "sent_at": session.handover_at,
                    "due_on": handover_due,
                }
            )
            links += [(handover_ids[session.id], a["id"]) for a in approved]
            handover_journal(run, session, approved, label, people)
    run.writer.rows(Protocol, protocols, with_id=True)
    run.writer.rows(Handover, handovers, with_id=True)
    run.writer.m2m(Handover.applications.through, "handover", "application", links)
    seed_deadlines(run, [row for row, _users in deadlines], {row["id"]: users for row, users in deadlines})


def session_journal(run: Run, session: SessionPlan, protocol_id: int, label: str, people: People) -> None:
    j, ct, secretary, chair = run.journal, run.ct["session"], people.secretary["id"], people.chair["id"]
    j.add(
        session.starts_at + timedelta(minutes=2),
        secretary,
        ct,
        session.id,
        session.label,
        "council_session_open",
        "scheduled",
        "open",
        rule="§21",
    )
    j.add(
        _closing(session),
        secretary,
        ct,
        session.id,
        session.label,
        "council_session_close",
        "open",
        "closed",
        rule="§23",
    )
    j.add(
        session.signed_at,
        chair,
        run.ct["protocol"],
        protocol_id,
        label,
        "council_protocol_sign",
        "draft",
        "final",
        rule="§23",
    )
    for app in session.items:
        approved = app["status"] != Status.REJECTED
        j.add(
            session.signed_at,
            chair,
            run.ct["application"],
            app["id"],
            app["number"],
            "council_decide",
            "on_agenda",
            "approved" if approved else "rejected",
            reason=app.get("reasons", ""),
            rule="§22" if approved else "§24",
        )


def handover_journal(run: Run, session: SessionPlan, approved: list, label: str, people: People) -> None:
    coordinator = people.coordinator["id"]
    for app in approved:
        run.journal.add(
            session.handover_at,
            coordinator,
            run.ct["application"],
            app["id"],
            app["number"],
            "council_handover",
            "approved",
            "sent_to_budget",
            reason=label,
            rule="§25",
        )
    run.journal.add(
        session.handover_at,
        coordinator,
        run.ct["session"],
        session.id,
        session.label,
        "council_handover",
        reason=f"{len(approved)}",
        rule="§25",
    )


# ---------------------------------------------------------------- funded projects


def seed_projects(run: Run, region: Region, apps: list, people: People, rng: random.Random) -> list:
    """§26 §27 budget requests, §17 published plans, §7 terms, results and one object per funded project."""
    handed = [a for a in apps if a["status"] in HANDED_OVER]
    requested = [
        a for a in handed if a["status"] in FUNDED_FAMILY or (rng.random() < 0.5 and a["times"]["requested"] < run.now)
    ]
    funded = [a for a in handed if a["status"] in FUNDED_FAMILY]
    for app, pk in zip(requested, run.ids.take(BudgetRequest, len(requested)), strict=True):
        app["request_id"] = pk
    for app, pk in zip(funded, run.ids.take(FinancingPlan, len(funded)), strict=True):
        app["plan_id"] = pk
    termed = [a for a in funded if "term_start" in a["times"]]
    for app, pk in zip(termed, run.ids.take(SupportTerm, len(termed)), strict=True):
        app["term_id"] = pk
    w = run.writer
    w.rows(BudgetRequest, (budget_row(run, a, people, rng) for a in requested), with_id=True)
    w.rows(FinancingPlan, (plan_row(run, a, people) for a in funded), with_id=True)
    w.rows(FinancingPlanLine, (row for a in funded for row in plan_lines(a)))
    w.rows(SupportTerm, (term_row(run, a, people) for a in termed), with_id=True)
    w.rows(YearResult, (row for a in termed for row in year_results(run, a, people, rng)))
    w.rows(ResultIndicator, (row for a in termed for row in indicators(run, a)))
    w.rows(FundsUse, (row for a in termed for row in funds_use(run, a, rng)))
    seed_project_deadlines(run, region, funded, people)
    objects = seed_objects(run, region, funded, rng)
    run.phases.bar("funded projects", per_region(FUNDED, run.scale) * 20).update(len(funded))
    return objects


def budget_row(run: Run, app: dict, people: People, rng: random.Random) -> dict:
    times, j, budget = app["times"], run.journal, people.budget["id"]
    year = local_day(times["requested"]).year + 1
    row = {
        "id": app["request_id"],
        "application_id": app["id"],
        "amount": app["project_cost"],
        "programme_code": "253",
        "subprogramme_code": rng.choice(["015", "032", "100"]),
        "year": year,
        "status": "submitted",
        "submitted_at": times["requested"],
    }
    label = f"{app['number']} · 253/{row['subprogramme_code']} · {year}"
    j.add(
        times["requested"],
        budget,
        run.ct["request"],
        row["id"],
        label,
        "budget_request_submit",
        to_state="submitted",
        rule="§26",
    )
    if "reviewed" in times:
        approved_on = local_day(times["reviewed"]) + timedelta(days=2)
        row.update(
            status="accepted",
            commission_date=local_day(times["reviewed"]),
            commission_number=f"БК-{year}/{app['id'] % 1000}",
            approved_amount=app["project_cost"],
            reviewed_at=times["reviewed"],
            budget_approved_on=approved_on,
            resolution_due=approved_on + timedelta(days=14),
            resolution_date=approved_on + timedelta(days=2),
            resolution_number=f"{rng.randint(100, 999)}-қ",
        )
        planning = people.planning["id"]
        j.add(
            times["reviewed"],
            planning,
            run.ct["request"],
            row["id"],
            label,
            "budget_request_accept",
            "submitted",
            "accepted",
            rule="§26",
        )
        j.add(local(approved_on, 10), budget, run.ct["request"], row["id"], label, "budget_approval_record", rule="§27")
        j.add(
            local(approved_on + timedelta(days=2), 10),
            budget,
            run.ct["request"],
            row["id"],
            label,
            "akimat_resolution_record",
            rule="§27",
        )
    return row


def plan_row(run: Run, app: dict, people: People) -> dict:
    times, j, budget, number = app["times"], run.journal, people.budget["id"], app["number"]
    approved_on = local_day(times["funded"])
    j.add(
        times["funded"], budget, run.ct["plan"], app["plan_id"], number, "plan_approve", to_state="approved", rule="§17"
    )
    j.add(
        times["funded"],
        budget,
        run.ct["application"],
        app["id"],
        number,
        "financing_plan_approved",
        "sent_to_budget",
        "funded",
        rule="§17",
    )
    j.add(
        times["published"],
        budget,
        run.ct["plan"],
        app["plan_id"],
        number,
        "plan_publish",
        "approved",
        "published",
        rule="§17",
    )
    return {
        "id": app["plan_id"],
        "application_id": app["id"],
        "status": "published",
        "approved_on": approved_on,
        "publish_due": working_days_after(approved_on, 3),
        "published_at": times["published"],
    }


def plan_lines(app: dict):
    start = local_day(app["times"]["funded"])
    monthly = (app["project_cost"] / 12).quantize(Decimal("0.01"))
    for k in range(12):
        month_index = start.month + k
        yield {
            "plan_id": app["plan_id"],
            "year": start.year + (month_index - 1) // 12,
            "month": (month_index - 1) % 12 + 1,
            "obligations": monthly,
            "payments": monthly,
        }


def term_row(run: Run, app: dict, people: People) -> dict:
    times, number, budget = app["times"], app["number"], people.budget["id"]
    starts = local_day(times["term_start"])
    ends = add_months(starts, app["term_months"])
    run.journal.add(
        times["term_start"],
        budget,
        run.ct["application"],
        app["id"],
        number,
        "support_term_start",
        "funded",
        "in_monitoring",
        rule="§7",
    )
    run.journal.add(
        times["term_start"],
        budget,
        run.ct["term"],
        app["term_id"],
        f"{number}: {starts} – {ends}",
        "support_term_start",
        rule="§7",
    )
    row = {"id": app["term_id"], "application_id": app["id"], "starts_on": starts, "ends_on": ends, "current_end": ends}
    if "term_end" in times:
        row["ended_on"] = ends
        run.journal.add(
            times["term_end"],
            budget,
            run.ct["application"],
            app["id"],
            number,
            "support_term_end",
            "in_monitoring",
            "completed",
            rule="§7",
        )
    return row


def _term_years(run: Run, app: dict) -> range:
    start = local_day(app["times"]["term_start"])
    end = add_months(start, app["term_months"])
    return range(start.year, min(end.year, local_day(run.now).year) + 1)


def year_results(run: Run, app: dict, people: People, rng: random.Random):
    this_year = local_day(run.now).year
    for year in _term_years(run, app):
        jobs = rng.randint(3, 30)
        row = {
            "application_id": app["id"],
            "year": year,
            "plan_jobs_permanent": jobs,
            "plan_jobs_temporary": rng.randint(0, 10),
            "plan_tax": Decimal(rng.randint(500, 20_000)),
            "plan_output": Decimal(rng.randint(20_000, 300_000)),
            "plan_payroll_growth": Decimal("5.00"),
        }
        if year < this_year:
            reported = local(date(year + 1, 1, rng.randint(10, 28)), 11)
            row.update(
                status="confirmed",
                fact_jobs_permanent=max(0, jobs + rng.randint(-3, 3)),
                fact_jobs_temporary=rng.randint(0, 10),
                fact_tax=row["plan_tax"] * Decimal("1.05"),
                fact_output=row["plan_output"] * Decimal("0.95"),
                fact_payroll_growth=Decimal("4.50"),
                reported_at=reported,
                confirmed_at=reported + timedelta(days=5),
                confirmed_by_id=people.coordinator["id"],
            )
        yield row


def indicators(run: Run, app: dict):
    year = local_day(app["times"]["term_start"]).year
    done = app["status"] == Status.COMPLETED or run.now - app["times"]["term_start"] > timedelta(days=365)
    yield {
        "application_id": app["id"],
        "year": year,
        "kind": "direct",
        "name": "Нысан пайдалануға берілді",
        "unit": "дана",
        "plan": Decimal(1),
        "fact": Decimal(1) if done else None,
    }
    yield {
        "application_id": app["id"],
        "year": year,
        "kind": "final",
        "name": "Құрылған жұмыс орындары",
        "unit": "адам",
        "plan": Decimal(10),
        "fact": Decimal(9) if done else None,
    }


def funds_use(run: Run, app: dict, rng: random.Random):
    years = _term_years(run, app)
    share = (app["project_cost"] / len(years)).quantize(Decimal("0.01"))
    for year in years:
        unspent = rng.random() < 0.2
        yield {
            "application_id": app["id"],
            "year": year,
            "source": rng.choice(FundsUse.Source.values),
            "allocated": share,
            "disbursed": share * Decimal("0.9") if unspent else share,
            "unspent_reason": "Мердігер жұмысты кешіктірді" if unspent else "",
        }


def seed_project_deadlines(run: Run, region: Region, funded: list, people: People) -> None:
    """§17 publication and §27 akimat resolution, both met."""
    rows = []
    ids = iter(run.ids.take(Deadline, 2 * len(funded)))
    for app in funded:
        times = app["times"]
        approved_on = local_day(times["funded"])
        rows.append(
            deadline_row(
                run,
                next(ids),
                "plan",
                app["plan_id"],
                app["number"],
                Deadline.Kind.FINANCING_PLAN,
                "§17",
                region.pk,
                working_days_after(approved_on, 3),
                times["funded"],
                met_at=times["published"],
            )
        )
        budget_day = local_day(times["reviewed"]) + timedelta(days=2)
        rows.append(
            deadline_row(
                run,
                next(ids),
                "request",
                app["request_id"],
                app["number"],
                Deadline.Kind.AKIMAT_RESOLUTION,
                "§27",
                region.pk,
                budget_day + timedelta(days=14),
                local(budget_day, 10),
                met_at=local(budget_day + timedelta(days=2), 10),
            )
        )
    seed_deadlines(run, rows, {row["id"]: [people.budget["id"]] for row in rows})


def seed_objects(run: Run, region: Region, funded: list, rng: random.Random) -> list[int]:
    """§6 §7: one object per funded project, at least three businesses using it."""
    ids = run.ids.take(InfrastructureObject, len(funded))
    rows, users, links = [], [], []
    for app, pk in zip(funded, ids, strict=True):
        times, status = app["times"], app["status"]
        operating = status != Status.FUNDED
        start = local_day(times.get("term_start") or times["funded"])
        rows.append(
            {
                "id": pk,
                "region_id": region.pk,
                "name": f"{app['type_name']} — {rng.choice(VILLAGES)}",
                "object_type_id": app["infrastructure_type_id"],
                "location": f"{region.name_kk}, {rng.choice(VILLAGES)} ауылы",
                "capacity": f"{rng.randint(5, 500)} т/тәул.",
                "operator": app["applicant"]["name"],
                "works_status": "operating" if operating else "construction",
                "commissioned_on": start if operating else None,
            }
        )
        links.append((pk, app["id"]))
        for i in range(rng.randint(3, 5)):
            first, last = person(rng)
            users.append(
                {
                    "infrastructure_object_id": pk,
                    "identifier": f"{pk % 10**9:09d}{i:03d}",
                    "name": f"ЖК {last} {first[0]}.",
                    "used_from": start,
                }
            )
    run.writer.rows(InfrastructureObject, rows, with_id=True)
    run.writer.rows(ObjectUser, users)
    run.writer.m2m(InfrastructureObject.projects.through, "infrastructureobject", "application", links)
    return list(ids)


def months_back(today: date, n: int) -> list[date]:
    """The first days of the ``n`` months that end with this one, oldest first."""
    index = today.year * 12 + today.month - 1
    return [date((index - k) // 12, (index - k) % 12 + 1, 1) for k in range(n - 1, -1, -1)]


def seed_load(run: Run, objects: list[int], rng: random.Random) -> None:
    """§29.1: monthly load readings (numbers go to COPY as text: no Decimal objects for a million rows)."""
    months = months_back(local_day(run.now), READINGS_PER_OBJECT)
    bar = run.phases.bar("load readings", per_region(FUNDED, run.scale) * 20 * READINGS_PER_OBJECT)

    def rows():
        for pk in objects:
            base = rng.randint(30, 80)
            for month in months:
                occupancy = min(100, max(0, base + rng.randint(-15, 15)))
                yield (
                    pk,
                    month,
                    f"{occupancy}.{rng.randint(0, 9)}",
                    rng.randint(3, 60),
                    f"{rng.randint(100, 90_000)}.{rng.randint(0, 99):02d}",
                )
            bar.update(len(months))

    run.writer.copy(
        LoadIndicator._meta.db_table, ["infrastructure_object_id", "month", "occupancy", "served", "volume"], rows()
    )


# ---------------------------------------------------------------- the journal, counters, checks


def seed_journal(run: Run) -> None:
    """The events in time order, each chained to the one before as ``registry.audit`` does."""
    events = run.journal.events
    events.sort(key=lambda e: e[0])
    bar = run.phases.bar("audit journal", len(events))
    prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or ""
    key = chain_key()

    def rows():
        nonlocal prev
        for i, (at, actor, ct, obj_id, obj_repr, action, from_state, to_state, reason, rule) in enumerate(events):
            content = json.dumps(
                [
                    at.astimezone(UTC).isoformat(),
                    actor,
                    ct,
                    obj_id,
                    obj_repr,
                    action,
                    from_state,
                    to_state,
                    reason,
                    rule,
                    "",
                ],
                ensure_ascii=False,
                separators=(",", ":"),
            )
            digest = chain_hash(prev, content, key)
            yield (at, actor, ct, obj_id, obj_repr, action, from_state, to_state, reason, rule, "", prev, digest)
            prev = digest
            if i % 10_000 == 9_999:
                bar.update(10_000)
        bar.update(len(events) % 10_000)

    columns = [
        "at",
        "actor_id",
        "content_type_id",
        "object_id",
        "object_repr",
        "action",
        "from_state",
        "to_state",
        "reason",
        "rule",
        "request_id",
        "prev_hash",
        "hash",
    ]
    run.writer.copy(AuditEvent._meta.db_table, columns, rows())
    events.clear()


def seed_counters(run: Run) -> None:
    """The registry numbers continue where the seeded ones stop (``next_registry_number``)."""
    with connection.cursor() as cursor:
        for (region_id, year), last in run.registry_counters.items():
            cursor.execute(
                "INSERT INTO applications_registrycounter (region_id, year, last) VALUES (%s, %s, %s) "
                "ON CONFLICT (region_id, year) DO UPDATE SET last = EXCLUDED.last",
                [region_id, year, last],
            )


def store_pdf() -> None:
    if not default_storage.exists(PDF_NAME):
        default_storage.save(PDF_NAME, ContentFile(PDF))


def bench_data_present() -> bool:
    return User.objects.filter(username__startswith=PREFIX).exists()


def reset() -> None:
    """Empty the tables the seeder fills (only in a database whose name says it is a bench one)."""
    name = connection.settings_dict["NAME"]
    if "bench" not in name:
        raise SystemExit(f"refusing --reset: database {name!r} does not have 'bench' in its name")
    tables = [
        model._meta.db_table
        for label in ("applications", "councils", "monitoring")
        for model in django_apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    tables += [
        model._meta.db_table
        for model in (AuditEvent, Deadline, PersonalAccount, User, BudgetProgramme, BudgetAdministrator)
    ]
    with connection.cursor() as cursor:
        # CASCADE also empties what points at users (notifications, generated documents, sessions' logs).
        # The journal's TRUNCATE guard (registry 0007) lets this bench session through.
        cursor.execute("SET portal.audit_truncate = 'allowed'")
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def _seed_region(run: Run, region: Region, labels: Labels) -> None:
    rng = random.Random(f"{SEED}-{region.code}")
    phases, scale = run.phases, run.scale
    with phases.timed("users"):
        n_entrepreneurs = max(1, per_region(APPLICATIONS, scale) // 10)
        people = seed_people(run, region, n_entrepreneurs, rng)
        per = 5 + COUNCIL_MEMBERS + n_entrepreneurs
        phases.bar("users", per * 20 + 1).update(per)
    with phases.timed("applications"):
        sessions = plan_sessions(run, per_region(SESSIONS, scale), rng)
        apps = seed_applications(run, region, people, sessions, labels, rng)
    with phases.timed("council sessions"):
        seed_sessions(run, region, people, sessions, labels, rng)
    with phases.timed("funded projects"):
        objects = seed_projects(run, region, apps, people, rng)
    with phases.timed("load readings"):
        seed_load(run, objects, rng)


def seed_with_timings(scale: float, *, progress: bool = True) -> tuple[dict[str, int], dict[str, float]]:
    if bench_data_present():
        raise BenchDataPresent("the database already holds bench data (users named bench-…): use --reset")
    phases = Phases(progress)
    store_pdf()
    with transaction.atomic():
        run = _reference(datetime.now(UTC).replace(microsecond=0), scale, phases)
        labels = Labels.load()
        with phases.timed("users"):
            seed_central(run)
            phases.bar("users", 1).update(1)
        for region in Region.objects.order_by("code"):
            _seed_region(run, region, labels)
        with phases.timed("audit journal"):
            seed_journal(run)
        seed_counters(run)
        run.ids.set_sequences()
        committing = time.perf_counter()
    # Deferred checks and the WAL flush of one large transaction.
    phases.elapsed["commit"] += time.perf_counter() - committing
    if not connection.in_atomic_block:  # pytest-django's test transaction cannot vacuum
        with phases.timed("vacuum analyze"), connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    phases.close()
    return dict(sorted(run.writer.counts.items())), dict(phases.elapsed)


def seed(scale: float, *, progress: bool = True) -> dict[str, int]:
    """Seed at ``scale`` (1.0 = the issue's figures); rows written per table."""
    return seed_with_timings(scale, progress=progress)[0]


def samples(region_code: str) -> dict[str, int]:
    """Ids the load harness can ask for in one region: what a typical page of each kind shows."""
    region = Application.objects.filter(region__code=region_code)
    past = CouncilSession.objects.filter(council__region__code=region_code, status=CouncilSession.Status.CLOSED)
    session = past.annotate(n=models.Count("items")).filter(n__gt=0).order_by("-starts_at").first()
    funded = region.filter(status=Status.IN_MONITORING).order_by("id").first()
    return {
        "refused_application": region.filter(status=Status.REFUSED).order_by("-id").values_list("id", flat=True)[0],
        "submitted_application": region.filter(status=Status.SUBMITTED).order_by("-id").values_list("id", flat=True)[0],
        "past_session": session.pk,
        "agenda_item": session.items.order_by("order").values_list("id", flat=True)[0],
        "protocol": session.protocol.pk,
        "funded_project": funded.pk,
        "infrastructure_object": funded.infrastructure_objects.values_list("id", flat=True)[0],
    }


def summary(counts: dict[str, int], elapsed: dict[str, float], total: float) -> str:
    lines = [f"{'table':<42} {'rows':>10}"]
    lines += [f"{table:<42} {n:>10,}" for table, n in counts.items()]
    lines += ["", f"{'phase':<42} {'seconds':>10}"]
    lines += [f"{name:<42} {elapsed[name]:>10.1f}" for name in Phases.NAMES if name in elapsed]
    lines.append(f"{'total':<42} {total:>10.1f}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        lines.append(f"database {connection.settings_dict['NAME']}: {cursor.fetchone()[0]}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--reset", action="store_true", help="empty the seeded tables first (bench databases only)")
    parser.add_argument("--reuse", action="store_true", help="keep the bench data an earlier run left, if any")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("the bench seeder needs PostgreSQL (DATABASE_URL)")
    print(f"seeding {connection.settings_dict['NAME']} at scale {args.scale} ({os.cpu_count()} CPUs)", flush=True)
    start = time.perf_counter()
    if args.reset:
        reset()
    elif bench_data_present():
        if args.reuse:
            print("the database already holds bench data: measuring on it (--reset to seed again)")
            return
        raise SystemExit("the database already holds bench data: run again with --reset (or --reuse)")
    counts, elapsed = seed_with_timings(args.scale)
    print(summary(counts, elapsed, time.perf_counter() - start))


if __name__ == "__main__":
    main()
