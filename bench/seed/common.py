"""The seeder's shared helpers: the figures per region, names and documents, COPY writing, explicit ids,
the phases' progress and clocks, time helpers, the run's context and the deadlines' rows."""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django.utils import translation
from psycopg.types.json import Jsonb
from tqdm import tqdm

from applications.models import Application, RefusalCategory, RegistryCounter, Status
from councils.models import AgendaItem, CouncilMember, CouncilSession, Protocol
from monitoring.models import BudgetResolution, FinancingPlan, SupportTerm
from registry.calendar import add_working_days
from registry.models import Deadline, EconomySector, InfrastructureObjectType, OkedCode, TaxRegime

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

HANDED_OVER = (Status.SENT_TO_BUDGET, Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)
FUNDED_FAMILY = (Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)

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
        "budget chain",
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


def app_repr(app: dict) -> str:
    """How the journal names an application: its number, or its id and project before it has one."""
    return app.get("number") or f"#{app['id']} {app['project_name']}".strip()


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


def new_run(now: datetime, scale: float, phases: Phases) -> Run:
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
            ("resolution", BudgetResolution),
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
