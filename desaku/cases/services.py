"""Writes of case management; the rules live here so the UI, the API and the outreach hand-over agree."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.cases.models import (
    ACTIVE_STATUSES,
    ATTACHMENT_MAX_BYTES,
    ActionStatus,
    Attachment,
    Case,
    CaseAssessment,
    CaseNote,
    CasePlan,
    CaseShare,
    CaseSource,
    CaseStatus,
    CaseTransfer,
    PlanAction,
    PlanGoal,
    PlanReview,
    Referral,
    ReferralStatus,
    ServiceDelivery,
    TransferStatus,
)
from desaku.cases.permissions import can_edit_case, can_reopen, is_supervisor
from desaku.core import tasklist
from desaku.core.models import Role


def _require_edit(case, by):
    if not can_edit_case(by, case):
        raise PermissionDenied


def _require_active(case):
    if case.status not in ACTIVE_STATUSES:
        raise ValidationError({"status": _("This case is closed.")})


def _url(name, *args):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the UI may not be installed in a minimal deployment
        return ""


# ------------------------------------------------------------------------------------------- cases


@transaction.atomic
def open_case(*, case_type: str, by, person=None, household=None, source: str = CaseSource.WALK_IN,
              worker=None, organisation=None, priority: str = "medium", summary: str = "",
              opened_on: date | None = None, source_reference: str = "", secondary_workers=()) -> Case:
    """Open a case for a person or a household. The worker defaults to the one opening it."""
    if person is None and household is None:
        raise ValidationError({"person": _("Choose the person or the household.")})
    if person is not None and household is not None:
        raise ValidationError({"household": _("A case is for a person or for a household, not both.")})
    worker = worker or by
    if not worker.is_active:
        raise ValidationError({"worker": _("The responsible worker must be an active user.")})
    organisation = organisation or worker.organisation or by.organisation
    if organisation is None:
        raise ValidationError({"worker": _("The responsible worker has no organisation.")})
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": _("The start date is in the future.")})
    case = Case(person=person, household=household, case_type=case_type, source=source, priority=priority,
                summary=summary, worker=worker, organisation=organisation, opened_on=opened_on,
                source_reference=source_reference, created_by=by)
    case.full_clean(exclude=["person", "household", "worker", "organisation", "created_by", "exit_destination"])
    case.save_with_reason(by=by, reason=_("Case opened"))
    case.secondary_workers.set([u for u in secondary_workers if u.pk != worker.pk])
    return case


def open_case_of(person):
    return Case.objects.filter(person=person, status__in=ACTIVE_STATUSES).order_by("-opened_on", "-pk").first()


def open_case_of_household(household):
    return Case.objects.filter(household=household, status__in=ACTIVE_STATUSES).order_by(
        "-opened_on", "-pk").first()


@transaction.atomic
def update_case(*, case: Case, by, secondary_workers=None, **fields) -> Case:
    """Type, priority, summary, source reference and secondary workers; the worker changes by transfer."""
    _require_edit(case, by)
    unknown = set(fields) - {"case_type", "priority", "summary", "source_reference"}
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    for name, value in fields.items():
        setattr(case, name, value)
    case.full_clean(exclude=["person", "household", "worker", "organisation", "created_by", "exit_destination"])
    case.save_with_reason(by=by, reason=_("Case updated"))
    if secondary_workers is not None:
        case.secondary_workers.set([u for u in secondary_workers if u.pk != case.worker_id])
    return case


TRANSITIONS = {  # action: (statuses it leaves from, status it goes to)
    "hold": ((CaseStatus.OPEN, CaseStatus.REOPENED), CaseStatus.ON_HOLD),
    "resume": ((CaseStatus.ON_HOLD,), CaseStatus.OPEN),
}


@transaction.atomic
def change_status(*, case: Case, by, action: str, reason: str = "") -> Case:
    """Put on hold / resume. Closing and reopening have their own functions (they need more)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_edit(case, by)
    if action not in TRANSITIONS:
        raise ValidationError({"action": _("Unknown action.")})
    sources, target = TRANSITIONS[action]
    if case.status not in sources:
        raise ValidationError({"status": _("This change is not possible from the case's status.")})
    case.status = target
    case.save_with_reason(by=by, reason=reason or action)
    return case


@transaction.atomic
def close_case(*, case: Case, by, exit_destination, reason: str, closed_on: date | None = None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_edit(case, by)
    _require_active(case)
    errors = {}
    if exit_destination is None:
        errors["exit_destination"] = _("Choose the exit destination.")
    if not (reason or "").strip():
        errors["closure_reason"] = _("Give the reason for closing.")
    closed_on = closed_on or timezone.localdate()
    if closed_on < case.opened_on:
        errors["closed_on"] = _("The close date is before the start date.")
    if errors:
        raise ValidationError(errors)
    case.status, case.closed_on = CaseStatus.CLOSED, closed_on
    case.exit_destination, case.closure_reason = exit_destination, reason.strip()
    case.save_with_reason(by=by, reason=reason)
    # Open plan actions end with the case.
    for action in PlanAction.objects.filter(goal__plan__case=case, status=ActionStatus.OPEN):
        action.status = ActionStatus.CANCELLED
        action.save_with_reason(by=by, reason=_("Case closed"))
        tasklist.close_tasks_for(source=action.task_source, by=by, done=False)
    return case


@transaction.atomic
def reopen_case(*, case: Case, by, reason: str) -> Case:
    """Only a Kepala Bidang or an Administrator reopens a closed case (the Kepala Dinas reads, never writes)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not can_reopen(by):
        raise ValidationError({"status": _("Only a supervisor can reopen a case.")})
    if case.status != CaseStatus.CLOSED:
        raise ValidationError({"status": _("Only a closed case can be reopened.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    case.status, case.closed_on = CaseStatus.REOPENED, None
    case.save_with_reason(by=by, reason=reason)
    return case


# ------------------------------------------------------------------------------------- assessment


@transaction.atomic
def save_assessment(*, case: Case, by, assessed_on: date, risk_level: str, needs: dict | None = None,
                    **details) -> CaseAssessment:
    _require_edit(case, by)
    _require_active(case)
    latest = case.assessments.order_by("-version").first()
    assessment = CaseAssessment(case=case, version=(latest.version + 1) if latest else 1, assessed_on=assessed_on,
                                assessed_by=by, risk_level=risk_level, needs=needs or {}, **details)
    assessment.full_clean(exclude=["case", "assessed_by"])
    assessment.save_with_reason(by=by)
    return assessment


# ------------------------------------------------------------------------------------------- plan


@transaction.atomic
def save_plan(*, case: Case, by, next_review_on: date, summary: str = "") -> CasePlan:
    _require_edit(case, by)
    _require_active(case)
    plan = CasePlan.objects.filter(case=case).first() or CasePlan(case=case, created_by=by)
    plan.summary, plan.next_review_on = summary, next_review_on
    plan.save_with_reason(by=by, reason=_("Case plan"))
    return plan


@transaction.atomic
def add_goal(*, plan: CasePlan, by, description: str, atensi_component: str = "") -> PlanGoal:
    _require_edit(plan.case, by)
    _require_active(plan.case)
    goal = PlanGoal(plan=plan, description=description, atensi_component=atensi_component)
    goal.full_clean(exclude=["plan"])
    goal.save_with_reason(by=by)
    return goal


@transaction.atomic
def add_action(*, goal: PlanGoal, by, description: str, responsible=None, responsible_other: str = "",
               due_on: date | None = None) -> PlanAction:
    """An action; with a due date and a responsible user it becomes a task on their list."""
    case = goal.plan.case
    _require_edit(case, by)
    _require_active(case)
    if responsible is None and not responsible_other:
        raise ValidationError({"responsible": _("Say who does it.")})
    action = PlanAction(goal=goal, description=description, responsible=responsible,
                        responsible_other=responsible_other, due_on=due_on)
    action.full_clean(exclude=["goal", "responsible"])
    action.save_with_reason(by=by)
    _task_for(action, by)
    return action


def _task_for(action: PlanAction, by):
    if action.due_on and action.responsible is not None and action.responsible.is_active:
        case = action.goal.plan.case
        tasklist.create_task(
            title=_("%(action)s (case %(number)s)") % {"action": action.description, "number": case.number},
            assigned_to=action.responsible, due_on=action.due_on, by=by, detail=action.goal.description,
            url=_url("cases:case_detail", case.pk) + "#plan", source=action.task_source)


@transaction.atomic
def complete_action(*, action: PlanAction, by, done_on: date | None = None) -> PlanAction:
    case = action.goal.plan.case
    if not (can_edit_case(by, case) or action.responsible_id == by.pk):
        raise PermissionDenied
    if action.status != ActionStatus.OPEN:
        raise ValidationError({"status": _("Only an open action can be marked done.")})
    action.status, action.done_on = ActionStatus.DONE, done_on or timezone.localdate()
    action.save_with_reason(by=by, reason=_("Action done"))
    tasklist.close_tasks_for(source=action.task_source, by=by)
    return action


@transaction.atomic
def add_review(*, plan: CasePlan, by, reviewed_on: date, progress: str, next_review_on: date) -> PlanReview:
    _require_edit(plan.case, by)
    _require_active(plan.case)
    if next_review_on <= reviewed_on:
        raise ValidationError({"next_review_on": _("The next review must come after this one.")})
    review = PlanReview(plan=plan, reviewed_on=reviewed_on, progress=progress, next_review_on=next_review_on,
                        reviewed_by=by)
    review.full_clean(exclude=["plan", "reviewed_by"])
    review.save_with_reason(by=by)
    plan.next_review_on = next_review_on
    plan.save_with_reason(by=by, reason=_("Plan reviewed"))
    return review


# -------------------------------------------------------------------------------- services, notes


@transaction.atomic
def record_service(*, case: Case, by, service_type, delivered_on: date, provider: str = "",
                   provider_institution=None, quantity=None, amount=None, notes: str = "") -> ServiceDelivery:
    _require_edit(case, by)
    _require_active(case)
    if delivered_on < case.opened_on:
        raise ValidationError({"delivered_on": _("The date is before the case was opened.")})
    if amount is not None and amount < 0 or quantity is not None and quantity < 0:
        raise ValidationError({"amount": _("Amounts cannot be negative.")})
    if amount is not None and not service_type.has_amount:
        raise ValidationError({"amount": _("This service has no amount in rupiah.")})
    service = ServiceDelivery(case=case, service_type=service_type, delivered_on=delivered_on, provider=provider,
                              provider_institution=provider_institution, quantity=quantity, amount=amount,
                              notes=notes, recorded_by=by)
    service.full_clean(exclude=["case", "recorded_by", "service_type", "provider_institution"])
    service.save_with_reason(by=by)
    return service


@transaction.atomic
def add_note(*, case: Case, by, text: str, kind: str = "note", noted_on: date | None = None,
             confidential: bool = False) -> CaseNote:
    _require_edit(case, by)
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the note.")})
    note = CaseNote(case=case, kind=kind, noted_on=noted_on or timezone.localdate(), text=text.strip(),
                    confidential=confidential, author=by)
    note.full_clean(exclude=["case", "author"])
    note.save_with_reason(by=by)
    return note


def check_attachment(upload) -> str:
    """PDF, JPEG or PNG by content (magic bytes), at most ATTACHMENT_MAX_BYTES. Returns the extension."""
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than %(mb)s MB.") % {
            "mb": ATTACHMENT_MAX_BYTES // (1024 * 1024)}})
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    raise ValidationError({"file": _("Only PDF, JPEG or PNG files are accepted.")})


@transaction.atomic
def add_attachment(*, case: Case, by, upload, title: str, service=None, referral=None) -> Attachment:
    from uuid import uuid4

    _require_edit(case, by)
    ext = check_attachment(upload)
    if service is not None and service.case_id != case.pk or referral is not None and referral.case_id != case.pk:
        raise ValidationError({"file": _("The record belongs to another case.")})
    upload.name = f"{uuid4().hex}.{ext}"  # never keep the client's file name
    attachment = Attachment(case=case, service=service, referral=referral, file=upload, file_type=ext,
                            size=upload.size, title=(title or "").strip() or _("Document"), uploaded_by=by)
    attachment.save_with_reason(by=by)
    return attachment


# ---------------------------------------------------------------------------------- transfer, share


@transaction.atomic
def request_transfer(*, case: Case, by, to_organisation, reason: str, to_worker=None) -> CaseTransfer:
    _require_edit(case, by)
    _require_active(case)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the transfer.")})
    if to_worker is not None and to_worker.organisation_id != to_organisation.pk:
        raise ValidationError({"to_worker": _("The worker is not in that organisation.")})
    if to_worker is not None and to_worker.pk == case.worker_id:
        raise ValidationError({"to_worker": _("This worker is already responsible.")})
    if case.transfers.filter(status=TransferStatus.REQUESTED).exists():
        raise ValidationError({"to_organisation": _("A transfer is already waiting for an answer.")})
    transfer = CaseTransfer(case=case, to_organisation=to_organisation, to_worker=to_worker, reason=reason.strip(),
                            requested_by=by)
    transfer.save_with_reason(by=by, reason=reason)
    from desaku.core.notifications import notify

    for user in _receivers(transfer):
        notify(user=user, key=f"case-transfer:{transfer.pk}:{user.pk}", title=_("A case is offered to you"),
               body=reason[:200], url=_url("cases:caseload"))
    return transfer


def _receivers(transfer):
    from desaku.core.models import User

    if transfer.to_worker_id:
        return [transfer.to_worker]
    return list(User.objects.filter(organisation=transfer.to_organisation, is_active=True,
                                    groups__name__in=(Role.MITRA_LKS, Role.KEPALA_BIDANG)).distinct()[:20])


def can_decide_transfer(user, transfer) -> bool:
    if transfer.to_worker_id:
        return transfer.to_worker_id == user.pk or (
            is_supervisor(user) and user.organisation_id == transfer.to_organisation_id)
    return user.organisation_id == transfer.to_organisation_id and user.has_role(
        Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS, Role.MITRA_LKS, Role.OPERATOR)


@transaction.atomic
def decide_transfer(*, transfer: CaseTransfer, by, accept: bool, note: str = "") -> CaseTransfer:
    """The receiving side accepts (the case moves) or declines (nothing changes)."""
    transfer = CaseTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != TransferStatus.REQUESTED:
        raise ValidationError({"status": _("This transfer was already answered.")})
    if not can_decide_transfer(by, transfer):
        raise PermissionDenied
    if not accept and not (note or "").strip():
        raise ValidationError({"decision_note": _("Say why the transfer is declined.")})
    transfer.status = TransferStatus.ACCEPTED if accept else TransferStatus.DECLINED
    transfer.decided_by, transfer.decided_at, transfer.decision_note = by, timezone.now(), note
    transfer.save_with_reason(by=by, reason=note or transfer.status)
    if accept:
        case = transfer.case
        previous = case.worker
        case.worker = transfer.to_worker or by
        case.organisation = transfer.to_organisation
        case.save_with_reason(by=by, reason=_("Transfer accepted"))
        case.secondary_workers.remove(case.worker)
        # Open plan tasks of the previous worker follow the case.
        for action in PlanAction.objects.filter(goal__plan__case=case, status=ActionStatus.OPEN,
                                                responsible=previous):
            tasklist.close_tasks_for(source=action.task_source, by=by, done=False)
            action.responsible = case.worker
            action.save_with_reason(by=by, reason=_("Transfer accepted"))
            _task_for(action, by)
    return transfer


def consent_allows(person, organisation, until: date) -> bool:
    """The person's valid, unwithdrawn consent names the organisation and lasts the whole period."""
    from django.db.models import Q

    if person is None:
        return False
    return person.consents.filter(shared_with=organisation, withdrawn_on__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=until)).exists()


@transaction.atomic
def share_case(*, case: Case, by, organisation, ends_on: date, reason: str, starts_on: date | None = None) -> CaseShare:
    _require_edit(case, by)
    starts_on = starts_on or timezone.localdate()
    errors = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("The end is before the start.")
    if not (reason or "").strip():
        errors["reason"] = _("Give the purpose of the share.")
    if organisation.pk == case.organisation_id:
        errors["organisation"] = _("The case is already held by this organisation.")
    if errors:
        raise ValidationError(errors)
    person = case.person or (case.household.head if case.household_id else None)
    if not consent_allows(person, organisation, ends_on):
        raise ValidationError({"organisation": _("The person's consent does not allow sharing with this "
                                                 "organisation for this period.")})
    share = CaseShare(case=case, organisation=organisation, starts_on=starts_on, ends_on=ends_on,
                      reason=reason.strip(), shared_by=by)
    share.save_with_reason(by=by, reason=reason)
    return share


@transaction.atomic
def revoke_share(*, share: CaseShare, by) -> CaseShare:
    _require_edit(share.case, by)
    if share.revoked_on:
        raise ValidationError({"revoked_on": _("This share was already revoked.")})
    share.revoked_on = timezone.localdate()
    share.save_with_reason(by=by, reason=_("Share revoked"))
    return share


# ------------------------------------------------------------------------------------------ referrals


@transaction.atomic
def create_referral(*, case: Case, by, reason: str, institution=None, internal_service: str = "",
                    documents: str = "") -> Referral:
    _require_edit(case, by)
    _require_active(case)
    if institution is None and not internal_service.strip():
        raise ValidationError({"institution": _("Choose the institution or the department service.")})
    referral = Referral(case=case, person=case.person, institution=institution, internal_service=internal_service,
                        reason=reason, documents=documents, created_by=by)
    referral.full_clean(exclude=["case", "person", "institution", "created_by", "letter"])
    referral.save_with_reason(by=by)
    return referral


REFERRAL_STEPS = {  # action: (from, to)
    "send": (ReferralStatus.DRAFT, ReferralStatus.SENT),
    "accept": (ReferralStatus.SENT, ReferralStatus.ACCEPTED),
    "decline": (ReferralStatus.SENT, ReferralStatus.DECLINED),
    "complete": (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED),
}


@transaction.atomic
def advance_referral(*, referral: Referral, by, action: str, on: date | None = None, response: str = "") -> Referral:
    """draft → sent → accepted / declined → completed; the answer records the institution's response."""
    referral = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    _require_edit(referral.case, by)
    if action not in REFERRAL_STEPS:
        raise ValidationError({"action": _("Unknown action.")})
    source, target = REFERRAL_STEPS[action]
    if referral.status != source:
        raise ValidationError({"status": _("This step is not possible from the referral's status.")})
    on = on or timezone.localdate()
    if action == "send":
        referral.sent_on = on
    elif action in ("accept", "decline"):
        if action == "decline" and not response.strip():
            raise ValidationError({"response": _("Record the institution's response.")})
        referral.responded_on, referral.response = on, response.strip()
        tasklist.close_tasks_for(source=f"cases.referral:{referral.pk}", by=by)
    else:
        referral.completed_on = on
        if response.strip():
            referral.response = (referral.response + "\n" + response.strip()).strip()
    referral.status = target
    referral.save_with_reason(by=by, reason=action)
    return referral


def referral_from_disposition(*, disposition, by) -> Referral | None:
    """An approved shelter disposition to an institution: reuse or open the person's case, add a sent referral."""
    if disposition.institution_id is None:
        return None
    existing = Referral.objects.filter(disposition_id=disposition.pk).first()
    if existing is not None:
        return existing
    stay = disposition.stay
    person = stay.person
    case = open_case_of(person)
    worker = stay.responsible_worker if stay.responsible_worker.is_active else by
    if case is None:
        case = open_case(person=person, case_type=_case_type_for(person, disposition.decided_on), by=by,
                         source=CaseSource.DISPOSITION, worker=worker, organisation=stay.organisation,
                         opened_on=disposition.decided_on, summary=disposition.notes,
                         source_reference=f"outreach.disposition:{disposition.pk}")
    referral = Referral(case=case, person=person, institution=disposition.institution,
                        reason=disposition.notes or disposition.get_kind_display(), status=ReferralStatus.SENT,
                        sent_on=disposition.decided_on, disposition_id=disposition.pk, created_by=by)
    referral.save_with_reason(by=by, reason=_("From the shelter disposition"))
    return referral


def _case_type_for(person, on):
    from desaku.cases.models import CaseType

    age = person.age_on(on)
    if age is not None and age < 18:
        return CaseType.CHILD
    if age is not None and age >= 60:
        return CaseType.ELDERLY
    return CaseType.TUNA_SOSIAL
