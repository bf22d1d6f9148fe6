"""Old notifications get their data where their kind is known, so they too read in the reader's language.

Only ``welcome`` can be rebuilt from the registry alone (its one value is the
recipient). Rows of other kinds keep ``data`` empty and show the words they
were written with (registry.notification_text).
"""
from django.db import migrations

NAME_FIELDS = ("username", "last_name", "first_name", "patronymic")


def forwards(apps, schema_editor):
    Notification = apps.get_model("registry", "Notification")
    rows = Notification.objects.filter(kind="welcome", data={}).select_related("recipient")
    for row in rows.iterator(chunk_size=500):
        user = row.recipient
        fields = {"id": user.pk, **{name: getattr(user, name, "") for name in NAME_FIELDS}}
        row.data = {"user": {"$model": "registry.user", "fields": fields, "related": {}}}
        row.save(update_fields=["data"])


def backwards(apps, schema_editor):
    apps.get_model("registry", "Notification").objects.filter(kind="welcome").update(data={})


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_notification_data")]
    operations = [migrations.RunPython(forwards, backwards)]
