"""Every Celery task is named `<domain>.<verb>` for a domain whose queue is said
(settings.CELERY_TASK_ROUTES: the instance's, which its worker consumes), and
every beat entry names one of them."""

from fnmatch import fnmatch

from celery import current_app
from django.conf import settings


def our_tasks() -> dict:
    current_app.loader.import_default_modules()  # the worker's autodiscovery
    return {name: task for name, task in current_app.tasks.items() if not name.startswith("celery.")}


def test_every_task_is_named_for_its_domain_and_routed_to_the_instances_queue():
    tasks = our_tasks()

    assert len(tasks) >= 15
    for name, task in tasks.items():
        domain, _, verb = name.partition(".")
        assert domain in settings.TASK_DOMAINS and verb and "." not in verb, name
        assert any(fnmatch(name, pattern) for pattern in settings.CELERY_TASK_ROUTES), name
        assert current_app.amqp.router.route({}, name)["queue"].name == settings.SAYARA_INSTANCE, name
        assert task.ignore_result, name


def test_every_beat_entry_runs_a_task_of_ours():
    tasks = our_tasks()

    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= set(tasks)
