"""Pages of the outreach track. Thin: scope through selectors, writes through services, forms for shape.

Approvals (extensions, admission over capacity, dispositions) are refused by the services for anyone
but a Kepala Bidang or Administrator; the pages show that message instead of failing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desaku.core.services import log_access
from desaku.outreach import forms, letters, selectors, services
from desaku.outreach.models import (
    ATENSI_COMPONENTS,
    EXPLOITATION_INDICATORS,
    DispositionStatus,
    EncounterOutcome,
    StayStatus,
)
from desaku.outreach.permissions import can_approve, can_read, can_write
from desaku.people import selectors as people_selectors
from desaku.people import services as people_services
from desaku.people.permissions import can_see_sensitive

PAGE_SIZE = 25
SEARCH_LIMIT = 8

# ------------------------------------------------------------------------------------------ helpers


def require_read(user):
    if not can_read(user):
        raise PermissionDenied


def require_write(user):
    if not can_write(user):
        raise PermissionDenied


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)


def error_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _post(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _id(value):
    """A positive integer id from a request parameter, or None."""
    return int(value) if value and str(value).isdigit() else None


def paginated(request, queryset, filter_form=None):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "query": query.urlencode(), "filter_form": filter_form}


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def last_exit_of(person, on=None):
    """The latest approved disposition and the days since (for "returned to family 94 days ago")."""
    previous = selectors.history_of(person).first()
    if previous is None:
        return None
    on = on or timezone.localdate()
    return {"disposition": previous, "days": (on - previous.decided_on).days}


def is_child(person, on=None) -> bool:
    age = person.age_on(on or timezone.localdate())
    return age is not None and age < services.CHILD_AGE


def visible_categories(user, categories):
    sensitive = can_see_sensitive(user)
    return [c for c in categories if sensitive or not c.is_sensitive]


def decorate_assessment(assessment, user):
    """Labels for the template: categories the user may see, indicators and ATENSI needs."""
    indicators = dict(EXPLOITATION_INDICATORS)
    assessment.visible_categories = visible_categories(user, assessment.ppks_categories.all())
    assessment.indicator_labels = [indicators.get(i, i) for i in assessment.exploitation_indicators]
    assessment.needs_list = [(label, assessment.needs[key]) for key, label in ATENSI_COMPONENTS
                             if assessment.needs.get(key)]
    return assessment


# ------------------------------------------------------------------------------------------- board


@require_GET
@login_required
def board(request):
    require_read(request.user)
    today = timezone.localdate()
    rows = selectors.occupancy_board(request.user, today)
    return render(request, "outreach/board.html", {
        "rows": rows, "today": today, "can_write": can_write(request.user),
        "due_count": sum(len(r["due_today"]) for r in rows), "overdue_count": sum(len(r["overdue"]) for r in rows),
        "pending_count": selectors.pending_dispositions(request.user).count(),
    })


# -------------------------------------------------------------------------------------- operations


@require_GET
@login_required
def operation_list(request):
    require_read(request.user)
    filter_form = forms.OperationFilter(request.GET)
    operations = filter_form.apply(selectors.operations_visible_to(request.user)).annotate(
        encounter_count=Count("encounters", distinct=True)).order_by("-started_at", "-id")
    return render(request, "outreach/operation_list.html", {
        **paginated(request, operations, filter_form), "can_write": can_write(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def operation_create(request):
    require_write(request.user)
    data, _files = _post(request)
    form = forms.OperationForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            operation = services.create_operation(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The operation is recorded. Capture the persons found."))
            return redirect("outreach:operation_detail", pk=operation.pk)
    return render(request, "outreach/operation_form.html", {"form": form})


@require_GET
@login_required
def operation_detail(request, pk):
    require_read(request.user)
    operation = get_object_or_404(selectors.operations_visible_to(request.user), pk=pk)
    encounters = selectors.encounters_visible_to(request.user).filter(operation=operation).select_related(
        "referred_to", "previous_disposition")
    return render(request, "outreach/operation_detail.html", {
        "operation": operation, "encounters": encounters, "can_write": can_write(request.user),
        "team": operation.team.all(), "agencies": operation.agencies.all(),
        "total": operation.encounters.count(),
    })


# ---------------------------------------------------------------------------------- quick capture


@require_http_methods(["GET", "POST"])
@login_required
def encounter_capture(request, pk):
    """Capture one person found: pick from the registry or create a minimal record, then what happened."""
    user = request.user
    require_write(user)
    operation = get_object_or_404(selectors.operations_visible_to(user), pk=pk)
    same_person = _id(request.POST.get("same_person"))
    chosen_id = same_person or _id(request.POST.get("person") or request.GET.get("person"))
    person = people_selectors.person_for(user, chosen_id) if chosen_id else None
    data, files = _post(request)
    form = forms.CaptureForm(data, files, person_chosen=person is not None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                encounter_person = person
                if encounter_person is None:
                    encounter_person = people_services.register_person(
                        by=user, data=form.person_data(), confirm_new=request.POST.get("confirm_new") == "1",
                        source="outreach", note=_("Found during outreach"))
                    if form.cleaned_data.get("photo"):
                        people_services.add_photo(person=encounter_person, by=user, taken_on=timezone.localdate(),
                                                  image=form.cleaned_data["photo"], caption=_("Outreach"))
                elif same_person and form.cleaned_data.get("nickname"):
                    # "Same person" from the duplicate warning: log the decision, keep the spelling.
                    entered = {"full_name": form.cleaned_data["nickname"], "sex": form.cleaned_data.get("sex")}
                    candidates = people_selectors.duplicate_report(data=entered, user=user).as_log()
                    people_services.link_to_existing(person=encounter_person, by=user, source="outreach",
                                                     entered_name=form.cleaned_data["nickname"],
                                                     candidates=candidates)
                encounter = services.record_encounter(operation=operation, by=user, person=encounter_person,
                                                      **form.encounter_data())
        except people_services.PossibleDuplicates as exc:
            report = exc.report
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is recorded.") % {"name": encounter.person.full_name})
            if encounter.outcome == EncounterOutcome.SHELTER:
                return redirect(reverse("outreach:admit") + f"?encounter={encounter.pk}")
            return redirect("outreach:encounter_detail", pk=encounter.pk)
    return render(request, "outreach/capture.html", {
        "operation": operation, "form": form, "person": person, "report": report,
        "last_exit": last_exit_of(person) if person else None, "child": bool(person and is_child(person)),
    })


@require_GET
@login_required
def person_search(request):
    """The registry as you type (htmx partial): a search box, or the duplicate check of a new entry."""
    user = request.user
    require_write(user)
    purpose = request.GET.get("purpose", "capture")
    operation = None
    if purpose == "capture":
        operation = get_object_or_404(selectors.operations_visible_to(user), pk=_id(request.GET.get("operation")))
    query = " ".join(request.GET.get("q", "").split())
    name = " ".join(request.GET.get("nickname", "").split())
    persons, hidden_count, scores = [], 0, {}
    if len(query) >= 2:
        persons = people_selectors.search_persons(user, query, limit=SEARCH_LIMIT).persons
    elif len(name) >= 3:
        data = {"full_name": name, "sex": request.GET.get("sex", "")}
        age = _id(request.GET.get("estimated_age"))
        if age is not None:
            data.update(birth_year=timezone.localdate().year - age, birth_date_quality="approximate")
        report = people_selectors.duplicate_report(data=data, user=user, limit=SEARCH_LIMIT)
        persons = [p for p, _score, _reasons in report.matches]
        scores = {p.pk: (score, reasons) for p, score, reasons in report.matches}
        hidden_count = report.hidden_count
    today = timezone.localdate()
    rows = [{"person": p, "age": p.age_on(today), "last_exit": last_exit_of(p, today),
             "score": scores.get(p.pk, (None, []))[0], "reasons": scores.get(p.pk, (None, []))[1]}
            for p in persons]
    return render(request, "outreach/_person_results.html", {
        "rows": rows, "purpose": purpose, "operation": operation, "hidden_count": hidden_count,
        "searched": bool(query or name), "duplicates": bool(scores)})


# -------------------------------------------------------------------------------------- encounters


@require_GET
@login_required
def encounter_list(request):
    require_read(request.user)
    filter_form = forms.EncounterFilter(request.GET)
    encounters = filter_form.apply(selectors.encounters_visible_to(request.user))
    return render(request, "outreach/encounter_list.html", paginated(request, encounters, filter_form))


@require_GET
@login_required
def encounter_detail(request, pk):
    require_read(request.user)
    encounter = get_object_or_404(selectors.encounters_visible_to(request.user).select_related(
        "referred_to", "previous_disposition__exit_destination", "recorded_by"), pk=pk)
    log_access(user=request.user, obj=encounter, action="view", request=request)
    in_shelter = encounter.person.stays.filter(status=StayStatus.OPEN).exists()
    return render(request, "outreach/encounter_detail.html", {
        "encounter": encounter, "person": encounter.person, "can_write": can_write(request.user),
        "in_shelter": in_shelter, "open_stay": selectors.open_stays(request.user).filter(
            person=encounter.person_id).first(),
        "person_visible": people_selectors.persons_visible_to(request.user).filter(
            pk=encounter.person_id).exists()})


# ------------------------------------------------------------------------------------------ stays


@require_http_methods(["GET", "POST"])
@login_required
def admit(request):
    """Admission to a shelter: from an encounter (outcome "taken to shelter") or a person of the registry."""
    user = request.user
    require_write(user)
    encounter_id = _id(request.POST.get("encounter") or request.GET.get("encounter"))
    person_id = _id(request.POST.get("person") or request.GET.get("person"))
    encounter = person = None
    if encounter_id:
        encounter = get_object_or_404(selectors.encounters_visible_to(user), pk=encounter_id)
        person = encounter.person
    elif person_id:
        person = people_selectors.person_for(user, person_id)
    data, _files = _post(request)
    form = forms.AdmitForm(data, user=user)
    if request.method == "POST" and person is not None and form.is_valid():
        c = form.cleaned_data
        try:
            stay = services.admit(person=person, shelter=c["shelter"], by=user, encounter=encounter,
                                  responsible_worker=c["responsible_worker"], admitted_on=c["admitted_on"],
                                  over_capacity_reason=c["over_capacity_reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is admitted to %(shelter)s; the assessment is due on %(due)s.") % {
                "name": person.full_name, "shelter": stay.shelter.name, "due": stay.due_on.strftime("%d/%m/%Y")})
            return redirect("outreach:stay_detail", pk=stay.pk)
    return render(request, "outreach/admit.html", {
        "form": form, "person": person, "encounter": encounter, "can_approve": can_approve(user),
        "last_exit": last_exit_of(person) if person else None,
        "open_stay": person.stays.filter(status=StayStatus.OPEN).first() if person else None})


@require_GET
@login_required
def stay_list(request):
    require_read(request.user)
    filter_form = forms.StayFilter(request.GET)
    stays = filter_form.apply(selectors.stays_visible_to(request.user))
    return render(request, "outreach/stay_list.html", {
        **paginated(request, stays, filter_form), "today": timezone.localdate()})


def stay_for(user, pk):
    return get_object_or_404(selectors.stays_visible_to(user), pk=pk)


@require_GET
@login_required
def stay_detail(request, pk):
    user = request.user
    require_read(user)
    stay = stay_for(user, pk)
    log_access(user=user, obj=stay, action="view", request=request)
    today = timezone.localdate()
    assessments = [decorate_assessment(a, user) for a in stay.assessments.select_related(
        "assessed_by", "origin_region").prefetch_related("ppks_categories", "opinions")]
    dispositions = list(stay.dispositions.select_related(
        "exit_destination", "institution", "destination_region", "proposed_by", "approved_by", "letter"))
    for disposition in dispositions:
        disposition.letter_kind = letters.has_letter(disposition)
    earlier = [d for d in selectors.history_of(stay.person) if d.stay_id != stay.pk]
    return render(request, "outreach/stay_detail.html", {
        "stay": stay, "person": stay.person, "today": today, "day": stay.days_in(today) + 1,
        "period": stay.BASE_DAYS + stay.EXTENSION_DAYS * stay.extensions, "max_days": (
            stay.BASE_DAYS + stay.EXTENSION_DAYS * stay.MAX_EXTENSIONS),
        "is_open": stay.status == StayStatus.OPEN, "overdue": stay.status == StayStatus.OPEN and stay.due_on < today,
        "due_today": stay.status == StayStatus.OPEN and stay.due_on == today,
        "extensions": stay.extension_records.select_related("approved_by", "requested_by"),
        "transfers": stay.transfers.select_related("from_shelter", "to_shelter", "by").order_by("transferred_on"),
        "assessments": assessments, "latest": assessments[0] if assessments else None,
        "dispositions": dispositions,
        "pending": next((d for d in dispositions if d.status == DispositionStatus.PROPOSED), None),
        "earlier_exits": earlier, "can_write": can_write(user), "can_approve": can_approve(user),
        "can_extend": stay.extensions < stay.MAX_EXTENSIONS, "review_form": forms.ReviewForm(auto_id="review_%s"),
        "person_visible": people_selectors.persons_visible_to(user).filter(pk=stay.person_id).exists(),
    })


def stay_form_page(request, pk, *, form_class, save, title, submit, intro="", form_kwargs=None, note=""):
    """A small form about an open stay (extend, transfer): GET shows it, POST calls the service."""
    require_write(request.user)
    stay = stay_for(request.user, pk)
    data, _files = _post(request)
    form = form_class(data, **(form_kwargs(stay) if form_kwargs else {}))
    if request.method == "POST" and form.is_valid():
        try:
            message = save(stay, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect("outreach:stay_detail", pk=stay.pk)
    return render(request, "outreach/form_page.html", {
        "form": form, "stay": stay, "title": title, "submit": submit, "intro": intro, "note": note,
        "cancel_url": reverse("outreach:stay_detail", args=[stay.pk])})


@require_http_methods(["GET", "POST"])
@login_required
def stay_extend(request, pk):
    def save(stay, data):
        extension = services.extend_stay(stay=stay, by=request.user, reason=data["reason"])
        return _("Extended until %(due)s.") % {"due": extension.new_due_on.strftime("%d/%m/%Y")}

    note = "" if can_approve(request.user) else _("Only a Kepala Bidang can approve an extension.")
    return stay_form_page(request, pk, form_class=forms.ExtendForm, save=save, title=_("Extend the stay"),
                          submit=_("Approve the extension"), note=note,
                          intro=_("Seven more days for the assessment; a stay can be extended twice (21 days)."))


@require_http_methods(["GET", "POST"])
@login_required
def stay_transfer(request, pk):
    def save(stay, data):
        record = services.transfer(stay=stay, by=request.user, **data)
        return _("Moved to %(shelter)s.") % {"shelter": record.to_shelter.name}

    return stay_form_page(request, pk, form_class=forms.TransferForm, save=save, title=_("Transfer to another shelter"),
                          submit=_("Transfer"), form_kwargs=lambda stay: {"stay": stay},
                          intro=_("The stay's clock runs on in the new shelter."))


# ------------------------------------------------------------------------------------- assessment


@require_http_methods(["GET", "POST"])
@login_required
def assessment_create(request, pk):
    """A new version of the stay's assessment, starting from the latest one."""
    user = request.user
    require_write(user)
    stay = stay_for(user, pk)
    latest = stay.assessments.order_by("-version").first()
    sensitive = can_see_sensitive(user)
    data, _files = _post(request)
    initial = forms.AssessmentForm.initial_from(latest)
    if not initial.get("origin_region") and stay.person.origin_region_id:
        initial["origin_region"] = stay.person.origin_region_id
    form = forms.AssessmentForm(data, initial=initial, sensitive=sensitive)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        if latest is not None and not sensitive:
            # Sensitive categories are not offered to this user; keep those of the previous version.
            kwargs["categories"] += [c for c in latest.ppks_categories.all() if c.is_sensitive]
        try:
            assessment = services.save_assessment(stay=stay, by=user, **kwargs)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Assessment version %(version)s is saved.") % {
                "version": assessment.version})
            return redirect("outreach:stay_detail", pk=stay.pk)
    return render(request, "outreach/assessment_form.html", {
        "form": form, "stay": stay, "latest": latest, "person": stay.person})


@require_GET
@login_required
def assessment_detail(request, pk):
    user = request.user
    require_read(user)
    from desaku.outreach.models import Assessment

    assessment = get_object_or_404(Assessment.objects.filter(
        stay__in=selectors.stays_visible_to(user).values("pk")).select_related("stay__person", "assessed_by"), pk=pk)
    log_access(user=user, obj=assessment, action="view", request=request)
    return render(request, "outreach/assessment_detail.html", {
        "assessment": decorate_assessment(assessment, user), "stay": assessment.stay,
        "opinions": assessment.opinions.select_related("recorded_by").order_by("id"),
        "form": forms.OpinionForm(), "can_write": can_write(user),
        "versions": assessment.stay.assessments.values_list("pk", "version")})


@require_POST
@login_required
def opinion_add(request, pk):
    user = request.user
    require_write(user)
    from desaku.outreach.models import Assessment

    assessment = get_object_or_404(Assessment.objects.filter(
        stay__in=selectors.stays_visible_to(user).values("pk")), pk=pk)
    form = forms.OpinionForm(request.POST)
    if form.is_valid():
        try:
            services.add_opinion(assessment=assessment, by=user, **form.cleaned_data)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("The opinion is recorded."))
            return redirect("outreach:assessment_detail", pk=assessment.pk)
    return render(request, "outreach/assessment_detail.html", {
        "assessment": decorate_assessment(assessment, user), "stay": assessment.stay,
        "opinions": assessment.opinions.select_related("recorded_by").order_by("id"), "form": form,
        "can_write": True, "versions": assessment.stay.assessments.values_list("pk", "version")})


# ------------------------------------------------------------------------------------ disposition


@require_http_methods(["GET", "POST"])
@login_required
def disposition_propose(request, pk):
    user = request.user
    require_write(user)
    stay = stay_for(user, pk)
    latest = stay.assessments.order_by("-version").first()
    data, _files = _post(request)
    initial = {"kind": latest.recommendation} if latest else {}
    if stay.person.origin_region_id:
        initial["destination_region"] = stay.person.origin_region_id
    form = forms.DispositionForm(data, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_disposition(stay=stay, by=user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The disposition is proposed; a Kepala Bidang approves it."))
            return redirect("outreach:stay_detail", pk=stay.pk)
    return render(request, "outreach/disposition_form.html", {
        "form": form, "stay": stay, "latest": latest, "person": stay.person})


@require_GET
@login_required
def disposition_list(request):
    require_read(request.user)
    filter_form = forms.DispositionFilter(request.GET)
    dispositions = filter_form.apply(selectors.dispositions_visible_to(request.user)).select_related(
        "approved_by", "stay__shelter", "letter")
    return render(request, "outreach/disposition_list.html", paginated(request, dispositions, filter_form))


@require_GET
@login_required
def pending_dispositions(request):
    """The Kepala Bidang's queue: proposed dispositions with the latest assessment, approve or send back."""
    user = request.user
    require_read(user)
    pending = list(selectors.pending_dispositions(user).select_related(
        "stay__shelter", "proposed_by", "destination_region").order_by("decided_on", "id"))
    for disposition in pending:
        latest = disposition.stay.assessments.order_by("-version").first()
        disposition.latest_assessment = decorate_assessment(latest, user) if latest else None
    return render(request, "outreach/pending_dispositions.html", {
        "pending": pending, "can_approve": can_approve(user), "today": timezone.localdate()})


def _review(request, pk, action):
    user = request.user
    require_write(user)
    disposition = get_object_or_404(selectors.dispositions_visible_to(user), pk=pk)
    form = forms.ReviewForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    back = safe_next(request, reverse("outreach:stay_detail", args=[disposition.stay_id]))
    try:
        action(disposition, note)
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect(back)


@require_POST
@login_required
def disposition_approve(request, pk):
    def approve(disposition, note):
        services.approve_disposition(disposition=disposition, by=request.user, note=note)
        messages.success(request, _("Approved: %(kind)s for %(name)s. The stay has ended.") % {
            "kind": disposition.get_kind_display(), "name": disposition.stay.person.full_name})
        if letters.has_letter(disposition):
            letter = letters.issue_disposition_letter(disposition=disposition, by=request.user,
                                                      base_url=request.build_absolute_uri("/"))
            messages.info(request, _("Letter %(number)s is ready to print.") % {"number": letter.number})

    return _review(request, pk, approve)


@require_POST
@login_required
def disposition_send_back(request, pk):
    def send_back(disposition, note):
        services.send_back_disposition(disposition=disposition, by=request.user, note=note)
        messages.success(request, _("Sent back to the Peksos with your note."))

    return _review(request, pk, send_back)


@require_GET
@login_required
def disposition_letter(request, pk):
    """The disposition's letter as PDF, after the scope check; every print is logged."""
    user = request.user
    require_read(user)
    disposition = get_object_or_404(selectors.dispositions_visible_to(user).select_related("letter"), pk=pk,
                                    status=DispositionStatus.APPROVED)
    if not letters.has_letter(disposition):
        raise Http404
    letter = disposition.letter
    if letter is None or not letter.pdf:
        if not can_write(user):  # read-only roles print only what was issued
            raise Http404
        letter = letters.issue_disposition_letter(disposition=disposition, by=user,
                                                  base_url=request.build_absolute_uri("/"))
    try:
        handle = letter.pdf.open("rb")
    except OSError as exc:
        raise Http404 from exc
    log_access(user=user, obj=disposition.stay.person, action="print", detail=f"letter {letter.number}",
               request=request)
    response = FileResponse(handle, content_type="application/pdf")
    filename = letter.number.replace("/", "-").replace(" ", "")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------------------------------- preventive


@require_GET
@login_required
def activity_list(request):
    require_read(request.user)
    filter_form = forms.ActivityFilter(request.GET)
    activities = filter_form.apply(selectors.activities_visible_to(request.user)).annotate(
        participant_count=Count("participants", distinct=True), photo_count=Count("photos", distinct=True)
    ).order_by("-held_on", "-id")
    return render(request, "outreach/activity_list.html", {
        **paginated(request, activities, filter_form), "can_write": can_write(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def activity_create(request):
    user = request.user
    require_write(user)
    data, files = _post(request)
    persons = people_selectors.persons_visible_to(user)
    form = forms.ActivityForm(data, files, persons=persons)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                activity = services.record_preventive_activity(by=user, **form.service_kwargs())
                for image in form.cleaned_data["photos"]:
                    services.add_activity_photo(activity=activity, by=user, image=image)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity is recorded."))
            return redirect("outreach:activity_detail", pk=activity.pk)
    chosen = list(persons.filter(pk__in=form["participants"].value() or [])) if form.is_bound else []
    return render(request, "outreach/activity_form.html", {"form": form, "chosen": chosen})


@require_GET
@login_required
def activity_detail(request, pk):
    user = request.user
    require_read(user)
    activity = get_object_or_404(selectors.activities_visible_to(user).select_related("kelurahan", "created_by"),
                                 pk=pk)
    participants = list(activity.participants.all())
    visible = set(people_selectors.persons_visible_to(user).filter(
        pk__in=[p.pk for p in participants]).values_list("pk", flat=True))
    return render(request, "outreach/activity_detail.html", {
        "activity": activity, "photos": activity.photos.all(),
        "participants": [(p, p.pk in visible) for p in participants]})


@require_GET
@login_required
def activity_photo(request, pk, photo_pk):
    """A photo of an activity, after the scope check (media files are never served directly)."""
    require_read(request.user)
    activity = get_object_or_404(selectors.activities_visible_to(request.user), pk=pk)
    photo = get_object_or_404(activity.photos, pk=photo_pk)
    try:
        handle = photo.image.open("rb")
    except OSError as exc:
        raise Http404 from exc
    ext = photo.image.name.rsplit(".", 1)[-1].lower()
    types = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
    response = FileResponse(handle, content_type=types.get(ext, "application/octet-stream"))
    response["Cache-Control"] = "private, no-store"
    return response
