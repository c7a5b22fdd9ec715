"""The registry's contributions to the shared UI: menu entry and dashboard cards."""

from django.utils.translation import gettext_lazy as _

from desaku.core import dashboard, navigation
from desaku.people import demo, exports, sections  # noqa: F401  (the demo seeder; the person page's own sections)
from desaku.people.permissions import READERS

navigation.register(navigation.NavItem("people", _("Registry"), "users", url_name="people:list", roles=READERS,
                                       order=10))


@dashboard.register
def people_cards(user):
    from django.urls import reverse

    from desaku.people.permissions import can_read
    from desaku.people.selectors import persons_visible_to

    if not can_read(user):
        return []
    return [dashboard.Card(_("Persons in the registry"), persons_visible_to(user).count(), "users",
                           url=reverse("people:list"), hint=_("within your data scope"))]
