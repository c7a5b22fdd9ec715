"""Figures of community services for the heads' dashboard and the monthly report (definitions in docs/measures.md).

They read through ``activities_visible_to(user)``. Place: the activity's kelurahan. Organisation: the organisation
that recorded the activity. PPKS category: activities with a registered participant who held the category in the
period, and only those participants.
"""

from dataclasses import replace

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from desaku.community import selectors
from desaku.community.models import CommunityActivity, TargetGroup
from desaku.community.permissions import READERS as COMMUNITY_READERS
from desaku.reports.figures import Figure, Result, bar, month_end, register
from desaku.reports.filtering import allowed_category, category_exists, narrow
from desaku.reports.links import list_link
from desaku.reports.permissions import READERS

GROUP = _("Community services")
ROLES = tuple(role for role in READERS if role in COMMUNITY_READERS)
Participation = CommunityActivity.participants.through


def month_of(value):
    return value.date() if hasattr(value, "date") else value


def activities(filters, user):
    """Visible activities held in the period, narrowed by place and organisation, and by category (see above)."""
    queryset = selectors.activities_visible_to(user).filter(held_on__gte=filters.start, held_on__lte=filters.end)
    queryset = narrow(queryset, filters, user, region="kelurahan", organisation="organisation", person=None)
    category = allowed_category(filters, user)
    if category is False:
        return queryset.none()
    if category is not None:
        queryset = queryset.filter(pk__in=participations(queryset, filters, user).values("communityactivity_id"))
    return queryset


def participations(activity_qs, filters, user):
    """Registered participants of the activities (of the filter's category, if any)."""
    rows = Participation.objects.filter(communityactivity_id__in=activity_qs.values("pk"))
    category = allowed_category(filters, user)
    if category:
        rows = rows.filter(category_exists("person", category, filters))
    return rows




@register
class CommunityActivities(Figure):
    key = "community.per_month"
    title = _("Community activities and participants per month")
    definition = "community-activities-per-month"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        base = activities(filters, user)
        held = {month_of(row["m"]): row for row in base.order_by().annotate(m=TruncMonth("held_on")).values(
            "m").annotate(n=Count("pk"), heads=Sum("head_count"), budget=Sum("budget_used"))}
        registered = {month_of(m): n for m, n in participations(base, filters, user).order_by().annotate(
            m=TruncMonth("communityactivity__held_on")).values("m").annotate(
            n=Count("person", distinct=True)).values_list("m", "n")}
        rows, links = [], []
        for month in filters.months:
            row = held.get(month, {})
            rows.append([f"{month:%Y-%m}", row.get("n", 0), row.get("heads") or 0, registered.get(month, 0),
                         int(row.get("budget") or 0)])
            links.append(list_link("community:activity_list", replace(filters, start=max(filters.start, month),
                                                                      end=min(filters.end, month_end(month))),
                                   supports=()))
        return Result(columns=[_("Month"), _("Activities"), _("Head count"), _("Registered participants"),
                               _("Budget used (Rp)")], rows=rows, links=links,
                      chart=bar([r[0] for r in rows], {_("Activities"): [r[1] for r in rows],
                                                       _("Head count"): [r[2] for r in rows]}))

    def link(self, filters):
        return list_link("community:activity_list", filters, supports=())


@register
class CommunityByTargetGroup(Figure):
    key = "community.by_target_group"
    title = _("Community activities by target group")
    definition = "community-activities-by-target-group"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        grouped = {row["target_group"]: row for row in activities(filters, user).order_by().values(
            "target_group").annotate(n=Count("pk"), heads=Sum("head_count"))}
        rows = [[label, grouped.get(value, {}).get("n", 0), grouped.get(value, {}).get("heads") or 0]
                for value, label in TargetGroup.choices]
        links = [list_link("community:activity_list", filters, supports=(), target_group=value)
                 for value, _label in TargetGroup.choices]
        return Result(columns=[_("Target group"), _("Activities"), _("Head count")], rows=rows, links=links,
                      chart=bar([str(r[0]) for r in rows], {_("Head count"): [r[2] for r in rows]}, kind="doughnut"))

    def link(self, filters):
        return list_link("community:activity_list", filters, supports=())
