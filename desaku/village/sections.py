"""The village's part of the person page: the household's candidacy and occupancy, as timeline events."""

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


timeline.register_events(village_events)
