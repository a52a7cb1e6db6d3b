from django.apps import AppConfig


class FavoritesConfig(AppConfig):
    name = "core.favorites"
    label = "favorites"
