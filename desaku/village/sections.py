"""The village's part of the person page: a section (household, unit, move-in, occupancy status, latest
residence check, mentoring sessions, enterprise) and the candidacy and occupancy as timeline events."""

from django.urls import reverse
from django.utils.translation import gettext as _

from desaku.people import timeline
from desaku.village import permissions, selectors


def village_events(person, user):
    if not (permissions.can_read(user) or permissions.can_read_selection(user)):
        return []
    households = person.household_memberships.values("household")
    events = []
    for candidate in selectors.candidates_visible_to(user).filter(household__in=households)[:10]:
        events.append(timeline.Event(candidate.nominated_on, _("Nominated for Desaku Menanti"),
                                     detail=candidate.get_status_display(), icon="home-2", source="village",
                                     url=reverse("village:candidate_detail", args=[candidate.pk])))
    if permissions.can_read(user):
        for occupancy in selectors.occupancies_visible_to(user).filter(household__in=households)[:10]:
            url = reverse("village:occupancy_detail", args=[occupancy.pk])
            if occupancy.move_in_date:
                events.append(timeline.Event(occupancy.move_in_date, _("Moved into Desaku Menanti unit %(unit)s") % {
                    "unit": occupancy.unit.number}, icon="key", source="village", url=url))
            if occupancy.ended_on:
                events.append(timeline.Event(occupancy.ended_on, _("Left Desaku Menanti: %(reason)s") % {
                    "reason": occupancy.get_end_reason_display()}, icon="door-exit", source="village", url=url))
    return events


def village_section(person, user):
    """The person's household in Desaku Menanti, for whoever may read the village and see that occupancy."""
    if not permissions.can_read(user):
        return None
    from desaku.village.models import Attendance

    households = person.household_memberships.values("household")
    occupancy = selectors.occupancies_visible_to(user).filter(household__in=households).order_by(
        "-allocated_on", "-id").first()
    if occupancy is None:
        return None
    household = occupancy.household
    check = occupancy.checks.order_by("-checked_on", "-id").first()
    visible_sessions = selectors.sessions_visible_to(user).values("pk")
    attended = Attendance.objects.filter(household=household, session__in=visible_sessions)
    return timeline.Section(key="village", title=_("Desaku Menanti"), template="village/sections/person.html",
                            order=140, context={
                                "occupancy": occupancy, "household": household, "unit": occupancy.unit,
                                "check": check, "sessions": attended.count(),
                                "present": attended.filter(present=True).count(),
                                "enterprises": list(household.village_enterprises.filter(active=True)[:3]),
                            })


timeline.register_section(village_section, order=140)
timeline.register_events(village_events)
