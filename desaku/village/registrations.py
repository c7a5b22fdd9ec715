"""This app's contributions to the shared registries (menu, dashboard, person page, jobs, demo data)."""

from django.utils.translation import gettext_lazy as _

from desaku.core import dashboard, navigation
from desaku.people import merging
from desaku.village import demo, exports, figures, sections  # noqa: F401  (the demo seeder; the reports' figures; the person page timeline)
from desaku.village.models import Product
from desaku.village.permissions import MANAGERS, MENTORS, READERS, SELECTION_READERS

merging.register(Product, "producer")


def _mentors_see_their_households(user):
    """A mentor (and whoever accompanies a household) sees its current members."""
    from django.db.models import Exists, OuterRef, Q

    from desaku.village.models import MentorAssignment

    return Q(Exists(MentorAssignment.objects.filter(
        mentor=user.pk, ended_on__isnull=True,
        household__memberships__person=OuterRef("pk"), household__memberships__end_date__isnull=True)))


def _register():
    from django.dispatch import receiver

    from desaku.outreach.signals import disposition_approved
    from desaku.people import visibility

    visibility.register(_mentors_see_their_households)

    @receiver(disposition_approved, dispatch_uid="village-nominate-from-disposition")
    def nominate_from_disposition(sender, disposition, by, **kwargs):
        """An approved "nominated for Desaku Menanti" disposition puts the family on the candidate list."""
        from desaku.outreach.models import DispositionKind
        from desaku.village import services

        if disposition.kind == DispositionKind.NOMINATED_VILLAGE:
            services.nominate_from_disposition(disposition, by)


_register()


def _register_jobs():
    from datetime import timedelta

    from django.utils.translation import gettext as _t

    from desaku.core import jobs

    @jobs.daily("village.residence_checks")
    def residence_checks_due(today):
        """From the 20th, a task for each occupied unit without a residence check this month."""
        from desaku.core.tasklist import create_task
        from desaku.village.models import Occupancy, OccupancyStatus

        if today.day < 20:
            return 0
        made = 0
        month = today.replace(day=1)
        for occupancy in Occupancy.objects.filter(status=OccupancyStatus.ACTIVE).exclude(
                checks__checked_on__gte=month).select_related("unit__building__site__program_officer", "allocated_by"):
            officer = occupancy.unit.building.site.program_officer or occupancy.allocated_by
            if not officer.is_active:
                continue
            create_task(title=_t("Residence check of unit %(unit)s") % {"unit": occupancy.unit.number},
                        assigned_to=officer, due_on=(month + timedelta(days=32)).replace(day=1) - timedelta(days=1),
                        url=f"/village/occupancy/{occupancy.pk}/check/",
                        source=f"village.check:{occupancy.pk}:{month:%Y-%m}")
            made += 1
        return made


_register_jobs()


navigation.register(navigation.NavItem(
    "village", _("Desaku Menanti"), "home-2", url_name="village:home", roles=READERS + SELECTION_READERS, order=40,
    children=[
        navigation.NavItem("village-home", _("Overview"), "home-2", url_name="village:home", roles=READERS),
        navigation.NavItem("village-candidates", _("Selection"), "checklist", url_name="village:candidate_list",
                           roles=SELECTION_READERS),
        navigation.NavItem("village-units", _("Units"), "building", url_name="village:unit_list", roles=READERS),
        navigation.NavItem("village-occupancy", _("Occupancy"), "key", url_name="village:occupancy_list",
                           roles=READERS),
        navigation.NavItem("village-sessions", _("Mentoring"), "friends", url_name="village:session_list",
                           roles=READERS),
        navigation.NavItem("village-enterprises", _("Enterprises"), "building-store",
                           url_name="village:enterprise_list", roles=READERS),
        navigation.NavItem("village-new-session", _("New mentoring session"), "plus",
                           url_name="village:session_create", roles=MENTORS),
        navigation.NavItem("village-catalogue", _("Public catalogue"), "world", url_name="village:catalogue"),
    ]))


@dashboard.register
def village_cards(user):
    """Candidate files waiting (scope-aware), open offers, and the village's occupancy."""
    from django.urls import reverse

    from desaku.village import permissions, selectors
    from desaku.village.models import CandidateStatus

    cards = []
    if permissions.can_read_selection(user):
        waiting = selectors.candidates_visible_to(user).filter(
            status=CandidateStatus.SENT if permissions.is_reviewer_only(user) else CandidateStatus.NOMINATED)
        cards.append(dashboard.Card(_("Candidate files to select"), waiting.count(), "checklist",
                                    url=reverse("village:candidate_list"), hint=_("Desaku Menanti"), color="azure"))
    if permissions.can_read(user):
        site = selectors.default_site()
        if site is not None:
            figures = selectors.program_figures(site)
            cards.append(dashboard.Card(_("Village occupancy"), f"{figures['living']}/{figures['units']}", "home-2",
                                        url=reverse("village:home"), hint=_("Desaku Menanti"), color="green"))
        if user.has_role(*MANAGERS):
            cards.append(dashboard.Card(_("Vacant units offered"), selectors.open_offers(user).count(), "key",
                                        url=reverse("village:home"), color="orange"))
    return cards
