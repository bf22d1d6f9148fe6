"""Old notifications of every known kind get their data, so they read in the reader's language (issue 14).

0008 rebuilt ``welcome`` only. A row of any other kind written before kinds
were stored with their data names its object in its link (``/kk/review/7/``,
``/ru/councils/sessions/3/`` …) or, for ``council_not_decided`` which has
no link, in its subject (the application's number). From that object this
migration rebuilds the values its template reads, as ``notification_send``
would have stored them. A row whose object is gone, whose link names no
object, or whose kind is unknown keeps ``data`` empty and shows the words it
was written with (registry.notification_text).
"""

import re

from django.conf import settings
from django.db import migrations

from registry.snapshots import freeze

# The path of a row's link, without its language prefix -> (the object's kind, its id).
LINKS = {
    "review": re.compile(r"^/(?:kk/|ru/|en/)?review/(\d+)/"),
    "application": re.compile(r"^/(?:kk/|ru/|en/)?applications/(\d+)/"),
    "session": re.compile(r"^/(?:kk/|ru/|en/)?councils/sessions/(\d+)/"),
    "protocol": re.compile(r"^/(?:kk/|ru/|en/)?councils/protocols/(\d+)/"),
    "deadline": re.compile(r"^/(?:kk/|ru/|en/)?deadlines/(\d+)/"),
    "project": re.compile(r"^/(?:kk/|ru/|en/)?monitoring/projects/(\d+)/"),
}
LANGUAGE = re.compile(r"^/(kk|ru|en)/")


def _link(row, kind):
    match = LINKS[kind].match(row.url or "")
    return int(match.group(1)) if match else None


def _first(qs):
    return qs.first()


class Rebuild:
    """One builder a kind: the row -> its template's values (frozen), or None when the object is gone."""

    def __init__(self, apps, schema_editor):
        self.apps = apps
        self.model = apps.get_model

    def application(self, row, link="application"):
        pk = _link(row, link)
        return self.model("applications", "Application").objects.filter(pk=pk).first() if pk else None

    def application_submitted(self, row):
        a = self.application(row, "review")
        if a is None:
            return None
        return {"number": a.number, "project": a.project_name, "applicant": a.applicant_name, "due": a.review_due}

    def application_withdrawn(self, row):
        a = self.application(row, "review")
        if a is None:
            return None
        ContentType = self.model("contenttypes", "ContentType")
        event = _first(
            self.model("registry", "AuditEvent")
            .objects.filter(
                content_type=ContentType.objects.filter(app_label="applications", model="application").first(),
                object_id=str(a.pk),
                action="application_withdraw",
            )
            .order_by("-id")
        )
        return {"number": a.number, "project": a.project_name, "reason": event.reason if event else ""}

    def application_message(self, row):
        a = self.application(row)
        messages = self.model("applications", "ApplicationMessage").objects.filter(application=a)
        message = _first(messages.filter(sent_at__lte=row.created_at).order_by("-sent_at")) if a else None
        return {"application": a, "message": message} if message else None

    def review_accepted(self, row):
        a = self.application(row)
        return {"application": a} if a else None

    def review_refused(self, row):
        a = self.application(row)
        refusal = self.model("applications", "Refusal").objects.filter(application=a).first() if a else None
        return {"application": a, "refusal": refusal} if refusal else None

    def council_notice(self, row):
        a = self.application(row)
        notices = self.model("councils", "DecisionNotice").objects.filter(item__application=a, sent_at__isnull=False)
        notice = _first(notices.filter(sent_at__lte=row.created_at).order_by("-sent_at")) if a else None
        return {"notice": notice, "application": a, "item": notice.item} if notice else None

    def _decided(self, row, decisions):
        """(application, its latest item with one of ``decisions``, the session's protocol): no link, the number
        in the subject names the application."""
        words = set(re.findall(r"[\w./-]+", row.subject))
        a = self.model("applications", "Application").objects.filter(number__in=words).first()
        items = self.model("councils", "AgendaItem").objects.filter(application=a, decision__in=decisions)
        item = _first(items.order_by("-id")) if a else None
        if item is None:
            return None, None, None
        return a, item, self.model("councils", "Protocol").objects.filter(session=item.session_id).first()

    def council_not_decided(self, row):
        a, item, protocol = self._decided(row, ["not_decided"])
        return {"item": item, "application": a, "protocol": protocol} if item else None

    def council_decision(self, row):
        """A retired kind (before §24's signed notice): its template is kept for the rows that carry it."""
        a, item, protocol = self._decided(row, ["approved", "rejected"])
        if item is None:
            return None
        return {"item": item, "application": a, "approved": item.decision == "approved", "protocol": protocol}

    def _session(self, row):
        pk = _link(row, "session")
        return self.model("councils", "CouncilSession").objects.filter(pk=pk).first() if pk else None

    def council_session_scheduled(self, row):
        session = self._session(row)
        if session is None:
            return None
        language = LANGUAGE.match(row.url).group(1) if LANGUAGE.match(row.url) else "kk"
        ics = f"{settings.PORTAL_BASE_URL}/{language}/councils/sessions/{session.pk}/calendar.ics"
        items = list(session.items.select_related("application").order_by("order"))
        return {"session": session, "council": session.council, "items": items, "ics_url": ics}

    def council_session_reminder(self, row):
        session = self._session(row)
        return {"session": session, "council": session.council} if session else None

    def council_handover(self, row):
        pk = _link(row, "protocol")
        protocol = self.model("councils", "Protocol").objects.filter(pk=pk).first() if pk else None
        if protocol is None:
            return None
        session = protocol.session
        items = list(session.items.filter(decision="approved").select_related("application").order_by("order"))
        return {"session": session, "items": items, "protocol": protocol}

    def _deadline(self, row):
        Deadline = self.model("registry", "Deadline")
        pk = _link(row, "deadline")
        if pk:
            return Deadline.objects.filter(pk=pk).first()
        # The responsible got the object's own link: the deadline with that link (in any language) is theirs.
        path = LANGUAGE.sub("/", row.url or "")
        if path in ("", "/"):
            return None
        mine = Deadline.objects.filter(responsible=row.recipient_id, opened_at__lte=row.created_at)
        return _first(mine.filter(url__endswith=path).order_by("-opened_at"))

    def deadline_reminder(self, row, escalation=False):
        deadline = self._deadline(row)
        if deadline is None:
            return None
        responsible = deadline.responsible.filter(pk=row.recipient_id).exists()
        overdue = 0
        if escalation:
            from registry.deadlines import working_days_late

            overdue = working_days_late(deadline.due_on, row.created_at.date())
        return {"deadline": deadline, "days_overdue": overdue, "responsible": responsible}

    def deadline_escalation(self, row):
        return self.deadline_reminder(row, escalation=True)

    def _project(self, row):
        pk = _link(row, "project")
        return self.model("applications", "Application").objects.filter(pk=pk).first() if pk else None

    def _of_project(self, model_name, project, *, today):
        """The project's per-project request or plan of the time (monitoring 0004 runs after this
        migration), or, when the function runs on today's models, the administrator's one including it."""
        model = self.model("monitoring", model_name)
        per_project = any(field.name == "application" for field in model._meta.get_fields())
        return model.objects.filter(**{"application" if per_project else today: project}).first()

    def monitoring_plan_published(self, row):
        project = self._project(row)
        plan = self._of_project("FinancingPlan", project, today="projects")
        return {"project": project, "plan": plan} if plan else None

    def monitoring_budget_reviewed(self, row):
        project = self._project(row)
        request = self._of_project("BudgetRequest", project, today="lines__application")
        return {"project": project, "request": request} if request else None

    def monitoring_result_confirmed(self, row):
        project = self._project(row)
        results = self.model("monitoring", "YearResult").objects.filter(application=project, status="confirmed")
        years = [int(y) for y in re.findall(r"\b(20\d\d)\b", row.subject)]
        result = _first(results.filter(year__in=years)) or _first(results.order_by("-year")) if project else None
        return {"project": project, "result": result} if result else None


# Every kind notification_send is called with (besides ``welcome``, which 0008 rebuilt), and the retired
# ``council_decision``.
KINDS = (
    "council_decision",
    "application_submitted",
    "application_withdrawn",
    "application_message",
    "review_accepted",
    "review_refused",
    "council_notice",
    "council_not_decided",
    "council_session_scheduled",
    "council_session_reminder",
    "council_handover",
    "deadline_reminder",
    "deadline_escalation",
    "monitoring_plan_published",
    "monitoring_budget_reviewed",
    "monitoring_result_confirmed",
)


def forwards(apps, schema_editor):
    Notification = apps.get_model("registry", "Notification")
    rebuild = Rebuild(apps, schema_editor)
    for kind in KINDS:
        for row in Notification.objects.filter(kind=kind, data={}).iterator(chunk_size=500):
            values = getattr(rebuild, kind)(row)
            if values:
                row.data = freeze(values)
                row.save(update_fields=["data"])


def backwards(apps, schema_editor):
    """Nothing to undo: rows keep their stored words, which still render without data."""


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_deadline_kinds_merged"),
        ("applications", "0057_mobile_signing_any_document"),
        ("councils", "0010_session_designated_presider"),
        ("monitoring", "0003_placement_local_producer"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
