"""Training's part of the person page: the person's batches within the viewer's scope."""

from django.urls import reverse
from django.utils.translation import gettext as _

from desaku.people import timeline
from desaku.training import selectors
from desaku.training.models import EnrolmentStatus
from desaku.training.permissions import can_read

LIMIT = 20


def training_section(person, user):
    if not can_read(user):
        return None
    enrolments = list(selectors.enrolments_visible_to(user).filter(person=person).order_by(
        "-batch__start_date")[:LIMIT])
    if not enrolments:
        return None
    return timeline.Section(key="training", title=_("Skills training"), template="training/sections/training.html",
                            order=140, context={"person": person, "enrolments": enrolments})


def training_events(person, user):
    if not can_read(user):
        return []
    events = []
    for e in selectors.enrolments_visible_to(user).filter(person=person)[:LIMIT]:
        url = reverse("training:batch_detail", args=[e.batch_id])
        events.append(timeline.Event(e.batch.start_date, _("Training: %(batch)s") % {"batch": e.batch.name},
                                     detail=e.get_status_display(), url=url, icon="school", source="training"))
        if e.status == EnrolmentStatus.COMPLETED:
            events.append(timeline.Event(e.batch.end_date, _("Completed training: %(course)s") % {
                "course": e.batch.course.name}, url=url, icon="certificate", source="training"))
    return events


timeline.register_section(training_section, order=140)
timeline.register_events(training_events)
