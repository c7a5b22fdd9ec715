"""Pages of the outreach track: the shelter board, operations, quick capture, encounters, preventive
activities (the stay pages are in stay_views.py). Thin: scope through selectors, writes through services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from desaku.core.files import serve_file
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors, int_param, paginated, posted
from desaku.outreach import forms, selectors, services
from desaku.outreach.models import (
    ATENSI_COMPONENTS,
    EXPLOITATION_INDICATORS,
    EncounterOutcome,
    StayStatus,
)
from desaku.outreach.permissions import can_read, can_write
from desaku.people import identity
from desaku.people import selectors as people_selectors
from desaku.people import services as people_services
from desaku.people.permissions import can_see_sensitive

SEARCH_LIMIT = 8
PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

# ------------------------------------------------------------------------------------------ helpers


def require_read(user):
    if not can_read(user):
        raise PermissionDenied


def require_write(user):
    if not can_write(user):
        raise PermissionDenied


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
    filter_form = forms.OperationFilter(request.GET, user=request.user)
    operations = filter_form.apply(selectors.operations_visible_to(request.user)).annotate(
        encounter_count=Count("encounters", distinct=True)).order_by("-started_at", "-id")
    return render(request, "outreach/operation_list.html", {
        **paginated(request, operations, filter_form), "can_write": can_write(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def operation_create(request):
    require_write(request.user)
    data, _files = posted(request)
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
    same_person = int_param(request.POST.get("same_person"))
    chosen_id = same_person or int_param(request.POST.get("person") or request.GET.get("person"))
    person = people_selectors.person_for(user, chosen_id) if chosen_id else None
    data, files = posted(request)
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
        operation = get_object_or_404(selectors.operations_visible_to(user), pk=int_param(request.GET.get("operation")))
    query = " ".join(request.GET.get("q", "").split())
    name = " ".join(request.GET.get("nickname", "").split())
    persons, hidden_count, scores = [], 0, {}
    if len(query) >= 2:
        persons = people_selectors.search_persons(user, query, limit=SEARCH_LIMIT).persons
    elif len(name) >= 3:
        data = {"full_name": name, "sex": request.GET.get("sex", "")}
        age = int_param(request.GET.get("estimated_age"))
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
    filter_form = forms.EncounterFilter(request.GET, user=request.user)
    encounters = filter_form.apply(selectors.encounters_visible_to(request.user))
    context = paginated(request, encounters, filter_form)
    identity.mask_persons(request.user, [e.person for e in context["page"]])  # a protected child: initials
    return render(request, "outreach/encounter_list.html", context)


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
    data, files = posted(request)
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
    return serve_file(request, photo.image, content_types=PHOTO_TYPES)
