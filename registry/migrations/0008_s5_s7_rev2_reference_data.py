"""Rev. 2 of the rules' digest, in the reference data.

§5: the priority list takes division, group, class or sub-class codes. Entries made at the
letter-section level are flagged for the administrator; they are not widened, deleted or
silently read as "the whole section" (the pre-check ignores them).
§7: "at least 3 users" is for common-use objects: the production and logistics lists of §6,
not the sales and tourism lists (the first data migration also marked the sales types).
"""
from django.db import migrations

COMMON_USE_CATEGORIES = ("production", "logistics")


def forwards(apps, schema_editor):
    PriorityActivity = apps.get_model("registry", "PriorityActivity")
    InfrastructureObjectType = apps.get_model("registry", "InfrastructureObjectType")
    PriorityActivity.objects.filter(oked__level="section").update(section_flagged=True)
    InfrastructureObjectType.objects.filter(category__code__in=COMMON_USE_CATEGORIES).update(common_use=True)
    InfrastructureObjectType.objects.filter(category__code__in=("sales", "tourism", "engineering")).update(
        common_use=False
    )


def backwards(apps, schema_editor):
    PriorityActivity = apps.get_model("registry", "PriorityActivity")
    PriorityActivity.objects.update(section_flagged=False)


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_priority_section_flag")]

    operations = [migrations.RunPython(forwards, backwards)]
