"""Appendix item 2: the request to review the materials.

Drafts whose consents section was completed before the request existed go back to
"in progress", so the task list asks for the tick before the applicant signs.
Submitted applications keep what they signed: the field stays unticked for them.
"""
from django.db import migrations, models


def reopen_consents(apps, schema_editor):
    ApplicationDetails = apps.get_model("applications", "ApplicationDetails")
    drafts = ApplicationDetails.objects.filter(application__status="draft", sections__consents="complete")
    for details in drafts.iterator():
        details.sections = {**details.sections, "consents": "in_progress"}
        details.save(update_fields=["sections"])


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0050_review'),
    ]

    operations = [
        migrations.AddField(
            model_name='applicationdetails',
            name='request_review',
            field=models.BooleanField(default=False, verbose_name='request to review the materials (Appendix item 2)'),
        ),
        migrations.RunPython(reopen_consents, migrations.RunPython.noop),
    ]
