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
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors
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
        stage.deliberation_list = list(stage.deliberations.all())
        stage.agreement_obj = getattr(stage, "agreement", None) if hasattr(stage, "agreement") else None
        stage.term_list = list(stage.agreement_obj.terms.all()) if stage.agreement_obj else []
    done_kinds = {s.kind for s in stages}
    can_start = (not abh.special_route and not abh.stopped_on and len(done_kinds) < len(STAGE_ORDER)
                 and all(s.outcome not in (Outcome.PENDING, Outcome.AGREEMENT) for s in stages))
    return render(request, "diversion/abh_detail.html", {
        "abh": abh, "case": abh.case, "person": abh.case.person, "identity": identity,
        "child_name": selectors.display_name(user, abh), "can_edit": can_edit(user, abh), "stages": stages,
        "can_start": can_start, "reports": abh.reports.select_related("stage", "letter"),
        "sessions": abh.sessions.select_related("stage"), "phase": PHASES[selectors.phase(abh)], "today": today,
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
    from django.http import HttpResponse

    from desaku.outreach.exports import XLSX, workbook

    user = request.user
    require_read(user)
    today = timezone.localdate()
    cases = selectors.abh_visible_to(user).prefetch_related("stages", "case__secondary_workers")
    if request.GET.get("role") in ChildRole.values:
        cases = cases.filter(role=request.GET["role"])
    log_access(user=user, action="export", model_label="diversion.AbhCase", object_id="*", request=request,
               detail="export")

    def row(abh):
        stages = sorted(abh.stages.all(), key=lambda s: (s.started_on, s.pk))
        last = stages[-1] if stages else None
        open_deadlines = [d for s in stages for d in deadlines.deadlines_for(s, today) if d.is_open]
        soonest = min(open_deadlines, key=lambda d: d.due_on) if open_deadlines else None
        return [abh.number, abh.case.number, selectors.display_name(user, abh), abh.get_role_display(),
                abh.age_at_offence, abh.offence_on, abh.offence, abh.max_sentence_months,
                _("yes") if abh.repeat_offence else _("no"), _("yes") if abh.diversion_mandatory else _("no"),
                str(PHASES[selectors.phase(abh)]), last.get_kind_display() if last else "",
                last.get_outcome_display() if last else "", soonest.rule.label if soonest else "",
                soonest.due_on if soonest else None, str(abh.police_unit or ""), abh.bapas_officer,
                abh.peksos.get_full_name() or abh.peksos.username]

    content = workbook(_("ABH cases"), [
        _("ABH number"), _("Case number"), _("Child"), _("Role"), _("Age at the offence"), _("Date of the offence"),
        _("Offence"), _("Maximum sentence (months)"), _("Repeat offence"), _("Diversion mandatory"), _("Phase"),
        _("Stage"), _("Outcome"), _("Next deadline"), _("Due"), _("Police unit"), _("Bapas officer"),
        _("Accompanying Peksos")], (row(abh) for abh in cases[:5000]))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="desaku-abh-{today:%Y%m%d}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
