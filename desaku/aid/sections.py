"""Aid's part of the person page: enrolments, payments and recommendation letters, within the viewer's scope."""

from django.urls import reverse
from django.utils.translation import gettext as _

from desaku.aid import selectors
from desaku.aid.models import LineStatus
from desaku.aid.permissions import can_read
from desaku.people import timeline

LIMIT = 20


def aid_section(person, user):
    if not can_read(user):
        return None
    enrolments = list(selectors.enrolments_visible_to(user).filter(person=person)[:LIMIT])
    lines = list(selectors.lines_visible_to(user).filter(person=person).order_by("-cycle__scheduled_on")[:LIMIT])
    requests = list(selectors.requests_visible_to(user).filter(person=person)[:LIMIT])
    return timeline.Section(key="aid", title=_("Social aid"), template="aid/sections/aid.html", order=150, context={
        "person": person, "enrolments": enrolments, "lines": lines, "requests": requests})


def aid_events(person, user):
    if not can_read(user):
        return []
    events = []
    for e in selectors.enrolments_visible_to(user).filter(person=person, start_date__isnull=False)[:LIMIT]:
        events.append(timeline.Event(e.start_date, _("Enrolled in %(program)s") % {"program": e.program.name},
                                     url=reverse("aid:enrolment_detail", args=[e.pk]), icon="cash", source="aid"))
    for line in selectors.lines_visible_to(user).filter(person=person, status=LineStatus.PAID)[:LIMIT]:
        events.append(timeline.Event(line.paid_on, _("Aid paid: %(cycle)s") % {"cycle": line.cycle.name},
                                     detail=f"Rp{line.amount:,.0f}".replace(",", "."), icon="cash", source="aid"))
    return events


timeline.register_section(aid_section, order=150)
timeline.register_events(aid_events)
