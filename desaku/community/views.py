"""Pages of community services: overview, PSKS directory, group members, activities and their files.
The award pages are in award_views.py. Thin: scope through selectors, writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desaku.community import forms, selectors, services
from desaku.community.permissions import can_edit_activity, can_manage, can_read, can_write
from desaku.core.files import serve_file
from desaku.core.services import log_access
from desaku.core.viewkit import (
    add_service_errors,
    error_messages,
    form_error_messages,
    int_param,
    paginated,
    posted,
)
from desaku.people import selectors as people_selectors
from desaku.people.forms import CONTENT_TYPES

SEARCH_LIMIT = 8


def require_read(user):
    if not can_read(user):
        raise PermissionDenied


def require_write(user):
    if not can_write(user):
        raise PermissionDenied


def require_manage(user):
    if not can_manage(user):
        raise PermissionDenied


# ---------------------------------------------------------------------------------------- overview


@require_GET
@login_required
def home(request):
    user = request.user
    require_read(user)
    year = timezone.localdate().year
    activities = selectors.activities_visible_to(user)
    return render(request, "community/home.html", {
        "year": year, "activity_count": activities.filter(held_on__year=year).count(),
        "recent": selectors.activities_with_counts(user)[:5],
        "organisation_count": selectors.organisations_visible_to(user).filter(active=True).count(),
        "volunteer_count": selectors.volunteers_visible_to(user).filter(active=True).count(),
        "rounds": selectors.rounds_visible_to(user)[:3], "can_write": can_write(user), "can_manage": can_manage(user)})


# ----------------------------------------------------------------------------------- organisations


@require_GET
@login_required
def organisation_list(request):
    require_read(request.user)
    filter_form = forms.OrganisationFilter(request.GET)
    organisations = filter_form.apply(selectors.organisations_visible_to(request.user))
    return render(request, "community/organisation_list.html", {
        **paginated(request, organisations, filter_form), "can_manage": can_manage(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def organisation_create(request):
    require_manage(request.user)
    data, _files = posted(request)
    form = forms.OrganisationForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.create_organisation(by=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The organisation is recorded."))
            return redirect("community:organisation_detail", pk=org.pk)
    return render(request, "community/form_page.html", {"form": form, "title": _("New PSKS organisation")})


@require_http_methods(["GET", "POST"])
@login_required
def organisation_edit(request, pk):
    require_manage(request.user)
    org = get_object_or_404(selectors.organisations_visible_to(request.user), pk=pk)
    data, _files = posted(request)
    initial = {name: getattr(org, name) for name in services.ORGANISATION_FIELDS}
    form = forms.OrganisationForm(data, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(organisation=org, by=request.user, data=form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("community:organisation_detail", pk=org.pk)
    return render(request, "community/form_page.html", {"form": form, "title": org.name})


@require_GET
@login_required
def organisation_detail(request, pk):
    user = request.user
    require_read(user)
    org = get_object_or_404(selectors.organisations_visible_to(user), pk=pk)
    members = list(selectors.memberships_of(org))
    visible = set(people_selectors.persons_visible_to(user).filter(
        pk__in=[m.person_id for m in members if m.person_id]).values_list("pk", flat=True))
    today = timezone.localdate()
    return render(request, "community/organisation_detail.html", {
        "org": org, "can_manage": can_manage(user), "today": today,
        "members": [(m, m.person_id in visible, m.current_on(today)) for m in members],
        "volunteers": org.volunteers.all(), "member_form": forms.MemberForm(),
        "activities": selectors.activities_visible_to(user).filter(organiser=org)[:10],
        "entries": org.award_entries.select_related("round").order_by("-round__year")})


@require_http_methods(["GET", "POST"])
@login_required
def member_add(request, pk):
    user = request.user
    require_manage(user)
    group = get_object_or_404(selectors.organisations_visible_to(user), pk=pk)
    data, _files = posted(request)
    form = forms.MemberForm(data)
    person = None
    if request.method == "POST" and form.is_valid():
        person_id = form.cleaned_data.get("person") or int_param(request.POST.get("person_pick"))
        try:
            if person_id:
                person = people_selectors.person_for(user, person_id)
            services.add_member(group=group, by=user, person=person, name=form.cleaned_data["name"],
                                position=form.cleaned_data["position"], role=form.cleaned_data["role"],
                                term_start=form.cleaned_data["term_start"], term_end=form.cleaned_data["term_end"])
        except Http404:
            form.add_error(None, _("Choose a person of the registry or give a name, not both."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The member is recorded."))
            return redirect("community:organisation_detail", pk=group.pk)
    return render(request, "community/member_form.html", {"form": form, "group": group})


@require_POST
@login_required
def member_end(request, pk):
    user = request.user
    require_manage(user)
    membership = get_object_or_404(services.Membership.objects.select_related("group"), pk=pk)
    form = forms.EndTermForm(request.POST)
    if form.is_valid():
        try:
            services.end_membership(membership=membership, by=user, term_end=form.cleaned_data["term_end"])
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("The term is ended."))
    return redirect("community:organisation_detail", pk=membership.group_id)


@require_GET
@login_required
def person_search(request):
    """Registry search as you type (htmx partial), within the user's scope."""
    user = request.user
    if not (can_write(user) or can_manage(user)):
        raise PermissionDenied
    query = " ".join(request.GET.get("q", "").split())
    persons = people_selectors.search_persons(user, query, limit=SEARCH_LIMIT).persons if len(query) >= 2 else []
    return render(request, "community/_person_results.html", {
        "persons": persons, "searched": bool(query), "purpose": request.GET.get("purpose", "participant")})


# -------------------------------------------------------------------------------------- volunteers


@require_GET
@login_required
def volunteer_list(request):
    require_read(request.user)
    filter_form = forms.VolunteerFilter(request.GET)
    volunteers = filter_form.apply(selectors.volunteers_visible_to(request.user))
    return render(request, "community/volunteer_list.html", {
        **paginated(request, volunteers, filter_form), "can_manage": can_manage(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def volunteer_create(request):
    require_manage(request.user)
    data, _files = posted(request)
    form = forms.VolunteerForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_volunteer(by=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The volunteer is recorded."))
            return redirect("community:volunteer_list")
    return render(request, "community/form_page.html", {"form": form, "title": _("New PSKS volunteer")})


@require_http_methods(["GET", "POST"])
@login_required
def volunteer_edit(request, pk):
    require_manage(request.user)
    volunteer = get_object_or_404(selectors.volunteers_visible_to(request.user), pk=pk)
    data, _files = posted(request)
    form = forms.VolunteerForm(data, initial={name: getattr(volunteer, name) for name in services.VOLUNTEER_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_volunteer(volunteer=volunteer, by=request.user, data=form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("community:volunteer_list")
    return render(request, "community/form_page.html", {"form": form, "title": volunteer.full_name})


# -------------------------------------------------------------------------------------- activities


@require_GET
@login_required
def activity_list(request):
    require_read(request.user)
    filter_form = forms.ActivityFilter(request.GET)
    activities = filter_form.apply(selectors.activities_with_counts(request.user))
    return render(request, "community/activity_list.html", {
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
                activity = services.record_activity(by=user, **form.service_kwargs())
                for upload in form.cleaned_data["photos"]:
                    services.add_attachment(activity=activity, by=user, kind="photo", upload=upload)
                if form.cleaned_data.get("minutes"):
                    services.add_attachment(activity=activity, by=user, kind="minutes",
                                            upload=form.cleaned_data["minutes"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity is recorded."))
            return redirect("community:activity_detail", pk=activity.pk)
    chosen = list(persons.filter(pk__in=form["participants"].value() or [])) if form.is_bound else []
    return render(request, "community/activity_form.html", {"form": form, "chosen": chosen})


@require_GET
@login_required
def activity_detail(request, pk):
    user = request.user
    require_read(user)
    activity = get_object_or_404(selectors.activities_visible_to(user).select_related(
        "created_by", "funding_source"), pk=pk)
    participants = list(activity.participants.all())
    visible = set(people_selectors.persons_visible_to(user).filter(
        pk__in=[p.pk for p in participants]).values_list("pk", flat=True))
    if participants:
        log_access(user=user, obj=activity, action="view", detail="participants", request=request)
    return render(request, "community/activity_detail.html", {
        "activity": activity, "attachments": activity.attachments.all(),
        "organisations": activity.participating_organisations.all(),
        "participants": [(p, p.pk in visible) for p in participants],
        "can_write": can_write(user), "can_edit": can_edit_activity(user, activity),
        "attachment_form": forms.AttachmentForm()})


def editable_activity(request, pk):
    """An activity in the user's scope that the user may change (403 for readers, 404 out of scope)."""
    user = request.user
    require_write(user)
    activity = get_object_or_404(selectors.activities_visible_to(user), pk=pk)
    if not can_edit_activity(user, activity):
        raise PermissionDenied
    return activity


@require_http_methods(["GET", "POST"])
@login_required
def activity_edit(request, pk):
    """Change an activity after saving; the reason goes into its history."""
    user = request.user
    activity = editable_activity(request, pk)
    data, files = posted(request)
    persons = people_selectors.persons_visible_to(user)
    hidden_participants = list(activity.participants.exclude(pk__in=persons.values("pk")))
    initial = {name: getattr(activity, name) for name in forms.ActivityForm.FIELDS}
    initial["participating_organisations"] = list(activity.participating_organisations.all())
    form = forms.ActivityEditForm(data, files, persons=persons, initial=initial)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        # Participants outside the user's scope were not shown: they stay.
        participants = kwargs.pop("participants") + hidden_participants
        organisations = kwargs.pop("participating_organisations")
        try:
            services.update_activity(activity=activity, by=user, data=kwargs, reason=form.cleaned_data["reason"],
                                     participants=participants, participating_organisations=organisations)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("community:activity_detail", pk=activity.pk)
    if form.is_bound:
        chosen = list(persons.filter(pk__in=form["participants"].value() or []))
    else:
        chosen = list(activity.participants.filter(pk__in=persons.values("pk")))
    return render(request, "community/activity_form.html", {"form": form, "chosen": chosen, "activity": activity})


@require_http_methods(["GET", "POST"])
@login_required
def attachment_delete(request, pk, attachment_pk):
    """Remove a photo or the minutes, with the reason (kept in the attachment's history)."""
    activity = editable_activity(request, pk)
    item = get_object_or_404(activity.attachments, pk=attachment_pk)
    data, _files = posted(request)
    form = forms.RemoveAttachmentForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_attachment(attachment=item, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The file is removed."))
            return redirect("community:activity_detail", pk=activity.pk)
    return render(request, "community/attachment_delete.html", {"form": form, "activity": activity, "item": item})


@require_POST
@login_required
def attachment_add(request, pk):
    user = request.user
    require_write(user)
    activity = get_object_or_404(selectors.activities_visible_to(user), pk=pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(activity=activity, by=user, kind=form.cleaned_data["kind"],
                                    upload=form.cleaned_data["file"], caption=form.cleaned_data["caption"])
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("The file is attached."))
    else:
        form_error_messages(request, form)
    return redirect("community:activity_detail", pk=activity.pk)


@require_GET
@login_required
def attachment(request, pk, attachment_pk):
    """A photo or the minutes, after the scope check (media files are never served directly)."""
    user = request.user
    require_read(user)
    activity = get_object_or_404(selectors.activities_visible_to(user), pk=pk)
    item = get_object_or_404(activity.attachments, pk=attachment_pk)
    return serve_file(request, item.file, record=item, content_types=CONTENT_TYPES,
                      filename=f"activity-{activity.pk}-{item.pk}.{item.extension}")
