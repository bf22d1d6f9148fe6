"""Form fuzzing: every form of the portal, posted through its view by the right user, with hostile values.

Never a 500. A refused post leaves every row of the portal's tables as it was
and shows a message (the error summary, a field error or a flash message).
Each hypothesis example runs in a savepoint that is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django import forms
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications import forms as application_forms
from applications.review import forms as review_forms
from councils import forms as council_forms
from monitoring import forms as monitoring_forms
from registry import forms_deadlines
from tests.monitoring import factories as monitoring_factories
from tests.security.fuzz_data import HOSTILE_IDENTIFIERS, HOSTILE_NUMBERS, HOSTILE_TEXT
from tests.security.matrix import World

PORTAL_APPS = ("registry", "applications", "councils", "monitoring")
MESSAGE_MARKERS = ("error-summary", "invalid-feedback", "alert-danger", "alert-warning", "is-invalid", "messages")
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
IDENTIFIER_HINTS = ("iin", "bin", "iban", "bic", "identifier", "kbe", "phone", "id_number")
HOSTILE_DATES = [
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "-1",
    "yesterday",
    "1900-01-01",
    "2026-13-01",
    "",
    "2026-03-04T25:61",
    "2026-03-04 10:00:00+99:00",
]
HOSTILE_CHOICES = ["", "-1", "0", "999999999", "<script>", "'", "x" * 300, "\x00", "1 OR 1=1"]


@dataclass(frozen=True)
class Target:
    url: str
    user: str  # World attribute
    form: type[forms.BaseForm]
    kwargs: Callable[[World], dict] = lambda w: {}
    prefix: Callable[[World], str] = lambda w: ""
    fixed: dict = field(default_factory=dict)
    method: str = "post"
    absent_404: bool = False
    # Values from the world (a valid choice beside the hostile ones), and fields a form adds per object.
    fixed_from: Callable[[World], dict] = lambda w: {}
    extra_fields: Callable[[World], dict] = (
        lambda w: {}
    )  # the step's object (budget request, plan, term) is absent: 404 by design


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _section(slug):
    return lambda w: {"pk": w.draft.pk, "section": slug}


P = "monitoring:"
ABSENT_STEP = {"term_end", "term_extend"}
TARGETS = {
    "new_application": Target("applications:new", "entrepreneur", application_forms.NewApplicationForm),
    **{
        f"section_{slug}": Target("applications:section", "entrepreneur", form, _section(slug))
        for slug, form in application_forms.SECTION_FORMS.items()
    },
    "ten_exemption": Target(
        "applications:ten_exemption", "entrepreneur", application_forms.TenExemptionForm, _pk("draft")
    ),
    "sign": Target("applications:sign", "entrepreneur", application_forms.SignForm, _pk("draft")),
    "withdraw": Target("applications:withdraw", "entrepreneur", application_forms.WithdrawForm, _pk("submitted")),
    "review_inbox": Target("review:inbox", "coordinator", review_forms.InboxFilterForm, method="get"),
    "review_refuse": Target("review:refuse", "coordinator", review_forms.RefusalForm, _pk("submitted")),
    "review_recommend": Target("review:recommend", "coordinator", review_forms.RecommendationForm, _pk("submitted")),
    "review_accept": Target("review:accept", "coordinator", review_forms.AcceptanceForm, _pk("submitted")),
    "review_eligibility": Target(
        "review:eligibility",
        "coordinator",
        review_forms.EligibilityDecisionForm,
        lambda w: {"pk": w.submitted.pk, "result_pk": w.eligibility.pk},
        prefix=lambda w: f"e{w.eligibility.pk}",
    ),
    "session_new": Target(
        "councils:session_new", "coordinator", council_forms.ScheduleForm, lambda w: w.council and {}
    ),
    "member_add": Target("councils:member_add", "coordinator", council_forms.MemberAddForm, lambda w: w.council and {}),
    "member_end": Target(
        "councils:member_end",
        "coordinator",
        council_forms.MemberEndForm,
        lambda w: {"pk": w.council.members.first().pk},
    ),
    "vote": Target("councils:item_vote", "council_member", council_forms.VoteForm, _pk("item")),
    "vote_record": Target("councils:item_vote_record", "coordinator", council_forms.RecordVoteForm, _pk("item")),
    "recuse": Target("councils:item_recuse", "council_member", council_forms.RecusalForm, _pk("item")),
    "notes": Target("councils:item_notes", "secretary", council_forms.NotesForm, _pk("item")),
    "reasons": Target("councils:item_reasons", "secretary", council_forms.ReasonsForm, _pk("item")),
    "carry": Target("councils:item_carry", "chair", council_forms.CarryForm, _pk("item")),
    "protocol_sign": Target("councils:protocol_sign", "chair", council_forms.SignForm, _pk("protocol")),
    # §26, §27, §17: the budget chain's forms on their own pages.
    "budget_request_file": Target(
        P + "budget_request_file",
        "budget_admin",
        monitoring_forms.BudgetRequestForm,
        fixed_from=lambda w: {"programme": monitoring_factories.programme_of(w.budget_admin.administrator).pk},
        extra_fields=lambda w: {f"amount_{w.project.pk}": forms.DecimalField()},
    ),
    "budget_return": Target(P + "budget_return", "planning", monitoring_forms.ReturnForm, _pk("budget_request")),
    "budget_conclude": Target(
        P + "budget_conclude", "planning", monitoring_forms.ConclusionForm, _pk("budget_request")
    ),
    "budget_decide": Target(
        P + "budget_decide",
        "planning",
        monitoring_forms.DecisionForm,
        _pk("budget_request"),
        extra_fields=lambda w: {f"approved_{w.project.pk}": forms.DecimalField()},
    ),
    "budget_approval": Target(P + "budget_approval", "budget_admin", monitoring_forms.BudgetApprovalForm),
    "resolution": Target(P + "resolution", "budget_admin", monitoring_forms.ResolutionForm, _pk("budget_resolution")),
    "plan_line": Target(
        P + "plan_line",
        "budget_admin",
        monitoring_forms.PlanLineForm,
        fixed_from=lambda w: {"application": w.budget_request.lines.get().application_id},
    ),
    "plan_approve": Target(P + "plan_approve", "budget_admin", monitoring_forms.PlanApproveForm, _pk("financing_plan")),
    **{
        name: Target(P + name, "budget_admin", form, _pk("project"), absent_404=name in ABSENT_STEP)
        for name, form in (
            ("term_start", monitoring_forms.TermForm),
            ("term_extend", monitoring_forms.ExtensionForm),
            ("term_end", monitoring_forms.TermEndForm),
            ("funds", monitoring_forms.FundsForm),
            ("indicator", monitoring_forms.IndicatorForm),
            ("year_plan", monitoring_forms.YearPlanForm),
        )
    },
    "result_report": Target(P + "result_report", "entrepreneur", monitoring_forms.YearFactForm, _pk("year_result")),
    "object_create": Target(P + "object_create", "budget_admin", monitoring_forms.ObjectForm),
    "object_user": Target(
        P + "object_user", "budget_admin", monitoring_forms.ObjectUserForm, _pk("infrastructure_object")
    ),
    "object_load": Target(P + "object_load", "budget_admin", monitoring_forms.LoadForm, _pk("infrastructure_object")),
    "retail_create": Target(P + "retail_create", "budget_admin", monitoring_forms.RetailObjectForm),
    "placement": Target(P + "placement", "budget_admin", monitoring_forms.PlacementForm, _pk("retail")),
    "placement_extend": Target(
        P + "placement_extend",
        "budget_admin",
        monitoring_forms.PlacementExtendForm,
        lambda w: {"pk": w.retail.pk, "placement_pk": w.placement.pk},
    ),
    "deadlines_filter": Target("registry:deadlines", "coordinator", forms_deadlines.DeadlineFilterForm, method="get"),
}


def _field_values(name: str, form_field: forms.Field):
    if any(hint in name for hint in IDENTIFIER_HINTS):
        return st.sampled_from(HOSTILE_IDENTIFIERS)
    if isinstance(form_field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return st.sampled_from(HOSTILE_NUMBERS) | st.integers(-(10**20), 10**20).map(str)
    if isinstance(form_field, (forms.DateField, forms.DateTimeField)):
        return st.sampled_from(HOSTILE_DATES)
    if isinstance(form_field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(st.sampled_from(HOSTILE_CHOICES), max_size=3)
    if isinstance(form_field, forms.ChoiceField | forms.ModelChoiceField):
        return st.sampled_from(HOSTILE_CHOICES)
    if isinstance(form_field, forms.BooleanField):
        return st.sampled_from(["on", "", "2", "false", "\x00"])
    if isinstance(form_field, forms.FileField):
        return st.just("not a file")
    return st.sampled_from(HOSTILE_TEXT) | st.text(max_size=300)


def _post_data(target: Target, prefix: str, world=None):
    all_fields = {**target.form.base_fields, **(target.extra_fields(world) if world else {})}
    fields = {
        (f"{prefix}-{name}" if prefix else name): _field_values(name, form_field)
        for name, form_field in all_fields.items()
    }
    return st.fixed_dictionaries(fields)


_STATE_SQL = None


def _state() -> str:
    """One query: an md5 over every row of every table of the portal's apps."""
    global _STATE_SQL
    if _STATE_SQL is None:
        tables = [
            model._meta.db_table
            for label in PORTAL_APPS
            for model in apps.get_app_config(label).get_models()
            if not model._meta.proxy
        ]
        tables = sorted(set(tables) - {"registry_user"})
        parts = " UNION ALL ".join(f"SELECT '{t}:' || (t.*)::text AS x FROM {t} t" for t in tables)
        _STATE_SQL = f"SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM ({parts}) s"
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL)
        return cursor.fetchone()[0]


def _has_message(client: Client, response) -> bool:
    if response.status_code in (301, 302):
        response = client.get(response["Location"])
    content = response.content.decode(errors="replace")
    return any(marker in content for marker in MESSAGE_MARKERS)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_hostile_form_input(name, world):
    target = TARGETS[name]
    with translation.override("kk"):
        url = reverse(target.url, kwargs=target.kwargs(world))
    client = Client(raise_request_exception=False)
    client.force_login(getattr(world, target.user))

    fixed = {**target.fixed, **target.fixed_from(world)}

    @FUZZ
    @given(data=_post_data(target, target.prefix(world), world), keep=st.booleans())
    def post_hostile(data, keep):
        with transaction.atomic():
            before = _state()
            # Half the examples keep the world's valid choice, so the other fields' hostility is reached.
            sent = {**data, **fixed} if keep else {**fixed, **data}
            response = getattr(client, target.method)(url, sent)
            assert response.status_code < 500, f"{url} {data!r} → {response.status_code}"
            if target.method == "post" and _state() == before:
                refusals = (403, 405) if target.absent_404 else (403, 404, 405)
                assert response.status_code not in refusals, f"{url} refused as {response.status_code}"
                if response.status_code == 404:
                    return
                # A redirect that changed nothing may be a no-op success; a page answered in place is a refusal.
                if response.status_code not in (301, 302):
                    assert _has_message(client, response), f"{url} refused {data!r} without a message"
            transaction.set_rollback(True)

    post_hostile()
