"""Excel exports of the village lists: the same selectors and filters as the pages, NIK only masked
(and not at all for the Kemensos reviewer), formulas neutralised, every export in the access log."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from desaku.core.services import log_access
from desaku.outreach.exports import MAX_ROWS, XLSX, workbook
from desaku.village import forms, permissions, selectors


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def _head(household):
    head = household.head
    return head.full_name if head else ""


def _export(request, *, name, title, filter_form, items, model_label, headers, row, check=permissions.can_read):
    user = request.user
    if not check(user):
        raise PermissionDenied
    items = filter_form.apply(items)[:MAX_ROWS]
    log_access(user=user, action="export", model_label=model_label, object_id="*",
               detail=filter_form.describe() or _("no filter"), request=request)
    response = HttpResponse(workbook(title, headers, (row(item) for item in items)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="desaku-{name}-{timezone.localdate():%Y%m%d}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def export_units(request):
    site = selectors.default_site()
    living = {o.unit_id: o for o in selectors.occupancies_visible_to(request.user).filter(
        status__in=("allocated", "active"))}
    from desaku.village.models import Occupancy

    occupied = set(Occupancy.objects.filter(status__in=("allocated", "active")).values_list("unit_id", flat=True))

    def row(unit):
        occupancy = living.get(unit.pk)
        return [unit.building.number, unit.number, unit.get_condition_display(), unit.pk in occupied,
                _head(occupancy.household) if occupancy else "", occupancy.move_in_date if occupancy else None,
                ", ".join(f"{i.name} ({i.get_condition_display()})" for i in unit.inventory.all())]

    return _export(request, name="village-units", title=_("Units"), filter_form=forms.UnitFilter(request.GET),
                   items=selectors.units_of(site).prefetch_related("inventory"), model_label="village.Unit", row=row,
                   headers=[_("Building"), _("Unit"), _("Condition"), _("Occupied"), _("Household"),
                            _("Moved in on"), _("Inventory")])


@require_GET
@login_required
def export_candidates(request):
    reviewer = permissions.is_reviewer_only(request.user)

    def row(c):
        head = c.household.head
        identity = [] if reviewer else [head.nik_masked if head else ""]
        return [c.pk, c.round.name, _head(c.household), *identity,
                c.household.kelurahan.name if c.household.kelurahan else "", c.get_source_display(),
                c.nominated_on, c.get_status_display(), c.score, c.initial_lks.name if c.initial_lks else "",
                c.waiting_rank, c.final_on, c.final_reason]

    identity = [] if reviewer else [_("NIK (masked)")]
    return _export(request, name="village-candidates", title=_("Candidates"),
                   filter_form=forms.CandidateFilter(request.GET), items=selectors.candidates_visible_to(request.user),
                   model_label="village.Candidate", row=row, check=permissions.can_read_selection,
                   headers=[_("Id"), _("Selection round"), _("Head of household"), *identity, _("Kelurahan"),
                            _("Nominated from"), _("Nominated on"), _("Status"), _("Score"), _("LKS"),
                            _("Rank on the waiting list"), _("Final selection on"), _("Reasons")])


@require_GET
@login_required
def export_occupancy(request):
    def row(o):
        return [o.pk, o.unit.number, _head(o.household), o.get_status_display(), o.allocated_on, o.move_in_date,
                o.ended_on, o.get_end_reason_display(), o.end_decision, o.agreement.number if o.agreement else ""]

    return _export(request, name="village-occupancy", title=_("Occupancy"),
                   filter_form=forms.OccupancyFilter(request.GET), items=selectors.occupancies_visible_to(request.user),
                   model_label="village.Occupancy", row=row,
                   headers=[_("Id"), _("Unit"), _("Household"), _("Status"), _("Allocated on"), _("Moved in on"),
                            _("Ended on"), _("Reason"), _("Decision (number)"), _("Agreement number")])


@require_GET
@login_required
def export_sessions(request):
    def row(s):
        attendances = list(s.attendances.all())
        return [s.pk, s.held_on, s.get_kind_display(), s.topic, _name(s.mentor), len(attendances),
                sum(1 for a in attendances if a.present), s.notes]

    return _export(request, name="village-sessions", title=_("Mentoring sessions"),
                   filter_form=forms.SessionFilter(request.GET),
                   items=selectors.sessions_visible_to(request.user).prefetch_related("attendances"),
                   model_label="village.MentoringSession", row=row,
                   headers=[_("Id"), _("Date"), _("Kind"), _("Topic"), _("Mentor"), _("Households"), _("Present"),
                            _("Notes")])


@require_GET
@login_required
def export_sales(request):
    visible = set(selectors.households_visible_to(request.user).values_list("pk", flat=True))

    def row(s):
        household = f"#{s.household_id}" if s.household_id in visible else ""
        return [s.pk, s.sold_on, s.product.enterprise.name, s.product.name, s.quantity, s.unit_price, s.total,
                s.get_buyer_kind_display(), household]

    return _export(request, name="village-sales", title=_("Sales"), filter_form=forms.SaleFilter(request.GET),
                   items=selectors.sales_visible_to(request.user), model_label="village.Sale", row=row,
                   headers=[_("Id"), _("Date"), _("Enterprise"), _("Product"), _("Quantity"), _("Unit price (Rp)"),
                            _("Total (Rp)"), _("Buyer"), _("Household")])
