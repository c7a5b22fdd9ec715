"""The main menu. Apps register their entries in AppConfig.ready(); modules not yet installed
are listed as planned so users see what is coming, without a page behind them."""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass
class NavItem:
    key: str
    label: str
    icon: str
    url_name: str | None = None
    roles: tuple[str, ...] = ()  # empty: every signed-in user
    order: int = 100
    children: list["NavItem"] = field(default_factory=list)

    def url(self) -> str | None:
        if not self.url_name:
            return None
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


_REGISTRY: dict[str, NavItem] = {}

# The modules of the product, in menu order; each app replaces its entry when it lands.
PLANNED = [
    NavItem("people", _("Registry"), "users", order=10),
    NavItem("outreach", _("Outreach & shelter"), "walk", order=20),
    NavItem("cases", _("Cases"), "briefcase", order=30),
    NavItem("village", _("Desaku Menanti"), "home-2", order=40),
    NavItem("training", _("Training"), "school", order=50),
    NavItem("aid", _("Social aid"), "cash", order=60),
    NavItem("diversion", _("Diversion (ABH)"), "scale", order=35),
    NavItem("community", _("Community services"), "heart-handshake", order=65),
    NavItem("reports", _("Reports"), "chart-bar", order=70),
]


def register(item: NavItem) -> None:
    _REGISTRY[item.key] = item


def menu_for(user) -> list[dict]:
    items = {item.key: item for item in PLANNED}
    items.update(_REGISTRY)
    menu = []
    for item in sorted(items.values(), key=lambda i: i.order):
        if item.roles and not user.has_role(*item.roles):
            continue
        url = item.url()
        children = [
            {"label": c.label, "url": c.url()} for c in item.children
            if (not c.roles or user.has_role(*c.roles)) and c.url()
        ]
        menu.append({"key": item.key, "label": item.label, "icon": item.icon, "url": url,
                     "children": children, "planned": url is None and not children})
    return menu
