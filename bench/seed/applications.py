"""Phase 2, applications: a region's plan (statuses, times, applicants) and each application's rows
(details, signature, attachments, planned users); the coordinator's review (eligibility, review records,
§19 deadlines) is ``bench.seed.review``."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta
from decimal import Decimal

from applications.models import (
    Application,
    ApplicationDetails,
    ApplicationSignature,
    Attachment,
    DocumentKind,
    EligibilityResult,
    PlannedUser,
    RefusalCategory,
    Status,
)
from bench.seed.common import (
    APPLICATIONS,
    CERT_PEM,
    CMS,
    DAYS,
    FUNDED,
    FUNDED_FAMILY,
    HANDED_OVER,
    PDF,
    PDF_NAME,
    VILLAGES,
    Labels,
    People,
    Run,
    app_repr,
    identifier,
    later,
    local,
    local_day,
    per_region,
    person,
    working_days_after,
)
from bench.seed.review import eligibility_rows, seed_review_deadlines, seed_review_records
from bench.seed.sessions import SessionPlan
from monitoring.services.term import add_months
from registry.models import PersonalAccount, Region

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

# How old a session must be for its projects to have reached the status (days).
MIN_SESSION_AGE = {Status.FUNDED: 110, Status.IN_MONITORING: 130, Status.COMPLETED: 500}

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

RECOMMENDATIONS = [
    "Жоба §5 және §7 талаптарына сәйкес келеді, ӨҮК қарауына ұсынылады.",
    "Проект соответствует требованиям Правил, рекомендуется к рассмотрению ӨҮК.",
]


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
