"""The clock: deadlines and the reminders sent for them."""
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("registry", "0004_reference_data"),
    ]

    operations = [
        migrations.CreateModel(
            name='Deadline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.CharField(max_length=64)),
                ('object_repr', models.CharField(max_length=300, verbose_name='object')),
                ('url', models.CharField(blank=True, max_length=500, verbose_name='link')),
                ('kind', models.CharField(choices=[('review', 'Review of the application (§19, 5 working days)'), ('protocol', 'Protocol of the council meeting (§23, 3 working days)'), ('handover', 'Hand-over to the budget programme administrator (§25, 3 working days)'), ('financing_plan', 'Publication of the financing plan (§17, 3 working days)'), ('scan_upload', 'Upload of the scanned monitoring report (§30, 2 working days)'), ('monitoring_admin', "Administrators' annual monitoring (§31, by 1 April)"), ('monitoring_planning', "Planning body's annual monitoring (§31, by 10 April)"), ('coordinator_report', "Coordinator's report to the central body (§32, by 10 February)"), ('akimat_resolution', "Akimat's resolution (§27, 14 calendar days)")], max_length=32, verbose_name='kind')),
                ('rule', models.CharField(max_length=8, verbose_name='rule')),
                ('due_on', models.DateField(verbose_name='due')),
                ('opened_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='opened')),
                ('met_at', models.DateTimeField(blank=True, null=True, verbose_name='met')),
                ('met_on_time', models.BooleanField(blank=True, null=True, verbose_name='met on time')),
                ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='cancelled')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deadlines', to='registry.region', verbose_name='region')),
                ('responsible', models.ManyToManyField(blank=True, related_name='deadlines', to=settings.AUTH_USER_MODEL, verbose_name='responsible')),
            ],
            options={
                'verbose_name': 'deadline',
                'verbose_name_plural': 'deadlines',
                'ordering': ['due_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='DeadlineMessage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('reminder', 'Reminder'), ('escalation', 'Escalation')], max_length=16, verbose_name='kind')),
                ('slot', models.DateField(verbose_name='for the day')),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='sent')),
                ('recipients', models.PositiveSmallIntegerField(default=0, verbose_name='recipients')),
                ('deadline', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='registry.deadline')),
            ],
            options={
                'verbose_name': 'deadline message',
                'verbose_name_plural': 'deadline messages',
                'ordering': ['sent_at', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(fields=['region', 'due_on'], name='deadline_region_due_idx'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('met_at__isnull', True)), fields=['due_on'], name='deadline_open_due_idx'),
        ),
        migrations.AddConstraint(
            model_name='deadline',
            constraint=models.UniqueConstraint(fields=('content_type', 'object_id', 'kind'), name='deadline_once_per_object'),
        ),
        migrations.AddConstraint(
            model_name='deadline',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('met_at__isnull', True), ('met_on_time__isnull', True)), models.Q(('met_at__isnull', False), ('met_on_time__isnull', False)), _connector='OR'), name='deadline_met_has_verdict'),
        ),
        migrations.AddConstraint(
            model_name='deadlinemessage',
            constraint=models.UniqueConstraint(fields=('deadline', 'kind', 'slot'), name='deadline_message_once'),
        ),
        migrations.AddConstraint(
            model_name='deadlinemessage',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'escalation')), fields=('deadline',), name='deadline_escalation_once'),
        ),
    ]
