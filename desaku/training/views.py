"""Pages of the training app. Thin: scope through selectors, writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desaku.core import letters as core_letters
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors, error_messages, int_param, posted
from desaku.people import identity
from desaku.people import selectors as people_selectors
from desaku.training import forms, selectors, services
from desaku.training.models import (
    ACTIVE_ENROLMENT,
    TRANSITIONS,
    AttendanceMark,
    BatchStatus,
    EnrolmentSource,
    EnrolmentStatus,
)
from desaku.training.permissions import can_edit_catalogue, can_read, can_write

PAGE_SIZE = 25
SEARCH_LIMIT = 10


def require_read(user):
    if not can_read(user):
        raise PermissionDenied


def require_write(user):
    if not can_write(user):
        raise PermissionDenied


def require_catalogue(user):
    if not can_edit_catalogue(user):
        raise PermissionDenied


# -------------------------------------------------------------------------------------------- courses


@require_GET
@login_required
def course_list(request):
    require_read(request.user)
    items = selectors.courses().annotate(batch_count=Count("batches", distinct=True))
    return render(request, "training/course_list.html", {
        "courses": items, "can_edit": can_edit_catalogue(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def course_edit(request, pk=None):
    require_catalogue(request.user)
    course = get_object_or_404(selectors.courses(), pk=pk) if pk else None
    data, _files = posted(request)
    form = forms.CourseForm(data, initial=forms.CourseForm.initial_from(course) if course else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_course(by=request.user, course=course, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The course is saved."))
            return redirect("training:course_list")
    return render(request, "training/form_page.html", {
        "form": form, "title": course.name if course else _("New course"), "submit": _("Save"),
        "cancel_url": "training:course_list"})


# -------------------------------------------------------------------------------------------- batches


@require_GET
@login_required
def batch_list(request):
    require_read(request.user)
    filter_form = forms.BatchFilter(request.GET)
    batches = selectors.with_counts(filter_form.apply(selectors.batches_visible_to(request.user)))
    page = Paginator(batches.order_by("-start_date", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "training/batch_list.html", {
        "page": page, "query": query.urlencode(), "filter_form": filter_form, "can_write": can_write(request.user),
        "due_count": selectors.follow_ups_due(request.user).count()})


@require_http_methods(["GET", "POST"])
@login_required
def batch_create(request):
    require_write(request.user)
    data, _files = posted(request)
    form = forms.BatchForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.create_batch(by=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The batch and its sessions are created."))
            return redirect("training:batch_detail", pk=batch.pk)
    return render(request, "training/form_page.html", {
        "form": form, "title": _("New batch"), "submit": _("Create batch"), "cancel_url": "training:batch_list"})


def _participants(batch):
    enrolments = list(batch.enrolments.select_related("person", "certificate").order_by("status", "enrolled_at"))
    return enrolments


@require_GET
@login_required
def batch_detail(request, pk):
    user = request.user
    require_read(user)
    batch = selectors.batch_for(user, pk)
    enrolments = _participants(batch)
    sessions = list(batch.sessions.annotate(marked=Count("attendance")))
    totals = {s: sum(1 for e in enrolments if e.status == s) for s in EnrolmentStatus.values}
    return render(request, "training/batch_detail.html", {
        "batch": batch, "course": batch.course, "enrolments": enrolments, "sessions": sessions,
        "totals": totals, "can_write": can_write(user), "today": timezone.localdate(),
        "transitions": [BatchStatus(t) for t in TRANSITIONS[batch.status]],
        "status_form": forms.StatusForm(), "session_form": forms.SessionForm(), "budget_form": forms.BudgetForm(
            initial={"budget_used": batch.budget_used}), "withdraw_form": forms.WithdrawForm(),
        "active_states": ACTIVE_ENROLMENT, "target_groups": list(batch.course.target_groups.all()),
    })


@require_POST
@login_required
def batch_status(request, pk):
    require_write(request.user)
    batch = selectors.batch_for(request.user, pk)
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(batch=batch, by=request.user, to=form.cleaned_data["to"],
                                   note=form.cleaned_data["note"])
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("The batch status is changed."))
    return redirect("training:batch_detail", pk=batch.pk)


@require_POST
@login_required
def session_add(request, pk):
    require_write(request.user)
    batch = selectors.batch_for(request.user, pk)
    form = forms.SessionForm(request.POST)
    if form.is_valid():
        try:
            services.add_session(batch=batch, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("The session is added."))
    else:
        messages.error(request, _("Check the session's date and times."))
    return redirect("training:batch_detail", pk=batch.pk)


@require_POST
@login_required
def batch_budget(request, pk):
    require_write(request.user)
    batch = selectors.batch_for(request.user, pk)
    form = forms.BudgetForm(request.POST)
    if form.is_valid():
        services.record_budget_used(batch=batch, by=request.user, amount=form.cleaned_data["budget_used"])
        messages.success(request, _("The budget used is saved."))
    return redirect("training:batch_detail", pk=batch.pk)


# ------------------------------------------------------------------------------------------ enrolment


@require_http_methods(["GET", "POST"])
@login_required
def enrol(request, pk):
    """Search the registry (or open a household), see each person's eligibility, enrol with one click."""
    user = request.user
    require_write(user)
    batch = selectors.batch_for(user, pk)
    if request.method == "POST":
        person = people_selectors.person_for(user, int_param(request.POST.get("person")))
        household = None
        household_id = int_param(request.POST.get("household"))
        if household_id:
            household = get_object_or_404(people_selectors.households_visible_to(user), pk=household_id)
        source = EnrolmentSource.HOUSEHOLD if household else EnrolmentSource.REGISTRY
        reference = request.POST.get("ref", "")[:100]
        if request.POST.get("source") == EnrolmentSource.CASE:
            source = EnrolmentSource.CASE  # linked from a case page: /training/batches/<pk>/enrol/?person=&source=case
        try:
            enrolment = services.enrol(batch=batch, person=person, by=user, household=household, source=source,
                                       source_reference=reference)
        except ValidationError as exc:
            error_messages(request, exc)
            return redirect(request.get_full_path())
        if enrolment.status == EnrolmentStatus.WAITING:
            messages.warning(request, _("The batch is full: %(name)s is on the waiting list.") % {
                "name": person.full_name})
        else:
            messages.success(request, _("%(name)s is enrolled.") % {"name": person.full_name})
        return redirect("training:batch_detail", pk=batch.pk)
    query = " ".join(request.GET.get("q", "").split())
    household = None
    household_id = int_param(request.GET.get("household"))
    persons = []
    person_id = int_param(request.GET.get("person"))
    if person_id:
        persons = [people_selectors.person_for(user, person_id)]
    elif household_id:
        household = get_object_or_404(people_selectors.households_visible_to(user), pk=household_id)
        member_ids = household.memberships.filter(end_date__isnull=True).values("person_id")
        persons = list(people_selectors.persons_visible_to(user).filter(pk__in=member_ids))
    elif len(query) >= 2:
        persons = people_selectors.search_persons(user, query, limit=SEARCH_LIMIT).persons
    in_batch = set(batch.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN).values_list("person_id", flat=True))
    rows = []
    for person in persons:
        problems = services.eligibility(batch.course, person, batch.start_date)
        if not problems:
            problems = [_("Sessions overlap with %(batch)s.") % {"batch": b.name}
                        for b in services.clashes(batch, person)]
        rows.append({"person": person, "age": person.age_on(batch.start_date), "problems": problems,
                     "in_batch": person.pk in in_batch})
    households = []
    if not household_id and len(query) >= 2:
        member_of = people_selectors.households_visible_to(user).filter(
            memberships__person__in=[p.pk for p in persons], memberships__end_date__isnull=True).distinct()
        households = list(member_of[:5])
    return render(request, "training/enrol.html", {
        "batch": batch, "query": query, "rows": rows, "household": household, "households": households,
        "searched": bool(query or household or person_id),
        "source": request.GET.get("source", "") if request.GET.get("source") == EnrolmentSource.CASE else "",
        "ref": request.GET.get("ref", "")[:100]})


@require_POST
@login_required
def withdraw(request, pk):
    user = request.user
    require_write(user)
    enrolment = get_object_or_404(selectors.enrolments_visible_to(user), pk=pk)
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the withdrawal."))
        return redirect("training:batch_detail", pk=enrolment.batch_id)
    try:
        promoted = services.withdraw(enrolment=enrolment, by=user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("%(name)s has withdrawn.") % {"name": enrolment.person.full_name})
        if promoted:
            messages.info(request, _("%(name)s moves up from the waiting list.") % {"name": promoted.person.full_name})
    return redirect("training:batch_detail", pk=enrolment.batch_id)


# ----------------------------------------------------------------------------------------- attendance


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request, pk, session_pk):
    """The grid of one session: one row per participant, a radio per mark, one submit."""
    user = request.user
    require_read(user)
    batch = selectors.batch_for(user, pk)
    session = get_object_or_404(batch.sessions, pk=session_pk)
    enrolments = list(batch.enrolments.filter(status=EnrolmentStatus.ENROLLED).select_related("person"))
    if request.method == "POST":
        require_write(user)
        marks = {e.pk: request.POST.get(f"mark-{e.pk}") for e in enrolments if request.POST.get(f"mark-{e.pk}")}
        try:
            saved = services.record_attendance(session=session, by=user, marks=marks)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("Attendance saved (%(count)s changed).") % {"count": saved})
            following = batch.sessions.filter(Q(date__gt=session.date) | Q(date=session.date, pk__gt=session.pk))
            next_session = following.filter(date__lte=timezone.localdate()).order_by("date", "start_time").first()
            if next_session and request.POST.get("next") == "1":
                return redirect("training:attendance", pk=batch.pk, session_pk=next_session.pk)
        return redirect("training:attendance", pk=batch.pk, session_pk=session.pk)
    current = {a.enrolment_id: a.mark for a in session.attendance.all()}
    rows = [{"enrolment": e, "mark": current.get(e.pk, ""), "pct": e.attendance_pct} for e in enrolments]
    sessions = list(batch.sessions.all())
    return render(request, "training/attendance.html", {
        "batch": batch, "session": session, "rows": rows, "marks": AttendanceMark.choices, "sessions": sessions,
        "can_write": can_write(user), "future": session.date > timezone.localdate()})


@require_http_methods(["GET", "POST"])
@login_required
def scores(request, pk):
    user = request.user
    require_read(user)
    batch = selectors.batch_for(user, pk)
    enrolments = list(batch.enrolments.filter(status=EnrolmentStatus.ENROLLED).select_related("person"))
    if request.method == "POST":
        require_write(user)
        values = {}
        for e in enrolments:
            raw = request.POST.get(f"score-{e.pk}", "").strip()
            if raw and not raw.isdigit():
                messages.error(request, _("A score is a whole number between 0 and 100."))
                return redirect("training:scores", pk=batch.pk)
            values[e.pk] = int(raw) if raw else None
        try:
            services.record_scores(batch=batch, by=user, scores=values)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("The scores are saved."))
            return redirect("training:batch_detail", pk=batch.pk)
    return render(request, "training/scores.html", {
        "batch": batch, "course": batch.course, "enrolments": enrolments, "can_write": can_write(user)})


# --------------------------------------------------------------------------------------- certificates


@require_GET
@login_required
def certificate(request, pk):
    """A graduate's certificate PDF (numbered once, QR-verified), after the scope check; every print logged."""
    user = request.user
    require_read(user)
    enrolment = get_object_or_404(selectors.enrolments_visible_to(user), pk=pk, status=EnrolmentStatus.COMPLETED)
    letter = enrolment.certificate
    if letter is None or not letter.pdf:
        if not can_write(user):
            raise Http404
        letter = services.issue_certificate(enrolment=enrolment, by=user, base_url=request.build_absolute_uri("/"))
    log_access(user=user, obj=enrolment.person, action="print", detail=f"certificate {letter.number}",
               request=request)
    return core_letters.pdf_response(letter, f"sertifikat-{enrolment.pk}.pdf")


@require_GET
@login_required
def batch_report(request, pk):
    """The batch report PDF: participants, attendance, results and budget used (not numbered)."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from desaku.core.letters import letterhead

    user = request.user
    require_read(user)
    batch = selectors.batch_for(user, pk)
    enrolments = _participants(batch)
    sessions = list(batch.sessions.all())
    marks = {}
    for row in batch.enrolments.values("pk").annotate(
            attended=Count("attendance", filter=Q(attendance__mark__in=("present", "late"))),
            late=Count("attendance", filter=Q(attendance__mark="late")),
            excused=Count("attendance", filter=Q(attendance__mark="excused")),
            absent=Count("attendance", filter=Q(attendance__mark="absent"))):
        marks[row["pk"]] = row
    for e in enrolments:
        e.marks = marks.get(e.pk, {})
    html = render_to_string("training/letters/batch_report.html", {
        "batch": batch, "course": batch.course, "enrolments": enrolments, "sessions": sessions,
        "letterhead": letterhead(), "today": timezone.localdate(),
        "completed": sum(1 for e in enrolments if e.status == EnrolmentStatus.COMPLETED),
        "remaining": batch.budget - batch.budget_used})
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    log_access(user=user, obj=batch, action="print", detail="batch report", request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laporan-pelatihan-{batch.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------------------------------------ follow-ups


@require_GET
@login_required
def follow_up_list(request):
    user = request.user
    require_read(user)
    show = request.GET.get("show", "due")
    show = show if show in selectors.FOLLOW_UP_VIEWS else "due"
    page = Paginator(selectors.follow_ups_shown(user, show), PAGE_SIZE).get_page(request.GET.get("page"))
    identity.mask_persons(user, [f.enrolment.person for f in page])  # a protected child: initials
    return render(request, "training/follow_up_list.html", {"page": page, "show": show, "query": f"show={show}"})


@require_http_methods(["GET", "POST"])
@login_required
def follow_up(request, pk):
    user = request.user
    require_read(user)
    item = get_object_or_404(selectors.follow_ups_visible_to(user), pk=pk)
    data, _files = posted(request)
    initial = {"done_on": item.done_on or timezone.localdate(), "work_status": item.work_status,
               "monthly_income": item.monthly_income, "starter_kit": item.starter_kit, "uep": item.uep,
               "notes": item.notes}
    form = forms.FollowUpForm(data, initial=initial)
    if request.method == "POST":
        require_write(user)
        if form.is_valid():
            try:
                services.record_follow_up(follow_up=item, by=user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The follow-up is recorded."))
                return redirect("training:follow_up_list")
    return render(request, "training/follow_up.html", {"item": item, "form": form, "can_write": can_write(user)})


# --------------------------------------------------------------------------------------------- reports


def _report_params(request):
    group_by = request.GET.get("by", "batch")
    if group_by not in selectors.GROUPINGS:
        group_by = "batch"
    year = int_param(request.GET.get("year"))
    return group_by, year


@require_GET
@login_required
def reports(request):
    require_read(request.user)
    group_by, year = _report_params(request)
    rows = selectors.report(request.user, group_by, year)
    return render(request, "training/reports.html", {
        "rows": rows, "group_by": group_by, "year": year, "groupings": GROUP_LABELS(),
        "query": request.GET.urlencode()})


def GROUP_LABELS():  # noqa: N802 - a function so the labels follow the request's language
    return [("batch", _("Per batch")), ("skill", _("Per skill")), ("funding", _("Per funding source")),
            ("ppks", _("Per PPKS group"))]
