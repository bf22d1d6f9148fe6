"""Demo data: one user per role in Turkistan (KATO 61), a second region's coordinator.

Idempotent: running it twice leaves the same rows. Every demo user shares one
password, printed at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction

from councils.models import Council, CouncilMember
from registry.models import BudgetAdministrator, BudgetProgramme, OkedCode, PriorityActivity, Region
from registry.notifications import notification_send
from registry.validators import control_digit

DEMO_PASSWORD = "demo-pass-2026"
DEMO_REGION = "61"  # Turkistan region
OTHER_REGION = "71"  # Astana
COUNCIL_TERM_FROM = date(2026, 1, 1)
# The demo legal entity whose БСН the "cooperative" user's demo key carries (make_test_pki --bin).
DEMO_LEGAL_ENTITY = ("990540002276", "«Береке» ауыл шаруашылығы кооперативі")

# §5: the region's priority list, at most six ЭҚЖЖ codes (divisions and classes).
PRIORITY_CODES = ("01", "10", "13", "55", "62.01", "47.11")


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    last_name: str
    first_name: str
    patronymic: str = ""
    region: str | None = DEMO_REGION
    iin: str = ""


# ЖСН values carry valid check digits (two-pass mod-11): born 01.01.1990 (male)
# and 15.05.1985 (female).
DEMO_USERS = (
    DemoUser("entrepreneur", "entrepreneur", "Сейітов", "Ерлан", "Бақытұлы", iin="900101300017"),
    DemoUser("entrepreneur2", "entrepreneur", "Жұмабаева", "Айгүл", "Серікқызы", iin="850515400022"),
    # The head of an agricultural cooperative (a legal entity): make_test_pki --bin gives the
    # demo key the cooperative's БСН (see DEMO_LEGAL_ENTITY and the Makefile's run target).
    DemoUser("cooperative", "entrepreneur", "Байменов", "Нұржан", "Асқарұлы", iin="780312300106"),
    DemoUser("coordinator", "coordinator", "Омаров", "Дәурен", "Асқарұлы"),
    DemoUser("budget", "budget_admin", "Нұрланова", "Сәуле", "Маратқызы"),
    DemoUser("budget_district", "budget_admin", "Серікбаев", "Нұрлан", "Әлібекұлы"),
    DemoUser("regional_body", "regional_body", "Жақсылықова", "Айнұр", "Ерболқызы"),
    DemoUser("planning", "planning", "Қасымов", "Бауыржан", "Ержанұлы"),
    DemoUser("central", "central", "Әбенова", "Гүлнар", "Талғатқызы", region=None),
    DemoUser("coordinator_other", "coordinator", "Тоқтаров", "Нұрсұлтан", "Қайратұлы", region=OTHER_REGION),
)

COUNCIL_NAMES = (
    ("Әлиев", "Бекзат", "Нұрланұлы"),
    ("Садықова", "Динара", "Болатқызы"),
    ("Мұқанов", "Арман", "Серікұлы"),
    ("Ибраева", "Жанар", "Қанатқызы"),
    ("Төлеуов", "Ержан", "Мақсатұлы"),
    ("Байжанова", "Әсел", "Ғабитқызы"),
    ("Шәкенов", "Талғат", "Омарұлы"),
    ("Құдайбергенова", "Меруерт", "Әділқызы"),
    ("Ахметов", "Самат", "Жанатұлы"),
    ("Есенова", "Ләззат", "Бейсенқызы"),
)


def demo_iin(born: str, sex_digit: str, serial: int) -> str:
    """A ЖСН with a valid check digit: YYMMDD, century/sex digit, serial, check digit.

    Council members and staff sign protocols and decisions with ЭЦҚ test keys
    (make_test_pki issues one per user with a ЖСН).
    """
    while True:
        head = f"{born}{sex_digit}{serial:04d}"
        check = control_digit(head)
        if check is not None:
            return f"{head}{check}"
        serial += 1


STAFF_IINS = {
    "coordinator": demo_iin("820312", "3", 101),
    "budget": demo_iin("870704", "4", 102),
    "planning": demo_iin("791120", "3", 103),
    "central": demo_iin("760228", "4", 104),
    "coordinator_other": demo_iin("880909", "3", 105),
    "budget_district": demo_iin("830517", "3", 106),
    "regional_body": demo_iin("850611", "4", 107),
}

# §2(9), §31(3): the region's administrator with two budget programmes, and a district administrator.
# (username, level, name kk, name ru, programmes as (code, name kk, name ru))
DEMO_ADMINISTRATORS = (
    (
        "budget",
        "regional",
        "Түркістан облысының кәсіпкерлік және индустриялық-инновациялық даму басқармасы",
        "Управление предпринимательства и индустриально-инновационного развития Туркестанской области",
        (
            (
                "028",
                "Кәсіпкерлікті қолдау үшін инженерлік инфрақұрылымды дамыту",
                "Развитие инженерной инфраструктуры для поддержки предпринимательства",
            ),
            (
                "035",
                "Шағын кәсіпкерлікке инфрақұрылымдық қолдау көрсету",
                "Инфраструктурная поддержка малого предпринимательства",
            ),
        ),
    ),
    (
        "budget_district",
        "district",
        "Сайрам ауданының кәсіпкерлік бөлімі",
        "Отдел предпринимательства Сайрамского района",
        (
            (
                "022",
                "Аудандағы кәсіпкерлік инфрақұрылымын дамыту",
                "Развитие инфраструктуры предпринимательства в районе",
            ),
        ),
    ),
)


def council_demo_users() -> list[DemoUser]:
    return [
        DemoUser(
            f"council{i}",
            "council_member",
            last,
            first,
            patronymic,
            iin=demo_iin(f"7{i % 10}0{(i % 9) + 1}15", "4" if last.endswith(("ва", "ова")) else "3", 200 + i),
        )
        for i, (last, first, patronymic) in enumerate(COUNCIL_NAMES, start=1)
    ]


def council_seat(number: int) -> tuple[str, bool]:
    """Position and business-community flag of council<number>.

    §21: chair and secretary among the members; six of ten (≥ 50 %) represent
    the business community.
    """
    position = {1: CouncilMember.Position.CHAIR, 2: CouncilMember.Position.SECRETARY}.get(
        number, CouncilMember.Position.MEMBER
    )
    return position, number > 4


class Command(BaseCommand):
    help = "Creates (idempotently) the demo region setup and one user per role; prints the shared password."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEMO_PASSWORD, help="the shared demo password")

    def handle(self, *args, **options):
        password = options["password"]
        with transaction.atomic():
            regions = {code: Region.objects.get(code=code) for code in (DEMO_REGION, OTHER_REGION)}
            created = [self.ensure_user(spec, regions, password) for spec in (*DEMO_USERS, *council_demo_users())]
            created.append(self.ensure_admin(password))
            self.ensure_administrators(regions[DEMO_REGION])
            self.ensure_council(regions[DEMO_REGION])
            self.ensure_priority_list(regions[DEMO_REGION])
            for user in filter(None, created):
                notification_send(recipient=user, kind="welcome", context={"user": user}, email=False)
        self.report(password, sum(1 for user in created if user))

    def ensure_user(self, spec: DemoUser, regions: dict, password: str):
        """Create or refresh one demo user; returns the user only when newly created."""
        user, created = get_user_model().objects.update_or_create(
            username=spec.username,
            defaults={
                "role": spec.role,
                "region": regions[spec.region] if spec.region else None,
                "last_name": spec.last_name,
                "first_name": spec.first_name,
                "patronymic": spec.patronymic,
                "iin": spec.iin or STAFF_IINS.get(spec.username, ""),
                "email": f"{spec.username}@demo.portal.kz",
                "language": "kk",
                "is_active": True,
            },
        )
        self.ensure_password(user, password)
        return user if created else None

    def ensure_admin(self, password: str):
        user, created = get_user_model().objects.update_or_create(
            username="admin",
            defaults={
                "role": "central",
                "region": None,
                "first_name": "Әкімші",
                "last_name": "Порталдың",
                "email": "admin@demo.portal.kz",
                "is_staff": True,
                "is_superuser": True,
                "is_active": True,
            },
        )
        self.ensure_password(user, password)
        return user if created else None

    @staticmethod
    def ensure_administrators(region: Region) -> None:
        """§2(9): the demo administrators (organisations), their programmes, and their users."""
        for username, level, name_kk, name_ru, programmes in DEMO_ADMINISTRATORS:
            user = get_user_model().objects.select_related("administrator").get(username=username)
            # A copy of the demo migrated by registry 0008 already has the user's administrator: rename it.
            administrator = (
                user.administrator
                or BudgetAdministrator.objects.filter(region=region, name_kk=name_kk).first()
                or BudgetAdministrator(region=region)
            )
            administrator.level, administrator.name_kk, administrator.name_ru = level, name_kk, name_ru
            administrator.save()
            for code, programme_kk, programme_ru in programmes:
                BudgetProgramme.objects.update_or_create(
                    administrator=administrator, code=code, defaults={"name_kk": programme_kk, "name_ru": programme_ru}
                )
            get_user_model().objects.filter(username=username).update(administrator=administrator)

    @staticmethod
    def ensure_password(user, password: str) -> None:
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])

    def ensure_council(self, region: Region) -> Council:
        council, _ = Council.objects.get_or_create(
            region=region,
            defaults={
                "name_kk": "Түркістан облысының өңірлік үйлестіру кеңесі",
                "name_ru": "Региональный координационный совет Туркестанской области",
            },
        )
        users = {u.username: u for u in get_user_model().objects.filter(username__startswith="council")}
        for number in range(1, len(COUNCIL_NAMES) + 1):
            position, business = council_seat(number)
            CouncilMember.objects.update_or_create(
                council=council,
                user=users[f"council{number}"],
                term_from=COUNCIL_TERM_FROM,
                defaults={"position": position, "business_community": business},
            )
        return council

    def ensure_priority_list(self, region: Region) -> None:
        """§5: at most six codes; only classifier rows that exist are listed."""
        for oked in OkedCode.objects.filter(code__in=PRIORITY_CODES).order_by("code"):
            if PriorityActivity.objects.filter(region=region, oked=oked).exists():
                continue
            activity = PriorityActivity(region=region, oked=oked, decree="Демо: облыс әкімдігінің қаулысы")
            try:
                activity.full_clean()
            except ValidationError as error:  # the list is already full (edited in the admin)
                self.stderr.write(f"priority list: {oked.code} skipped: {'; '.join(error.messages)}")
                continue
            activity.save()

    def report(self, password: str, created: int) -> None:
        usernames = [spec.username for spec in (*DEMO_USERS, *council_demo_users())] + ["admin"]
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} new users)."))
        self.stdout.write("Users: " + ", ".join(usernames))
        self.stdout.write(f"Shared demo password: {password}")
