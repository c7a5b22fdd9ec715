"""This app's contributions to the shared registries (menu, dashboard, person page, jobs, demo data)."""

from django.utils.translation import gettext_lazy as _

from desaku.community import demo, exports, figures, sections  # noqa: F401  (the demo seeder; the reports' figures; the person page's section)
from desaku.community.models import CommunityActivity, Membership
from desaku.community.permissions import MANAGERS, READERS, WRITERS
from desaku.core import dashboard, navigation
from desaku.people import merging

merging.register(Membership, "person")
merging.register_m2m(CommunityActivity, "participants")

navigation.register(navigation.NavItem(
    "community", _("Community services"), "heart-handshake", url_name="community:home", roles=READERS, order=65,
    children=[
        navigation.NavItem("community-home", _("Overview"), "heart-handshake", url_name="community:home"),
        navigation.NavItem("community-activities", _("Activities"), "calendar-event",
                           url_name="community:activity_list"),
        navigation.NavItem("community-organisations", _("PSKS organisations"), "building-community",
                           url_name="community:organisation_list"),
        navigation.NavItem("community-volunteers", _("PSKS volunteers"), "users", url_name="community:volunteer_list"),
        navigation.NavItem("community-awards", _("Karang Werdha Berprestasi"), "trophy",
                           url_name="community:round_list"),
        navigation.NavItem("community-new", _("New activity"), "plus", url_name="community:activity_create",
                           roles=WRITERS),
        navigation.NavItem("community-new-round", _("New award round"), "plus", url_name="community:round_create",
                           roles=MANAGERS),
    ]))


@dashboard.register
def community_cards(user):
    """Activities this year (within the scope) and the award round in progress."""
    from django.urls import reverse
    from django.utils import timezone

    from desaku.community import selectors, services
    from desaku.community.permissions import can_read

    if not can_read(user):
        return []
    year = timezone.localdate().year
    cards = [dashboard.Card(_("Community activities this year"),
                            selectors.activities_visible_to(user).filter(held_on__year=year).count(),
                            "heart-handshake", url=reverse("community:activity_list") + f"?year={year}",
                            hint=_("forums, socialisation, Apel dan Senam"), color="teal")]
    current = selectors.open_rounds(user).first()
    if current is not None:
        missing = services.missing_scores(current) if current.status == "scoring" else None
        cards.append(dashboard.Card(
            _("Karang Werdha Berprestasi %(year)s") % {"year": current.year},
            current.get_status_display() if missing is None else _("%(count)s scores to enter") % {"count": missing},
            "trophy", url=reverse("community:round_detail", args=[current.pk]), color="yellow"))
    return cards
