"""§26, §27, §17: today's per-project budget requests and financing plans move to the administrators.

One administrator per region (the one its budget_admin users belong to, registry 0008; created if the
region has none). Requests are grouped by administrator × budget programme × year (one line per
project, with its amount and approved amount); the §27 dates become one resolution per budget and
year; plans are grouped by administrator × year (one line per project, month and classification).
Deadlines on the old rows follow them. Nothing is lost: every project keeps its line and its sums.
"""

from datetime import date, timedelta

from django.db import migrations

RANK = {"draft": 0, "approved": 1, "published": 2}


class _Finder:
    def __init__(self, apps):
        self.apps = apps
        self.administrators = {}
        self.programmes = {}

    def administrator(self, region_id):
        if region_id not in self.administrators:
            User = self.apps.get_model("registry", "User")
            BudgetAdministrator = self.apps.get_model("registry", "BudgetAdministrator")
            staff = (
                User.objects.filter(role="budget_admin", region_id=region_id, administrator__isnull=False)
                .order_by("id")
                .first()
            )
            administrator = (
                staff and BudgetAdministrator.objects.get(pk=staff.administrator_id)
            ) or BudgetAdministrator.objects.filter(region_id=region_id, level="regional").order_by("id").first()
            if administrator is None:
                region = self.apps.get_model("registry", "Region").objects.get(pk=region_id)
                administrator = BudgetAdministrator.objects.create(
                    region_id=region_id,
                    level="regional",
                    name_kk=f"{region.name_kk}: жергілікті бюджеттік бағдарламалардың әкімшісі",
                    name_ru=f"{region.name_ru}: администратор местных бюджетных программ",
                )
            self.administrators[region_id] = administrator
        return self.administrators[region_id]

    def programme(self, administrator, code):
        BudgetProgramme = self.apps.get_model("registry", "BudgetProgramme")
        if not code:
            first = BudgetProgramme.objects.filter(administrator=administrator).order_by("code").first()
            if first is not None:
                return first
            code = "000"
        key = (administrator.pk, code)
        if key not in self.programmes:
            self.programmes[key], _created = BudgetProgramme.objects.get_or_create(
                administrator=administrator,
                code=code,
                defaults={"name_kk": f"Бюджеттік бағдарлама {code}", "name_ru": f"Бюджетная программа {code}"},
            )
        return self.programmes[key]


def _move_deadlines(apps, model, old_ids, new_obj, kind):
    """The clocks on the old rows follow the new one (one per kind: the duplicates were the same duty)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Deadline = apps.get_model("registry", "Deadline")
    old_type = ContentType.objects.filter(app_label="monitoring", model=model).first()
    if old_type is None:
        return
    new_type, _c = ContentType.objects.get_or_create(app_label="monitoring", model=new_obj._meta.model_name)
    rows = Deadline.objects.filter(content_type=old_type, object_id__in=[str(i) for i in old_ids], kind=kind)
    first = rows.order_by("due_on", "id").first()
    if first is None:
        return
    if Deadline.objects.filter(content_type=new_type, object_id=str(new_obj.pk), kind=kind).exists():
        return
    rows.exclude(pk=first.pk).delete()
    first.content_type, first.object_id = new_type, str(new_obj.pk)
    first.object_repr = str(new_obj.pk)
    first.save(update_fields=["content_type", "object_id", "object_repr"])


def _requests(apps, finder):
    BudgetRequest = apps.get_model("monitoring", "BudgetRequest")
    Line = apps.get_model("monitoring", "BudgetRequestLine")
    Resolution = apps.get_model("monitoring", "BudgetResolution")
    groups = {}
    for old in BudgetRequest.objects.filter(administrator__isnull=True).select_related("application").order_by("id"):
        administrator = finder.administrator(old.application.region_id)
        groups.setdefault((administrator.pk, old.programme_code, old.year), (administrator, []))[1].append(old)
    resolutions = {}
    for (_a, code, year), (administrator, rows) in groups.items():
        keep = rows[0]
        for old in rows:
            Line.objects.create(
                request=keep,
                application_id=old.application_id,
                subprogramme_code=old.subprogramme_code,
                amount=old.amount,
                approved_amount=old.approved_amount,
            )
        statuses = {old.status for old in rows}
        accepted = sorted((o for o in rows if o.status == "accepted"), key=lambda o: o.commission_date or date.min)
        returned = [o for o in rows if o.status == "returned"]
        if statuses == {"accepted"}:
            keep.status = "decided"
        elif statuses == {"returned"}:
            keep.status = "returned"
        else:  # a project still under review keeps the whole request under review
            keep.status = "submitted"
        keep.return_reason = "\n".join(o.return_reason for o in returned if o.return_reason)
        keep.returned_at = max((o.reviewed_at for o in returned if o.reviewed_at), default=None)
        if accepted:
            last = accepted[-1]
            keep.commission_date = last.commission_date
            keep.commission_number = "; ".join(dict.fromkeys(o.commission_number for o in accepted))[:50]
            keep.decided_at = max((o.reviewed_at for o in accepted if o.reviewed_at), default=None)
        keep.submitted_at = max(o.submitted_at for o in rows)
        keep.administrator, keep.programme = administrator, finder.programme(administrator, code)
        # §27: one act per budget and year (the district's when its administrator is a district one).
        approved = sorted(o.budget_approved_on for o in rows if o.budget_approved_on)
        if approved:
            district = administrator if administrator.level == "district" else None
            key = (administrator.region_id, district and district.pk, year)
            resolution = resolutions.get(key)
            if resolution is None:
                resolution = resolutions[key] = Resolution.objects.create(
                    region_id=administrator.region_id,
                    administrator=district,
                    year=year,
                    budget_approved_on=approved[0],
                    due_on=approved[0] + timedelta(days=14),
                )
            adopted = sorted((o.resolution_date, o.resolution_number) for o in rows if o.resolution_date)
            if adopted and resolution.adopted_on is None:
                resolution.adopted_on, resolution.number = adopted[0]
                resolution.save(update_fields=["adopted_on", "number"])
            keep.resolution = resolution
            _move_deadlines(apps, "budgetrequest", [o.pk for o in rows], resolution, "akimat_resolution")
        keep.save()
        BudgetRequest.objects.filter(pk__in=[o.pk for o in rows[1:]]).delete()


def _plans(apps, finder):
    FinancingPlan = apps.get_model("monitoring", "FinancingPlan")
    BudgetRequestLine = apps.get_model("monitoring", "BudgetRequestLine")
    old_plans = list(
        FinancingPlan.objects.filter(administrator__isnull=True)
        .select_related("application")
        .prefetch_related("lines")
        .order_by("id")
    )
    new_plans, sources = {}, {}
    for old in old_plans:
        administrator = finder.administrator(old.application.region_id)
        request_line = (
            BudgetRequestLine.objects.filter(application_id=old.application_id)
            .select_related("request__programme")
            .order_by("-request__year")
            .first()
        )
        programme = request_line.request.programme if request_line else finder.programme(administrator, "")
        lines = list(old.lines.all())
        fallback = (
            request_line.request.year
            if request_line
            else (old.approved_on.year if old.approved_on else old.application.submitted_at.year)
        )
        for year in sorted({line.year for line in lines} or {fallback}):
            key = (administrator.pk, year)
            plan = new_plans.get(key)
            if plan is None:
                plan = new_plans[key] = FinancingPlan.objects.create(
                    administrator=administrator, year=year, status=old.status
                )
                sources[key] = []
            sources[key].append(old)
            plan.projects.add(old.application_id)
            for line in (line for line in lines if line.year == year):
                line.plan, line.programme, line.application_id = plan, programme, old.application_id
                line.subprogramme_code = request_line.subprogramme_code if request_line else ""
                line.save()
    for key, plan in new_plans.items():
        olds = sources[key]
        plan.status = min((o.status for o in olds), key=RANK.__getitem__)
        plan.approved_on = max((o.approved_on for o in olds if o.approved_on), default=None)
        plan.publish_due = max((o.publish_due for o in olds if o.publish_due), default=None)
        plan.published_at = max((o.published_at for o in olds if o.published_at), default=None)
        if plan.status != "published":
            plan.published_at = None
        plan.save()
        _move_deadlines(apps, "financingplan", [o.pk for o in olds], plan, "financing_plan")
    FinancingPlan.objects.filter(pk__in=[o.pk for o in old_plans]).delete()


def forwards(apps, schema_editor):
    finder = _Finder(apps)
    _requests(apps, finder)
    _plans(apps, finder)


def backwards(apps, schema_editor):
    """Only an empty budget chain goes back: the per-project shape cannot hold a request of many projects."""
    for name in ("BudgetRequest", "FinancingPlan", "BudgetResolution"):
        if apps.get_model("monitoring", name).objects.exists():
            raise RuntimeError("monitoring 0005 cannot be reversed once budget requests or plans exist")


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0004_budget_chain_by_administrator"), ("registry", "0011_deadline_kinds_merged")]
    operations = [migrations.RunPython(forwards, backwards)]
