"""Pages of the aid app. Thin: scope through selectors, writes through services, 404 outside the scope."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desaku.aid import eligibility, forms, letters, selectors, services
from desaku.aid import rules as R
from desaku.aid.models import (
    CycleStatus,
    EnrolmentStatus,
    LineStatus,
    Program,
    ProgramKind,
    RequestStatus,
)
from desaku.aid.permissions import can_approve, can_manage, can_propose, can_read, can_verify
from desaku.core.files import extension, serve_file
from desaku.core.models import PPKSCategory
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors, error_messages, form_error_messages, paginated
from desaku.people import identity
from desaku.people import selectors as people_selectors


def require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def rules_in_words(program) -> str:
    names = dict(PPKSCategory.objects.values_list("code", "short_name"))
    programs = dict(Program.objects.values_list("code", "name"))
    return R.describe(program.rules, {k: v or k for k, v in names.items()}, programs)


def form_page(request, *, form, title, submit, cancel_url, pretitle="", intro="", multipart=False):
    return render(request, "aid/form_page.html", {"form": form, "title": title, "submit": submit,
                                                  "cancel_url": cancel_url, "pretitle": pretitle, "intro": intro,
                                                  "multipart": multipart})


# ------------------------------------------------------------------------------------------- programs


@require_GET
@login_required
def program_list(request):
    require(can_read(request.user))
    programs = list(selectors.programs().annotate(
        active_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ACTIVE))).order_by(
        "-active", "-year", "name"))
    for p in programs:
        p.rules_text = rules_in_words(p)
    return render(request, "aid/program_list.html", {"programs": programs, "can_manage": can_manage(request.user)})


def _program_form(request, program=None):
    require(can_manage(request.user))
    form = forms.ProgramForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.save_program(by=request.user, program=program, **form.program_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("aid:program_detail", program.pk)
    return form_page(request, form=form, title=_("Edit program") if program else _("New program"),
                     submit=_("Save"), cancel_url=reverse("aid:program_list"))


@require_http_methods(["GET", "POST"])
@login_required
def program_create(request):
    return _program_form(request)


@require_http_methods(["GET", "POST"])
@login_required
def program_edit(request, pk):
    return _program_form(request, get_object_or_404(Program, pk=pk))


@require_GET
@login_required
def program_detail(request, pk):
    user = request.user
    require(can_read(user))
    program = get_object_or_404(selectors.programs(), pk=pk)
    enrolments = selectors.enrolments_visible_to(user).filter(program=program)
    return render(request, "aid/program_detail.html", {
        "program": program, "rules_text": rules_in_words(program), "budget": services.budget_of(program),
        "counts": dict(enrolments.values_list("status").annotate(n=Count("id")).values_list("status", "n")),
        "enrolments": enrolments.order_by("-created_at")[:20],
        "cycles": selectors.cycles_visible_to(user).filter(program=program)[:20],
        "can_manage": can_manage(user), "can_propose": can_propose(user),
    })


@require_GET
@login_required
def program_eligible(request, pk):
    """Eligible persons (in the user's scope) not yet enrolled."""
    user = request.user
    require(can_propose(user))
    program = get_object_or_404(selectors.programs(), pk=pk)
    ids = eligibility.eligible_not_enrolled(program, people_selectors.persons_visible_to(user),
                                            on=timezone.localdate())
    persons = people_selectors.persons_visible_to(user).filter(pk__in=ids).select_related(
        "domicile_kelurahan").order_by("full_name")
    context = paginated(request, persons)
    identity.mask_persons(user, context["page"])  # a protected child: initials
    return render(request, "aid/program_eligible.html", {
        "program": program, "rules_text": rules_in_words(program), **context})


# ------------------------------------------------------------------------------------------ persons


@require_http_methods(["GET", "POST"])
@login_required
def person_eligibility(request, pk):
    """Every program for one person: eligible or each failed rule; and the welfare status (DTKS/decile)."""
    user = request.user
    require(can_read(user))
    person = people_selectors.person_for(user, pk)
    welfare_form = forms.WelfareForm(request.POST or None)
    if request.method == "POST":
        require(can_propose(user))
        if welfare_form.is_valid():
            d = welfare_form.cleaned_data
            services.record_welfare(person=person, by=user, decile=d["decile"], in_dtks=d["in_dtks"],
                                    recorded_on=d["recorded_on"], source=d["source"])
            return redirect("aid:person_eligibility", person.pk)
    rows = eligibility.check_person(person, on=timezone.localdate(),
                                    programs=selectors.programs().filter(active=True).exclude(
                                        kind=ProgramKind.RECOMMENDATION))
    for row in rows:
        row["rules_text"] = rules_in_words(row["program"])
        if row["enrolment"] and not selectors.enrolments_visible_to(user).filter(pk=row["enrolment"].pk).exists():
            row["enrolment"] = None  # enrolled elsewhere: say so without a link
            row["enrolled_elsewhere"] = True
    return render(request, "aid/person_eligibility.html", {
        "person": person, "rows": rows, "welfare": services.welfare_of(person), "welfare_form": welfare_form,
        "can_propose": can_propose(user)})


# ---------------------------------------------------------------------------------------- enrolments


@require_http_methods(["GET", "POST"])
@login_required
def enrol(request, pk, person_pk):
    user = request.user
    require(can_propose(user))
    program = get_object_or_404(selectors.programs(), pk=pk)
    person = people_selectors.person_for(user, person_pk)
    form = forms.EnrolForm(request.POST or None, initial={"account_holder": person.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.propose_enrolment(program=program, person=person, by=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Enrolment proposed."))
            return redirect("aid:enrolment_detail", enrolment.pk)
    failures = services.failures_for(program, person)
    return form_page(request, form=form, title=_("Propose enrolment"), submit=_("Propose"),
                     pretitle=f"{program} · {person.full_name}",
                     intro="; ".join(f.reason for f in failures) or rules_in_words(program),
                     cancel_url=reverse("aid:program_detail", args=[program.pk]))


@require_GET
@login_required
def enrolment_list(request):
    user = request.user
    require(can_read(user))
    enrolments = selectors.enrolments_visible_to(user)
    status = request.GET.get("status")
    if status in EnrolmentStatus.values:
        enrolments = enrolments.filter(status=status)
    if (program := request.GET.get("program", "")).isdigit():
        enrolments = enrolments.filter(program_id=program)
    context = paginated(request, enrolments)
    identity.mask_persons(user, [e.person for e in context["page"]])  # a protected child: initials
    return render(request, "aid/enrolment_list.html", {
        "statuses": EnrolmentStatus.choices, "status": status, **context})


@require_GET
@login_required
def enrolment_detail(request, pk):
    user = request.user
    require(can_read(user))
    enrolment = get_object_or_404(selectors.enrolments_visible_to(user), pk=pk)
    log_access(user=user, obj=enrolment, action="view", request=request)
    return render(request, "aid/enrolment_detail.html", {
        "enrolment": enrolment, "failures": services.failures_for(enrolment.program, enrolment.person),
        "lines": enrolment.lines.select_related("cycle").order_by("-cycle__scheduled_on")[:50],
        "form": forms.DecisionForm(), "can_verify": can_verify(user), "can_approve": can_approve(user)})


@require_POST
@login_required
def enrolment_decide(request, pk):
    user = request.user
    require(can_propose(user))
    enrolment = get_object_or_404(selectors.enrolments_visible_to(user), pk=pk)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        raise Http404
    d = form.cleaned_data
    action, note = d["action"], d["note"]
    try:
        if action == "verify":
            services.verify_enrolment(enrolment=enrolment, by=user, note=note)
        elif action == "approve":
            services.approve_enrolment(enrolment=enrolment, by=user, start_date=d["start_date"],
                                       end_date=d["end_date"], note=note)
        elif action == "reject":
            services.reject_enrolment(enrolment=enrolment, by=user, reason=note)
        elif action == "suspend":
            services.suspend_enrolment(enrolment=enrolment, by=user, reason=note)
        elif action == "resume":
            services.resume_enrolment(enrolment=enrolment, by=user, reason=note)
        else:
            services.terminate_enrolment(enrolment=enrolment, by=user, reason=note, on=d["end_date"])
    except ValidationError as exc:
        error_messages(request, exc)
    except PermissionDenied:
        messages.error(request, _("Your role cannot do this."))
    return redirect("aid:enrolment_detail", enrolment.pk)


# ------------------------------------------------------------------------------------------- cycles


@require_http_methods(["GET", "POST"])
@login_required
def cycle_create(request, pk):
    user = request.user
    require(can_manage(user))
    program = get_object_or_404(selectors.programs(), pk=pk)
    form = forms.CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            cycle = services.generate_cycle(program=program, by=user, name=d["name"], scheduled_on=d["scheduled_on"],
                                            amount=d["amount"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("aid:cycle_detail", cycle.pk)
    return form_page(request, form=form, title=_("New distribution cycle"), submit=_("Generate lines"),
                     pretitle=str(program), intro=rules_in_words(program),
                     cancel_url=reverse("aid:program_detail", args=[program.pk]))


@require_GET
@login_required
def cycle_list(request):
    require(can_read(request.user))
    return render(request, "aid/cycle_list.html", paginated(request, selectors.cycles_visible_to(request.user)))


@require_GET
@login_required
def cycle_detail(request, pk):
    user = request.user
    require(can_read(user))
    cycle = get_object_or_404(selectors.cycles_visible_to(user), pk=pk)
    lines = cycle.lines.select_related("person", "enrolment", "carried_to").order_by("person__full_name", "id")
    status = request.GET.get("status")
    if status in LineStatus.values:
        lines = lines.filter(status=status)
    budget = services.budget_of(cycle.program)
    remaining = cycle.program.budget - services.committed_elsewhere(cycle.program, cycle.pk)
    return render(request, "aid/cycle_detail.html", {
        "cycle": cycle, "total": services.cycle_total(cycle), "remaining": remaining, "budget": budget,
        "over_budget": services.cycle_total(cycle) > remaining,
        "line_counts": dict(cycle.lines.values_list("status").annotate(n=Count("id")).values_list("status", "n")),
        "exclusions": cycle.exclusions.select_related("person")[:200], "stock": services.stock_of(cycle),
        "stock_form": forms.StockForm(), "mark_form": forms.MarkLineForm(), "statuses": LineStatus.choices,
        "status": status, "can_manage": can_manage(user), "can_verify": can_verify(user),
        "can_approve": can_approve(user), "in_kind": cycle.program.kind == ProgramKind.IN_KIND,
        "payable": cycle.status in (CycleStatus.APPROVED, CycleStatus.CLOSED), **_masked_lines(request, lines)})


def _masked_lines(request, lines):
    context = paginated(request, lines)
    identity.mask_persons(request.user, [line.person for line in context["page"]])  # a protected child: initials
    return context


@require_POST
@login_required
def cycle_decide(request, pk):
    user = request.user
    require(can_manage(user) or can_approve(user))
    cycle = get_object_or_404(selectors.cycles_visible_to(user), pk=pk)
    action = request.POST.get("action")
    try:
        if action == "verify":
            services.verify_cycle(cycle=cycle, by=user)
        elif action == "approve":
            services.approve_cycle(cycle=cycle, by=user)
        elif action == "close":
            services.close_cycle(cycle=cycle, by=user)
        else:
            raise Http404
    except ValidationError as exc:
        error_messages(request, exc)
    except PermissionDenied:
        messages.error(request, _("Your role cannot do this."))
    return redirect("aid:cycle_detail", cycle.pk)


@require_POST
@login_required
def stock_add(request, pk):
    user = request.user
    require(can_manage(user))
    cycle = get_object_or_404(selectors.cycles_visible_to(user), pk=pk)
    form = forms.StockForm(request.POST)
    if form.is_valid():
        try:
            services.record_stock(cycle=cycle, by=user, **form.cleaned_data)
        except ValidationError as exc:
            error_messages(request, exc)
    else:
        messages.error(request, _("Check the stock entry."))
    return redirect(reverse("aid:cycle_detail", args=[cycle.pk]) + "#stock")


def _line_for(user, pk):
    return get_object_or_404(selectors.lines_visible_to(user).select_related("cycle__program", "enrolment"), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def line_pay(request, pk):
    user = request.user
    require(can_manage(user))
    line = _line_for(user, pk)
    form = forms.PayForm(request.POST or None, request.FILES or None, initial={
        "method": "goods" if line.cycle.program.kind == ProgramKind.IN_KIND else "bank"})
    if request.method == "POST" and form.is_valid():
        try:
            services.pay_line(line=line, by=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("aid:cycle_detail", line.cycle_id)
    return form_page(request, form=form, title=_("Record payment"), submit=_("Save"), multipart=True,
                     pretitle=f"{line.cycle} · {line.person.full_name}",
                     cancel_url=reverse("aid:cycle_detail", args=[line.cycle_id]))


@require_POST
@login_required
def line_mark(request, pk):
    user = request.user
    require(can_manage(user))
    line = _line_for(user, pk)
    form = forms.MarkLineForm(request.POST)
    if form.is_valid():
        try:
            services.mark_line(line=line, by=user, **form.cleaned_data)
        except ValidationError as exc:
            error_messages(request, exc)
    else:
        messages.error(request, _("Give the reason."))
    return redirect("aid:cycle_detail", line.cycle_id)


FILE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp",
              "pdf": "application/pdf"}


def _file_response(request, field, name: str, *, record, action: str = "download", detail: str = ""):
    return serve_file(request, field, filename=f"{name}.{extension(field)}",
                      content_types=FILE_TYPES, record=record, action=action, detail=detail)


@require_GET
@login_required
def line_evidence(request, pk):
    user = request.user
    require(can_read(user))
    line = _line_for(user, pk)
    if not line.evidence:
        raise Http404
    return _file_response(request, line.evidence, f"bukti-{line.pk}", record=line)


@require_GET
@login_required
def cycle_bank_csv(request, pk):
    """The bank transfer file: one row per line still to pay (NIK masked; the bank matches on the account)."""
    user = request.user
    require(can_manage(user))
    cycle = get_object_or_404(selectors.cycles_visible_to(user), pk=pk)
    if cycle.status not in (CycleStatus.APPROVED, CycleStatus.CLOSED):
        raise Http404
    log_access(user=user, obj=cycle, action="export", detail="bank csv", request=request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="transfer-{cycle.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["no", "line_id", "bank", "account_number", "account_holder", "amount", "currency",
                     "description", "beneficiary_name", "nik_masked"])
    lines = cycle.lines.filter(status__in=services.PAYABLE, carried_to__isnull=True).select_related(
        "enrolment", "person").order_by("id")
    for n, line in enumerate(lines.iterator(chunk_size=2000), start=1):
        e = line.enrolment
        writer.writerow([n, line.pk, _csv(e.bank_name), _csv(e.account_number), _csv(e.account_holder),
                         f"{line.amount:.0f}", "IDR", _csv(f"{cycle.name}")[:35], _csv(line.person.full_name),
                         line.person.nik_masked])
    return response


def _csv(value: str) -> str:
    from desaku.outreach.exports import cell

    return str(cell(value))


@require_GET
@login_required
def cycle_receipts(request, pk):
    user = request.user
    require(can_read(user))
    cycle = get_object_or_404(selectors.cycles_visible_to(user), pk=pk)
    if cycle.status not in (CycleStatus.APPROVED, CycleStatus.CLOSED):
        raise Http404
    if cycle.receipt_letter is None and not can_manage(user):
        raise Http404  # read-only roles print only what was issued
    pdf = letters.receipt_list_pdf(cycle=cycle, by=user, base_url=request.build_absolute_uri("/"))
    log_access(user=user, obj=cycle, action="print", detail="receipt list", request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="daftar-penerima-{cycle.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------------------------- recommendation letters


@require_GET
@login_required
def request_list(request):
    user = request.user
    require(can_read(user))
    items = selectors.requests_visible_to(user)
    status = request.GET.get("status")
    if status in RequestStatus.values:
        items = items.filter(status=status)
    context = paginated(request, items)
    identity.mask_persons(user, [r.person for r in context["page"]])  # a protected child: initials
    return render(request, "aid/request_list.html", {"statuses": RequestStatus.choices, "status": status,
                                                     "today": timezone.localdate(), **context})


@require_http_methods(["GET", "POST"])
@login_required
def request_create(request, person_pk):
    user = request.user
    require(can_propose(user))
    person = people_selectors.person_for(user, person_pk)
    files = request.FILES.getlist("documents") if request.method == "POST" else []
    form = forms.RequestForm(request.POST or None, request.FILES or None, files_list=files,
                             initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        title = d["document_title"] or _("Supporting document")
        try:
            item = services.request_letter(person=person, by=user, kind=d["kind"], purpose=d["purpose"],
                                           facility=d["facility"], documents=[(title, f) for f in files])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("aid:request_detail", item.pk)
    return form_page(request, form=form, title=_("Request a recommendation letter"), submit=_("Submit"),
                     pretitle=person.full_name, multipart=True,
                     cancel_url=reverse("people:detail", args=[person.pk]))


@require_GET
@login_required
def request_detail(request, pk):
    user = request.user
    require(can_read(user))
    item = get_object_or_404(selectors.requests_visible_to(user), pk=pk)
    log_access(user=user, obj=item, action="view", request=request)
    return render(request, "aid/request_detail.html", {
        "item": item, "documents": item.documents.all(), "expired": services.is_expired(item),
        "welfare": services.welfare_of(item.person), "document_form": forms.DocumentForm(),
        "decision_form": forms.RequestDecisionForm(), "can_verify": can_verify(user),
        "can_approve": can_approve(user), "can_propose": can_propose(user),
        "can_withdraw": services.can_withdraw(user, item),
        "can_revoke": can_approve(user) and item.letter_id is not None and not item.letter.revoked_at})


@require_POST
@login_required
def request_decide(request, pk):
    user = request.user
    require(can_propose(user))
    item = get_object_or_404(selectors.requests_visible_to(user), pk=pk)
    action, note = request.POST.get("action"), request.POST.get("note", "")[:250]
    try:
        if action == "check":
            services.check_request(request=item, by=user, notes=note)
        elif action in ("approve", "reject"):
            services.decide_request(request=item, by=user, approve=action == "approve", note=note)
        elif action == "withdraw":
            services.withdraw_request(request=item, by=user, reason=note)
        elif action == "revoke":
            services.revoke_request_letter(request=item, by=user, reason=note)
        else:
            raise Http404
    except ValidationError as exc:
        error_messages(request, exc)
    except PermissionDenied:
        messages.error(request, _("Your role cannot do this."))
    return redirect("aid:request_detail", item.pk)


@require_POST
@login_required
def document_add(request, pk):
    user = request.user
    require(can_propose(user))
    item = get_object_or_404(selectors.requests_visible_to(user), pk=pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(request=item, by=user, **form.cleaned_data)
        except ValidationError as exc:
            error_messages(request, exc)
    else:
        form_error_messages(request, form)
    return redirect("aid:request_detail", item.pk)


@require_GET
@login_required
def document_download(request, pk):
    user = request.user
    require(can_read(user))
    document = get_object_or_404(selectors.documents_visible_to(user), pk=pk)
    return _file_response(request, document.file, f"dokumen-{document.pk}", record=document)


@require_GET
@login_required
def request_letter(request, pk):
    user = request.user
    require(can_read(user))
    item = get_object_or_404(selectors.requests_visible_to(user), pk=pk, status=RequestStatus.APPROVED)
    letter = item.letter
    if letter is None or not letter.pdf:
        if not can_propose(user):
            raise Http404
        letter = letters.issue_request_letter(request=item, by=user, base_url=request.build_absolute_uri("/"))
    return _file_response(request, letter.pdf, f"rekomendasi-{item.pk}", record=item, action="print",
                          detail=letter.number)


@require_GET
@login_required
def letter_register(request):
    """The register of aid letters issued (numbers, dates, subjects; no personal data beyond the subject)."""
    require(can_read(request.user))
    visible = selectors.requests_visible_to(request.user).filter(letter__isnull=False)
    items = visible.select_related("letter__letter_type").order_by("-letter__issued_on", "-letter__id")
    context = paginated(request, items)
    identity.mask_persons(request.user, [r.person for r in context["page"]])  # a protected child: initials
    return render(request, "aid/letter_register.html", {"today": timezone.localdate(), **context})


# ------------------------------------------------------------------------------------------- budget


@require_GET
@login_required
def budget(request):
    require(can_read(request.user))
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    rows = selectors.budget_rows(year)
    return render(request, "aid/budget.html", {
        "rows": rows, "sources": selectors.by_funding_source(rows), "months": selectors.absorption_by_month(year),
        "year": year, "years": sorted(set(Program.objects.values_list("year", flat=True)), reverse=True)})

