from django.apps import AppConfig


class PushConfig(AppConfig):
    name = "core.push"
    label = "push"
