"""Generated documents: registry number, hash, verification code."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_deadlines")]
    operations: list = []
