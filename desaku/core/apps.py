from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "desaku.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from desaku.core import cards, demo_core, signals, tasklist  # noqa: F401  (registrations)
