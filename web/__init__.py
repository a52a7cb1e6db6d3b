# Load the Celery app with Django so that core's on-commit requests
# (send_task by name) and shared tasks use it.
from web.celery import app as celery_app

__all__ = ("celery_app",)
