"""Pages that keep the program record: sites (a second village too), funding and its breakdown, stakeholders,
the dated stages with documents and photos, selection rounds and the graduation settings; a unit's inventory;
the UEP grants of an enterprise. Thin: role checks here, rules and audit in services_program / services.

Who edits the program record: the Kepala Bidang, the Administrator and the site's program officer
(permissions.can_edit_program); everyone else who reads the village sees the record, and is refused the forms.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from desaku.core.viewkit import posted
from desaku.village import forms_program as forms
from desaku.village import permissions, selectors, services, services_program
from desaku.village.models import (
    Enterprise,
    FundingLine,
    InventoryItem,
    SelectionRound,
    Site,
    Stage,
    StageDocument,
    Stakeholder,
    Unit,
)
from desaku.village.views import form_page, require


def _editable_site(user, pk) -> Site:
    site = get_object_or_404(Site, pk=pk)
    if not permissions.can_edit_program(user, site):
        raise PermissionDenied
    return site


def _site_url(site) -> str:
    return reverse("village:site_detail", args=[site.pk])


def _initial(obj, names):
    return {name: getattr(obj, name) for name in names}


def _editable_part(user, model, pk):
    """A part of a site's record and its site, which the user must be allowed to edit."""
    part = get_object_or_404(model, pk=pk)
    return _editable_site(user, part.site_id), part


def _site_part_page(request, site, part, *, kwarg, form_class, fields, service, saved, titles, anchor,
                    form_kwargs=None, created_url=None):
    """The new (``part`` None) or edit page of one part of a site's record: the form filled from ``fields`` of
    ``part``, then ``service(site=, by=, <kwarg>=part, **data)`` and back to the site page at ``anchor``
    (or to ``created_url(new part)`` after a create)."""
    user = request.user
    data, _files = posted(request)
    initial = _initial(part, fields) if part else {}

    def save(data):
        result = service(site=site, by=user, **{kwarg: part}, **data)
        if part is None and created_url is not None:
            return saved, created_url(result)
        return saved, _site_url(site) + anchor

    return form_page(request, form=form_class(data, initial=initial, **(form_kwargs or {})),
                     title=titles[1] if part else titles[0], submit=_("Save"), save=save, pretitle=site.name,
                     cancel_url=_site_url(site))


# ---------------------------------------------------------------------------------------------- sites


@require_GET
@login_required
def site_list(request):
    require(permissions.can_read, request.user)
    sites = Site.objects.order_by("id")
    rows = [{"site": site, "figures": selectors.program_figures(site)} for site in sites]
    return render(request, "village/site_list.html", {
        "rows": rows, "can_create": permissions.can_edit_program(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def site_create(request):
    user = request.user
    if not permissions.can_edit_program(user):
        raise PermissionDenied
    data, _files = posted(request)

    def save(data):
        site = services_program.create_site(by=user, **data)
        return _("The site is saved."), _site_url(site)

    return form_page(request, form=forms.NewSiteForm(data), title=_("New site"), submit=_("Save"), save=save,
                     cancel_url=reverse("village:site_list"))


@require_http_methods(["GET", "POST"])
@login_required
def site_edit(request, pk):
    user = request.user
    site = _editable_site(user, pk)
    data, _files = posted(request)
    officer_editable = permissions.can_edit_program(user)
    names = [n for n in services_program.SITE_FIELDS if n != "kelurahan"]

    def save(data):
        services_program.update_site(site=site, by=user, **data)
        return _("The site is saved."), _site_url(site)

    form = forms.SiteForm(data, initial=_initial(site, names), officer_editable=officer_editable)
    return form_page(request, form=form, title=_("Edit site"), submit=_("Save"), save=save, pretitle=site.name,
                     cancel_url=_site_url(site))


@require_http_methods(["GET", "POST"])
@login_required
def graduation_edit(request, pk):
    user = request.user
    site = _editable_site(user, pk)
    data, _files = posted(request)
    initial = {"income": site.graduation_income, "income_months": site.graduation_income_months,
               "attendance_pct": site.graduation_attendance_pct, "trainings": site.graduation_trainings}

    def save(data):
        services_program.update_graduation_settings(site=site, by=user, **data)
        return _("The graduation settings are saved."), _site_url(site)

    return form_page(request, form=forms.GraduationForm(data, initial=initial), title=_("Graduation settings"),
                     submit=_("Save"), save=save, pretitle=site.name, cancel_url=_site_url(site),
                     intro=_("The thresholds of the graduation checklist for the households of this site."))


# -------------------------------------------------------------------------------------------- funding


def _funding_page(request, site, line=None):
    lines = site.funding_lines.filter(parent__isnull=True)
    if line is not None:
        lines = lines.exclude(pk=line.pk)
    return _site_part_page(request, site, line, kwarg="line", form_class=forms.FundingForm,
                           fields=("source", "source_name", "purpose", "amount", "in_kind", "year", "parent"),
                           service=services_program.save_funding_line, saved=_("The funding is saved."),
                           titles=(_("New funding"), _("Edit funding")), anchor="#funding",
                           form_kwargs={"lines": lines})


@require_http_methods(["GET", "POST"])
@login_required
def funding_create(request, pk):
    return _funding_page(request, _editable_site(request.user, pk))


@require_http_methods(["GET", "POST"])
@login_required
def funding_edit(request, pk):
    return _funding_page(request, *_editable_part(request.user, FundingLine, pk))


# ------------------------------------------------------------------------------------------ stakeholders


def _stakeholder_page(request, site, stakeholder=None):
    return _site_part_page(request, site, stakeholder, kwarg="stakeholder", form_class=forms.StakeholderForm,
                           fields=("name", "kind", "role", "institution"), service=services_program.save_stakeholder,
                           saved=_("The stakeholder is saved."), titles=(_("New stakeholder"), _("Edit stakeholder")),
                           anchor="#stakeholders")


@require_http_methods(["GET", "POST"])
@login_required
def stakeholder_create(request, pk):
    return _stakeholder_page(request, _editable_site(request.user, pk))


@require_http_methods(["GET", "POST"])
@login_required
def stakeholder_edit(request, pk):
    return _stakeholder_page(request, *_editable_part(request.user, Stakeholder, pk))


# ----------------------------------------------------------------------------------------------- stages


def _stage_page(request, site, stage=None):
    # A new stage goes on to its first document.
    return _site_part_page(request, site, stage, kwarg="stage", form_class=forms.StageForm,
                           fields=("title", "started_on", "ended_on", "description"),
                           service=services_program.save_stage, saved=_("The stage is saved."),
                           titles=(_("New stage"), _("Edit stage")), anchor="#stages",
                           created_url=lambda saved: reverse("village:stage_document_create", args=[saved.pk]))


@require_http_methods(["GET", "POST"])
@login_required
def stage_create(request, pk):
    return _stage_page(request, _editable_site(request.user, pk))


@require_http_methods(["GET", "POST"])
@login_required
def stage_edit(request, pk):
    return _stage_page(request, *_editable_part(request.user, Stage, pk))


@require_http_methods(["GET", "POST"])
@login_required
def stage_document_create(request, pk):
    user = request.user
    stage = get_object_or_404(Stage.objects.select_related("site"), pk=pk)
    site = _editable_site(user, stage.site_id)
    data, files = posted(request)

    def save(data):
        services_program.add_stage_document(stage=stage, by=user, upload=data["file"], caption=data["caption"])
        return _("The document is added."), _site_url(site) + "#stages"

    return form_page(request, form=forms.StageDocumentForm(data, files), title=_("Add a document or photo"),
                     submit=_("Upload"), save=save, pretitle=f"{stage.started_on:%d/%m/%Y} · {stage.title}",
                     cancel_url=_site_url(site), extra={"multipart": True})


@require_http_methods(["GET", "POST"])
@login_required
def stage_document_remove(request, pk):
    user = request.user
    document = get_object_or_404(StageDocument.objects.select_related("stage"), pk=pk)
    site = _editable_site(user, document.stage.site_id)
    data, _files = posted(request)

    def save(data):
        services_program.remove_stage_document(document=document, by=user, reason=data["reason"])
        return _("The document is removed."), _site_url(site) + "#stages"

    return form_page(request, form=forms.RemoveForm(data), title=_("Remove the document"), submit=_("Remove"),
                     save=save, pretitle=str(document), cancel_url=_site_url(site))


# ----------------------------------------------------------------------------------------------- rounds


def _round_page(request, site, selection=None):
    return _site_part_page(request, site, selection, kwarg="selection", form_class=forms.RoundForm,
                           fields=("name", "year", "quota", "opened_on", "closed"),
                           service=services_program.save_round, saved=_("The selection round is saved."),
                           titles=(_("New selection round"), _("Edit selection round")), anchor="#rounds")


@require_http_methods(["GET", "POST"])
@login_required
def round_create(request, pk):
    return _round_page(request, _editable_site(request.user, pk))


@require_http_methods(["GET", "POST"])
@login_required
def round_edit(request, pk):
    return _round_page(request, *_editable_part(request.user, SelectionRound, pk))


# -------------------------------------------------------------------------------------------- inventory


def _unit_url(unit_id) -> str:
    return reverse("village:unit_detail", args=[unit_id]) + "#inventory"


@require_http_methods(["GET", "POST"])
@login_required
def inventory_create(request, pk):
    user = request.user
    require(permissions.can_manage, user)
    unit = get_object_or_404(Unit, pk=pk)
    data, _files = posted(request)

    def save(data):
        services_program.add_inventory_item(unit=unit, by=user, **data)
        return _("The item is added."), _unit_url(unit.pk)

    return form_page(request, form=forms.InventoryItemForm(data), title=_("New inventory item"), submit=_("Save"),
                     save=save, pretitle=_("Unit %(unit)s") % {"unit": unit.number}, cancel_url=_unit_url(unit.pk))


@require_http_methods(["GET", "POST"])
@login_required
def inventory_edit(request, pk):
    user = request.user
    require(permissions.can_manage, user)
    item = get_object_or_404(InventoryItem.objects.select_related("unit"), pk=pk)
    data, _files = posted(request)

    def save(data):
        services_program.edit_inventory_item(item=item, by=user, **data)
        return _("The item is saved."), _unit_url(item.unit_id)

    form = forms.InventoryItemForm(data, initial=_initial(item, ("name", "quantity", "condition")))
    return form_page(request, form=form, title=_("Edit inventory item"), submit=_("Save"), save=save,
                     pretitle=_("Unit %(unit)s") % {"unit": item.unit.number}, cancel_url=_unit_url(item.unit_id))


@require_http_methods(["GET", "POST"])
@login_required
def inventory_remove(request, pk):
    user = request.user
    require(permissions.can_manage, user)
    item = get_object_or_404(InventoryItem.objects.select_related("unit"), pk=pk)
    data, _files = posted(request)
    unit_id = item.unit_id

    def save(data):
        services_program.remove_inventory_item(item=item, by=user, reason=data["reason"])
        return _("The item is removed; it stays in the history."), _unit_url(unit_id)

    return form_page(request, form=forms.RemoveForm(data), title=_("Remove inventory item"), submit=_("Remove"),
                     save=save, pretitle=str(item), cancel_url=_unit_url(unit_id))


# ------------------------------------------------------------------------------------------- UEP grants


@require_http_methods(["GET", "POST"])
@login_required
def grant_create(request, pk):
    user = request.user
    require(permissions.can_manage, user)
    enterprise = get_object_or_404(Enterprise, pk=pk)
    data, _files = posted(request)
    households = selectors.households_visible_to(user).filter(pk__in=enterprise.households.values("pk"))
    url = reverse("village:enterprise_detail", args=[enterprise.pk]) + "#grants"

    def save(data):
        services.record_grant(by=user, enterprise=enterprise, **data)
        return _("The UEP grant is recorded."), url

    return form_page(request, form=forms.GrantForm(data, households=households), title=_("UEP grant"),
                     submit=_("Save"), save=save, pretitle=enterprise.name, cancel_url=url)
