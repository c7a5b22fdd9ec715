"""Pages of diversion accompaniment. Thin: scope through selectors, writes through services. A record outside
the user's scope, or any ABH record for a role without business here (LKS, mentors, Kemensos, operators), is a
404; every view of a case or a report is access-logged; the child's name is initials unless the user may see it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from desaku.core import letters as core_letters
from desaku.core.files import serve_file
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors, error_messages, form_error_messages
from desaku.diversion import deadlines, forms, letters, selectors, services
from desaku.diversion.models import (
    STAGE_ORDER,
    ChildRole,
    Outcome,
    SocialReport,
    StageKind,
    TermStatus,
)
from desaku.diversion.permissions import can_edit, can_read, can_see_identity, can_write
from desaku.people import identity
from desaku.people import selectors as people_selectors

PAGE_SIZE = 25


def require_read(user):
    if not can_read(user):
        raise Http404  # no hint that ABH records exist


def abh_url(abh, anchor=""):
    return reverse("diversion:abh_detail", args=[abh.pk]) + (f"#{anchor}" if anchor else "")


def editable_abh(request, pk):
    require_read(request.user)
    abh = selectors.abh_for(request.user, pk)
    if not can_edit(request.user, abh):
        raise PermissionDenied
    return abh


def editable_stage(request, pk):
    require_read(request.user)
    stage = selectors.stages_visible_to(request.user).filter(pk=pk).first()
    if stage is None:
        raise Http404
    if not can_edit(request.user, stage.abh):
        raise PermissionDenied
    return stage


def form_page(request, abh, form, *, title, submit, save, anchor=""):
    """A one-form page on an ABH case: validate, call the service, back to the case page."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(abh_url(abh, anchor))
    # The form page names the child (and a correction shows the record): every view is logged.
    log_access(user=request.user, obj=abh, action="view", request=request, detail=f"form: {title}"[:300])
    return render(request, "diversion/form_page.html", {
        "abh": abh, "child_name": selectors.display_name(request.user, abh), "form": form, "title": title,
        "submit": submit, "cancel_url": abh_url(abh, anchor)})


def data_of(request):
    return request.POST if request.method == "POST" else None


# ------------------------------------------------------------------------------------------ lists


@require_GET
@login_required
def abh_list(request):
    user = request.user
    require_read(user)
    queryset = selectors.abh_visible_to(user).prefetch_related("stages", "case__secondary_workers")
    role = request.GET.get("role")
    if role in ChildRole.values:
        queryset = queryset.filter(role=role)
    if request.GET.get("active") == "1":
        queryset = queryset.filter(stopped_on__isnull=True, case__status__in=["open", "on_hold", "reopened"])
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    for abh in page:
        abh.child_name = selectors.display_name(user, abh)
        abh.phase = selectors.phase(abh)
    log_access(user=user, action="view", model_label="diversion.AbhCase", object_id="*", request=request,
               detail="list")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "diversion/abh_list.html", {
        "page": page, "query": query.urlencode(), "can_write": can_write(user), "roles": ChildRole.choices,
        "role": role, "phases": PHASES})


PHASES = {
    "registered": _("Registered"), "investigation": StageKind.INVESTIGATION.label,
    "prosecution": StageKind.PROSECUTION.label, "court": StageKind.COURT.label,
    "awaiting_ruling": _("Agreement, awaiting the ruling"), "supervision": _("Supervision of the agreement"),
    "stopped": _("Stopped"), "special_route": _("Special route (under 12)"),
}


@require_GET
@login_required
def deadline_board(request):
    """Open deadlines of the cases in the user's scope, soonest first; near, today and overdue highlighted."""
    user = request.user
    require_read(user)
    today = timezone.localdate()
    board = selectors.deadline_board(user, today)
    if request.GET.get("state") in (deadlines.State.OVERDUE, deadlines.State.TODAY, deadlines.State.NEAR):
        board = [d for d in board if d.state == request.GET["state"]]
    for deadline in board:
        deadline.child_name = selectors.display_name(user, deadline.stage.abh)
    log_access(user=user, action="view", model_label="diversion.Stage", object_id="*", request=request,
               detail="deadline board")
    counts = {state: sum(1 for d in board if d.state == state)
              for state in (deadlines.State.OVERDUE, deadlines.State.TODAY, deadlines.State.NEAR)}
    return render(request, "diversion/deadline_board.html", {"board": board, "today": today, "counts": counts})


# -------------------------------------------------------------------------------------- the case


@require_http_methods(["GET", "POST"])
@login_required
def abh_create(request):
    """Open an ABH case: find the child in the registry, then the case details."""
    user = request.user
    require_read(user)
    if not can_write(user):
        raise PermissionDenied
    person_id = request.POST.get("person") or request.GET.get("person")
    person = people_selectors.person_for(user, person_id) if person_id and str(person_id).isdigit() else None
    if person is None:
        query = " ".join(request.GET.get("q", "").split())
        persons = people_selectors.search_persons(user, query, limit=10).persons if len(query) >= 2 else []
        identity.mask_persons(user, persons)  # a child of another ABH case shows as initials here too
        return render(request, "diversion/pick_person.html", {"query": query, "persons": persons})
    form = forms.AbhCreateForm(data_of(request), user=user)
    if request.method == "POST" and form.is_valid():
        try:
            abh = services.open_abh_case(person=person, by=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The ABH case is opened."))
            return redirect(abh_url(abh))
    return render(request, "diversion/abh_form.html", {"form": form, "person": person, "title": _("New ABH case")})


def _with_corrections(record):
    """The record with its corrections after saving (changes with a reason), newest first, for the page."""
    record.corrections = [h for h in record.history.filter(history_type="~").select_related("history_user")
                          .order_by("-history_date") if h.history_change_reason]
    return record


@require_GET
@login_required
def abh_detail(request, pk):
    user = request.user
    require_read(user)
    abh = selectors.abh_for(user, pk)
    identity = can_see_identity(user, abh)
    log_access(user=user, obj=abh, action="view", request=request, detail="identity" if identity else "initials")
    today = timezone.localdate()
    stages = list(abh.stages.all())
    for stage in stages:
        stage.deadline_list = deadlines.deadlines_for(stage, today)
        stage.deliberation_list = [_with_corrections(m) for m in stage.deliberations.all()]
        stage.agreement_obj = getattr(stage, "agreement", None) if hasattr(stage, "agreement") else None
        stage.term_list = list(stage.agreement_obj.terms.all()) if stage.agreement_obj else []
    done_kinds = {s.kind for s in stages}
    can_start = (not abh.special_route and not abh.stopped_on and len(done_kinds) < len(STAGE_ORDER)
                 and all(s.outcome not in (Outcome.PENDING, Outcome.AGREEMENT) for s in stages))
    return render(request, "diversion/abh_detail.html", {
        "abh": abh, "case": abh.case, "person": abh.case.person, "identity": identity,
        "child_name": selectors.display_name(user, abh), "can_edit": can_edit(user, abh), "stages": stages,
        "can_start": can_start, "reports": abh.reports.select_related("stage", "letter"),
        "sessions": [_with_corrections(s) for s in abh.sessions.select_related("stage")],
        "documents": abh.documents.select_related("uploaded_by") if identity else [],
        "document_form": forms.DocumentForm() if identity and can_edit(user, abh) else None, "phase": PHASES[selectors.phase(abh)], "today": today,
        "term_final": (TermStatus.FULFILLED, TermStatus.NOT_FULFILLED)})


@require_http_methods(["GET", "POST"])
@login_required
def abh_edit(request, pk):
    abh = editable_abh(request, pk)
    names = list(forms.AbhDetailsForm.base_fields)
    form = forms.AbhDetailsForm(data_of(request), user=request.user,
                                initial={name: getattr(abh, name) for name in names})
    return form_page(request, abh, form, title=_("ABH case details"), submit=_("Save"),
                     save=lambda d: services.update_abh(abh=abh, by=request.user, **d))


@require_http_methods(["GET", "POST"])
@login_required
def special_route(request, pk):
    abh = editable_abh(request, pk)
    form = forms.SpecialRouteForm(data_of(request), initial={"special_route_decision": abh.special_route_decision})
    return form_page(request, abh, form, title=_("Special route decision"), submit=_("Save"),
                     save=lambda d: services.record_special_route(abh=abh, by=request.user, **d))


# ---------------------------------------------------------------------------------------- stages


@require_http_methods(["GET", "POST"])
@login_required
def stage_start(request, pk):
    abh = editable_abh(request, pk)
    done = set(abh.stages.values_list("kind", flat=True))
    next_kind = next((k for k in STAGE_ORDER if k not in done), StageKind.INVESTIGATION)
    form = forms.StageStartForm(data_of(request), initial={"kind": next_kind})
    return form_page(request, abh, form, title=_("Start a stage"), submit=_("Start"), anchor="stages",
                     save=lambda d: services.start_stage(abh=abh, by=request.user, **d))


@require_http_methods(["GET", "POST"])
@login_required
def stage_dates(request, pk):
    stage = editable_stage(request, pk)
    form = forms.StageDatesForm(data_of(request), stage=stage)
    return form_page(request, stage.abh, form, title=_("Dates of the stage: %(stage)s") % {
        "stage": stage.get_kind_display()}, submit=_("Save"), anchor=f"stage-{stage.pk}",
        save=lambda d: services.record_events(stage=stage, by=request.user, **d))


@require_http_methods(["GET", "POST"])
@login_required
def stage_outcome(request, pk):
    stage = editable_stage(request, pk)
    form = forms.OutcomeForm(data_of(request))
    return form_page(request, stage.abh, form, title=_("Outcome of the stage: %(stage)s") % {
        "stage": stage.get_kind_display()}, submit=_("Save"), anchor=f"stage-{stage.pk}",
        save=lambda d: services.record_outcome(stage=stage, by=request.user, **d))


@require_http_methods(["GET", "POST"])
@login_required
def deliberation_add(request, pk):
    stage = editable_stage(request, pk)
    abh = stage.abh
    initial = {"participants": "\n".join([
        _("The child and parents"), _("The victim and parents"),
        _("Bapas officer: %(name)s") % {"name": abh.bapas_officer or "-"},
        _("Peksos: %(name)s") % {"name": abh.peksos.get_full_name() or abh.peksos.username}])}
    form = forms.DeliberationForm(data_of(request), initial=initial)
    return form_page(request, abh, form, title=_("Diversion deliberation (musyawarah)"), submit=_("Save"),
                     anchor=f"stage-{stage.pk}",
                     save=lambda d: services.add_deliberation(stage=stage, by=request.user, **d))


@require_http_methods(["GET", "POST"])
@login_required
def agreement_add(request, pk):
    stage = editable_stage(request, pk)
    form = forms.AgreementForm(data_of(request))

    def save(d):
        services.record_agreement(stage=stage, by=request.user, agreed_on=d["agreed_on"], summary=d["summary"],
                                  terms=d["terms"].splitlines())

    return form_page(request, stage.abh, form, title=_("Diversion agreement"), submit=_("Save"),
                     anchor=f"stage-{stage.pk}", save=save)


@require_http_methods(["GET", "POST"])
@login_required
def ruling(request, pk):
    stage = editable_stage(request, pk)
    form = forms.RulingForm(data_of(request), initial={
        "agreement_sent_on": stage.agreement_sent_on, "ruling_on": stage.ruling_on,
        "ruling_number": stage.ruling_number})
    return form_page(request, stage.abh, form, title=_("Agreement to the court and ruling"), submit=_("Save"),
                     anchor=f"stage-{stage.pk}", save=lambda d: services.record_ruling(stage=stage, by=request.user,
                                                                                     **d))


@require_http_methods(["GET", "POST"])
@login_required
def term_follow_up(request, pk):
    user = request.user
    require_read(user)
    term = selectors.terms_visible_to(user).filter(pk=pk).first()
    if term is None:
        raise Http404
    abh = term.agreement.stage.abh
    if not can_edit(user, abh):
        raise PermissionDenied
    form = forms.TermForm(data_of(request), initial={"status": term.status})
    return form_page(request, abh, form, title=_("Follow-up: %(term)s") % {"term": term.description},
                     submit=_("Save"), anchor="supervision",
                     save=lambda d: services.follow_up_term(term=term, by=user, **d))


# -------------------------------------------------------------------------------------- the work


@require_http_methods(["GET", "POST"])
@login_required
def session_add(request, pk):
    abh = editable_abh(request, pk)
    form = forms.SessionForm(data_of(request))
    current = abh.stages.order_by("-started_on", "-pk").first()
    return form_page(request, abh, form, title=_("Accompaniment session"), submit=_("Save"), anchor="sessions",
                     save=lambda d: services.add_session(abh=abh, by=request.user, stage=current, **d))


@require_http_methods(["GET", "POST"])
@login_required
def session_edit(request, pk):
    """Correct a session after saving; the reason goes into its history."""
    user = request.user
    require_read(user)
    session = selectors.sessions_visible_to(user).filter(pk=pk).first()
    if session is None:
        raise Http404
    if not can_edit(user, session.abh):
        raise PermissionDenied
    form = forms.SessionEditForm(data_of(request), initial={
        name: getattr(session, name) for name in services.SESSION_FIELDS})
    return form_page(request, session.abh, form, title=_("Correct the accompaniment session"), submit=_("Save"),
                     anchor="sessions",
                     save=lambda d: services.update_session(session=session, by=user, **d))


@require_http_methods(["GET", "POST"])
@login_required
def deliberation_edit(request, pk):
    """Correct a musyawarah record after saving; the reason goes into its history."""
    user = request.user
    require_read(user)
    deliberation = selectors.deliberations_visible_to(user).filter(pk=pk).first()
    if deliberation is None:
        raise Http404
    abh = deliberation.stage.abh
    if not can_edit(user, abh):
        raise PermissionDenied
    form = forms.DeliberationEditForm(data_of(request), initial={
        name: getattr(deliberation, name) for name in services.DELIBERATION_FIELDS})
    return form_page(request, abh, form, title=_("Correct the musyawarah record"), submit=_("Save"),
                     anchor=f"stage-{deliberation.stage_id}",
                     save=lambda d: services.update_deliberation(deliberation=deliberation, by=user, **d))


@require_http_methods(["POST"])
@login_required
def document_add(request, pk):
    """Attach a scan (signed social report, police letter, agreement…); checked by its bytes."""
    abh = editable_abh(request, pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(abh=abh, by=request.user, upload=form.cleaned_data["file"],
                                  kind=form.cleaned_data["kind"], title=form.cleaned_data["title"],
                                  stage=abh.stages.order_by("-started_on", "-pk").first())
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("The file is attached."))
    else:
        form_error_messages(request, form)
    return redirect(abh_url(abh, "documents"))


@require_GET
@login_required
def document(request, pk):
    """A document of the case, only for those who may see the child's identity (never via MEDIA_URL); logged."""
    from desaku.cases.models import ATTACHMENT_TYPES

    user = request.user
    require_read(user)
    item = selectors.documents_visible_to(user).filter(pk=pk).first()
    if item is None or not can_see_identity(user, item.abh):
        raise Http404
    return serve_file(request, item.file, record=item, content_types=ATTACHMENT_TYPES,
                      filename=f"abh-document-{item.pk}.{item.file_type}")


REPORT_FIELDS = ("stage", "requested_on", "requested_by", "background", "family", "education", "offence_context",
                 "assessment", "recommendation", "submitted_on")


@require_http_methods(["GET", "POST"])
@login_required
def report_add(request, pk):
    abh = editable_abh(request, pk)
    current = abh.stages.order_by("-started_on", "-pk").first()
    if current is None:
        messages.error(request, _("Start a stage first: the report is requested in a stage."))
        return redirect(abh_url(abh, "reports"))
    form = forms.SocialReportForm(data_of(request), abh=abh, initial={
        "stage": current.pk, "requested_on": current.social_report_requested_on or timezone.localdate()})
    return form_page(request, abh, form, title=_("Social report"), submit=_("Save"), anchor="reports",
                     save=lambda d: services.save_social_report(abh=abh, by=request.user, **d))


def _report_for(user, pk) -> SocialReport:
    report = selectors.reports_visible_to(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


@require_http_methods(["GET", "POST"])
@login_required
def report_edit(request, pk):
    user = request.user
    require_read(user)
    report = _report_for(user, pk)
    abh = report.abh
    if not can_edit(user, abh):
        raise PermissionDenied
    log_access(user=user, obj=report, action="view", request=request)
    form = forms.SocialReportForm(data_of(request), abh=abh,
                                  initial={name: getattr(report, name) for name in REPORT_FIELDS})
    return form_page(request, abh, form, title=_("Social report"), submit=_("Save"), anchor="reports",
                     save=lambda d: services.save_social_report(abh=abh, by=user, report=report, **d))


@require_GET
@login_required
def report_pdf(request, pk):
    """The social report as PDF, only for those who may see the child's identity; every print is logged."""
    user = request.user
    require_read(user)
    report = _report_for(user, pk)
    if not can_see_identity(user, report.abh):
        raise PermissionDenied
    if not report.submitted_on:
        raise Http404
    letter = report.letter
    if letter is None or not letter.pdf:
        if not can_edit(user, report.abh):  # read-only roles print only what was issued
            raise Http404
        letter = letters.issue_social_report(report=report, by=user, base_url=request.build_absolute_uri("/"))
    response = core_letters.pdf_response(letter)
    log_access(user=user, obj=report, action="print", detail=f"letter {letter.number}", request=request)
    return response


@require_GET
@login_required
def export_abh(request):
    """The ABH cases in scope as Excel: initials for those who may not see the child's identity; logged."""
    from desaku.reports import listexport

    return listexport.respond(request, "diversion.abh")
