"""Excel exports of the village lists: the same selectors and filters as the pages, NIK only masked
(and not at all for the Kemensos reviewer), formulas neutralised, every export in the access log.
Declared on the shared list-export mechanism (desaku.reports.listexport: the file at once when small,
a background job with progress when large)."""

from django.core.exceptions import BadRequest
from django.http import Http404
from django.utils.translation import gettext as _

from desaku.reports import listexport
from desaku.reports.listexport import ListExport, Table
from desaku.village import forms, permissions, selectors


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def _head_person(household):
    """The head, looked up once per household object and kept on it (so masking it sticks for the row)."""
    if household is None:
        return None
    if not hasattr(household, "export_head"):
        household.export_head = household.head
    return household.export_head


def _head(household):
    head = _head_person(household)
    return head.full_name if head else ""


def _table(*, name, title, filter_form, items, model_label, headers, row, user=None, persons=None):
    return Table(title=title, name=name, headers=headers, items=filter_form.apply(items), row=row, user=user,
                 persons=persons,
                 log={"model_label": model_label, "detail": filter_form.describe() or _("no filter")})


def _site(params):
    """The site of ``?site=`` (as on the units page), else the default one: a bad value is a 400, an unknown
    or inactive site a 404 — never silently another site's units."""
    value = params.get("site", "")
    if not value:
        return selectors.default_site()
    if not str(value).isdigit():
        raise BadRequest(_("Unknown site."))
    site = selectors.sites().filter(pk=int(value)).first()
    if site is None:
        raise Http404(_("Unknown site."))
    return site


def units_table(user, params):
    site = _site(params)
    living = {o.unit_id: o for o in selectors.occupancies_visible_to(user).filter(
        status__in=("allocated", "active"))}
    from desaku.village.models import Occupancy

    occupied = set(Occupancy.objects.filter(status__in=("allocated", "active"), unit__building__site=site)
                   .values_list("unit_id", flat=True))

    def row(unit):
        occupancy = living.get(unit.pk)
        return [unit.building.number, unit.number, unit.get_condition_display(), unit.pk in occupied,
                _head(occupancy.household) if occupancy else "", occupancy.move_in_date if occupancy else None,
                ", ".join(f"{i.name} ({i.get_condition_display()})" for i in unit.inventory.all())]

    return _table(name=f"village-units-{site.code}" if site else "village-units", title=_("Units"),
                   filter_form=forms.UnitFilter(params),
                   items=selectors.units_of(site).prefetch_related("inventory"), model_label="village.Unit", row=row,
                   user=user, persons=lambda unit: [_head_person(getattr(living.get(unit.pk), "household", None))],
                   headers=[_("Building"), _("Unit"), _("Condition"), _("Occupied"), _("Household"),
                            _("Moved in on"), _("Inventory")])


def candidates_table(user, params):
    reviewer = permissions.is_reviewer_only(user)

    def row(c):
        head = _head_person(c.household)
        identity = [] if reviewer else [head.nik_masked if head else ""]
        return [c.pk, c.round.name, _head(c.household), *identity,
                c.household.kelurahan.name if c.household.kelurahan else "", c.get_source_display(),
                c.nominated_on, c.get_status_display(), c.score, c.initial_lks.name if c.initial_lks else "",
                c.waiting_rank, c.final_on, c.final_reason]

    identity = [] if reviewer else [_("NIK (masked)")]
    return _table(name="village-candidates", title=_("Candidates"),
                   filter_form=forms.CandidateFilter(params),
                   items=selectors.candidates_visible_to(user).order_by("status", "waiting_rank", "-id"),
                   model_label="village.Candidate", row=row, user=user,
                   persons=lambda c: [_head_person(c.household)],
                   headers=[_("Id"), _("Selection round"), _("Head of household"), *identity, _("Kelurahan"),
                            _("Nominated from"), _("Nominated on"), _("Status"), _("Score"), _("LKS"),
                            _("Rank on the waiting list"), _("Final selection on"), _("Reasons")])


def occupancy_table(user, params):
    def row(o):
        return [o.pk, o.unit.number, _head(o.household), o.get_status_display(), o.allocated_on, o.move_in_date,
                o.ended_on, o.get_end_reason_display(), o.end_decision, o.agreement.number if o.agreement else ""]

    return _table(name="village-occupancy", title=_("Occupancy"),
                   filter_form=forms.OccupancyFilter(params, user=user), items=selectors.occupancies_visible_to(user),
                   model_label="village.Occupancy", row=row, user=user,
                   persons=lambda o: [_head_person(o.household)],
                   headers=[_("Id"), _("Unit"), _("Household"), _("Status"), _("Allocated on"), _("Moved in on"),
                            _("Ended on"), _("Reason"), _("Decision (number)"), _("Agreement number")])


def sessions_table(user, params):
    def row(s):
        attendances = list(s.attendances.all())
        return [s.pk, s.held_on, s.get_kind_display(), s.topic, _name(s.mentor), len(attendances),
                sum(1 for a in attendances if a.present), s.notes]

    return _table(name="village-sessions", title=_("Mentoring sessions"),
                   filter_form=forms.SessionFilter(params),
                   items=selectors.sessions_visible_to(user).prefetch_related("attendances"),
                   model_label="village.MentoringSession", row=row,
                   headers=[_("Id"), _("Date"), _("Kind"), _("Topic"), _("Mentor"), _("Households"), _("Present"),
                            _("Notes")])


def sales_table(user, params):
    visible = set(selectors.households_visible_to(user).values_list("pk", flat=True))

    def row(s):
        household = f"#{s.household_id}" if s.household_id in visible else ""
        return [s.pk, s.sold_on, s.product.enterprise.name, s.product.name, s.quantity, s.unit_price, s.total,
                s.get_buyer_kind_display(), household]

    return _table(name="village-sales", title=_("Sales"), filter_form=forms.SaleFilter(params),
                   items=selectors.sales_visible_to(user), model_label="village.Sale", row=row,
                   headers=[_("Id"), _("Date"), _("Enterprise"), _("Product"), _("Quantity"), _("Unit price (Rp)"),
                            _("Total (Rp)"), _("Buyer"), _("Household")])


def production_table(user, params):
    """Production records: program figures (products of enterprises), like sales; no personal data."""
    from desaku.village.forms_production import ProductionFilter

    def row(p):
        return [p.pk, p.produced_on, p.product.enterprise.name, p.product.name, p.quantity, p.product.unit_label,
                p.note, _name(p.recorded_by)]

    return _table(name="village-production", title=_("Production"), filter_form=ProductionFilter(params),
                  items=production_records(), model_label="village.ProductionRecord", row=row,
                  headers=[_("Id"), _("Date"), _("Enterprise"), _("Product"), _("Quantity"), _("Sold per"),
                           _("Note"), _("Recorded by")])


def production_records():
    from desaku.village.models import ProductionRecord

    return ProductionRecord.objects.select_related("product__enterprise", "recorded_by").order_by(
        "-produced_on", "-id")


def _declare(kind, build, allowed=permissions.can_read):
    listexport.register(ListExport(kind=kind, build=build, allowed=allowed))
    return listexport.view(kind)


# The views (urls.py keeps their names); the kinds are the background jobs' kinds.
export_units = _declare("village.units", units_table)
export_candidates = _declare("village.candidates", candidates_table, allowed=permissions.can_read_selection)
export_occupancy = _declare("village.occupancy", occupancy_table)
export_sessions = _declare("village.sessions", sessions_table)
export_sales = _declare("village.sales", sales_table)
export_production = _declare("village.production", production_table)


def sites_table(user, params):
    """The sites with their figures, as on the site list (reference data and counts; no persons)."""
    from desaku.village.models import Site

    def row(site):
        figures = selectors.program_figures(site)
        return [site.code, site.name, site.address, site.kelurahan.name if site.kelurahan else "",
                site.get_land_status_display(), site.land_area_m2, site.land_used_m2, figures["units"],
                figures["living"], figures["free"], figures["occupancy_rate"], site.active]

    return Table(title=_("Sites"), name="village-sites", items=Site.objects.select_related("kelurahan").order_by("id"),
                 row=row, log={"model_label": "village.Site", "detail": _("no filter")},
                 headers=[_("Code"), _("Name"), _("Address"), _("Kelurahan"), _("Land status"), _("Land area (m²)"),
                          _("Land used (m²)"), _("Units"), _("Occupied"), _("Free"), _("Occupancy rate (%)"),
                          _("Active")])


def enterprises_table(user, params):
    """The enterprises and their products, as on the enterprise list (no persons)."""
    from desaku.village.models import Enterprise

    def row(e):
        return [e.pk, e.name, e.site.name, e.get_kind_display(), e.started_on,
                ", ".join(p.name for p in e.products.all()), e.active]

    return Table(title=_("Enterprises"), name="village-enterprises", row=row,
                 items=Enterprise.objects.select_related("site").prefetch_related("products").order_by("name"),
                 log={"model_label": "village.Enterprise", "detail": _("no filter")},
                 headers=[_("Id"), _("Name"), _("Site"), _("Kind"), _("Started on"), _("Products"), _("Active")])


export_sites = _declare("village.sites", sites_table)
export_enterprises = _declare("village.enterprises", enterprises_table)
