"""Outreach's part of the person page: stays, encounters and dispositions, within the viewer's scope."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.outreach import selectors
from desaku.outreach.models import DispositionStatus, StayStatus
from desaku.outreach.permissions import can_read
from desaku.people import timeline

LIMIT = 20


def outreach_section(person, user):
    if not can_read(user):
        return None
    stays = list(selectors.stays_visible_to(user).filter(person=person).order_by("-admitted_on")[:LIMIT])
    encounters = list(selectors.encounters_visible_to(user).filter(person=person)[:LIMIT])
    dispositions = list(selectors.dispositions_visible_to(user).filter(stay__person=person)[:LIMIT])
    if not (stays or encounters or dispositions):
        return None
    last = next((d for d in dispositions if d.status == DispositionStatus.APPROVED), None)
    last_exit = {"disposition": last, "days": (timezone.localdate() - last.decided_on).days} if last else None
    return timeline.Section(key="outreach", title=_("Outreach & shelter"), template="outreach/sections/outreach.html",
                            order=110, context={
                                "person": person, "stays": stays, "encounters": encounters,
                                "dispositions": dispositions, "last_exit": last_exit,
                                "open_stay": next((s for s in stays if s.status == StayStatus.OPEN), None)})


def outreach_events(person, user):
    if not can_read(user):
        return []
    events = []
    for e in selectors.encounters_visible_to(user).filter(person=person)[:LIMIT]:
        title = _("Found on the street: %(activity)s") % {"activity": e.get_activity_display()}
        events.append(timeline.Event(e.encountered_at, title, detail=f"{e.operation.place} · {e.get_outcome_display()}",
                                     url=reverse("outreach:encounter_detail", args=[e.pk]), icon="walk",
                                     source="outreach"))
    for s in selectors.stays_visible_to(user).filter(person=person)[:LIMIT]:
        events.append(timeline.Event(s.admitted_on, _("Admitted to %(shelter)s") % {"shelter": s.shelter.name},
                                     url=reverse("outreach:stay_detail", args=[s.pk]), icon="bed", source="outreach"))
    approved = selectors.dispositions_visible_to(user).filter(stay__person=person, status=DispositionStatus.APPROVED)
    for d in approved[:LIMIT]:
        events.append(timeline.Event(d.decided_on, _("Disposition: %(kind)s") % {"kind": d.get_kind_display()},
                                     detail=str(d.exit_destination), icon="route", source="outreach",
                                     url=reverse("outreach:stay_detail", args=[d.stay_id]) + f"#disposition-{d.pk}"))
    return events


timeline.register_section(outreach_section, order=110)
timeline.register_events(outreach_events)
