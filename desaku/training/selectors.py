"""Reads of the training app, always through the user's scope."""

from datetime import date

from django.db.models import Count, Q, Sum
from django.utils import timezone

from desaku.training.models import (
    Batch,
    BatchStatus,
    Course,
    Enrolment,
    EnrolmentStatus,
    FollowUp,
    Session,
    WorkStatus,
)

FINISHED_STATES = (EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED)
COUNTED = (EnrolmentStatus.ENROLLED,) + FINISHED_STATES


def courses():
    """The catalogue is reference data: everyone with a training role sees it."""
    return Course.objects.select_related("skill_type").prefetch_related("target_groups")


def batches_visible_to(user):
    return Batch.objects.visible_to(user).select_related("course__skill_type", "funding_source",
                                                         "provider_organisation")


def batch_for(user, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(batches_visible_to(user), pk=pk)


def enrolments_visible_to(user):
    return Enrolment.objects.visible_to(user).select_related("person", "batch__course", "certificate")


def sessions_visible_to(user):
    return Session.objects.filter(batch__in=Batch.objects.visible_to(user).values("pk")).select_related("batch")


def follow_ups_visible_to(user):
    return FollowUp.objects.visible_to(user).select_related("enrolment__person", "enrolment__batch")


def follow_ups_due(user, on: date | None = None):
    on = on or timezone.localdate()
    return follow_ups_visible_to(user).filter(done_on__isnull=True, due_on__lte=on)


FOLLOW_UP_VIEWS = ("due", "all", "done")


def follow_ups_shown(user, show: str, on: date | None = None):
    """The follow-up list's rows: ``due`` (open and due by today; also any unknown value), ``all`` or ``done``."""
    items = follow_ups_visible_to(user)
    if show == "done":
        items = items.filter(done_on__isnull=False)
    elif show != "all":
        items = items.filter(done_on__isnull=True, due_on__lte=on or timezone.localdate())
    return items.order_by("due_on", "pk")


def with_counts(batches):
    return batches.annotate(
        enrolled=Count("enrolments", filter=Q(enrolments__status__in=COUNTED), distinct=True),
        waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING), distinct=True),
        completed=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.COMPLETED), distinct=True),
    )


GROUPINGS = ("batch", "skill", "funding", "ppks")


def report(user, group_by: str, year: int | None = None) -> list[dict]:
    """Enrolled, completed, completion rate and outcomes, per batch / skill / funding source / PPKS group.

    Counts enrolments (not withdrawn, not waiting) of batches within the user's scope. The PPKS grouping counts a
    participant under each current classification, so its rows may add up to more than the total; sensitive
    categories are left out for users who may not know of them. Outcomes: the latest follow-up done."""
    from desaku.people.permissions import can_see_sensitive

    enrolments = Enrolment.objects.visible_to(user).filter(status__in=COUNTED).exclude(
        batch__status=BatchStatus.CANCELLED)
    if year:
        enrolments = enrolments.filter(batch__start_date__year=year)
    keys = {
        "batch": ("batch_id", "batch__name"),
        "skill": ("batch__course__skill_type_id", "batch__course__skill_type__name"),
        "funding": ("batch__funding_source_id", "batch__funding_source__name"),
        "ppks": ("person__classifications__category_id", "person__classifications__category__name"),
    }
    key, label = keys[group_by]
    pairs = enrolments.values("pk", "status", key, label)
    if group_by == "ppks":
        pairs = pairs.filter(person__classifications__valid_to__isnull=True)
        if not can_see_sensitive(user):
            pairs = pairs.exclude(person__classifications__category__is_sensitive=True)
    latest = {}
    for enrolment_id, work in FollowUp.objects.filter(
            done_on__isnull=False, enrolment__in=enrolments.values("pk")).order_by("months").values_list(
            "enrolment_id", "work_status"):
        latest[enrolment_id] = work
    groups: dict = {}
    for row in pairs.distinct():
        group = groups.setdefault(row[key], {"key": row[key], "label": row[label] or "—", "ids": set(),
                                             "completed": 0, "finished": 0, "employed": 0, "own_business": 0,
                                             "not_working": 0})
        if row["pk"] in group["ids"]:
            continue
        group["ids"].add(row["pk"])
        if row["status"] == EnrolmentStatus.COMPLETED:
            group["completed"] += 1
        if row["status"] in FINISHED_STATES:
            group["finished"] += 1
        work = latest.get(row["pk"])
        if work in (WorkStatus.EMPLOYED, WorkStatus.OWN_BUSINESS, WorkStatus.NOT_WORKING):
            group[work] += 1
    result = []
    for group in sorted(groups.values(), key=lambda g: str(g["label"])):
        ids = group.pop("ids")
        group["enrolled"] = len(ids)
        group["rate"] = round(100 * group["completed"] / group["finished"], 1) if group["finished"] else None
        result.append(group)
    return result


def budget_total(batches):
    return batches.aggregate(budget=Sum("budget"), used=Sum("budget_used"))
