"""This app's contributions to the shared registries (menu, dashboard, person page, jobs, demo data)."""

from django.utils.translation import gettext_lazy as _

from desaku.core import dashboard, jobs, navigation
from desaku.people import merging
from desaku.training import demo, exports, figures, sections  # noqa: F401  (the demo seeder; the reports' figures; the person page's section)
from desaku.training.models import Enrolment
from desaku.training.permissions import CATALOGUE_EDITORS, READERS, WRITERS

merging.register(Enrolment, "person")


def _batch_organisations_see_their_trainees(user):
    """The batch's creator sees its participants; the organisations running or providing it see them only
    while the person's consent to data processing is valid (as the village catalogue names a producer only
    with a valid consent): a partner organisation gets no registry record without consent."""
    from django.db.models import Exists, OuterRef, Q

    from desaku.people.visibility import processing_consent_q

    q = Q(Exists(Enrolment.objects.filter(person=OuterRef("pk"), batch__created_by=user.pk)))
    if user.organisation_id:
        q |= Q(Exists(Enrolment.objects.filter(person=OuterRef("pk")).filter(
            Q(batch__organisation=user.organisation_id) | Q(batch__provider_organisation=user.organisation_id)),
        )) & processing_consent_q()
    return q


def _register():
    from desaku.people import visibility

    visibility.register(_batch_organisations_see_their_trainees)


_register()


@jobs.daily("training.follow_ups")
def follow_up_tasks(today):
    """Follow-ups at 3 and 6 months that are due become tasks of whoever runs the batch."""
    from desaku.training.services import create_due_follow_up_tasks

    return create_due_follow_up_tasks(today)


navigation.register(navigation.NavItem(
    "training", _("Skills training"), "school", url_name="training:batch_list", roles=READERS, order=50, children=[
        navigation.NavItem("training-batches", _("Batches"), "school", url_name="training:batch_list"),
        navigation.NavItem("training-courses", _("Courses"), "book", url_name="training:course_list"),
        navigation.NavItem("training-follow-ups", _("Outcome follow-ups"), "calendar-event",
                           url_name="training:follow_up_list"),
        navigation.NavItem("training-reports", _("Training reports"), "chart-bar", url_name="training:reports"),
        navigation.NavItem("training-new", _("New batch"), "plus", url_name="training:batch_create", roles=WRITERS),
        navigation.NavItem("training-new-course", _("New course"), "plus", url_name="training:course_create",
                           roles=CATALOGUE_EDITORS),
    ]))


@dashboard.register
def training_cards(user):
    """Batches running now, open for enrolment, and follow-ups due (within the scope)."""
    from django.urls import reverse

    from desaku.training import selectors
    from desaku.training.models import BatchStatus
    from desaku.training.permissions import can_read

    if not can_read(user):
        return []
    batches = selectors.batches_visible_to(user)
    url = reverse("training:batch_list")
    return [
        dashboard.Card(_("Training batches running"), batches.filter(status=BatchStatus.RUNNING).count(), "school",
                       url=url + "?status=running", color="blue"),
        dashboard.Card(_("Batches open for enrolment"), batches.filter(status=BatchStatus.OPEN).count(), "user-plus",
                       url=url + "?status=open", color="green"),
        dashboard.Card(_("Training follow-ups due"), selectors.follow_ups_due(user).count(), "calendar-event",
                       url=reverse("training:follow_up_list"), hint=_("3 and 6 months after the batch"),
                       color="yellow"),
    ]
