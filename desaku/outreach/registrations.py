"""Outreach's contributions: merge references, menu, dashboard cards, person page, demo data."""

from django.utils.translation import gettext_lazy as _

from desaku.core import dashboard, navigation
from desaku.outreach import demo, exports, sections  # noqa: F401  (demo seeder; list exports; person page)
from desaku.outreach.models import Encounter, OutreachReferral, PreventiveActivity, Stay
from desaku.outreach.permissions import READERS, WRITERS
from desaku.people import merging

for _model in (Encounter, Stay, OutreachReferral):
    merging.register(_model, "person")
merging.register_m2m(PreventiveActivity, "participants")


def _stay_workers_see_their_people(user):
    """A Peksos responsible for a stay, or who recorded an encounter, sees that person."""
    from django.db.models import Exists, OuterRef, Q

    return Q(Exists(Stay.objects.filter(person=OuterRef("pk"), responsible_worker=user.pk))) | Q(
        Exists(Encounter.objects.filter(person=OuterRef("pk"), recorded_by=user.pk)))


def _register():
    from desaku.people import visibility

    visibility.register(_stay_workers_see_their_people)


_register()


def _register_jobs():
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from desaku.core import jobs
    from desaku.core.notifications import notify
    from desaku.outreach.models import StayStatus

    @jobs.daily("outreach.stays_due")
    def notify_due_stays(today):
        """Tell each responsible Peksos about stays whose assessment period ends today or has passed."""
        made = 0
        for stay in Stay.objects.filter(status=StayStatus.OPEN, due_on__lte=today).select_related(
                "person", "shelter", "responsible_worker"):
            overdue = stay.due_on < today
            title = (_("Overdue: decide the disposition of %(name)s") if overdue
                     else _("Due today: assessment of %(name)s")) % {"name": stay.person.full_name}
            body = _("%(shelter)s, admitted %(admitted)s, due %(due)s, extensions: %(ext)s of 2.") % {
                "shelter": stay.shelter.name, "admitted": stay.admitted_on.strftime("%d/%m/%Y"),
                "due": stay.due_on.strftime("%d/%m/%Y"), "ext": stay.extensions}
            try:
                url = reverse("outreach:stay_detail", args=[stay.pk])
            except Exception:  # noqa: BLE001 - the UI may not be installed in a minimal deployment
                url = ""
            if notify(user=stay.responsible_worker, key=f"stay-due:{stay.pk}:{today.isoformat()}", title=title,
                      body=body, url=url):
                made += 1
        return made


_register_jobs()


navigation.register(navigation.NavItem(
    "outreach", _("Outreach & shelter"), "walk", url_name="outreach:board", roles=READERS, order=20, children=[
        navigation.NavItem("outreach-board", _("Shelter occupancy"), "bed", url_name="outreach:board"),
        navigation.NavItem("outreach-operations", _("Operations"), "walk", url_name="outreach:operation_list"),
        navigation.NavItem("outreach-encounters", _("Encounters"), "user-search", url_name="outreach:encounter_list"),
        navigation.NavItem("outreach-stays", _("Shelter stays"), "clipboard-list", url_name="outreach:stay_list"),
        navigation.NavItem("outreach-pending", _("Dispositions to approve"), "route",
                           url_name="outreach:pending_dispositions"),
        navigation.NavItem("outreach-dispositions", _("Dispositions"), "route", url_name="outreach:disposition_list"),
        navigation.NavItem("outreach-activities", _("Preventive activities"), "speakerphone",
                           url_name="outreach:activity_list"),
        navigation.NavItem("outreach-new", _("New operation"), "plus", url_name="outreach:operation_create",
                           roles=WRITERS),
    ]))


@dashboard.register
def outreach_cards(user):
    """Stays due today and overdue (within the scope), and the shelters' true occupancy."""
    from django.urls import reverse
    from django.utils import timezone

    from desaku.outreach import selectors
    from desaku.outreach.permissions import can_approve, can_read

    if not can_read(user):
        return []
    today = timezone.localdate()
    board = reverse("outreach:board")
    rows = selectors.occupancy_board(user, today)
    occupied, capacity = sum(r["occupied"] for r in rows), sum(r["shelter"].capacity for r in rows)
    cards = [
        dashboard.Card(_("Stays due today"), selectors.stays_due(user, today).count(), "clock", url=board,
                       hint=_("assessment period ends"), color="yellow"),
        dashboard.Card(_("Stays overdue"), selectors.stays_overdue(user, today).count(), "alert-triangle", url=board,
                       hint=_("decide the disposition"), color="red"),
        dashboard.Card(_("Shelter occupancy"), f"{occupied}/{capacity}", "bed", url=board,
                       hint=_("all shelters"), color="blue"),
    ]
    if can_approve(user):
        cards.append(dashboard.Card(_("Dispositions to approve"), selectors.pending_dispositions(user).count(),
                                    "route", url=reverse("outreach:pending_dispositions"), color="orange"))
    return cards
