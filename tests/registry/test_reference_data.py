"""The reference data shipped by migration 0004 (ЭҚЖЖ, §6 lists, tax regimes, sectors, §9(4))."""

import pytest
from django.core.management import call_command

from registry.models import (
    EconomySector,
    ExcludedActivity,
    InfrastructureCategory,
    InfrastructureObjectType,
    OkedCode,
    TaxRegime,
)

pytestmark = pytest.mark.django_db

DIVISION_COUNT = 88  # NACE rev. 2 / ҚР МЖ 03-2019: 01–99 as they exist


def test_oked_has_all_21_sections_and_every_division_under_its_section():
    sections = OkedCode.objects.filter(level="section")
    assert sorted(sections.values_list("code", flat=True)) == list("ABCDEFGHIJKLMNOPQRSTU")
    divisions = OkedCode.objects.filter(level="division").select_related("parent")
    assert divisions.count() == DIVISION_COUNT
    assert all(d.parent.code == d.section for d in divisions)
    assert OkedCode.objects.get(code="62").section == "J"
    assert OkedCode.objects.get(code="C").name_ru == "Обрабатывающая промышленность"
    assert OkedCode.objects.get(code="C").name_kk == "Өңдеу өнеркәсібі"


@pytest.mark.parametrize(
    "code,level,parent",
    [
        ("01.1", "group", "01"),
        ("01.11", "class", "01.1"),
        ("01.11.1", "subclass", "01.11"),
        ("10.51", "class", "10.5"),
        ("55.10", "class", "55.1"),
        ("62.01", "class", "62.0"),
        ("47.11", "class", "47.1"),
        ("12.00", "class", "12.0"),
        ("92.00", "class", "92.0"),
        ("13.92", "class", "13.9"),
    ],
)
def test_demo_codes_have_level_and_parent(code, level, parent):
    oked = OkedCode.objects.select_related("parent").get(code=code)
    assert (oked.level, oked.parent.code) == (level, parent)


@pytest.mark.rule("§5")
def test_s5_section_covers_its_subclass_and_not_another_section():
    subclass = OkedCode.objects.get(code="01.11.1")
    assert OkedCode.objects.get(code="A").covers(subclass)
    assert OkedCode.objects.get(code="01.1").covers(subclass)
    assert not OkedCode.objects.get(code="C").covers(subclass)


@pytest.mark.rule("§6")
def test_s6_five_categories_with_their_object_types():
    counts = {c.code: c.object_types.count() for c in InfrastructureCategory.objects.all()}
    assert counts == {"engineering": 8, "production": 6, "logistics": 5, "sales": 5, "tourism": 5}
    assert (
        InfrastructureCategory.objects.get(code="logistics").name_kk == "Жалпы пайдаланымдағы логистикалық инфрақұрылым"
    )


@pytest.mark.rule("§7")
def test_s7_common_use_marks_the_shared_production_and_logistics_types():
    shared = InfrastructureObjectType.objects.filter(category__code__in=["production", "logistics"])
    assert shared.count() == 11 and all(t.common_use for t in shared)
    # Rev. 2: the sales and tourism lists are not common-use objects; "at least 3 users" is not theirs.
    others = InfrastructureObjectType.objects.exclude(category__code__in=["production", "logistics"])
    assert others.exists() and not others.filter(common_use=True).exists()
    assert not InfrastructureObjectType.objects.get(code="sales-small-markets").common_use


def _migration_0008():
    import importlib

    return importlib.import_module("registry.migrations.0008_s5_s7_rev2_reference_data")


@pytest.mark.rule("§5")
def test_s5_data_migration_flags_section_entries_and_leaves_the_rest(region):
    from django.apps import apps

    from registry.models import OkedCode, PriorityActivity

    section = PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code="A"))
    division = PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code="01"))
    _migration_0008().forwards(apps, None)
    section.refresh_from_db()
    division.refresh_from_db()
    assert section.section_flagged and not division.section_flagged
    assert PriorityActivity.objects.filter(region=region).count() == 2  # flagged, not deleted or widened


@pytest.mark.rule("§7")
def test_s7_data_migration_moves_the_common_use_flag_to_production_and_logistics():
    from django.apps import apps

    InfrastructureObjectType.objects.filter(code="sales-small-markets").update(common_use=True)
    InfrastructureObjectType.objects.filter(category__code="logistics").update(common_use=False)
    _migration_0008().forwards(apps, None)
    assert not InfrastructureObjectType.objects.get(code="sales-small-markets").common_use
    assert all(t.common_use for t in InfrastructureObjectType.objects.filter(category__code="logistics"))


def test_tax_regimes_of_the_2026_tax_code_and_economy_sectors():
    assert list(TaxRegime.objects.values_list("code", flat=True)) == ["general", "simplified", "self-employed", "farm"]
    assert "упрощенной декларации" in TaxRegime.objects.get(code="simplified").name_ru
    assert EconomySector.objects.count() == 9


@pytest.mark.rule("§9")
def test_s9_excluded_activities_include_gambling_tobacco_alcohol_and_finance():
    prefixes = set(ExcludedActivity.objects.values_list("oked_prefix", flat=True))
    assert {"92", "12", "11.01", "11.05", "25.4", "K"} <= prefixes


def test_reference_migration_is_idempotent():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("registry.migrations.0004_reference_data")
    before = (OkedCode.objects.count(), InfrastructureObjectType.objects.count(), ExcludedActivity.objects.count())
    migration.forwards(apps, None)
    after = (OkedCode.objects.count(), InfrastructureObjectType.objects.count(), ExcludedActivity.objects.count())
    assert before == after


def test_no_missing_migrations():
    call_command("makemigrations", "registry", "--check", "--dry-run", verbosity=0)
