"""Pages of the village: overview and program record, units, selection, occupancy. Mentoring, enterprises,
progress and the public catalogue are in views_programme.py. Thin: scope through selectors, writes
through services; a record outside the user's scope is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from desaku.core import letters as core_letters
from desaku.core.files import serve_file
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors, paginated, posted
from desaku.people import identity
from desaku.village import forms, permissions, selectors, services
from desaku.village.models import (
    CHECKLIST,
    CandidateStatus,
    Condition,
    InventoryItem,
    Occupancy,
    OccupancyStatus,
    OfferStatus,
    Site,
    StageDocument,
    Unit,
)

STAGE_DOCUMENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}


def require(check, user):
    if not check(user):
        raise PermissionDenied


def form_page(request, *, form, title, submit, cancel_url, save, pretitle="", intro="", template=None, extra=None):
    """A small form: GET shows it, POST calls ``save(cleaned_data)`` → (message, redirect url)."""
    if request.method == "POST" and form.is_valid():
        try:
            message, url = save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect(url)
    return render(request, template or "village/form_page.html", {
        "form": form, "title": title, "submit": submit, "cancel_url": cancel_url, "pretitle": pretitle,
        "intro": intro, **(extra or {})})


def site_for(pk):
    return get_object_or_404(Site, pk=pk)


# ------------------------------------------------------------------------------------------ overview


@require_GET
@login_required
def home(request):
    user = request.user
    if not (permissions.can_read(user) or permissions.can_read_selection(user)):
        raise PermissionDenied
    if not permissions.can_read(user):  # the Kemensos reviewer: straight to the files sent to them
        return redirect("village:candidate_list")
    site = selectors.default_site()
    return render(request, "village/home.html", {
        "site": site, "figures": selectors.program_figures(site) if site else None,
        "offers": selectors.open_offers(user)[:10], "can_manage": permissions.can_manage(user)})


@require_GET
@login_required
def site_detail(request, pk):
    require(permissions.can_read, request.user)
    site = site_for(pk)
    lines = list(site.funding_lines.select_related("source"))
    return render(request, "village/site_detail.html", {
        "site": site, "funding": [line for line in lines if line.parent_id is None],
        "parts": [line for line in lines if line.parent_id], "stakeholders": site.stakeholders.all(),
        "stages": site.stages.prefetch_related("documents"), "rounds": site.rounds.all(),
        "utilities": site.utility_payments.all()[:12], "buildings": site.buildings.count(),
        "units": selectors.units_of(site).count(), "can_manage": permissions.can_manage(request.user),
        "can_edit": permissions.can_edit_program(request.user, site),
        "graduation": selectors.graduation_settings(site)})


@require_GET
@login_required
def stage_document(request, pk, doc_pk):
    """A stage's document or photo, for signed-in readers (media files are never served directly)."""
    require(permissions.can_read, request.user)
    document = get_object_or_404(StageDocument, pk=doc_pk, stage__site=pk)
    return serve_file(request, document.file, content_types=STAGE_DOCUMENT_TYPES, record=document)


@require_http_methods(["GET", "POST"])
@login_required
def utility_create(request, pk):
    require(permissions.can_manage, request.user)
    site = site_for(pk)
    data, _files = posted(request)

    def save(data):
        services.record_utility(site=site, by=request.user, **data)
        return _("The payment is recorded."), reverse("village:site_detail", args=[site.pk])

    return form_page(request, form=forms.UtilityForm(data), title=_("Utility payment"), submit=_("Save"),
                     cancel_url=reverse("village:site_detail", args=[site.pk]), save=save, pretitle=site.name)


# --------------------------------------------------------------------------------------------- units


@require_GET
@login_required
def unit_list(request):
    user = request.user
    require(permissions.can_read, user)
    site = get_object_or_404(Site, pk=request.GET["site"]) if request.GET.get("site", "").isdigit() else (
        selectors.default_site())
    filter_form = forms.UnitFilter(request.GET)
    units = list(filter_form.apply(selectors.units_of(site)))
    living = {o.unit_id: o for o in selectors.occupancies_visible_to(user).filter(status__in=("allocated", "active"))}
    occupied = set(Occupancy.objects.filter(unit__in=units, status__in=("allocated", "active")).values_list(
        "unit_id", flat=True))
    rows = [{"unit": u, "occupied": u.pk in occupied, "occupancy": living.get(u.pk)} for u in units]
    identity.mask_households(user, [r["occupancy"].household for r in rows if r["occupancy"]])
    return render(request, "village/unit_list.html", {
        "rows": rows, "site": site, "filter_form": filter_form, "free": sum(1 for r in rows if not r["occupied"])})


@require_GET
@login_required
def unit_detail(request, pk):
    user = request.user
    require(permissions.can_read, user)
    unit = get_object_or_404(Unit.objects.select_related("building__site"), pk=pk)
    items = unit.inventory.prefetch_related("checks")
    history = InventoryItem.history.filter(unit_id=unit.pk).select_related("history_user").order_by(
        "-history_date", "-history_id")[:30]
    return render(request, "village/unit_detail.html", {
        "unit": unit, "items": items, "history": history, "occupancies": selectors.occupancies_visible_to(user).filter(unit=unit),
        "offers": selectors.offers_visible_to(user).filter(unit=unit), "can_manage": permissions.can_manage(user),
        "check_form": forms.InventoryCheckForm(auto_id="check_%s")})


@require_http_methods(["GET", "POST"])
@login_required
def unit_edit(request, pk):
    """A unit's condition and note (the house itself; its goods are the inventory)."""
    require(permissions.can_manage, request.user)
    unit = get_object_or_404(Unit, pk=pk)
    data, _files = posted(request)

    def save(data):
        services.update_unit(unit=unit, by=request.user, **data)
        return _("The unit is saved."), reverse("village:unit_detail", args=[unit.pk])

    return form_page(request, form=forms.UnitForm(data, initial={"condition": unit.condition, "note": unit.note}),
                     title=_("Edit unit"), submit=_("Save"), pretitle=unit.number, save=save,
                     cancel_url=reverse("village:unit_detail", args=[unit.pk]))


@require_http_methods(["GET", "POST"])
@login_required
def inventory_check(request, pk):
    require(permissions.can_manage, request.user)
    item = get_object_or_404(InventoryItem.objects.select_related("unit"), pk=pk)
    data, _files = posted(request)

    def save(data):
        services.check_inventory(item=item, by=request.user, **data)
        return _("The check is recorded."), reverse("village:unit_detail", args=[item.unit_id])

    return form_page(request, form=forms.InventoryCheckForm(data, initial={"condition": item.condition}),
                     title=_("Inventory check"), submit=_("Save"), pretitle=str(item),
                     cancel_url=reverse("village:unit_detail", args=[item.unit_id]), save=save)


# ----------------------------------------------------------------------------------------- selection


@require_GET
def _masked_page(request, queryset, filter_form):
    """A page of candidates or occupancies whose households show a protected head by initials only."""
    context = paginated(request, queryset.select_related("household"), filter_form)
    page = context["page"]
    page.object_list = list(page.object_list)
    identity.mask_households(request.user, [row.household for row in page.object_list])
    return context


@login_required
def candidate_list(request):
    user = request.user
    require(permissions.can_read_selection, user)
    filter_form = forms.CandidateFilter(request.GET)
    candidates = filter_form.apply(selectors.candidates_visible_to(user)).order_by("status", "waiting_rank", "-id")
    return render(request, "village/candidate_list.html", {
        **_masked_page(request, candidates, filter_form), "reviewer": permissions.is_reviewer_only(user),
        "can_nominate": permissions.can_nominate(user)})


def candidate_for(user, pk):
    return get_object_or_404(selectors.candidates_visible_to(user), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def candidate_nominate(request):
    user = request.user
    require(permissions.can_nominate, user)
    site = selectors.default_site()
    selection = services.current_round(site) if site else None
    rounds = selectors.open_rounds()
    data, _files = posted(request)
    form = forms.NominateForm(data, households=selectors.households_visible_to(user), rounds=rounds,
                              initial={"household": request.GET.get("household"),
                                       "round": selection.pk if selection else None})

    def save(data):
        chosen = data.get("round") or selection or rounds.first()
        if chosen is None:
            raise ValidationError(_("No selection round is open."))
        candidate = services.nominate(round=chosen, by=user, household=data["household"], source=data["source"],
                                      source_reference=data["source_reference"], reason=data["reason"])
        return _("The household is nominated."), reverse("village:candidate_detail", args=[candidate.pk])

    return form_page(request, form=form, title=_("Nominate a household"), submit=_("Nominate"),
                     cancel_url=reverse("village:candidate_list"), save=save,
                     pretitle=str(selection) if selection else "")


@require_GET
@login_required
def candidate_detail(request, pk):
    user = request.user
    require(permissions.can_read_selection, user)
    candidate = candidate_for(user, pk)
    log_access(user=user, obj=candidate, action="view", request=request)
    household = candidate.household
    members = list(household.memberships.filter(end_date__isnull=True).select_related("person"))
    identity.mask_persons(user, [m.person for m in members])
    identity.mask_households(user, [household])
    today = timezone.localdate()
    labels = {key: (label, points, required) for key, label, points, required in CHECKLIST}
    checklist = [(labels[key][0], labels[key][1], labels[key][2], candidate.checklist.get(key)) for key in labels]
    reviewer = permissions.is_reviewer_only(user)
    return render(request, "village/candidate_detail.html", {
        "candidate": candidate, "household": household, "reviewer": reviewer,
        "members": [{"person": m.person, "relationship": m.get_relationship_display(),
                     "age": m.person.age_on(today)} for m in members],
        "checklist": checklist, "can_initial": permissions.can_select_initial(user)
        and candidate.status == CandidateStatus.NOMINATED,
        "can_final": permissions.can_select_final(user) and candidate.status == CandidateStatus.SENT,
        "can_allocate": permissions.can_manage(user) and (candidate.status == CandidateStatus.ACCEPTED or
                                                           candidate.offers.filter(status=OfferStatus.OPEN).exists())
        and not candidate.household.village_occupancies.filter(status__in=("allocated", "active")).exists(),
        "offers": candidate.offers.select_related("unit"),
        "occupancies": selectors.occupancies_visible_to(user).filter(candidate=candidate)})


@require_http_methods(["GET", "POST"])
@login_required
def candidate_initial(request, pk):
    user = request.user
    require(permissions.can_select_initial, user)
    candidate = candidate_for(user, pk)
    data, _files = posted(request)
    initial = {"lks": candidate.initial_lks_id}

    def save(data):
        services.initial_selection(candidate=candidate, by=user, lks=data["lks"], checklist=form.checklist(),
                                   passed=data["passed"], reviewer=data["reviewer"], note=data["note"])
        return _("The initial selection is recorded."), reverse("village:candidate_detail", args=[candidate.pk])

    form = forms.InitialForm(data, initial=initial)
    return form_page(request, form=form, title=_("Initial selection"), submit=_("Save"), save=save,
                     cancel_url=reverse("village:candidate_detail", args=[candidate.pk]), pretitle=str(candidate),
                     intro=_("Score each item with the LKS; items marked * are required. Pass mark: 70."))


@require_http_methods(["GET", "POST"])
@login_required
def candidate_final(request, pk):
    user = request.user
    require(permissions.can_select_final, user)
    candidate = candidate_for(user, pk)
    data, _files = posted(request)

    def save(data):
        services.final_selection(candidate=candidate, by=user, decision=data["decision"], reasons=data["reasons"])
        return _("The final selection is recorded."), reverse("village:candidate_detail", args=[candidate.pk])

    return form_page(request, form=forms.FinalForm(data), title=_("Final selection"), submit=_("Decide"), save=save,
                     cancel_url=reverse("village:candidate_detail", args=[candidate.pk]), pretitle=str(candidate))


# ----------------------------------------------------------------------------------------- occupancy


@require_GET
@login_required
def occupancy_list(request):
    user = request.user
    require(permissions.can_read, user)
    filter_form = forms.OccupancyFilter(request.GET, user=user)
    occupancies = filter_form.apply(selectors.occupancies_visible_to(user))
    return render(request, "village/occupancy_list.html", _masked_page(request, occupancies, filter_form))


def occupancy_for(user, pk):
    return get_object_or_404(selectors.occupancies_visible_to(user), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def allocate(request, pk):
    user = request.user
    require(permissions.can_manage, user)
    candidate = candidate_for(user, pk)
    site = candidate.round.site
    offered = candidate.offers.filter(status=OfferStatus.OPEN).values("unit")
    units = selectors.units_of(site).exclude(occupancies__status__in=("allocated", "active")).exclude(
        condition=Condition.UNUSABLE)
    units = units.filter(pk__in=offered) if offered.exists() else units.exclude(offers__status=OfferStatus.OPEN)
    data, _files = posted(request)

    def save(data):
        occupancy = services.allocate(candidate=candidate, unit=data["unit"], by=user, on=data["allocated_on"])
        return (_("Unit %(unit)s is allocated.") % {"unit": occupancy.unit.number},
                reverse("village:occupancy_detail", args=[occupancy.pk]))

    return form_page(request, form=forms.AllocateForm(data, units=units.distinct()), title=_("Allocate a unit"),
                     submit=_("Allocate"), save=save, pretitle=str(candidate),
                     cancel_url=reverse("village:candidate_detail", args=[candidate.pk]))


@require_GET
@login_required
def occupancy_detail(request, pk):
    user = request.user
    require(permissions.can_read, user)
    occupancy = occupancy_for(user, pk)
    log_access(user=user, obj=occupancy, action="view", request=request)
    from desaku.village.models import MentorAssignment

    members = list(occupancy.household.memberships.filter(end_date__isnull=True).select_related("person"))
    identity.mask_persons(user, [m.person for m in members])
    identity.mask_households(user, [occupancy.household])
    return render(request, "village/occupancy_detail.html", {
        "occupancy": occupancy, "household": occupancy.household, "members": members,
        "checks": occupancy.checks.select_related("checked_by")[:24], "warnings": occupancy.warnings.all(),
        "mentors": MentorAssignment.objects.filter(household=occupancy.household_id, ended_on__isnull=True)
        .select_related("mentor"), "can_manage": permissions.can_manage(user),
        "is_active": occupancy.status == OccupancyStatus.ACTIVE,
        "is_allocated": occupancy.status == OccupancyStatus.ALLOCATED,
        "ended": occupancy.status == OccupancyStatus.ENDED})


def _occupancy_form(request, pk, *, form_class, title, submit, save_with, check=permissions.can_manage):
    user = request.user
    require(check, user)
    occupancy = occupancy_for(user, pk)
    data, _files = posted(request)

    def save(data):
        message = save_with(occupancy, data)
        return message, reverse("village:occupancy_detail", args=[occupancy.pk])

    return form_page(request, form=form_class(data), title=title, submit=submit, save=save,
                     pretitle=f"{occupancy.unit.number} · {occupancy.household}",
                     cancel_url=reverse("village:occupancy_detail", args=[occupancy.pk]))


@require_http_methods(["GET", "POST"])
@login_required
def move_in(request, pk):
    def save(occupancy, data):
        services.move_in(occupancy=occupancy, by=request.user, on=data["move_in_date"])
        return _("The move-in is recorded.")

    return _occupancy_form(request, pk, form_class=forms.MoveInForm, title=_("Move in"), submit=_("Save"),
                           save_with=save)


@require_http_methods(["GET", "POST"])
@login_required
def residence_check(request, pk):
    def save(occupancy, data):
        services.record_residence_check(occupancy=occupancy, by=request.user, **data)
        return _("The check is recorded.")

    return _occupancy_form(request, pk, form_class=forms.CheckForm, title=_("Residence check"), submit=_("Save"),
                           save_with=save, check=permissions.can_mentor)


@require_http_methods(["GET", "POST"])
@login_required
def warning(request, pk):
    def save(occupancy, data):
        item = services.issue_warning(occupancy=occupancy, by=request.user, reason=data["reason"])
        return _("Warning SP%(level)s is recorded.") % {"level": item.level}

    return _occupancy_form(request, pk, form_class=forms.WarningForm, title=_("Warning"), submit=_("Issue"),
                           save_with=save)


@require_http_methods(["GET", "POST"])
@login_required
def end_occupancy(request, pk):
    def save(occupancy, data):
        services.end_occupancy(occupancy=occupancy, by=request.user, **data)
        return _("The occupancy has ended; the unit is offered to the waiting list.")

    return _occupancy_form(request, pk, form_class=forms.EndForm, title=_("End the occupancy"), submit=_("End"),
                           save_with=save)


@require_http_methods(["GET", "POST"])
@login_required
def assign_mentor(request, pk):
    def save(occupancy, data):
        services.assign_mentor(mentor=data["mentor"], household=occupancy.household, by=request.user)
        return _("The mentor is assigned.")

    return _occupancy_form(request, pk, form_class=forms.AssignForm, title=_("Assign a mentor"), submit=_("Assign"),
                           save_with=save)


@require_http_methods(["GET", "POST"])
@login_required
def end_assignment(request, pk):
    """End a mentor's assignment (from the occupancy page): the mentor stops seeing the household."""
    from desaku.village.models import MentorAssignment

    user = request.user
    require(permissions.can_manage, user)
    assignment = get_object_or_404(MentorAssignment.objects.filter(
        household__in=selectors.households_visible_to(user).values("pk"), ended_on__isnull=True).select_related(
        "mentor"), pk=pk)
    occupancy = selectors.occupancies_visible_to(user).filter(household=assignment.household_id).order_by(
        "-allocated_on", "-id").first()
    back = reverse("village:occupancy_detail", args=[occupancy.pk]) if occupancy else reverse("village:occupancy_list")
    data, _files = posted(request)

    def save(data):
        services.end_assignment(assignment=assignment, by=user, on=data["ended_on"], reason=data["reason"])
        return _("The mentor's assignment has ended."), back

    return form_page(request, form=forms.EndAssignmentForm(data), title=_("End the mentor's assignment"),
                     submit=_("End"), save=save, cancel_url=back,
                     pretitle=f"{assignment.mentor.get_full_name() or assignment.mentor.username} · "
                              f"{assignment.household}")


@require_GET
@login_required
def agreement(request, pk):
    """The residence agreement PDF (issued once, numbered; every print is logged)."""
    user = request.user
    require(permissions.can_read, user)
    occupancy = occupancy_for(user, pk)
    letter = occupancy.agreement
    if letter is None or not letter.pdf:
        if not permissions.can_manage(user):
            raise Http404
        try:
            letter = services.issue_agreement(occupancy=occupancy, by=user, request=request)
        except ValidationError as exc:
            raise Http404 from exc
    response = core_letters.pdf_response(letter)
    log_access(user=user, obj=occupancy, action="print", detail=f"letter {letter.number}", request=request)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def offer_decline(request, pk):
    user = request.user
    require(permissions.can_manage, user)
    offer = get_object_or_404(selectors.offers_visible_to(user), pk=pk)
    data, _files = posted(request)

    def save(data):
        services.decline_offer(offer=offer, by=user, note=data["note"])
        return _("The offer is declined; the unit goes to the next household."), reverse(
            "village:unit_detail", args=[offer.unit_id])

    return form_page(request, form=forms.DeclineForm(data), title=_("Offer declined"), submit=_("Save"), save=save,
                     cancel_url=reverse("village:unit_detail", args=[offer.unit_id]), pretitle=str(offer))
