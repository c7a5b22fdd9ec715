"""Excel exports of community services, declared on the shared list-export mechanism
(desaku.reports.listexport: the file at once when small, a background job with progress when large).

Same selectors and filters as the pages. Activities list how many registered persons took part,
never who: a list is not the place for a name roll. Group members who are registry persons are named
only for those who may see the person (NIK masked); every export is written to the access log.
"""

from django import forms as django_forms
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desaku.community import forms, selectors, services
from desaku.community.models import MEMBER_GROUP_KINDS, MemberRole, Membership, OrganisationKind
from desaku.community.permissions import can_read
from desaku.outreach.exports import declare, filtered_table
from desaku.outreach.forms import ListFilter
from desaku.people import selectors as people_selectors
from desaku.reports.listexport import Table


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def _region(region):
    return region.name if region else ""


def _kecamatan(region):
    return region.parent.name if region and region.parent_id else ""


def organisations_table(user, params):
    def row(user, o):
        return [o.pk, o.get_kind_display(), o.psks_category.code if o.psks_category else "", o.name, o.address,
                _region(o.kelurahan), _kecamatan(o.kelurahan), o.contact_person, o.phone, o.email,
                o.registration_number, o.get_accreditation_display() if o.accreditation else "", o.accredited_on,
                o.active]

    return filtered_table(user, params, name="psks-organisations", title=_("PSKS organisations"),
                          filter_class=forms.OrganisationFilter, queryset=selectors.organisations_visible_to,
                          model_label="community.PSKSOrganisation", row=row, headers=[
                              _("Id"), _("Kind"), _("PSKS category"), _("Name"), _("Address"), _("Kelurahan"),
                              _("Kecamatan"), _("Contact person"), _("Phone"), _("E-mail"),
                              _("Registration number"), _("Accreditation"), _("Accredited on"), _("Active")])


def volunteers_table(user, params):
    def row(user, v):
        return [v.pk, v.get_kind_display(), v.psks_category.code if v.psks_category else "", v.full_name,
                _region(v.kelurahan), _kecamatan(v.kelurahan), v.phone, v.email,
                v.affiliation.name if v.affiliation else "", v.certificate_number, v.active_since, v.active]

    return filtered_table(user, params, name="psks-volunteers", title=_("PSKS volunteers"),
                          filter_class=forms.VolunteerFilter, queryset=selectors.volunteers_visible_to,
                          model_label="community.Volunteer", row=row, headers=[
                              _("Id"), _("Kind"), _("PSKS category"), _("Name"), _("Kelurahan"), _("Kecamatan"),
                              _("Phone"), _("E-mail"), _("Organisation"), _("Certificate / decree number"),
                              _("Active since"), _("Active")])


def activities_table(user, params):
    def queryset(user):
        return selectors.activities_with_counts(user).select_related("funding_source", "created_by")

    def row(user, a):
        return [a.pk, a.activity_type.name, a.title, a.held_on, a.place, _region(a.kelurahan),
                _kecamatan(a.kelurahan), a.organiser_label, a.get_target_group_display(), a.participant_count,
                a.head_count, a.budget_used, a.funding_source.name if a.funding_source else "",
                a.attachment_count, _name(a.created_by), a.notes]

    return filtered_table(user, params, name="community-activities", title=_("Community activities"),
                          filter_class=forms.ActivityFilter, queryset=queryset,
                          model_label="community.CommunityActivity", row=row, headers=[
                              _("Id"), _("Type"), _("Title"), _("Date"), _("Place"), _("Kelurahan"),
                              _("Kecamatan"), _("Organiser"), _("Target group"), _("Registered participants"),
                              _("Head count"), _("Budget used (Rp)"), _("Funding source"), _("Files"),
                              _("Recorded by"), _("Notes")])


def ranking_table(user, params):
    award_round = get_object_or_404(selectors.rounds_visible_to(user), pk=params.get("pk"))
    criteria = list(award_round.criteria.all())

    def row(r):
        return [r.rank, r.entry.group.name, _region(r.entry.group.kelurahan), r.total,
                *[r.means.get(c.pk) for c in criteria], r.missing, r.entry.is_winner]

    return Table(title=_("Ranking"), name=f"award-{award_round.year}", items=list(services.ranking(award_round)),
                 row=row, log={"model_label": "community.AwardRound", "detail": _("no filter")}, headers=[
                     _("Rank"), _("Group"), _("Kelurahan"), _("Weighted score"),
                     *[f"{c.name} ({c.weight}%)" for c in criteria], _("Scores missing"), _("Winner")])


# ------------------------------------------------------------------ members of Karang Werdha / KOMDA Lansia


class MemberFilter(ListFilter):
    """The members' filters: one group (its page), or the groups of a kind, a name, a kelurahan."""

    month = None
    group = django_forms.IntegerField(required=False, widget=django_forms.HiddenInput)
    kind = django_forms.ChoiceField(label=gettext_lazy("Kind"), required=False, choices=[
        ("", gettext_lazy("All"))] + [(k.value, k.label) for k in MEMBER_GROUP_KINDS])
    q = django_forms.CharField(label=gettext_lazy("Name"), required=False)
    kelurahan = django_forms.CharField(required=False, widget=django_forms.HiddenInput)
    role = django_forms.ChoiceField(label=gettext_lazy("Role"), required=False,
                                    choices=[("", gettext_lazy("All"))] + list(MemberRole.choices))
    current = django_forms.BooleanField(label=gettext_lazy("Current members only"), required=False)

    def narrow(self, queryset, values):
        if "group" in values:
            queryset = queryset.filter(group=values["group"])
        if "kind" in values:
            queryset = queryset.filter(group__kind=values["kind"])
        if "q" in values:
            queryset = queryset.filter(group__name__icontains=values["q"])
        if "kelurahan" in values:
            queryset = queryset.filter(group__kelurahan=values["kelurahan"])
        if "role" in values:
            queryset = queryset.filter(role=values["role"])
        if values.get("current"):
            today = timezone.localdate()
            queryset = queryset.filter(term_start__lte=today).exclude(term_end__lt=today)
        return queryset


def members_table(user, params):
    """Members of the member groups the filters choose (the groups are shared reference data; a member who
    is a registry person is named only for those who may see the person, with the NIK masked)."""
    groups = selectors.organisations_visible_to(user).filter(
        kind__in=[OrganisationKind.KARANG_WERDHA, OrganisationKind.KOMDA_LANSIA])
    memberships = Membership.objects.filter(group__in=groups).select_related(
        "group__kelurahan__parent", "person").order_by("group__name", "role", "term_start", "pk")
    filter_form = MemberFilter(params)
    memberships = filter_form.apply(memberships)
    visible = set(people_selectors.persons_visible_to(user).filter(
        pk__in=memberships.filter(person__isnull=False).values("person")).values_list("pk", flat=True))
    today = timezone.localdate()

    def row(m):
        shown = m.person_id in visible
        if m.person_id:
            name = m.person.full_name if shown else _("A person outside your data scope")
        else:
            name = m.name
        person = m.person if shown else None
        return [m.pk, m.group.name, m.group.get_kind_display(), _region(m.group.kelurahan),
                _kecamatan(m.group.kelurahan), name, person.registration_number if person else "",
                person.nik_masked if person else "", m.get_role_display(), m.position, m.term_start, m.term_end,
                m.current_on(today)]

    return Table(title=_("Members"), name="community-members", items=memberships, row=row, user=user,
                 persons=lambda m: [m.person],
                 log={"model_label": "community.Membership", "detail": filter_form.describe() or _("no filter")},
                 headers=[_("Id"), _("Group"), _("Kind"), _("Kelurahan"), _("Kecamatan"), _("Name"),
                          _("Registration number"), _("NIK (masked)"), _("Role"), _("Position / office"),
                          _("Term start"), _("Term end"), _("Current")])


def rounds_table(user, params):
    """The award rounds with the list's status filter (no persons)."""
    def queryset(user):
        return selectors.rounds_visible_to(user).select_related("finalised_by").annotate(
            entry_count=Count("entries", distinct=True)).order_by("-year")  # as the page (Meta ordering)

    def row(user, r):
        return [r.year, r.title, r.get_status_display(), r.winner_count, r.judged_on, r.entry_count,
                r.finalised_at, _name(r.finalised_by), r.notes]

    return filtered_table(user, params, name="award-rounds", title=_("Award rounds"), filter_class=forms.RoundFilter,
                          queryset=queryset, model_label="community.AwardRound", row=row, headers=[
                              _("Year"), _("Title"), _("Status"), _("Number of winners"), _("Judging date"),
                              _("Entries"), _("Finalised at"), _("Finalised by"), _("Notes")])


# The views (urls.py keeps their names); the kinds are the background jobs' kinds.
export_organisations = declare("community.organisations", organisations_table, allowed=can_read)
export_volunteers = declare("community.volunteers", volunteers_table, allowed=can_read)
export_activities = declare("community.activities", activities_table, allowed=can_read)
export_ranking = declare("community.ranking", ranking_table, allowed=can_read)
export_members = declare("community.members", members_table, allowed=can_read)
export_rounds = declare("community.rounds", rounds_table, allowed=can_read)
