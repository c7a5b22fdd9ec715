"""The rules of social aid. Views and the API call these; nothing else writes aid records.

Enforced here: eligibility at proposal, approval and cycle generation; one open enrolment per person per
program (and a DB constraint); approval by a Kepala Bidang; a cycle total within the remaining budget; a
line paid once (row lock + status check); one line per person per cycle (DB constraint); death ends every
enrolment (``end_enrolments_on_death``, connected to people.signals.person_died).
"""

import time
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.aid import eligibility
from desaku.aid import rules as R
from desaku.aid.models import (
    OPEN_ENROLMENT,
    UNDECIDED_REQUEST,
    Cycle,
    CycleExclusion,
    CycleLine,
    CycleStatus,
    Enrolment,
    EnrolmentStatus,
    LetterValidity,
    LineStatus,
    PaymentMethod,
    Program,
    RecommendationRequest,
    RequestDocument,
    RequestKind,
    RequestStatus,
    StockKind,
    StockMovement,
    WelfareStatus,
)
from desaku.aid.permissions import can_approve, can_manage, can_propose, can_verify
from desaku.core.auditing import allow_bulk_writes

LINE_BATCH = 5000
LETTER_TYPES = {RequestKind.BPJS_PBI: "AID-PBI", RequestKind.POVERTY: "AID-MISKIN",
                RequestKind.FEE_WAIVER: "AID-BEBAS"}
RECEIPT_LETTER = "AID-TERIMA"


def can_withdraw(user, request) -> bool:
    """The worker who made the request, or an Administrator, while it is not decided."""
    from desaku.core.models import Role

    return request.status in UNDECIDED_REQUEST and (
        request.requested_by_id == user.pk or user.has_role(Role.ADMINISTRATOR))


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def _today():
    return timezone.localdate()


# ------------------------------------------------------------------------------------------- programs


@transaction.atomic
def save_program(*, by, program: Program | None = None, **data) -> Program:
    _require(can_manage(by))
    program = program or Program(created_by=by)
    data["rules"] = R.validate(list(data.get("rules") or []))
    for key, value in data.items():
        setattr(program, key, value)
    if program.budget is not None and program.budget < 0:
        raise ValidationError({"budget": _("The budget cannot be negative.")})
    program.full_clean(exclude=["created_by"])
    program.save_with_reason(by=by, reason=_("program saved"))
    return program


def budget_of(program: Program) -> dict:
    """Budget, committed (lines of approved or closed cycles, cancelled ones released), paid, remaining."""
    lines = CycleLine.objects.filter(cycle__program=program).exclude(status=LineStatus.CANCELLED).exclude(
        carried_to__isnull=False)  # a carried line counts in the cycle it was carried to
    committed = lines.filter(cycle__status__in=(CycleStatus.APPROVED, CycleStatus.CLOSED)).aggregate(
        s=Sum("amount"))["s"] or Decimal(0)
    paid = lines.filter(status=LineStatus.PAID).aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return {"program": program, "budget": program.budget, "committed": committed, "paid": paid,
            "remaining": program.budget - committed}


# ------------------------------------------------------------------------------------------ welfare


@transaction.atomic
def record_welfare(*, person, by, decile, in_dtks: bool, recorded_on: date | None = None, source: str = ""):
    _require(can_propose(by))
    if decile is not None and not 1 <= decile <= 10:
        raise ValidationError({"decile": _("The welfare decile is between 1 and 10.")})
    status = WelfareStatus(person=person, decile=decile, in_dtks=in_dtks, recorded_on=recorded_on or _today(),
                           source=source, recorded_by=by)
    status.save_with_reason(by=by, reason=_("welfare status"))
    return status


def welfare_of(person):
    return WelfareStatus.objects.filter(person=person).order_by("-recorded_on", "-id").first()


# ---------------------------------------------------------------------------------------- enrolment


def failures_for(program: Program, person, on: date | None = None):
    on = on or _today()
    facts = eligibility.facts_for([person.pk], on=on, exclude_program_id=program.pk).get(person.pk, R.Facts())
    return R.evaluate(program.rules, facts)


def _eligible_or_error(program, person, on=None):
    failures = failures_for(program, person, on)
    if failures:
        raise ValidationError({"person": [f.reason for f in failures]})


@transaction.atomic
def propose_enrolment(*, program: Program, person, by, reason: str = "", bank_name: str = "",
                      account_number: str = "", account_holder: str = "") -> Enrolment:
    _require(can_propose(by))
    if not program.active or not program.distributes:
        raise ValidationError({"program": _("This program does not take enrolments.")})
    if Enrolment.objects.filter(program=program, person=person, status__in=OPEN_ENROLMENT).exists():
        raise ValidationError({"person": _("The person already has an open enrolment in this program.")})
    _eligible_or_error(program, person)
    enrolment = Enrolment(program=program, person=person, reason=reason, bank_name=bank_name,
                          account_number=account_number, account_holder=account_holder or person.full_name,
                          organisation=by.organisation, proposed_by=by)
    try:
        with transaction.atomic():
            enrolment.save_with_reason(by=by, reason=_("proposed"))
    except IntegrityError as exc:  # a concurrent proposal won
        raise ValidationError({"person": _("The person already has an open enrolment in this program.")}) from exc
    return enrolment


def _locked(enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


@transaction.atomic
def verify_enrolment(*, enrolment, by, note: str = "") -> Enrolment:
    _require(can_verify(by))
    enrolment = _locked(enrolment)
    if enrolment.status != EnrolmentStatus.PROPOSED:
        raise ValidationError({"status": _("Only a proposed enrolment can be verified.")})
    _eligible_or_error(enrolment.program, enrolment.person)
    enrolment.status, enrolment.verified_by = EnrolmentStatus.VERIFIED, by
    enrolment.save_with_reason(by=by, reason=note or _("verified"))
    return enrolment


@transaction.atomic
def approve_enrolment(*, enrolment, by, start_date: date | None = None, end_date: date | None = None,
                      note: str = "") -> Enrolment:
    if not can_approve(by):
        raise ValidationError({"status": _("Only a Kepala Bidang approves an enrolment.")})
    enrolment = _locked(enrolment)
    if enrolment.status != EnrolmentStatus.VERIFIED:
        raise ValidationError({"status": _("The enrolment must be verified before approval.")})
    _eligible_or_error(enrolment.program, enrolment.person)
    start = start_date or _today()
    if end_date is None and enrolment.program.duration_months:
        end_date = start + timedelta(days=round(enrolment.program.duration_months * 30.44))
    if end_date and end_date < start:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    enrolment.status, enrolment.approved_by = EnrolmentStatus.ACTIVE, by
    enrolment.start_date, enrolment.end_date = start, end_date
    enrolment.save_with_reason(by=by, reason=note or _("approved"))
    return enrolment


@transaction.atomic
def reject_enrolment(*, enrolment, by, reason: str) -> Enrolment:
    _require(can_verify(by))
    enrolment = _locked(enrolment)
    if enrolment.status not in (EnrolmentStatus.PROPOSED, EnrolmentStatus.VERIFIED):
        raise ValidationError({"status": _("Only a proposal waiting for a decision can be rejected.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    enrolment.status, enrolment.end_reason = EnrolmentStatus.REJECTED, reason
    enrolment.save_with_reason(by=by, reason=reason)
    return enrolment


@transaction.atomic
def suspend_enrolment(*, enrolment, by, reason: str) -> Enrolment:
    _require(can_verify(by))
    enrolment = _locked(enrolment)
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise ValidationError({"status": _("Only an active enrolment can be suspended.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    enrolment.status, enrolment.end_reason = EnrolmentStatus.SUSPENDED, reason
    enrolment.save_with_reason(by=by, reason=reason)
    return enrolment


@transaction.atomic
def resume_enrolment(*, enrolment, by, reason: str = "") -> Enrolment:
    _require(can_verify(by))
    enrolment = _locked(enrolment)
    if enrolment.status != EnrolmentStatus.SUSPENDED:
        raise ValidationError({"status": _("Only a suspended enrolment can be resumed.")})
    _eligible_or_error(enrolment.program, enrolment.person)
    enrolment.status, enrolment.end_reason = EnrolmentStatus.ACTIVE, ""
    enrolment.save_with_reason(by=by, reason=reason or _("resumed"))
    return enrolment


@transaction.atomic
def terminate_enrolment(*, enrolment, by, reason: str, on: date | None = None,
                        status: str = EnrolmentStatus.TERMINATED) -> Enrolment:
    if by is not None:
        _require(can_verify(by))
    enrolment = _locked(enrolment)
    if enrolment.status not in OPEN_ENROLMENT:
        raise ValidationError({"status": _("The enrolment has already ended.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    enrolment.status, enrolment.end_reason, enrolment.end_date = status, reason, on or _today()
    enrolment.save_with_reason(by=by, reason=reason)
    return enrolment


def end_enrolments_on_death(sender=None, *, person, by=None, **kwargs):
    """Death ends every open enrolment and cancels the person's unpaid lines (people.signals.person_died)."""
    died = person.date_of_death or _today()
    reason = _("Died on %(date)s") % {"date": died.strftime("%d/%m/%Y")}
    with transaction.atomic():
        for enrolment in Enrolment.objects.filter(person=person, status__in=OPEN_ENROLMENT):
            enrolment = _locked(enrolment)
            enrolment.status, enrolment.end_reason, enrolment.end_date = EnrolmentStatus.ENDED, reason, died
            enrolment.save_with_reason(by=by, reason=reason)
        for line in CycleLine.objects.filter(person=person, status__in=(
                LineStatus.PENDING, LineStatus.UNDELIVERED, LineStatus.CARRIED)).exclude(
                cycle__status=CycleStatus.CLOSED):
            line.status, line.note = LineStatus.CANCELLED, reason
            line.save_with_reason(by=by, reason=reason)


# ------------------------------------------------------------------------------------------- cycles


def committed_elsewhere(program, exclude_cycle_id=None) -> Decimal:
    """Approved and closed cycles' lines, except cancelled ones and lines carried into a later cycle (their
    amount counts there)."""
    lines = CycleLine.objects.filter(cycle__program=program, cycle__status__in=(
        CycleStatus.APPROVED, CycleStatus.CLOSED)).exclude(status=LineStatus.CANCELLED).exclude(
        carried_to__isnull=False)
    if exclude_cycle_id:
        lines = lines.exclude(cycle_id=exclude_cycle_id)
    return lines.aggregate(s=Sum("amount"))["s"] or Decimal(0)


def generate_cycle(*, program: Program, by, name: str, scheduled_on: date, amount: Decimal | None = None,
                   chunk_size: int = LINE_BATCH) -> Cycle:
    """Create a cycle and its lines for active, still-eligible enrolees; the excluded are kept with reasons.

    Set-based and in bounded memory: enrolments are streamed in chunks, the rules evaluated on plain
    values, the lines written with bulk_create (one audit entry per batch).
    """
    _require(can_manage(by))
    if not program.distributes:
        raise ValidationError({"program": _("A recommendation program has no distribution cycles.")})
    amount = program.benefit_amount if amount is None else Decimal(amount)
    if amount < 0:
        raise ValidationError({"amount": _("The amount cannot be negative.")})
    started = time.perf_counter()
    names = eligibility.needed([program.rules])
    with transaction.atomic():
        cycle = Cycle(program=program, name=name, scheduled_on=scheduled_on, amount=amount,
                      organisation=by.organisation, created_by=by)
        cycle.save_with_reason(by=by, reason=_("cycle created"))
        enrolees = Enrolment.objects.filter(program=program, status=EnrolmentStatus.ACTIVE).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=scheduled_on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=scheduled_on))
        lines = excluded = 0
        reason = _("Lines of cycle %(name)s") % {"name": name}
        stream = enrolees.order_by("pk").values_list("pk", "person_id").iterator(chunk_size=chunk_size)
        for batch in eligibility.chunked(stream, chunk_size):
            # The chunk's persons as a subquery (an enrolment id range), not thousands of parameters.
            in_chunk = enrolees.filter(pk__gte=batch[0][0], pk__lte=batch[-1][0]).values("person_id")
            facts = eligibility.facts_for(in_chunk, on=scheduled_on, rule_names=names, exclude_program_id=program.pk)
            new_lines, new_exclusions = [], []
            for enrolment_id, person_id in batch:
                failures = R.evaluate(program.rules, facts.get(person_id, R.Facts(alive=False)))
                if failures:
                    new_exclusions.append(CycleExclusion(cycle=cycle, enrolment_id=enrolment_id, person_id=person_id,
                                                         reasons="; ".join(f.reason for f in failures)))
                else:
                    new_lines.append((enrolment_id, person_id))
            _write_lines(cycle, new_lines, by=by, reason=reason)
            CycleExclusion.objects.bulk_create(new_exclusions, batch_size=chunk_size)
            lines += len(new_lines)
            excluded += len(new_exclusions)
        carried_lines, carried_excluded = _carry_undelivered(cycle, by=by)
        lines += carried_lines
        excluded += carried_excluded
        cycle.line_count, cycle.excluded_count = lines, excluded
        cycle.total = cycle_total(cycle)
        cycle.generation_seconds = time.perf_counter() - started
        cycle.save_with_reason(by=by, reason=_("lines generated"))
    return cycle


CARRY_FROM = (LineStatus.UNDELIVERED, LineStatus.CARRIED)


def previous_cycle(cycle) -> Cycle | None:
    """The program's latest approved or closed cycle before this one (by distribution date)."""
    return Cycle.objects.filter(program=cycle.program_id, status__in=(CycleStatus.APPROVED, CycleStatus.CLOSED),
                                scheduled_on__lte=cycle.scheduled_on).exclude(pk=cycle.pk).order_by(
        "-scheduled_on", "-pk").first()


def _carry_undelivered(cycle, *, by) -> tuple[int, int]:
    """Carry the previous cycle's undelivered lines (undelivered, or marked "carried", not yet carried) here.

    A carried person must still be an active, eligible enrolee: their amount is added to their line of this
    cycle (one line per person per cycle), or a line of that amount is made when the generation gave them none.
    The old line is marked carried, with a link to the new one, and no longer counts against the budget. A
    carried person who no longer qualifies is listed as excluded and their old line stays open, to be cancelled.
    Returns (lines added, exclusions added).
    """
    previous = previous_cycle(cycle)
    if previous is None:
        return 0, 0
    old_lines = list(CycleLine.objects.select_for_update().filter(
        cycle=previous, status__in=CARRY_FROM, carried_to__isnull=True).select_related("enrolment"))
    if not old_lines:
        return 0, 0
    program = cycle.program
    person_ids = [line.person_id for line in old_lines]
    here = {line.person_id: line for line in CycleLine.objects.filter(cycle=cycle, person_id__in=person_ids)}
    left_out = set(CycleExclusion.objects.filter(cycle=cycle, person_id__in=person_ids).values_list(
        "person_id", flat=True))
    facts = eligibility.facts_for(person_ids, on=cycle.scheduled_on,
                                  rule_names=eligibility.needed([program.rules]), exclude_program_id=program.pk)
    added = excluded = 0
    reason = _("Carried from %(name)s") % {"name": previous.name}
    for old in old_lines:
        target = here.get(old.person_id)
        why = ""
        if target is None:
            if old.person_id in left_out:
                continue  # already listed as excluded by the generation, with the failed rules
            enrolment = old.enrolment
            failures = R.evaluate(program.rules, facts.get(old.person_id, R.Facts(alive=False)))
            if enrolment.status != EnrolmentStatus.ACTIVE:
                why = _("enrolment no longer active")
            elif failures:
                why = "; ".join(f.reason for f in failures)
        if why:
            CycleExclusion.objects.create(cycle=cycle, enrolment_id=old.enrolment_id, person_id=old.person_id,
                                          reasons=_("Undelivered line of %(name)s not carried: %(why)s") % {
                                              "name": previous.name, "why": why})
            excluded += 1
            continue
        if target is None:
            target = CycleLine(cycle=cycle, enrolment_id=old.enrolment_id, person_id=old.person_id, amount=0)
            added += 1
        target.amount += old.amount
        target.carried_amount += old.amount
        target.save_with_reason(by=by, reason=reason)
        here[old.person_id] = target
        old.status, old.carried_to = LineStatus.CARRIED, target
        old.note = (_("Carried to %(name)s") % {"name": cycle.name})[:250]
        old.save_with_reason(by=by, reason=old.note)
    previous.total = cycle_total(previous)
    previous.save_with_reason(by=by, reason=_("undelivered lines carried to %(name)s") % {"name": cycle.name})
    return added, excluded


LINE_COLUMNS = ("cycle_id", "enrolment_id", "person_id", "amount", "status", "method", "reference", "received_by",
                "evidence", "note", "carried_amount")


def _write_lines(cycle, rows, *, by, reason: str) -> None:
    """Insert one batch of pending lines, with one audit entry for the batch.

    On PostgreSQL with COPY: building 100,000 model instances and their INSERT parameters took most of a
    cycle's generation time. Elsewhere (SQLite in development and tests) the ORM's bulk_create.
    """
    if not rows:
        return
    with allow_bulk_writes(reason=reason, by=by):
        if connection.vendor != "postgresql":
            CycleLine.objects.bulk_create([CycleLine(cycle=cycle, enrolment_id=e, person_id=p, amount=cycle.amount)
                                           for e, p in rows], batch_size=LINE_BATCH)
            return
        from desaku.core.services import record_audit_entry

        table = CycleLine._meta.db_table
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {table} ({', '.join(LINE_COLUMNS)}) FROM STDIN") as copy:
            for enrolment_id, person_id in rows:
                copy.write_row((cycle.pk, enrolment_id, person_id, cycle.amount, LineStatus.PENDING.value,
                                "", "", "", "", "", 0))
        record_audit_entry(actor=by, action="bulk_create", model_label=CycleLine._meta.label, object_id="*",
                           object_repr=f"{len(rows)} × {CycleLine._meta.verbose_name}", reason=reason)


def cycle_total(cycle) -> Decimal:
    """What the cycle still commits: cancelled lines and lines carried into a later cycle are not counted."""
    return cycle.lines.exclude(status=LineStatus.CANCELLED).exclude(carried_to__isnull=False).aggregate(
        s=Sum("amount"))["s"] or Decimal(0)


def _locked_cycle(cycle) -> Cycle:
    return Cycle.objects.select_for_update().select_related("program").get(pk=cycle.pk)


@transaction.atomic
def verify_cycle(*, cycle, by) -> Cycle:
    _require(can_verify(by))
    cycle = _locked_cycle(cycle)
    if cycle.status != CycleStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft cycle can be verified.")})
    cycle.status, cycle.verified_by = CycleStatus.VERIFIED, by
    cycle.save_with_reason(by=by, reason=_("verified"))
    return cycle


@transaction.atomic
def approve_cycle(*, cycle, by) -> Cycle:
    if not can_approve(by):
        raise ValidationError({"status": _("Only a Kepala Bidang approves a cycle.")})
    cycle = _locked_cycle(cycle)
    if cycle.status != CycleStatus.VERIFIED:
        raise ValidationError({"status": _("The cycle must be verified before approval.")})
    Program.objects.select_for_update().filter(pk=cycle.program_id).first()  # serialise approvals per program
    total = cycle_total(cycle)
    remaining = cycle.program.budget - committed_elsewhere(cycle.program, cycle.pk)
    if total > remaining:
        raise ValidationError({"total": _("The cycle total Rp%(total)s exceeds the remaining budget Rp%(remaining)s.")
                               % {"total": f"{total:,.0f}".replace(",", "."),
                                  "remaining": f"{remaining:,.0f}".replace(",", ".")}})
    cycle.status, cycle.approved_by, cycle.approved_on, cycle.total = CycleStatus.APPROVED, by, _today(), total
    cycle.save_with_reason(by=by, reason=_("approved"))
    return cycle


@transaction.atomic
def close_cycle(*, cycle, by) -> Cycle:
    _require(can_manage(by))
    cycle = _locked_cycle(cycle)
    if cycle.status != CycleStatus.APPROVED:
        raise ValidationError({"status": _("Only an approved cycle can be closed.")})
    if cycle.lines.filter(status=LineStatus.PENDING).exists():
        raise ValidationError({"status": _("Record every line as paid, undelivered, carried or cancelled first.")})
    cycle.status = CycleStatus.CLOSED
    cycle.save_with_reason(by=by, reason=_("closed"))
    return cycle


PAYABLE = (LineStatus.PENDING, LineStatus.UNDELIVERED, LineStatus.CARRIED)


@transaction.atomic
def pay_line(*, line, by, method: str, paid_on: date | None = None, reference: str = "", received_by: str = "",
             evidence=None, note: str = "") -> CycleLine:
    """Record a payment or delivery; a line is paid once (row lock, then the status decides)."""
    _require(can_manage(by))
    line = CycleLine.objects.select_for_update().select_related("cycle").get(pk=line.pk)
    if line.status == LineStatus.PAID:
        raise ValidationError({"status": _("This line has already been paid.")})
    if line.carried_to_id:
        raise ValidationError({"status": _("This line was carried to a later cycle; pay it there.")})
    if line.status not in PAYABLE:
        raise ValidationError({"status": _("A cancelled line cannot be paid.")})
    if line.cycle.status not in (CycleStatus.APPROVED, CycleStatus.CLOSED):
        raise ValidationError({"status": _("The cycle must be approved before payment.")})
    if method not in PaymentMethod.values:
        raise ValidationError({"method": _("Choose how it was paid.")})
    if method == PaymentMethod.BANK and not reference:
        raise ValidationError({"reference": _("Give the bank transfer reference.")})
    if method == PaymentMethod.CASH and not evidence and not line.evidence:
        raise ValidationError({"evidence": _("Attach the signature or a photo of the hand-over.")})
    if method == PaymentMethod.GOODS and not received_by:
        raise ValidationError({"received_by": _("Give the name of the person who received the goods.")})
    line.status, line.method, line.reference, line.received_by = LineStatus.PAID, method, reference, received_by
    line.paid_on, line.paid_by, line.note = paid_on or _today(), by, note
    if evidence:
        line.evidence = evidence
    line.save_with_reason(by=by, reason=_("paid"))
    return line


@transaction.atomic
def mark_line(*, line, by, status: str, note: str = "") -> CycleLine:
    """Undelivered, carried to a later payment, or cancelled (releases the budget)."""
    _require(can_manage(by))
    line = CycleLine.objects.select_for_update().get(pk=line.pk)
    if line.carried_to_id:
        raise ValidationError({"status": _("This line was carried to a later cycle; change it there.")})
    allowed = {LineStatus.UNDELIVERED: (LineStatus.PENDING,),
               LineStatus.CARRIED: (LineStatus.PENDING, LineStatus.UNDELIVERED),
               LineStatus.CANCELLED: (LineStatus.PENDING, LineStatus.UNDELIVERED, LineStatus.CARRIED)}
    if status not in allowed:
        raise ValidationError({"status": _("Unknown line status.")})
    if line.status not in allowed[status]:
        raise ValidationError({"status": _("This line cannot change that way any more.")})
    if not note:
        raise ValidationError({"note": _("Give the reason.")})
    line.status, line.note = status, note
    line.save_with_reason(by=by, reason=note)
    return line


@transaction.atomic
def record_stock(*, cycle, by, kind: str, quantity: int, on: date | None = None, note: str = "") -> StockMovement:
    _require(can_manage(by))
    cycle = _locked_cycle(cycle)
    if quantity is None or quantity <= 0:
        raise ValidationError({"quantity": _("Give a number of packages above zero.")})
    totals = stock_of(cycle)
    if kind == StockKind.PACKED and totals["packed"] + quantity > totals["received"]:
        raise ValidationError({"quantity": _("More packages packed than received.")})
    if kind == StockKind.DELIVERED and totals["delivered"] + quantity > totals["packed"]:
        raise ValidationError({"quantity": _("More packages delivered than packed.")})
    movement = StockMovement(cycle=cycle, kind=kind, quantity=quantity, on=on or _today(), note=note, recorded_by=by)
    movement.full_clean()
    movement.save_with_reason(by=by, reason=kind)
    return movement


def stock_of(cycle) -> dict:
    totals = dict.fromkeys(StockKind.values, 0)
    for kind, quantity in cycle.stock.values_list("kind", "quantity"):
        totals[kind] += quantity
    totals["in_store"] = totals["received"] - totals["delivered"]
    totals["needed"] = cycle.line_count
    return totals


# ----------------------------------------------------------------------------- recommendation letters


@transaction.atomic
def request_letter(*, person, by, kind: str, purpose: str, facility: str = "", documents=()) -> RecommendationRequest:
    """``documents``: (title, checked upload) pairs; the form/serializer checked the content type."""
    _require(can_propose(by))
    if kind == RequestKind.FEE_WAIVER and not facility:
        raise ValidationError({"facility": _("Name the hospital or health facility.")})
    request = RecommendationRequest(kind=kind, person=person, purpose=purpose, facility=facility,
                                    organisation=by.organisation, requested_by=by)
    request.full_clean(exclude=["organisation", "requested_by"])
    request.save_with_reason(by=by, reason=_("requested"))
    for title, upload in documents:
        add_document(request=request, by=by, title=title, file=upload)
    return request


def add_document(*, request, by, title: str, file) -> RequestDocument:
    _require(can_propose(by))
    if request.status not in UNDECIDED_REQUEST:
        raise ValidationError({"file": _("The request has been decided.")})
    document = RequestDocument(request=request, title=title or file.name, file=file, uploaded_by=by)
    document.save_with_reason(by=by, reason=_("document"))
    return document


def registry_check(person, on: date | None = None) -> str:
    """What the registry says, for the check: alive, domicile, DTKS and decile where recorded."""
    on = on or _today()
    facts = eligibility.facts_for([person.pk], on=on).get(person.pk, R.Facts())
    status = welfare_of(person)
    parts = [_("alive") if facts.alive else _("deceased"),
             _("domicile in Kota Malang") if (facts.kelurahan_code or "").startswith(R.MALANG_PREFIX)
             else _("no domicile in Kota Malang recorded"),
             (_("listed in DTKS") if status and status.in_dtks else _("not listed in DTKS")),
             (_("decile %(d)s") % {"d": facts.decile}) if facts.decile else _("no decile recorded")]
    return "; ".join(str(p) for p in parts)


@transaction.atomic
def check_request(*, request, by, notes: str = "") -> RecommendationRequest:
    _require(can_verify(by))
    request = RecommendationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted request can be checked.")})
    found = registry_check(request.person)
    request.check_notes = f"{found}\n{notes}".strip()
    request.status, request.checked_by = RequestStatus.CHECKED, by
    request.save_with_reason(by=by, reason=_("checked"))
    return request


@transaction.atomic
def decide_request(*, request, by, approve: bool, note: str = "") -> RecommendationRequest:
    if not can_approve(by):
        raise ValidationError({"status": _("Only a Kepala Bidang decides on a recommendation.")})
    request = RecommendationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.CHECKED:
        raise ValidationError({"status": _("The request must be checked first.")})
    if not approve and not note:
        raise ValidationError({"decision_note": _("Give the reason.")})
    if approve and request.person.date_of_death:
        raise ValidationError({"status": _("The person has died.")})
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.decided_by, request.decision_note = by, note
    if approve:
        days = validity_days(request.kind)
        request.valid_until = _today() + timedelta(days=days) if days else None
    request.save_with_reason(by=by, reason=note or request.status)
    return request


def is_expired(request, on: date | None = None) -> bool:
    return bool(request.valid_until and request.valid_until < (on or _today()))


def validity_days(kind: str) -> int | None:
    """Days a letter of this kind stays valid (LetterValidity, editable in the admin); None: no expiry."""
    row = LetterValidity.objects.filter(kind=kind).first()
    return row.days if row else None


@transaction.atomic
def withdraw_request(*, request, by, reason: str) -> RecommendationRequest:
    """The worker who made the request (or an Administrator) withdraws it before the decision, with the reason."""
    from desaku.core.models import Role

    request = RecommendationRequest.objects.select_for_update().get(pk=request.pk)
    if request.requested_by_id != by.pk and not by.has_role(Role.ADMINISTRATOR):
        raise PermissionDenied
    if request.status not in UNDECIDED_REQUEST:
        raise ValidationError({"status": _("Only a request not yet decided can be withdrawn.")})
    if not (reason or "").strip():
        raise ValidationError({"withdraw_reason": _("Give the reason.")})
    request.status, request.withdrawn_at, request.withdraw_reason = (
        RequestStatus.WITHDRAWN, timezone.now(), reason.strip()[:250])
    request.save_with_reason(by=by, reason=request.withdraw_reason)
    return request


@transaction.atomic
def revoke_request_letter(*, request, by, reason: str) -> RecommendationRequest:
    """A Kepala Bidang or an Administrator revokes an issued letter; its QR verification then says "revoked"."""
    from desaku.core import letters as core_letters

    if not can_approve(by):
        raise PermissionDenied
    request = RecommendationRequest.objects.select_for_update(of=("self",)).select_related("letter").get(pk=request.pk)
    letter = request.letter
    if letter is None:
        raise ValidationError({"status": _("No letter has been issued for this request.")})
    if letter.revoked_at:
        raise ValidationError({"status": _("The letter is already revoked.")})
    if not (reason or "").strip():
        raise ValidationError({"revoke_reason": _("Give the reason.")})
    core_letters.revoke_letter(letter=letter, by=by, reason=reason.strip()[:250])
    request.save_with_reason(by=by, reason=_("letter %(number)s revoked: %(reason)s") % {
        "number": letter.number, "reason": reason.strip()})
    return request


def count_eligible(today: date) -> int:
    """The daily job: for each active distributing program, how many persons of the whole registry pass its rules
    and have no open enrolment (stored per day; counting again on the same day replaces the count)."""
    from desaku.aid.models import EligibleCount, ProgramKind
    from desaku.people.models import Person

    persons = Person.objects.active()
    programs = list(Program.objects.filter(active=True).exclude(kind=ProgramKind.RECOMMENDATION))
    for program in programs:
        n = len(eligibility.eligible_not_enrolled(program, persons, on=today, limit=None))
        EligibleCount.objects.update_or_create(program=program, counted_on=today,
                                               defaults={"eligible_not_enrolled": n})
    return len(programs)
