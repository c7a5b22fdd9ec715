"""Aid's contributions: merge references, the death signal, menu, dashboard cards, person page, demo data."""

from django.utils.translation import gettext_lazy as _

from desaku.aid import demo, exports, figures, sections  # noqa: F401  (the demo seeder; the reports' figures; the person page's section)
from desaku.aid.models import CycleExclusion, CycleLine, Enrolment, RecommendationRequest, WelfareStatus
from desaku.aid.permissions import READERS
from desaku.core import dashboard, jobs, navigation
from desaku.people import merging
from desaku.people.signals import person_died

for _model in (Enrolment, CycleLine, CycleExclusion, RecommendationRequest, WelfareStatus):
    merging.register(_model, "person")


def _on_death(sender, person, by=None, **kwargs):
    from desaku.aid.services import end_enrolments_on_death

    end_enrolments_on_death(person=person, by=by)


person_died.connect(_on_death, dispatch_uid="aid.end_enrolments_on_death")


@jobs.daily("aid.eligible_counts")
def eligible_counts_job(today):
    """Count each program's eligible, not enrolled persons for the coverage figure (docs/measures.md)."""
    from desaku.aid.services import count_eligible

    return count_eligible(today)


navigation.register(navigation.NavItem(
    "aid", _("Social aid"), "cash", url_name="aid:program_list", roles=READERS, order=60, children=[
        navigation.NavItem("aid-programs", _("Programs"), "cash", url_name="aid:program_list"),
        navigation.NavItem("aid-enrolments", _("Enrolments"), "users", url_name="aid:enrolment_list"),
        navigation.NavItem("aid-cycles", _("Distribution cycles"), "calendar", url_name="aid:cycle_list"),
        navigation.NavItem("aid-requests", _("Recommendation requests"), "file-text", url_name="aid:request_list"),
        navigation.NavItem("aid-letters", _("Letters issued"), "certificate", url_name="aid:letter_register"),
        navigation.NavItem("aid-budget", _("Budget"), "chart-bar", url_name="aid:budget"),
    ]))


@dashboard.register
def aid_cards(user):
    """Proposals waiting, requests waiting (within the scope), and cycles waiting for approval."""
    from django.urls import reverse

    from desaku.aid import selectors
    from desaku.aid.models import CycleStatus, RequestStatus
    from desaku.aid.permissions import can_approve, can_read

    if not can_read(user):
        return []
    cards = [
        dashboard.Card(_("Aid enrolments waiting"), selectors.pending_enrolments(user).count(), "cash",
                       url=reverse("aid:enrolment_list") + "?status=proposed", hint=_("proposed or verified"),
                       color="yellow"),
        dashboard.Card(_("Recommendation requests open"), selectors.requests_visible_to(user).filter(
            status__in=(RequestStatus.SUBMITTED, RequestStatus.CHECKED)).count(), "file-text",
            url=reverse("aid:request_list"), color="blue"),
    ]
    if can_approve(user):
        cards.append(dashboard.Card(_("Cycles to approve"), selectors.cycles_visible_to(user).filter(
            status=CycleStatus.VERIFIED).count(), "calendar", url=reverse("aid:cycle_list"), color="orange"))
    return cards
