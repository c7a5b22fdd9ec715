"""This app's contributions to the shared registries (menu, dashboard, daily job, demo data). Nothing public:
children never appear in public figures."""

from django.utils.translation import gettext_lazy as _

from desaku.core import dashboard, jobs, navigation
from desaku.diversion import demo, exports, sections  # noqa: F401  (the demo seeder; the person page section)
from desaku.diversion.permissions import READERS, WRITERS

navigation.register(navigation.NavItem(
    "diversion", _("Diversion (ABH)"), "scale", url_name="diversion:abh_list", roles=READERS, order=35, children=[
        navigation.NavItem("diversion-cases", _("ABH cases"), "scale", url_name="diversion:abh_list"),
        navigation.NavItem("diversion-deadlines", _("Deadlines"), "calendar-due", url_name="diversion:deadline_board"),
        navigation.NavItem("diversion-new", _("New ABH case"), "plus", url_name="diversion:abh_create", roles=WRITERS),
    ]))


@jobs.daily("diversion.deadlines")
def notify_deadlines(today):
    """Warn the accompanying Peksos before a statutory deadline, on the day and when it passed; keep tasks."""
    from desaku.diversion import services

    return services.notify_deadlines(today)


@dashboard.register
def diversion_cards(user):
    """Overdue and near statutory deadlines of the ABH cases in the user's scope."""
    from django.urls import reverse

    from desaku.diversion import deadlines, selectors
    from desaku.diversion.permissions import can_read

    if not can_read(user):
        return []
    board = selectors.deadline_board(user)
    if not board:
        return []
    url = reverse("diversion:deadline_board")
    overdue = sum(1 for d in board if d.state == deadlines.State.OVERDUE)
    near = sum(1 for d in board if d.state in (deadlines.State.TODAY, deadlines.State.NEAR))
    return [dashboard.Card(_("ABH deadlines overdue"), overdue, "scale", url=url + "?state=overdue", color="red"),
            dashboard.Card(_("ABH deadlines near"), near, "calendar-due", url=url, color="orange",
                           hint=_("today or within the warning days"))]


def _abh_cases_in_case_management(user):
    """In the generic case screens an ABH case shows only to those who may see the child's identity:
    administrators and the Kepala Dinas, the Kepala Bidang of its organisation, and the assigned workers."""
    from django.db.models import Q

    from desaku.core.models import Role

    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.has_role(Role.ADMINISTRATOR, Role.KEPALA_DINAS):
        return Q()
    q = Q(worker=user.pk) | Q(secondary_workers=user.pk) | Q(abh__peksos=user.pk)
    if user.has_role(Role.KEPALA_BIDANG) and user.organisation_id:
        q |= Q(organisation=user.organisation_id)
    return q


def _register_case_restriction():
    from desaku.cases import restrictions
    from desaku.cases.models import CaseType

    restrictions.register(CaseType.ABH, _abh_cases_in_case_management)


_register_case_restriction()


def _children_hidden_from(user, person_ids):
    """The registry's identity hook: a child of an ABH case shows as initials (and without NIK, address, photo)
    to everyone but those who may see the child's identity in at least one of the child's ABH cases."""
    from desaku.diversion.models import AbhCase
    from desaku.diversion.permissions import can_see_identity

    by_person: dict[int, list] = {}
    for abh in AbhCase.objects.filter(case__person_id__in=person_ids).select_related("case"):
        by_person.setdefault(abh.case.person_id, []).append(abh)
    if not user.is_authenticated:
        return set(by_person)
    return {pk for pk, cases in by_person.items() if not any(can_see_identity(user, abh) for abh in cases)}


def _register_identity_restriction():
    from desaku.people import identity

    identity.register(_children_hidden_from)


_register_identity_restriction()
