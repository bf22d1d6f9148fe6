"""Phase 1, users: each region's officials, council and entrepreneurs, and the central user."""

from __future__ import annotations

import random
from datetime import timedelta

from bench.seed.common import (
    BUSINESS_MEMBERS,
    COUNCIL_MEMBERS,
    DAYS,
    PREFIX,
    SEED,
    People,
    Run,
    identifier,
    local_day,
    person,
)
from councils.models import Council, CouncilMember
from registry.models import BudgetAdministrator, BudgetProgramme, Region, User


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
