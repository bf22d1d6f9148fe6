"""§2(9): one administrator organisation per region that has budget_admin users; the users join it."""
from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("registry", "User")
    BudgetAdministrator = apps.get_model("registry", "BudgetAdministrator")
    users = User.objects.filter(role="budget_admin", administrator__isnull=True, region__isnull=False)
    for region_id in sorted(set(users.values_list("region_id", flat=True))):
        administrator = BudgetAdministrator.objects.filter(region_id=region_id).order_by("id").first()
        if administrator is None:
            region = apps.get_model("registry", "Region").objects.get(pk=region_id)
            administrator = BudgetAdministrator.objects.create(
                region_id=region_id, level="regional",
                name_kk=f"{region.name_kk}: жергілікті бюджеттік бағдарламалардың әкімшісі",
                name_ru=f"{region.name_ru}: администратор местных бюджетных программ",
            )
        users.filter(region_id=region_id).update(administrator=administrator)


def backwards(apps, schema_editor):
    apps.get_model("registry", "User").objects.update(administrator=None)
    apps.get_model("registry", "BudgetAdministrator").objects.filter(programmes__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_budget_administrators_regional_body")]
    operations = [migrations.RunPython(forwards, backwards)]
