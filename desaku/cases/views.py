"""Pages of case management. Thin: scope through selectors, writes through services; a case outside the
user's scope is a 404, a role without case business a 403, a partner with a read-only share sees but
cannot change anything."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desaku.cases import forms, letters, selectors, services
from desaku.cases.models import (
    ACTIVE_STATUSES,
    ATENSI_COMPONENTS,
    ATTACHMENT_TYPES,
    ActionStatus,
    CaseStatus,
    ReferralStatus,
    TransferStatus,
)
from desaku.cases.permissions import (
    can_edit_case,
    can_read,
    can_reopen,
    can_write,
    is_supervisor,
)
from desaku.core import letters as core_letters
from desaku.core.files import serve_file
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors, error_messages, form_error_messages, paginated, posted
from desaku.people import identity
from desaku.people import selectors as people_selectors


def require_read(user):
    if not can_read(user):
        raise PermissionDenied


def require_write(user):
    if not can_write(user):
        raise PermissionDenied


def editable_case(request, pk):
    """The case if visible (else 404) and changeable by the user (else 403)."""
    require_write(request.user)
    case = selectors.case_for(request.user, pk)
    if not can_edit_case(request.user, case):
        raise PermissionDenied
    return case


def case_url(case, anchor=""):
    return reverse("cases:case_detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def form_page(request, case, form, *, title, submit, save, anchor="", multipart=False, intro=""):
    """A one-form page on a case: validate, call the service, back to the case page."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(case_url(case, anchor))
    return render(request, "cases/form_page.html", {
        "case": case, "form": form, "title": title, "submit": submit, "cancel_url": case_url(case, anchor),
        "multipart": multipart, "intro": intro})


# --------------------------------------------------------------------------------------- caseload


@require_GET
@login_required
def caseload(request):
    """My caseload: cases where I am the responsible or a secondary worker (everything in scope with ?all=1)."""
    user = request.user
    require_read(user)
    show_all = request.GET.get("all") == "1" or not can_write(user)
    base = selectors.cases_visible_to(user) if show_all else selectors.my_caseload(user)
    filterset = forms.CaseFilter(request.GET or None, queryset=base)
    cases = selectors.with_overview(filterset.qs).order_by("-opened_on", "-pk")
    context = paginated(request, cases)
    today = timezone.localdate()
    identity.mask_persons(user, [c.person for c in context["page"] if c.person_id])  # a protected child: initials
    for case in context["page"]:
        case.last_contact = selectors.last_contact(case)
        case.review_overdue = case.status in ACTIVE_STATUSES and case.review_due and case.review_due < today
    return render(request, "cases/caseload.html", {
        **context, "filter_form": filterset.form, "show_all": show_all, "counts": selectors.status_counts(base),
        "incoming": selectors.incoming_transfers(user), "can_write": can_write(user),
        "overdue_reviews": selectors.overdue_reviews(user).filter(pk__in=base.values("pk")).count()})


@require_GET
@login_required
def team(request):
    """Team caseload for supervisors: per worker, counts by status, overdue plan reviews, last contact."""
    user = request.user
    if not (can_read(user) and is_supervisor(user)):
        raise PermissionDenied
    return render(request, "cases/team.html", {
        "rows": selectors.team_overview(user), "counts": selectors.status_counts(selectors.cases_visible_to(user)),
        "statuses": CaseStatus.choices})


@require_GET
@login_required
def export_cases(request):
    """The caseload list as Excel with its filters (desaku.cases.exports; large lists in the background)."""
    from desaku.reports import listexport

    return listexport.respond(request, "cases.cases")


# ------------------------------------------------------------------------------------------- cases


@require_http_methods(["GET", "POST"])
@login_required
def case_create(request):
    """Open a case: find the person in the registry (search), then the case details. With ?household= the
    case is opened for a household (from the household page)."""
    user = request.user
    require_write(user)
    household_id = request.POST.get("household") or request.GET.get("household")
    if household_id:
        household = people_selectors.households_visible_to(user).filter(
            pk=int(household_id) if str(household_id).isdigit() else 0).first()
        if household is None:
            raise Http404
        return _case_create_for(request, household=household)
    person_id = request.POST.get("person") or request.GET.get("person")
    person = people_selectors.person_for(user, person_id) if person_id and str(person_id).isdigit() else None
    if person is None:
        query = " ".join(request.GET.get("q", "").split())
        persons = people_selectors.search_persons(user, query, limit=10).persons if len(query) >= 2 else []
        return render(request, "cases/case_pick_person.html", {"query": query, "persons": persons})
    data, _files = posted(request)
    form = forms.CaseForm(data, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(person=person, by=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The case is opened."))
            return redirect(case_url(case))
    return render(request, "cases/case_form.html", {"form": form, "person": person,
                                                    "open_cases": services.open_case_of(person)})


def _case_create_for(request, *, household):
    user = request.user
    data, _files = posted(request)
    form = forms.CaseForm(data, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(household=household, by=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The case is opened."))
            return redirect(case_url(case))
    return render(request, "cases/case_form.html", {
        "form": form, "household": household, "members": _household_members(user, household),
        "open_cases": services.open_case_of_household(household)})


def _household_members(user, household):
    """Current members of the household, each with whether the user may open the person's record."""
    memberships = list(household.memberships.filter(end_date__isnull=True).select_related("person").order_by(
        "start_date", "pk"))
    visible = set(people_selectors.persons_visible_to(user).filter(
        pk__in=[m.person_id for m in memberships]).values_list("pk", flat=True))
    return [(m, m.person_id in visible) for m in memberships]


@require_http_methods(["GET", "POST"])
@login_required
def case_edit(request, pk):
    """Type, priority, summary and the secondary workers (the responsible worker changes by transfer)."""
    case = editable_case(request, pk)
    data, _files = posted(request)
    form = forms.CaseEditForm(data, user=request.user, initial={
        "case_type": case.case_type, "priority": case.priority, "summary": case.summary,
        "source_reference": case.source_reference, "secondary_workers": list(case.secondary_workers.all())})
    return form_page(request, case, form, title=_("Edit the case"), submit=_("Save"),
                     save=lambda d: services.update_case(case=case, by=request.user, **d))


@require_GET
@login_required
def case_detail(request, pk):
    user = request.user
    require_read(user)
    case = selectors.case_for(user, pk)
    log_access(user=user, obj=case, action="view", request=request)
    editable = can_edit_case(user, case)
    plan = getattr(case, "plan", None) if hasattr(case, "plan") else None
    goals = list(plan.goals.prefetch_related("actions__responsible")) if plan else []
    notes = list(selectors.notes_visible_to(user, case))
    assessment = case.assessments.order_by("-version").first()
    if assessment:
        labels = dict(ATENSI_COMPONENTS)
        assessment.needs_list = [(labels.get(k, k), v) for k, v in assessment.needs.items() if v]
    today = timezone.localdate()
    return render(request, "cases/case_detail.html", {
        "case": case, "person": case.person, "can_edit": editable, "can_reopen": can_reopen(user),
        "is_active": case.status in ACTIVE_STATUSES, "assessment": assessment, "plan": plan, "goals": goals,
        "review_overdue": bool(plan and case.status in ACTIVE_STATUSES and plan.next_review_on < today),
        "reviews": plan.reviews.select_related("reviewed_by")[:10] if plan else [],
        "services": case.services.select_related("service_type", "provider_institution").prefetch_related(
            "attachments"),
        "notes": notes, "attachments": case.attachments.select_related("uploaded_by"),
        "referrals": case.referrals.select_related("institution"), "tasks": selectors.case_tasks(case),
        "transfers": case.transfers.select_related("to_organisation", "to_worker", "requested_by")[:10],
        "shares": case.shares.select_related("organisation"), "secondary": case.secondary_workers.all(),
        "pending_transfer": case.transfers.filter(status=TransferStatus.REQUESTED).first(),
        "person_visible": bool(case.person_id) and people_selectors.persons_visible_to(user).filter(
            pk=case.person_id).exists(),
        "household": case.household,
        "household_visible": bool(case.household_id) and people_selectors.households_visible_to(user).filter(
            pk=case.household_id).exists(),
        "members": _household_members(user, case.household) if case.household_id else [],
        "action_open": ActionStatus.OPEN, "today": today,
        **_village_context(user, case, editable),
        "forms": {"note": forms.NoteForm(), "goal": forms.GoalForm(), "attachment": forms.AttachmentForm()},
    })


def _village_context(user, case, editable):
    """The case's Desaku Menanti candidacies (those the user may see) and whether they may nominate it."""
    from desaku.village import permissions as village_permissions
    from desaku.village import selectors as village_selectors

    candidacies = []
    if village_permissions.can_read_selection(user):
        candidacies = list(village_selectors.candidates_visible_to(user).filter(case=case).select_related("round"))
    return {"village_candidacies": candidacies,
            "can_nominate_village": editable and case.is_active and village_permissions.can_nominate(user)}


@require_http_methods(["GET", "POST"])
@login_required
def case_close(request, pk):
    case = editable_case(request, pk)
    data, _files = posted(request)
    return form_page(request, case, forms.CloseForm(data), title=_("Close the case"), submit=_("Close the case"),
                     save=lambda d: services.close_case(case=case, by=request.user, exit_destination=d[
                         "exit_destination"], reason=d["closure_reason"], closed_on=d["closed_on"]))


@require_POST
@login_required
def case_status(request, pk):
    """Put on hold or resume (POST action=hold|resume)."""
    case = editable_case(request, pk)
    try:
        services.change_status(case=case, by=request.user, action=request.POST.get("action", ""),
                               reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect(case_url(case))


@require_http_methods(["GET", "POST"])
@login_required
def case_reopen(request, pk):
    user = request.user
    require_read(user)
    case = selectors.case_for(user, pk)
    if not can_reopen(user):
        raise PermissionDenied
    data, _files = posted(request)
    return form_page(request, case, forms.ReasonForm(data), title=_("Reopen the case"), submit=_("Reopen"),
                     save=lambda d: services.reopen_case(case=case, by=user, reason=d["reason"]))


# ------------------------------------------------------------------------------- assessment, plan


@require_http_methods(["GET", "POST"])
@login_required
def assessment_create(request, pk):
    case = editable_case(request, pk)
    data, _files = posted(request)
    form = forms.AssessmentForm(data)
    return form_page(request, case, form, title=_("Case assessment"), submit=_("Save the assessment"),
                     anchor="assessment",
                     save=lambda d: services.save_assessment(case=case, by=request.user, **form.service_kwargs()))


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request, pk):
    case = editable_case(request, pk)
    plan = getattr(case, "plan", None) if hasattr(case, "plan") else None
    data, _files = posted(request)
    initial = {"summary": plan.summary, "next_review_on": plan.next_review_on} if plan else {
        "next_review_on": timezone.localdate() + timedelta(days=90)}
    return form_page(request, case, forms.PlanForm(data, initial=initial), title=_("Case plan"),
                     submit=_("Save the plan"), anchor="plan",
                     save=lambda d: services.save_plan(case=case, by=request.user, **d))


def _plan_of(case):
    plan = getattr(case, "plan", None) if hasattr(case, "plan") else None
    if plan is None:
        raise Http404
    return plan


@require_POST
@login_required
def goal_add(request, pk):
    case = editable_case(request, pk)
    plan = _plan_of(case)
    form = forms.GoalForm(request.POST)
    if form.is_valid():
        try:
            services.add_goal(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error_messages(request, exc)
    else:
        messages.error(request, _("Write the goal."))
    return redirect(case_url(case, "plan"))


@require_http_methods(["GET", "POST"])
@login_required
def action_add(request, pk):
    case = editable_case(request, pk)
    plan = _plan_of(case)
    data, _files = posted(request)
    form = forms.ActionForm(data, plan=plan, user=request.user, case=case,
                            initial={"goal": request.GET.get("goal")})
    return form_page(request, case, form, title=_("Plan action"), submit=_("Add the action"), anchor="plan",
                     save=lambda d: services.add_action(by=request.user, **d))


@require_POST
@login_required
def action_done(request, pk, action_pk):
    user = request.user
    require_write(user)
    case = selectors.case_for(user, pk)
    from desaku.cases.models import PlanAction

    action = get_object_or_404(PlanAction, pk=action_pk, goal__plan__case=case)
    try:
        services.complete_action(action=action, by=user)
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect(case_url(case, "plan"))


@require_http_methods(["GET", "POST"])
@login_required
def review_add(request, pk):
    case = editable_case(request, pk)
    plan = _plan_of(case)
    data, _files = posted(request)
    return form_page(request, case, forms.ReviewForm(data), title=_("Plan review"), submit=_("Save the review"),
                     anchor="plan", save=lambda d: services.add_review(plan=plan, by=request.user, **d))


# ----------------------------------------------------------------------- services, notes, attachments


@require_http_methods(["GET", "POST"])
@login_required
def service_add(request, pk):
    case = editable_case(request, pk)
    data, files = posted(request)

    def save(d):
        upload = d.pop("attachment", None)
        service = services.record_service(case=case, by=request.user, **d)
        if upload:
            services.add_attachment(case=case, by=request.user, upload=upload, title=service.service_type.name,
                                    service=service)

    return form_page(request, case, forms.ServiceForm(data, files), title=_("Service delivered"),
                     submit=_("Record the service"), anchor="services", save=save, multipart=True)


@require_POST
@login_required
def note_add(request, pk):
    case = editable_case(request, pk)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error_messages(request, exc)
    else:
        messages.error(request, _("Write the note."))
    return redirect(case_url(case, "notes"))


@require_POST
@login_required
def attachment_add(request, pk):
    case = editable_case(request, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(case=case, by=request.user, upload=form.cleaned_data["file"],
                                    title=form.cleaned_data["title"])
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("The file is attached."))
    else:
        form_error_messages(request, form)
    return redirect(case_url(case, "attachments"))


@require_GET
@login_required
def attachment_download(request, pk):
    """An attachment, after the scope check (media files are never served directly); every download logged."""
    user = request.user
    require_read(user)
    attachment = get_object_or_404(selectors.attachments_visible_to(user), pk=pk)
    return serve_file(request, attachment.file, record=attachment, content_types=ATTACHMENT_TYPES,
                      filename=f"attachment-{attachment.pk}.{attachment.file_type}")


# ------------------------------------------------------------------------------- transfer, share


@require_http_methods(["GET", "POST"])
@login_required
def transfer_request(request, pk):
    case = editable_case(request, pk)
    data, _files = posted(request)
    return form_page(request, case, forms.TransferForm(data), title=_("Transfer the case"),
                     submit=_("Request the transfer"), save=lambda d: services.request_transfer(
                         case=case, by=request.user, **d))


@require_http_methods(["GET", "POST"])
@login_required
def village_nominate(request, pk):
    """Nominate the case's household to Desaku Menanti through the village's nomination service (the candidate
    keeps a link to the case). A case the user cannot see is a 404; a user who may not change it or nominate a
    household, a 403."""
    from desaku.village import permissions as village_permissions
    from desaku.village import services as village_services

    case = editable_case(request, pk)
    if not village_permissions.can_nominate(request.user) or not case.is_active:
        raise PermissionDenied
    data, _files = posted(request)
    return form_page(request, case, forms.VillageNominationForm(data), title=_("Nominate to Desaku Menanti"),
                     submit=_("Nominate"), intro=_(
                         "The household of this case becomes a candidate of the selection round: the initial "
                         "selection by a Peksos and an LKS follows, then the Kemensos reviewer's."),
                     save=lambda d: village_services.nominate_from_case(case=case, round=d["round"],
                                                                         by=request.user, reason=d["reason"]))


@require_POST
@login_required
def transfer_decide(request, pk):
    """The receiving side answers: POST accept=1 or accept=0 (with a note)."""
    user = request.user
    require_write(user)
    from desaku.cases.models import CaseTransfer

    transfer = get_object_or_404(CaseTransfer.objects.filter(case__in=selectors.cases_visible_to(user).values("pk")),
                                 pk=pk)
    if not services.can_decide_transfer(user, transfer):
        raise PermissionDenied
    try:
        transfer = services.decide_transfer(transfer=transfer, by=user, accept=request.POST.get("accept") == "1",
                                            note=request.POST.get("note", ""))
    except ValidationError as exc:
        error_messages(request, exc)
        return redirect("cases:caseload")
    if transfer.status == TransferStatus.ACCEPTED:
        return redirect(case_url(transfer.case))
    return redirect("cases:caseload")


@require_http_methods(["GET", "POST"])
@login_required
def share_add(request, pk):
    case = editable_case(request, pk)
    data, _files = posted(request)
    return form_page(request, case, forms.ShareForm(data), title=_("Share read-only"), submit=_("Share"),
                     intro=_("The person's consent must name the organisation for the whole period."),
                     save=lambda d: services.share_case(case=case, by=request.user, **d))


@require_POST
@login_required
def share_revoke(request, pk, share_pk):
    case = editable_case(request, pk)
    share = get_object_or_404(case.shares, pk=share_pk)
    try:
        services.revoke_share(share=share, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect(case_url(case))


# ------------------------------------------------------------------------------------------ referrals


@require_GET
@login_required
def referral_list(request):
    user = request.user
    require_read(user)
    filterset = forms.ReferralFilter(request.GET or None, queryset=selectors.referrals_visible_to(user))
    stale = set(selectors.stale_referrals(user).values_list("pk", flat=True))
    context = paginated(request, filterset.qs.order_by("-created_at", "-pk"))
    identity.mask_persons(user, [r.case.person for r in context["page"] if r.case.person_id])
    for referral in context["page"]:
        referral.is_stale = referral.pk in stale
    return render(request, "cases/referral_list.html", {
        **context, "filter_form": filterset.form, "pending_days": selectors.referral_pending_days()})


@require_http_methods(["GET", "POST"])
@login_required
def referral_create(request, pk):
    case = editable_case(request, pk)
    data, files = posted(request)
    form = forms.ReferralForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.create_referral(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The referral is saved as a draft."))
            return redirect("cases:referral_detail", pk=referral.pk)
    return render(request, "cases/form_page.html", {
        "case": case, "form": form, "title": _("New referral"), "submit": _("Save the draft"),
        "cancel_url": case_url(case, "referrals")})


def _referral_for(user, pk):
    return get_object_or_404(selectors.referrals_visible_to(user), pk=pk)


@require_GET
@login_required
def referral_detail(request, pk):
    user = request.user
    require_read(user)
    referral = _referral_for(user, pk)
    case = referral.case
    stale = selectors.stale_referrals(user).filter(pk=referral.pk).exists()
    return render(request, "cases/referral_detail.html", {
        "referral": referral, "case": case, "can_edit": can_edit_case(user, case), "stale": stale,
        "pending_days": selectors.referral_pending_days(), "attachments": referral.attachments.all(),
        "step_form": forms.ReferralStepForm(), "statuses": ReferralStatus, "attachment_form": forms.AttachmentForm()})


@require_POST
@login_required
def referral_step(request, pk):
    user = request.user
    require_write(user)
    referral = _referral_for(user, pk)
    if not can_edit_case(user, referral.case):
        raise PermissionDenied
    form = forms.ReferralStepForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.advance_referral(referral=referral, by=user, action=form.cleaned_data["action"],
                                      on=form.cleaned_data["on"], response=form.cleaned_data["response"])
        except ValidationError as exc:
            error_messages(request, exc)
    else:
        messages.error(request, _("Unknown action."))
    return redirect("cases:referral_detail", pk=referral.pk)


@require_POST
@login_required
def referral_attach(request, pk):
    user = request.user
    require_write(user)
    referral = _referral_for(user, pk)
    if not can_edit_case(user, referral.case):
        raise PermissionDenied
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(case=referral.case, by=user, upload=form.cleaned_data["file"],
                                    title=form.cleaned_data["title"], referral=referral)
        except ValidationError as exc:
            error_messages(request, exc)
    else:
        form_error_messages(request, form)
    return redirect("cases:referral_detail", pk=referral.pk)


@require_GET
@login_required
def referral_letter(request, pk):
    """The referral letter as PDF, after the scope check; every print is logged."""
    user = request.user
    require_read(user)
    referral = _referral_for(user, pk)
    if referral.status == ReferralStatus.DRAFT:
        raise Http404
    letter = referral.letter
    if letter is None or not letter.pdf:
        if not can_edit_case(user, referral.case):  # read-only roles print only what was issued
            raise Http404
        letter = letters.issue_referral_letter(referral=referral, by=user, base_url=request.build_absolute_uri("/"))
    response = core_letters.pdf_response(letter)
    log_access(user=user, obj=referral, action="print", detail=f"letter {letter.number}", request=request)
    return response

