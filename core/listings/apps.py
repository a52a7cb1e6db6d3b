from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "core.listings"
    label = "listings"
