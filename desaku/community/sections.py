"""Community services on the person page: activities attended and group memberships, within the scope."""

from django.urls import reverse
from django.utils.translation import gettext as _

from desaku.community import selectors
from desaku.community.models import Membership
from desaku.community.permissions import can_read
from desaku.people import timeline

LIMIT = 20


def community_section(person, user):
    if not can_read(user):
        return None
    activities = list(selectors.activities_visible_to(user).filter(participants=person)[:LIMIT])
    memberships = list(Membership.objects.filter(person=person).select_related("group")[:LIMIT])
    if not (activities or memberships):
        return None
    return timeline.Section(key="community", title=_("Community activities"),
                            template="community/sections/community.html", order=160,
                            context={"person": person, "activities": activities, "memberships": memberships})


def community_events(person, user):
    if not can_read(user):
        return []
    return [timeline.Event(a.held_on, _("Took part: %(title)s") % {"title": a.title}, detail=a.activity_type.name,
                           url=reverse("community:activity_detail", args=[a.pk]), icon="heart-handshake",
                           source="community")
            for a in selectors.activities_visible_to(user).filter(participants=person)[:LIMIT]]


timeline.register_section(community_section, order=160)
timeline.register_events(community_events)
