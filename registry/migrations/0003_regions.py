"""The 17 regions and 3 cities of republican significance (KATO 2-digit codes)."""
from django.db import migrations

# code, kind, name_kk, name_ru, centre_kk, centre_ru, centre is Astana/Almaty/Shymkent/Semey
REGIONS = [
    ("10", "oblast", "Абай облысы", "Абайская область", "Семей", "Семей", True),
    ("11", "oblast", "Ақмола облысы", "Акмолинская область", "Көкшетау", "Кокшетау", False),
    ("15", "oblast", "Ақтөбе облысы", "Актюбинская область", "Ақтөбе", "Актобе", False),
    ("19", "oblast", "Алматы облысы", "Алматинская область", "Қонаев", "Конаев", False),
    ("23", "oblast", "Атырау облысы", "Атырауская область", "Атырау", "Атырау", False),
    ("27", "oblast", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "Орал", "Уральск", False),
    ("31", "oblast", "Жамбыл облысы", "Жамбылская область", "Тараз", "Тараз", False),
    ("33", "oblast", "Жетісу облысы", "Область Жетісу", "Талдықорған", "Талдыкорган", False),
    ("35", "oblast", "Қарағанды облысы", "Карагандинская область", "Қарағанды", "Караганда", False),
    ("39", "oblast", "Қостанай облысы", "Костанайская область", "Қостанай", "Костанай", False),
    ("43", "oblast", "Қызылорда облысы", "Кызылординская область", "Қызылорда", "Кызылорда", False),
    ("47", "oblast", "Маңғыстау облысы", "Мангистауская область", "Ақтау", "Актау", False),
    ("55", "oblast", "Павлодар облысы", "Павлодарская область", "Павлодар", "Павлодар", False),
    ("59", "oblast", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "Петропавл", "Петропавловск", False),
    ("61", "oblast", "Түркістан облысы", "Туркестанская область", "Түркістан", "Туркестан", False),
    ("62", "oblast", "Ұлытау облысы", "Область Ұлытау", "Жезқазған", "Жезказган", False),
    ("63", "oblast", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "Өскемен", "Усть-Каменогорск", False),
    ("71", "city", "Астана қаласы", "город Астана", "Астана", "Астана", True),
    ("75", "city", "Алматы қаласы", "город Алматы", "Алматы", "Алматы", True),
    ("79", "city", "Шымкент қаласы", "город Шымкент", "Шымкент", "Шымкент", True),
]


def forwards(apps, schema_editor):
    Region = apps.get_model("registry", "Region")
    for code, kind, name_kk, name_ru, centre_kk, centre_ru, profile in REGIONS:
        Region.objects.update_or_create(
            code=code,
            defaults=dict(
                kind=kind, name_kk=name_kk, name_ru=name_ru,
                centre_kk=centre_kk, centre_ru=centre_ru, centre_is_profile_city=profile,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_audit_append_only")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
