"""This app's contributions to the shared registries (menu, dashboard, person page, jobs, demo data) and
the hand-over from outreach: an approved disposition to an institution becomes a case referral."""

from django.utils.translation import gettext_lazy as _

from desaku.cases import demo, exports, figures, sections  # noqa: F401  (the demo seeder; the reports' figures; the person page's section and events)
from desaku.cases.models import Case, Referral
from desaku.cases.permissions import READERS, SUPERVISORS, WRITERS
from desaku.core import dashboard, navigation
from desaku.people import merging

merging.register(Case, "person")
merging.register(Referral, "person")


def _case_partners_see_their_people(user):
    """Workers and organisations holding a case, or a share or transfer of it, see its person (or the current
    members of its household)."""
    from django.db.models import Q

    from desaku.people.models import HouseholdMembership

    cases = Case.objects.visible_to(user)
    visible = cases.filter(person__isnull=False).values("person")
    # A household case: the household's current members.
    members = HouseholdMembership.objects.filter(
        household__in=cases.filter(household__isnull=False).values("household"), end_date__isnull=True)
    return Q(pk__in=visible) | Q(pk__in=members.values("person"))


def _register():
    from desaku.outreach.signals import disposition_approved
    from desaku.people import visibility

    visibility.register(_case_partners_see_their_people)
    disposition_approved.connect(_on_disposition_approved, dispatch_uid="cases.referral_from_disposition")


def _on_disposition_approved(sender, disposition, by, **kwargs):
    from desaku.cases import services

    services.referral_from_disposition(disposition=disposition, by=by)


_register()


def _register_jobs():
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from desaku.cases import selectors
    from desaku.core import jobs
    from desaku.core.notifications import notify

    @jobs.daily("cases.pending_referrals")
    def notify_pending_referrals(today):
        """Tell the responsible worker about referrals sent more than N days ago and still unanswered."""
        made = 0
        for referral in selectors.stale_referrals(today=today).select_related("case__worker", "institution"):
            worker = referral.case.worker
            if not worker.is_active:
                continue
            days = (today - referral.sent_on).days
            title = _("Referral without an answer for %(days)s days") % {"days": days}
            body = _("%(name)s → %(to)s, sent %(sent)s.") % {
                "name": referral.case.subject_name, "to": referral.destination,
                "sent": referral.sent_on.strftime("%d/%m/%Y")}
            if notify(user=worker, key=f"referral-pending:{referral.pk}:{today.isoformat()}", title=title, body=body,
                      url=reverse("cases:referral_detail", args=[referral.pk])):
                made += 1
        return made

    @jobs.daily("cases.plan_reviews")
    def notify_plan_reviews(today):
        """Tell the responsible worker about case plans whose review date has passed."""
        from desaku.cases.models import ACTIVE_STATUSES

        made = 0
        for case in Case.objects.filter(status__in=ACTIVE_STATUSES, plan__next_review_on__lt=today).select_related(
                "worker", "person", "household", "plan"):
            if notify(user=case.worker, key=f"plan-review:{case.pk}:{today.isoformat()}",
                      title=_("Plan review overdue: %(name)s") % {"name": case.subject_name},
                      body=_("Review was due %(due)s.") % {"due": case.plan.next_review_on.strftime("%d/%m/%Y")},
                      url=reverse("cases:case_detail", args=[case.pk]) + "#plan"):
                made += 1
        return made


_register_jobs()


navigation.register(navigation.NavItem(
    "cases", _("Cases"), "briefcase", url_name="cases:caseload", roles=READERS, order=30, children=[
        navigation.NavItem("cases-mine", _("My caseload"), "briefcase", url_name="cases:caseload"),
        navigation.NavItem("cases-team", _("Team caseload"), "users-group", url_name="cases:team",
                           roles=SUPERVISORS),
        navigation.NavItem("cases-referrals", _("Referrals"), "send", url_name="cases:referral_list"),
        navigation.NavItem("cases-new", _("New case"), "plus", url_name="cases:case_create", roles=WRITERS),
    ]))


@dashboard.register
def case_cards(user):
    """My open cases, overdue plan reviews and referrals waiting for an answer (within the scope)."""
    from django.urls import reverse

    from desaku.cases import selectors
    from desaku.cases.models import ACTIVE_STATUSES
    from desaku.cases.permissions import can_read

    if not can_read(user):
        return []
    caseload = reverse("cases:caseload")
    return [
        dashboard.Card(_("My open cases"), selectors.my_caseload(user).filter(status__in=ACTIVE_STATUSES).count(),
                       "briefcase", url=caseload, color="blue"),
        dashboard.Card(_("Overdue plan reviews"), selectors.overdue_reviews(user).count(), "calendar-due",
                       url=caseload + "?overdue_review=on", color="red"),
        dashboard.Card(_("Pending referrals"), selectors.pending_referrals(user).count(), "send",
                       url=reverse("cases:referral_list") + "?status=sent", color="orange",
                       hint=_("sent, waiting for an answer")),
    ]
