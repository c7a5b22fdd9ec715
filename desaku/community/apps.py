from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "desaku.community"
    label = "community"
    verbose_name = _("Community services")

    def ready(self):
        from desaku.community import registrations  # noqa: F401
