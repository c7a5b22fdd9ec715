from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "desaku.api"
    label = "api"
