"""Generated documents: registry number, hash, verification code."""

import django.db.models.deletion
import django.utils.timezone
import registry.models.documents
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('registry', '0005_deadlines'),
    ]

    operations = [
        migrations.CreateModel(
            name='GeneratedDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=64, verbose_name='kind')),
                ('object_id', models.CharField(max_length=64)),
                ('language', models.CharField(max_length=2, verbose_name='language')),
                ('params', models.JSONField(blank=True, default=dict, verbose_name='parameters')),
                ('params_key', models.CharField(max_length=64)),
                ('current', models.BooleanField(default=True, verbose_name='current version')),
                ('state', models.CharField(choices=[('queued', 'Queued'), ('running', 'Being generated'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=8, verbose_name='state')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress, %')),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='requested')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                ('verification_code', models.CharField(default=registry.models.documents._verification_code, max_length=32, unique=True)),
                ('file', models.FileField(blank=True, upload_to='documents/', verbose_name='file')),
                ('sha256', models.CharField(blank=True, max_length=64, verbose_name='file SHA-256')),
                ('content_sha256', models.CharField(blank=True, max_length=64, verbose_name='content SHA-256')),
                ('size', models.PositiveIntegerField(default=0, verbose_name='size, bytes')),
                ('error', models.TextField(blank=True, verbose_name='error')),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
            ],
            options={
                'verbose_name': 'generated document',
                'verbose_name_plural': 'generated documents',
                'ordering': ['-requested_at', '-id'],
                'indexes': [models.Index(fields=['content_type', 'object_id', 'kind'], name='document_object_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('current', True)), fields=('kind', 'content_type', 'object_id', 'language', 'params_key'), name='document_current_once')],
            },
        ),
    ]
