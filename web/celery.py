"""The Celery app: the Redis broker, settings from web/settings.py (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")

app = Celery("sayara")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Tasks live beside the code they call (settings.CELERY_TASK_ROUTES).
app.autodiscover_tasks(
    [
        "core.accounts",
        "core.events",
        "core.listings",
        "core.messaging",
        "core.push",
        "core.recommendations",
        "indexer",
        "discovery",
        "web",
    ]
)
