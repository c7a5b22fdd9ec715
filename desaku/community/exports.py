"""Excel exports of community services (cell/workbook/export helpers shared with outreach).

Same selectors and filters as the pages. Activities list how many registered persons took part,
never who: a list is not the place for a name roll. Every export is written to the access log.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from desaku.community import forms, selectors, services
from desaku.community.views import require_read
from desaku.outreach.exports import export


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def _region(region):
    return region.name if region else ""


def _kecamatan(region):
    return region.parent.name if region and region.parent_id else ""


class _NoFilter(forms.RoundFilter):
    status = None


@require_GET
@login_required
def export_organisations(request):
    require_read(request.user)  # the shared helper checks outreach's roles, not ours
    def row(user, o):
        return [o.pk, o.get_kind_display(), o.psks_category.code if o.psks_category else "", o.name, o.address,
                _region(o.kelurahan), _kecamatan(o.kelurahan), o.contact_person, o.phone, o.email,
                o.registration_number, o.get_accreditation_display() if o.accreditation else "", o.accredited_on,
                o.active]

    return export(request, name="psks-organisations", title=_("PSKS organisations"),
                  filter_class=forms.OrganisationFilter, queryset=selectors.organisations_visible_to,
                  model_label="community.PSKSOrganisation", row=row, headers=[
                      _("Id"), _("Kind"), _("PSKS category"), _("Name"), _("Address"), _("Kelurahan"),
                      _("Kecamatan"), _("Contact person"), _("Phone"), _("E-mail"), _("Registration number"),
                      _("Accreditation"), _("Accredited on"), _("Active")])


@require_GET
@login_required
def export_volunteers(request):
    require_read(request.user)  # the shared helper checks outreach's roles, not ours
    def row(user, v):
        return [v.pk, v.get_kind_display(), v.psks_category.code if v.psks_category else "", v.full_name,
                _region(v.kelurahan), _kecamatan(v.kelurahan), v.phone, v.email,
                v.affiliation.name if v.affiliation else "", v.certificate_number, v.active_since, v.active]

    return export(request, name="psks-volunteers", title=_("PSKS volunteers"), filter_class=forms.VolunteerFilter,
                  queryset=selectors.volunteers_visible_to, model_label="community.Volunteer", row=row, headers=[
                      _("Id"), _("Kind"), _("PSKS category"), _("Name"), _("Kelurahan"), _("Kecamatan"), _("Phone"),
                      _("E-mail"), _("Organisation"), _("Certificate / decree number"), _("Active since"),
                      _("Active")])


@require_GET
@login_required
def export_activities(request):
    require_read(request.user)  # the shared helper checks outreach's roles, not ours
    def queryset(user):
        return selectors.activities_with_counts(user).select_related("funding_source", "created_by")

    def row(user, a):
        return [a.pk, a.activity_type.name, a.title, a.held_on, a.place, _region(a.kelurahan),
                _kecamatan(a.kelurahan), a.organiser_label, a.get_target_group_display(), a.participant_count,
                a.head_count, a.budget_used, a.funding_source.name if a.funding_source else "",
                a.attachment_count, _name(a.created_by), a.notes]

    return export(request, name="community-activities", title=_("Community activities"),
                  filter_class=forms.ActivityFilter, queryset=queryset, model_label="community.CommunityActivity",
                  row=row, headers=[_("Id"), _("Type"), _("Title"), _("Date"), _("Place"), _("Kelurahan"),
                                    _("Kecamatan"), _("Organiser"), _("Target group"), _("Registered participants"),
                                    _("Head count"), _("Budget used (Rp)"), _("Funding source"), _("Files"),
                                    _("Recorded by"), _("Notes")])


@require_GET
@login_required
def export_ranking(request, pk):
    require_read(request.user)
    award_round = get_object_or_404(selectors.rounds_visible_to(request.user), pk=pk)
    criteria = list(award_round.criteria.all())

    def queryset(user):
        return services.ranking(award_round)

    class RowsFilter(_NoFilter):
        def apply(self, rows):
            return rows

    def row(user, r):
        return [r.rank, r.entry.group.name, _region(r.entry.group.kelurahan), r.total,
                *[r.means.get(c.pk) for c in criteria], r.missing, r.entry.is_winner]

    return export(request, name=f"award-{award_round.year}", title=_("Ranking"), filter_class=RowsFilter,
                  queryset=queryset, model_label="community.AwardRound", row=row, headers=[
                      _("Rank"), _("Group"), _("Kelurahan"), _("Weighted score"),
                      *[f"{c.name} ({c.weight}%)" for c in criteria], _("Scores missing"), _("Winner")])
