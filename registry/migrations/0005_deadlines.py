"""The clock: deadlines and the reminders sent for them."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_reference_data")]
    operations: list = []
