"""Case management's part of the person page: cases, services delivered and referrals, within the scope."""

from django.urls import reverse
from django.utils.translation import gettext as _

from desaku.cases import selectors
from desaku.cases.permissions import can_read, can_write
from desaku.people import timeline

LIMIT = 20


def cases_section(person, user):
    if not can_read(user):
        return None
    cases = list(selectors.cases_visible_to(user).filter(person=person)[:LIMIT])
    writer = can_write(user)
    if not cases and not writer:
        return None
    # A worker opens a case from the person page (the case form starts with this person).
    open_url = reverse("cases:case_create") + f"?person={person.pk}" if writer else ""
    return timeline.Section(key="cases", title=_("Cases"), template="cases/sections/cases.html", order=120,
                            context={"person": person, "cases": cases, "open_url": open_url})


def cases_events(person, user):
    if not can_read(user):
        return []
    events = []
    for case in selectors.cases_visible_to(user).filter(person=person)[:LIMIT]:
        url = reverse("cases:case_detail", args=[case.pk])
        events.append(timeline.Event(case.opened_on, _("Case opened: %(type)s") % {"type": case.get_case_type_display()},
                                     detail=case.number, url=url, icon="briefcase", source="cases"))
        if case.closed_on:
            events.append(timeline.Event(case.closed_on, _("Case closed"), detail=str(case.exit_destination or ""),
                                         url=url, icon="briefcase-off", source="cases"))
    for service in selectors.services_visible_to(user).filter(case__person=person)[:LIMIT]:
        events.append(timeline.Event(service.delivered_on, _("Service: %(name)s") % {"name": service.service_type.name},
                                     detail=service.provider, icon="heart-handshake", source="cases",
                                     url=reverse("cases:case_detail", args=[service.case_id]) + "#services"))
    for referral in selectors.referrals_visible_to(user).filter(case__person=person).exclude(sent_on=None)[:LIMIT]:
        events.append(timeline.Event(referral.sent_on, _("Referred to %(to)s") % {"to": referral.destination},
                                     detail=referral.get_status_display(), icon="send", source="cases",
                                     url=reverse("cases:referral_detail", args=[referral.pk])))
    return events


def household_cases_section(household, user):
    """The household page's cases: cases opened for the household itself, within the scope."""
    if not can_read(user):
        return None
    cases = list(selectors.cases_visible_to(user).filter(household=household)[:LIMIT])
    writer = can_write(user)
    if not cases and not writer:
        return None
    open_url = reverse("cases:case_create") + f"?household={household.pk}" if writer else ""
    return timeline.Section(key="cases", title=_("Household cases"), template="cases/sections/cases.html",
                            order=120, context={"household": household, "cases": cases, "open_url": open_url})


timeline.register_section(cases_section, order=120)
timeline.register_household_section(household_cases_section, order=120)
timeline.register_events(cases_events)
