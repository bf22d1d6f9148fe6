"""Phase 3, council sessions: their plan, agenda items, attendance, named votes, signed protocols,
handovers and their journal."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from applications.models import Status
from bench.seed.common import (
    DAYS,
    HANDED_OVER,
    LOCAL,
    SESSIONS,
    Labels,
    People,
    Run,
    deadline_row,
    later,
    local,
    local_day,
    per_region,
    seed_deadlines,
    working_days_after,
)
from councils.models import AgendaItem, Attendance, Council, CouncilSession, Handover, Protocol, Vote
from councils.rules import DECISION_RULE, QUORUM_RULE, decision_approves
from councils.services.protocol import protocol_bytes
from registry.models import Deadline, Region

REJECTIONS = [
    "Жобаның экономикалық тиімділігі дәлелденбеген.",
    "Инфрақұрылым объектісі басқа бюджеттік бағдарлама есебінен салынуда.",
    "Совет счёл затраты на подведение сетей завышенными.",
]


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
