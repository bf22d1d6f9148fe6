from django.urls import path, register_converter

from monitoring.converters import RegionCode, ReportingYear
from monitoring.views import budget, imports, objects, projects, public, reports, results, retail, settlement

register_converter(ReportingYear, "year")
register_converter(RegionCode, "kato")

app_name = "monitoring"

urlpatterns = [
    path("public/plans/", public.public_plan_list, name="public_plans"),
    path("public/plans/data.<str:fmt>", public.public_plan_download, name="public_plans_download"),
    # Open data: stable URLs for the open-data portal and journalists (no login).
    path("public/register/", public.register_list, name="register"),
    path("public/register/<kato:region_code>/", public.register_list, name="register_region"),
    path("public/register/data.<str:fmt>", public.register_download, name="register_download"),
    path(
        "public/register/<kato:region_code>/data.<str:fmt>", public.register_download, name="register_region_download"
    ),
    path("public/register/dictionary/", public.register_dictionary, name="register_dictionary"),
    path("public/register/dictionary.<str:fmt>", public.register_dictionary, name="register_dictionary_download"),
    path("public/statistics/", public.statistics_page, name="statistics"),
    path("public/statistics/<kato:region_code>/", public.statistics_page, name="statistics_region"),
    path("public/statistics/data.<str:fmt>", public.statistics_download, name="statistics_download"),
    path(
        "public/statistics/<kato:region_code>/data.<str:fmt>",
        public.statistics_download,
        name="statistics_region_download",
    ),
    path("projects/", projects.project_list, name="projects"),
    path("projects/export.<str:fmt>", projects.project_export, name="projects_export"),
    path("projects/results-import/", imports.results_upload, name="results_import"),
    path("projects/results-import/template.xlsx", imports.results_template, name="results_template"),
    path("projects/results-import/save/", imports.results_save, name="results_save"),
    path("settlement/<year:year>/", settlement.settlement_list, name="settlement"),
    path("settlement/<year:year>/<int:pk>/", settlement.settlement_settle, name="settle"),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    # §26, §27, §17: the administrators' budget requests, the akimat's resolution, the financing plans.
    path("budget/", budget.budget_index, name="budget"),
    path("budget/requests/", budget.budget_request_file, name="budget_request_file"),
    path("budget/requests/<int:pk>/", budget.budget_request_detail, name="budget_request"),
    path("budget/requests/<int:pk>/return/", budget.budget_request_return, name="budget_return"),
    path("budget/requests/<int:pk>/conclude/", budget.budget_request_conclude, name="budget_conclude"),
    path("budget/requests/<int:pk>/decide/", budget.budget_commission_decide, name="budget_decide"),
    path("budget/approval/", budget.budget_approval, name="budget_approval"),
    path("budget/resolutions/<int:pk>/", budget.resolution_record, name="resolution"),
    path("budget/plans/line/", budget.plan_line, name="plan_line"),
    path("budget/plans/<int:pk>/", budget.plan_detail, name="plan"),
    path("budget/plans/<int:pk>/approve/", budget.plan_approve, name="plan_approve"),
    path("budget/plans/<int:pk>/publish/", budget.plan_publish, name="plan_publish"),
    path("projects/<int:pk>/term/", projects.term_start, name="term_start"),
    path("projects/<int:pk>/term/extend/", projects.term_extend, name="term_extend"),
    path("projects/<int:pk>/term/end/", projects.term_end, name="term_end"),
    path("projects/<int:pk>/funds/", projects.funds_record, name="funds"),
    path("projects/<int:pk>/indicators/", projects.indicator_set, name="indicator"),
    path("projects/<int:pk>/years/", projects.year_plan, name="year_plan"),
    path("projects/<int:pk>/years/<int:result_pk>/confirm/", projects.year_confirm, name="year_confirm"),
    path("results/<int:pk>/report/", results.result_report, name="result_report"),
    path("objects/", objects.object_list, name="objects"),
    path("objects/new/", objects.object_create, name="object_create"),
    path("objects/load-import/", imports.load_upload, name="load_import"),
    path("objects/load-import/template.xlsx", imports.load_template, name="load_template"),
    path("objects/load-import/save/", imports.load_save, name="load_save"),
    path("objects/<int:pk>/", objects.object_detail, name="object"),
    path("objects/<int:pk>/users/", objects.object_user_add, name="object_user"),
    path("objects/<int:pk>/load/", objects.load_record, name="object_load"),
    path("retail/", retail.retail_list, name="retail_list"),
    path("retail/new/", retail.retail_create, name="retail_create"),
    path("retail/<int:pk>/", retail.retail_detail, name="retail"),
    path("retail/<int:pk>/placements/", retail.placement_create, name="placement"),
    path("retail/<int:pk>/placements/<int:placement_pk>/extend/", retail.placement_extend, name="placement_extend"),
    path("reports/<year:year>/", reports.reports, name="reports"),
    path("reports/<year:year>/regions/", reports.central_reports, name="central_reports"),
    path("reports/<str:key>/<int:pk>/generate/", reports.report_generate, name="report_generate"),
    path("reports/<str:key>/<int:pk>/submit/", reports.report_submit, name="report_submit"),
    path("reports/s30/<int:pk>/accept/", reports.s30_accept, name="s30_accept"),
    path("reports/s30/<int:pk>/scan/", reports.s30_scan, name="s30_scan"),
    path("reports/s30/<int:pk>/scan/download/", reports.s30_scan_download, name="s30_scan_download"),
    path("reports/s32/<int:pk>/export.<str:fmt>", reports.s32_export, name="s32_export"),
]
