"""Writes of diversion accompaniment; the rules live here so the UI, the API and the demo agree."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.cases import services as case_services
from desaku.cases.models import CaseSource, CaseType
from desaku.core import tasklist
from desaku.core.notifications import notify
from desaku.diversion import deadlines
from desaku.diversion.models import (
    MAX_AGE,
    MIN_AGE_RESPONSIBLE,
    STAGE_ORDER,
    AbhCase,
    Agreement,
    AgreementTerm,
    ChildRole,
    Deliberation,
    DeliberationResult,
    Document,
    DocumentKind,
    Event,
    Outcome,
    Session,
    SocialReport,
    Stage,
    StageKind,
    TermStatus,
)
from desaku.diversion.permissions import can_edit

EVENT_FIELDS = [value for value, _label in Event.choices]


def _require_edit(abh, by):
    if not can_edit(by, abh):
        raise PermissionDenied


def _require_active(abh):
    if abh.stopped_on:
        raise ValidationError({"stopped_on": _("This ABH case has stopped.")})
    if not abh.case.is_active:
        raise ValidationError({"case": _("The case is closed.")})


def _not_future(value, field, errors):
    if value and value > timezone.localdate():
        errors[field] = _("The date is in the future.")


def age_check(person, role: str, offence_on: date) -> tuple[int | None, bool]:
    """The child's age at the offence and whether the special route (under 12) applies; errors if 18 or over."""
    age = person.age_on(offence_on)
    if age is None:
        raise ValidationError({"person": _("The child's birth date (or year) is needed to check the age.")})
    if age >= MAX_AGE:
        raise ValidationError({"offence_on": _("The person was 18 or older at the offence: not a child.")})
    if age < 0:
        raise ValidationError({"offence_on": _("The offence is before the child's birth.")})
    return age, role == ChildRole.PERPETRATOR and age < MIN_AGE_RESPONSIBLE


@transaction.atomic
def open_abh_case(*, person, by, role: str, offence_on: date, offence: str, peksos, max_sentence_months=None,
                  repeat_offence: bool = False, opened_on: date | None = None, summary: str = "",
                  source_reference: str = "", **details) -> AbhCase:
    """Open the case (cases app, type ABH, the accompanying Peksos responsible) and its ABH details together."""
    errors = {}
    _not_future(offence_on, "offence_on", errors)
    if role not in ChildRole.values:
        errors["role"] = _("Choose the child's role.")
    if peksos is None or not peksos.is_active:
        errors["peksos"] = _("Choose the accompanying Peksos.")
    if errors:
        raise ValidationError(errors)
    age, special = age_check(person, role, offence_on)
    case = case_services.open_case(case_type=CaseType.ABH, by=by, person=person, worker=peksos,
                                   source=CaseSource.REFERRAL, priority="high", summary=summary,
                                   opened_on=opened_on,
                                   source_reference=(source_reference or details.get("investigator", ""))[:120],
                                   secondary_workers=[by] if by.pk != peksos.pk and by.has_role("Peksos") else ())
    abh = AbhCase(case=case, role=role, offence_on=offence_on, offence=offence, max_sentence_months=max_sentence_months,
                  repeat_offence=repeat_offence, age_at_offence=age, special_route=special, peksos=peksos,
                  created_by=by, **details)
    abh.full_clean(exclude=["case", "peksos", "created_by", "police_unit", "prosecutor", "court"])
    abh.save_with_reason(by=by, reason=_("ABH case opened"))
    return abh


@transaction.atomic
def update_abh(*, abh: AbhCase, by, **fields) -> AbhCase:
    _require_edit(abh, by)
    for name, value in fields.items():
        setattr(abh, name, value)
    abh.age_at_offence, abh.special_route = age_check(abh.case.person, abh.role, abh.offence_on)
    abh.full_clean(exclude=["case", "peksos", "created_by", "police_unit", "prosecutor", "court"])
    abh.save_with_reason(by=by, reason=_("ABH case updated"))
    if "peksos" in fields and abh.peksos_id != abh.case.worker_id:
        abh.case.secondary_workers.add(abh.peksos)
    for stage in abh.stages.all():
        sync_tasks(stage, by=by)
    return abh


@transaction.atomic
def start_stage(*, abh: AbhCase, by, kind: str, started_on: date,
                social_report_requested_on: date | None = None) -> Stage:
    """A stage starts when its file is received; only after the earlier one ended without an agreement."""
    _require_edit(abh, by)
    _require_active(abh)
    if abh.special_route:
        raise ValidationError({"kind": _("A child under 12 follows the special route, not the stages.")})
    errors = {}
    _not_future(started_on, "started_on", errors)
    stages = list(abh.stages.all())
    if any(s.kind == kind for s in stages):
        errors["kind"] = _("This stage is already recorded.")
    for stage in stages:
        if stage.outcome in (Outcome.PENDING, Outcome.AGREEMENT):
            errors["kind"] = _("The current stage has not ended without an agreement.")
        elif STAGE_ORDER.index(stage.kind) > STAGE_ORDER.index(kind):
            errors["kind"] = _("A later stage is already recorded.")
        elif started_on < (stage.outcome_on or stage.started_on):
            errors["started_on"] = _("The stage starts before the previous one ended.")
    if started_on < abh.offence_on:
        errors["started_on"] = _("The stage starts before the offence.")
    if errors:
        raise ValidationError(errors)
    stage = Stage(abh=abh, kind=kind, started_on=started_on, social_report_requested_on=social_report_requested_on)
    _check_dates(stage)
    stage.save_with_reason(by=by, reason=_("Stage started"))
    sync_tasks(stage, by=by)
    return stage


ORDERED_EVENTS = [Event.STARTED, Event.JUDGE_ASSIGNED, Event.DIVERSION_STARTED, Event.DIVERSION_FINISHED,
                  Event.AGREEMENT_SENT, Event.RULING]


def _check_dates(stage: Stage):
    errors = {}
    for field in EVENT_FIELDS:
        value = getattr(stage, field)
        _not_future(value, field, errors)
        if value and field != Event.STARTED and value < stage.started_on:
            errors[field] = _("The date is before the stage started.")
    previous = None
    for field in ORDERED_EVENTS:  # each step after the one before it
        value = getattr(stage, field)
        if value is None:
            continue
        if previous and value < getattr(stage, previous) and field not in errors:
            errors[field] = _("The date is before %(event)s.") % {"event": Event(previous).label}
        previous = field
    if stage.social_report_submitted_on and stage.social_report_requested_on and (
            stage.social_report_submitted_on < stage.social_report_requested_on):
        errors[Event.REPORT_SUBMITTED] = _("The report is submitted before it was requested.")
    if stage.kind != StageKind.COURT and stage.judge_assigned_on:
        errors[Event.JUDGE_ASSIGNED] = _("A judge is assigned only at the court stage.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_events(*, stage: Stage, by, **dates) -> Stage:
    """Record event dates of a stage (file received, judge assigned, diversion started…); deadlines follow."""
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    _require_edit(stage.abh, by)
    _require_active(stage.abh)
    for field, value in dates.items():
        if field not in EVENT_FIELDS:
            raise ValidationError({field: _("Unknown event.")})
        setattr(stage, field, value)
    _check_dates(stage)
    stage.save_with_reason(by=by, reason=_("Stage dates"))
    sync_tasks(stage, by=by)
    return stage


@transaction.atomic
def record_outcome(*, stage: Stage, by, outcome: str, outcome_on: date | None = None, note: str = "") -> Stage:
    """Failed (→ the next stage may start), no diversion, or the case stopped. An agreement has its own step."""
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    abh = stage.abh
    _require_edit(abh, by)
    _require_active(abh)
    if outcome not in (Outcome.FAILED, Outcome.NOT_APPLICABLE, Outcome.STOPPED):
        raise ValidationError({"outcome": _("Record an agreement with the agreement form.")})
    if stage.outcome != Outcome.PENDING:
        raise ValidationError({"outcome": _("The outcome of this stage is already recorded.")})
    outcome_on = outcome_on or timezone.localdate()
    errors = {}
    _not_future(outcome_on, "outcome_on", errors)
    if outcome_on < stage.started_on:
        errors["outcome_on"] = _("The date is before the stage started.")
    if outcome == Outcome.STOPPED and not note.strip():
        errors["note"] = _("Say why the case stopped.")
    if errors:
        raise ValidationError(errors)
    stage.outcome, stage.outcome_on, stage.outcome_note = outcome, outcome_on, note.strip()
    if outcome == Outcome.FAILED and stage.diversion_started_on and not stage.diversion_finished_on:
        stage.diversion_finished_on = outcome_on
    stage.save_with_reason(by=by, reason=stage.get_outcome_display())
    if outcome == Outcome.STOPPED:
        abh.stopped_on, abh.stop_reason = outcome_on, note.strip()
        abh.save_with_reason(by=by, reason=_("Case stopped"))
    sync_tasks(stage, by=by)
    return stage


@transaction.atomic
def record_special_route(*, abh: AbhCase, by, decision: str) -> AbhCase:
    _require_edit(abh, by)
    if not abh.special_route:
        raise ValidationError({"special_route_decision": _("Only for a child under 12 at the offence.")})
    abh.special_route_decision = decision
    abh.full_clean(exclude=["case", "peksos", "created_by", "police_unit", "prosecutor", "court"])
    abh.save_with_reason(by=by, reason=_("Special route decision"))
    return abh


# ---------------------------------------------------------------------------------------- work


@transaction.atomic
def save_social_report(*, abh: AbhCase, by, stage: Stage, requested_on: date, background: str, recommendation: str,
                       report: SocialReport | None = None, submitted_on: date | None = None, **texts) -> SocialReport:
    """Write (or revise) the social report; its request and submission dates feed the stage's deadline."""
    _require_edit(abh, by)
    _require_active(abh)
    if stage.abh_id != abh.pk:
        raise ValidationError({"stage": _("The stage belongs to another case.")})
    if report is not None and report.letter_id:
        raise ValidationError({"submitted_on": _("The report was issued; write a new one.")})
    report = report or SocialReport(abh=abh, author=by)
    report.stage, report.requested_on, report.submitted_on = stage, requested_on, submitted_on
    report.background, report.recommendation = background, recommendation
    for name, value in texts.items():
        setattr(report, name, value)
    errors = {}
    _not_future(requested_on, "requested_on", errors)
    _not_future(submitted_on, "submitted_on", errors)
    if submitted_on and submitted_on < requested_on:
        errors["submitted_on"] = _("The report is submitted before it was requested.")
    if errors:
        raise ValidationError(errors)
    report.full_clean(exclude=["abh", "stage", "author", "letter"])
    report.save_with_reason(by=by, reason=_("Social report"))
    dates = {}
    if stage.social_report_requested_on is None or stage.social_report_requested_on > requested_on:
        dates[Event.REPORT_REQUESTED] = requested_on
    if submitted_on and not stage.social_report_submitted_on:
        dates[Event.REPORT_SUBMITTED] = submitted_on
    if dates and stage.is_open:
        record_events(stage=stage, by=by, **dates)
    return report


@transaction.atomic
def add_session(*, abh: AbhCase, by, held_on: date, place: str, with_whom: str, notes: str = "",
                stage: Stage | None = None) -> Session:
    _require_edit(abh, by)
    session = Session(abh=abh, stage=stage, held_on=held_on, place=place, with_whom=with_whom, notes=notes,
                      recorded_by=by)
    errors = {}
    _not_future(held_on, "held_on", errors)
    if errors:
        raise ValidationError(errors)
    session.full_clean(exclude=["abh", "stage", "recorded_by"])
    session.save_with_reason(by=by)
    return session


def _require_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Say why the record is changed.")})
    return reason


SESSION_FIELDS = ("held_on", "place", "with_whom", "notes")


@transaction.atomic
def update_session(*, session: Session, by, reason: str, **fields) -> Session:
    """Correct an accompaniment session after saving; the reason goes into its history."""
    session = Session.objects.select_for_update().select_related("abh__case").get(pk=session.pk)
    _require_edit(session.abh, by)
    reason = _require_reason(reason)
    for name, value in fields.items():
        if name not in SESSION_FIELDS:
            raise ValidationError({name: _("This field cannot be changed.")})
        setattr(session, name, value)
    errors = {}
    _not_future(session.held_on, "held_on", errors)
    if errors:
        raise ValidationError(errors)
    session.full_clean(exclude=["abh", "stage", "recorded_by"])
    session.save_with_reason(by=by, reason=reason)
    return session


DELIBERATION_FIELDS = ("held_on", "place", "facilitator", "participants", "result", "notes")


@transaction.atomic
def update_deliberation(*, deliberation: Deliberation, by, reason: str, **fields) -> Deliberation:
    """Correct a musyawarah record. Once the stage has its outcome the result stays; the agreement's musyawarah
    keeps its result and is not dated after the agreement; the stage's diversion start follows the dates."""
    deliberation = Deliberation.objects.select_for_update().select_related("stage__abh__case").get(
        pk=deliberation.pk)
    stage = deliberation.stage
    abh = stage.abh
    _require_edit(abh, by)
    reason = _require_reason(reason)
    before = deliberation.result
    for name, value in fields.items():
        if name not in DELIBERATION_FIELDS:
            raise ValidationError({name: _("This field cannot be changed.")})
        setattr(deliberation, name, value)
    errors = {}
    _not_future(deliberation.held_on, "held_on", errors)
    if deliberation.held_on < stage.started_on:
        errors["held_on"] = _("The date is before the stage started.")
    agreement = Agreement.objects.filter(deliberation=deliberation).first()
    if deliberation.result != before and (stage.outcome != Outcome.PENDING or agreement is not None):
        errors["result"] = _("The outcome of this stage is already recorded; the result cannot change.")
    if agreement is not None and deliberation.held_on > agreement.agreed_on:
        errors["held_on"] = _("The musyawarah is dated after the agreement.")
    if errors:
        raise ValidationError(errors)
    deliberation.full_clean(exclude=["abh", "stage", "recorded_by"])
    deliberation.save_with_reason(by=by, reason=reason)
    first = min(stage.deliberations.values_list("held_on", flat=True))
    if stage.outcome == Outcome.PENDING and not abh.stopped_on and abh.case.is_active and (
            stage.diversion_started_on != first):
        record_events(stage=stage, by=by, diversion_started_on=first)
    return deliberation


@transaction.atomic
def add_deliberation(*, stage: Stage, by, held_on: date, place: str, facilitator: str, participants: str,
                     result: str, notes: str = "") -> Deliberation:
    """A musyawarah; the first one marks the start of the diversion of its stage."""
    abh = stage.abh
    _require_edit(abh, by)
    _require_active(abh)
    errors = {}
    _not_future(held_on, "held_on", errors)
    if not abh.diversion_mandatory:
        errors["result"] = _("Diversion is not attempted for this case: %(reason)s") % {
            "reason": abh.diversion_reason}
    if stage.outcome != Outcome.PENDING:
        errors["result"] = _("The outcome of this stage is already recorded.")
    if held_on < stage.started_on:
        errors["held_on"] = _("The date is before the stage started.")
    if errors:
        raise ValidationError(errors)
    deliberation = Deliberation(abh=abh, stage=stage, held_on=held_on, place=place, facilitator=facilitator,
                                participants=participants, result=result, notes=notes, recorded_by=by)
    deliberation.full_clean(exclude=["abh", "stage", "recorded_by"])
    deliberation.save_with_reason(by=by)
    if stage.diversion_started_on is None or stage.diversion_started_on > held_on:
        record_events(stage=stage, by=by, diversion_started_on=held_on)
    return deliberation


@transaction.atomic
def record_agreement(*, stage: Stage, by, agreed_on: date, summary: str = "", terms=(),
                     deliberation: Deliberation | None = None) -> Agreement:
    """The agreement ends the diversion of its stage; it goes to the court, then supervision of its terms."""
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    abh = stage.abh
    _require_edit(abh, by)
    _require_active(abh)
    if stage.outcome != Outcome.PENDING:
        raise ValidationError({"agreed_on": _("The outcome of this stage is already recorded.")})
    if deliberation is None:
        deliberation = stage.deliberations.filter(result=DeliberationResult.AGREEMENT).order_by("-held_on").first()
    if deliberation is None or deliberation.stage_id != stage.pk:
        raise ValidationError({"deliberation": _("Record the musyawarah where the agreement was reached first.")})
    if agreed_on < deliberation.held_on:
        raise ValidationError({"agreed_on": _("The agreement is dated before the musyawarah.")})
    agreement = Agreement(stage=stage, deliberation=deliberation, agreed_on=agreed_on, summary=summary,
                          created_by=by)
    agreement.save_with_reason(by=by, reason=_("Diversion agreement"))
    for description in terms:
        if description.strip():
            add_term(agreement=agreement, by=by, description=description.strip())
    stage.outcome, stage.outcome_on = Outcome.AGREEMENT, agreed_on
    stage.diversion_finished_on = agreed_on
    _check_dates(stage)
    stage.save_with_reason(by=by, reason=_("Diversion agreement"))
    sync_tasks(stage, by=by)
    return agreement


@transaction.atomic
def record_ruling(*, stage: Stage, by, agreement_sent_on: date, ruling_on: date | None = None,
                  ruling_number: str = "") -> Stage:
    """The agreement sent to the district court and, when it comes, the court's ruling (penetapan)."""
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    _require_edit(stage.abh, by)
    if stage.outcome != Outcome.AGREEMENT:
        raise ValidationError({"agreement_sent_on": _("There is no agreement in this stage.")})
    stage.agreement_sent_on, stage.ruling_on = agreement_sent_on, ruling_on
    stage.ruling_number = ruling_number or stage.ruling_number
    if ruling_on and not stage.ruling_number:
        raise ValidationError({"ruling_number": _("Give the number of the ruling.")})
    _check_dates(stage)
    stage.save_with_reason(by=by, reason=_("Court ruling"))
    sync_tasks(stage, by=by)
    return stage


@transaction.atomic
def add_term(*, agreement: Agreement, by, description: str, responsible: str = "",
             due_on: date | None = None) -> AgreementTerm:
    _require_edit(agreement.stage.abh, by)
    term = AgreementTerm(agreement=agreement, description=description, responsible=responsible, due_on=due_on)
    term.full_clean(exclude=["agreement"])
    term.save_with_reason(by=by)
    return term


@transaction.atomic
def follow_up_term(*, term: AgreementTerm, by, status: str, follow_up: str = "",
                   checked_on: date | None = None) -> AgreementTerm:
    """Supervision of the agreement: the term's status and what was checked."""
    stage = Stage.objects.select_related("abh__case").get(pk=term.agreement.stage_id)  # fresh: the ruling
    _require_edit(stage.abh, by)
    if not stage.ruling_on and status in (TermStatus.FULFILLED, TermStatus.NOT_FULFILLED):
        raise ValidationError({"status": _("Supervision starts after the court's ruling.")})
    term.status, term.checked_on = status, checked_on or timezone.localdate()
    if follow_up.strip():
        stamp = term.checked_on.strftime("%d/%m/%Y")
        term.follow_up = (term.follow_up + "\n" if term.follow_up else "") + f"{stamp}: {follow_up.strip()}"
    term.full_clean(exclude=["agreement"])
    term.save_with_reason(by=by, reason=_("Term follow-up"))
    return term


@transaction.atomic
def add_document(*, abh: AbhCase, by, upload, kind: str, title: str = "", stage: Stage | None = None) -> Document:
    """Attach a scan or photo: PDF, JPEG or PNG checked by its bytes and size (the case attachments' check);
    the client's file name is never kept."""
    from uuid import uuid4

    from desaku.cases.services import check_attachment

    _require_edit(abh, by)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    if stage is not None and stage.abh_id != abh.pk:
        raise ValidationError({"stage": _("The stage belongs to another case.")})
    ext = check_attachment(upload)
    upload.name = f"{uuid4().hex}.{ext}"
    document = Document(abh=abh, stage=stage, kind=kind, file=upload, file_type=ext, size=upload.size,
                        title=" ".join((title or "").split())[:150] or str(DocumentKind(kind).label), uploaded_by=by)
    document.save_with_reason(by=by, reason=_("Document attached"))
    return document


# ------------------------------------------------------------------------------ tasks and notices


def task_source(stage: Stage, event: str) -> str:
    return f"diversion.deadline:{stage.pk}:{event}"


def sync_tasks(stage: Stage, *, by=None, today: date | None = None) -> int:
    """One task per open deadline for the accompanying Peksos; done or moot deadlines close theirs."""
    today = today or timezone.localdate()
    abh = stage.abh
    open_events = set()
    made = 0
    for deadline in deadlines.deadlines_for(stage, today):
        source = task_source(stage, deadline.event)
        if deadline.is_open and abh.peksos.is_active and abh.case.is_active:
            open_events.add(deadline.event)
            tasklist.create_task(
                title=_("%(deadline)s (%(number)s)") % {"deadline": deadline.rule.label, "number": abh.number},
                assigned_to=abh.peksos, due_on=deadline.due_on, by=by, source=source,
                detail=deadline.rule.legal_basis, url=reverse("diversion:abh_detail", args=[abh.pk]) + "#deadlines")
            made += 1
    for event in EVENT_FIELDS:
        if event not in open_events:
            tasklist.close_tasks_for(source=task_source(stage, event), by=by)
    return made


NOTICE_STATES = (deadlines.State.NEAR, deadlines.State.TODAY, deadlines.State.OVERDUE)


def notify_deadlines(today: date) -> int:
    """Daily: warn the accompanying Peksos before a deadline, on the day, and once when it is overdue."""
    stages = Stage.objects.filter(abh__stopped_on__isnull=True, outcome__in=[Outcome.PENDING, Outcome.AGREEMENT],
                                  abh__case__status__in=["open", "on_hold", "reopened"]).select_related(
        "abh__peksos", "abh__case")
    made = 0
    for deadline in deadlines.open_deadlines(stages, today):
        stage = deadline.stage
        sync_tasks(stage, today=today)
        if deadline.state not in NOTICE_STATES:
            continue
        titles = {deadlines.State.NEAR: _("Deadline in %(days)s days: %(deadline)s"),
                  deadlines.State.TODAY: _("Deadline today: %(deadline)s"),
                  deadlines.State.OVERDUE: _("Deadline passed: %(deadline)s")}
        title = titles[deadline.state] % {"days": deadline.days_left, "deadline": deadline.rule.label}
        body = _("%(number)s, %(stage)s, due %(due)s.") % {
            "number": stage.abh.number, "stage": stage.get_kind_display(), "due": deadline.due_on.strftime("%d/%m/%Y")}
        if notify(user=stage.abh.peksos, key=f"diversion:{stage.pk}:{deadline.event}:{deadline.state}", title=title,
                  body=body, url=reverse("diversion:abh_detail", args=[stage.abh_id]) + "#deadlines"):
            made += 1
    return made
