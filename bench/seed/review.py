"""Phase 2, the coordinator's review of a region's applications (§19): the eligibility pre-check's lines
and the coordinator's decisions on them, the acceptance, refusal and recommendation records, and the
§19 review deadlines. Called by ``bench.seed.applications.seed_applications``."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta

from applications.models import Recommendation, Refusal, ReviewAcceptance, Status
from bench.seed.common import CMS, Labels, People, Run, app_repr, deadline_row, seed_deadlines
from registry.models import Deadline, Region


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
