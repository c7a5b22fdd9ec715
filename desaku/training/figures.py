"""Figures of skills training for the heads' dashboard and the monthly report (definitions in docs/measures.md).

They read through ``enrolments_visible_to(user)`` / ``follow_ups_visible_to(user)``. Place: the participant's
domicile kelurahan. Organisation: the organisation running the batch (or providing it). PPKS category: the
participant held it at some time in the period.
"""


from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from desaku.reports.figures import Figure, Result, bar, register
from desaku.reports.filtering import narrow
from desaku.reports.links import list_link
from desaku.reports.permissions import READERS
from desaku.training import selectors
from desaku.training.models import FOLLOW_UP_MONTHS, BatchStatus, EnrolmentStatus, WorkStatus
from desaku.training.permissions import READERS as TRAINING_READERS

GROUP = _("Training")
ROLES = tuple(role for role in READERS if role in TRAINING_READERS)
WORKING = (WorkStatus.EMPLOYED, WorkStatus.OWN_BUSINESS)


def pct(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _narrow(queryset, filters, user, prefix=""):
    queryset = narrow(queryset, filters, user, region=f"{prefix}person__domicile_kelurahan", organisation=None,
                      person=f"{prefix}person")
    if filters.organisation:
        queryset = queryset.filter(Q(**{f"{prefix}batch__organisation_id": filters.organisation}) | Q(
            **{f"{prefix}batch__provider_organisation_id": filters.organisation}))
    return queryset




@register
class TrainingCompletion(Figure):
    key = "training.completion"
    title = _("Training completion by skill")
    definition = "training-completion"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        enrolments = _narrow(selectors.enrolments_visible_to(user), filters, user).filter(
            batch__end_date__gte=filters.start, batch__end_date__lte=filters.end).exclude(
            batch__status=BatchStatus.CANCELLED).exclude(status=EnrolmentStatus.WAITING)
        grouped = enrolments.order_by().values("batch__course__skill_type__name").annotate(
            total=Count("pk"),
            completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
            not_completed=Count("pk", filter=Q(status=EnrolmentStatus.NOT_COMPLETED)),
            withdrawn=Count("pk", filter=Q(status=EnrolmentStatus.WITHDRAWN)),
            pending=Count("pk", filter=Q(status=EnrolmentStatus.ENROLLED)))
        rows = []
        for g in sorted(grouped, key=lambda g: str(g["batch__course__skill_type__name"])):
            finished = g["completed"] + g["not_completed"]
            rows.append([g["batch__course__skill_type__name"], g["total"], g["completed"], g["not_completed"],
                         g["withdrawn"], g["pending"], pct(g["completed"], finished)])
        if rows:
            sums = [sum(r[i] for r in rows) for i in range(1, 6)]
            rows.append([_("Total")] + sums + [pct(sums[1], sums[1] + sums[2])])
        body = rows[:-1]
        return Result(columns=[_("Skill"), _("Participants"), _("Completed"), _("Did not complete"), _("Withdrawn"),
                               _("Awaiting the result"), _("Completion %")], rows=rows,
                      chart=bar([str(r[0]) for r in body], {_("Completed"): [r[2] for r in body],
                                                            _("Did not complete"): [r[3] for r in body],
                                                            _("Withdrawn"): [r[4] for r in body]}))

    def headline(self, result):
        return result.rows[-1][2] if result.rows else 0

    def link(self, filters):
        years = {filters.start.year, filters.end.year}
        return list_link("training:batch_list", filters, period=None, supports=(), status=BatchStatus.FINISHED,
                         year=years.pop() if len(years) == 1 else None)


@register
class TrainingOutcomes(Figure):
    key = "training.outcomes"
    title = _("Training outcomes at 3 and 6 months")
    definition = "training-outcomes"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        follow_ups = _narrow(selectors.follow_ups_visible_to(user), filters, user, prefix="enrolment__")
        done = follow_ups.filter(done_on__gte=filters.start, done_on__lte=filters.end).order_by().values(
            "months").annotate(
            n=Count("pk"),
            employed=Count("pk", filter=Q(work_status=WorkStatus.EMPLOYED)),
            own=Count("pk", filter=Q(work_status=WorkStatus.OWN_BUSINESS)),
            idle=Count("pk", filter=Q(work_status=WorkStatus.NOT_WORKING)),
            income=Avg("monthly_income", filter=Q(work_status__in=WORKING, monthly_income__isnull=False)))
        done = {row["months"]: row for row in done}
        missed = dict(follow_ups.filter(due_on__gte=filters.start, due_on__lte=filters.end).filter(
            Q(done_on__isnull=True) | Q(done_on__gt=filters.end)).order_by().values("months").annotate(
            n=Count("pk")).values_list("months", "n"))
        rows = []
        for months in FOLLOW_UP_MONTHS:
            row = done.get(months, {})
            n, employed, own = row.get("n", 0), row.get("employed", 0), row.get("own", 0)
            income = row.get("income")
            rows.append([_("%(months)s months after the batch") % {"months": months}, n, employed, own,
                         row.get("idle", 0), pct(employed + own, n), int(round(income)) if income is not None else None,
                         missed.get(months, 0)])
        return Result(columns=[_("Follow-up"), _("Followed up"), _("Employed"), _("Own business"), _("Not working"),
                               _("Working %"), _("Average monthly income of those working (Rp)"),
                               _("Due in the period, not done")], rows=rows,
                      chart=bar([str(r[0]) for r in rows], {_("Employed"): [r[2] for r in rows],
                                                            _("Own business"): [r[3] for r in rows],
                                                            _("Not working"): [r[4] for r in rows]}))

    def headline(self, result):
        return sum(r[2] + r[3] for r in result.rows)

    def link(self, filters):
        return list_link("training:follow_up_list", filters, period=None, supports=(), show="done")
