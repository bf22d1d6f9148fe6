"""The Celery application: settings come from Django's (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Every task retries a bounded number of times; tasks are written to be safe to
# run twice (acks_late means a killed worker's task runs again).
app.conf.task_annotations = {"*": {"max_retries": 5}}
app.autodiscover_tasks()
