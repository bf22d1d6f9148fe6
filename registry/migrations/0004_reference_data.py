"""Reference data: ЭҚЖЖ, §6 infrastructure lists, tax regimes, sectors, art. 24 p. 4 exclusions."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_regions")]
    operations: list = []
