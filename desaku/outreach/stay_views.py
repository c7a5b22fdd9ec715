"""Pages of a shelter stay: admission, the stay and its clock, extension, transfer, assessment versions,
case-conference opinions, the disposition (propose, approve, send back) and its letter.

Approvals (extensions, admission over capacity, dispositions) are refused by the services for anyone
but a Kepala Bidang or Administrator; these pages show that message instead of failing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desaku.core import letters as core_letters
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors, error_messages, int_param, paginated, posted, safe_next
from desaku.outreach import forms, letters, selectors, services
from desaku.outreach.models import Assessment, DispositionStatus, StayStatus
from desaku.outreach.permissions import can_approve, can_write
from desaku.outreach.views import decorate_assessment, last_exit_of, require_read, require_write
from desaku.people import identity
from desaku.people import selectors as people_selectors
from desaku.people.permissions import can_see_sensitive

# ------------------------------------------------------------------------------------------ stays


@require_http_methods(["GET", "POST"])
@login_required
def admit(request):
    """Admission to a shelter: from an encounter (outcome "taken to shelter") or a person of the registry."""
    user = request.user
    require_write(user)
    encounter_id = int_param(request.POST.get("encounter") or request.GET.get("encounter"))
    person_id = int_param(request.POST.get("person") or request.GET.get("person"))
    encounter = person = None
    if encounter_id:
        encounter = get_object_or_404(selectors.encounters_visible_to(user), pk=encounter_id)
        person = encounter.person
    elif person_id:
        person = people_selectors.person_for(user, person_id)
    data, _files = posted(request)
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
    filter_form = forms.StayFilter(request.GET, user=request.user)
    stays = filter_form.apply(selectors.stays_visible_to(request.user))
    context = paginated(request, stays, filter_form)
    identity.mask_persons(request.user, [s.person for s in context["page"]])  # a protected child: initials
    return render(request, "outreach/stay_list.html", {**context, "today": timezone.localdate()})


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
    data, _files = posted(request)
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
    data, _files = posted(request)
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
    data, _files = posted(request)
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
    filter_form = forms.DispositionFilter(request.GET, user=request.user)
    dispositions = filter_form.apply(selectors.dispositions_visible_to(request.user)).select_related(
        "approved_by", "stay__shelter", "letter")
    context = paginated(request, dispositions, filter_form)
    identity.mask_persons(request.user, [d.stay.person for d in context["page"]])  # a protected child: initials
    return render(request, "outreach/disposition_list.html", context)


@require_GET
@login_required
def pending_dispositions(request):
    """The Kepala Bidang's queue: proposed dispositions with the latest assessment, approve or send back."""
    user = request.user
    require_read(user)
    pending = list(selectors.pending_dispositions(user).select_related(
        "stay__shelter", "proposed_by", "destination_region").order_by("decided_on", "id"))
    identity.mask_persons(user, [d.stay.person for d in pending])  # a protected child: initials
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
    response = core_letters.pdf_response(letter)
    log_access(user=user, obj=disposition.stay.person, action="print", detail=f"letter {letter.number}",
               request=request)
    return response
