"""Writes of the village module; the rules live here so the UI, the API and the demo agree.

Selection: nomination → initial selection (Peksos with an LKS, scored checklist) → final selection
(Kemensos reviewer the file was sent to) → accepted (within the round's quota), waiting list (ranked) or
rejected, each with reasons. The final stage is impossible before the initial one; whoever nominated a
household can neither pass it in the initial selection nor decide it finally.
Occupancy: one household per unit, one unit per household (DB constraints and checks here); only a usable
unit of the candidate's own site is allocated. When an occupancy ends, the household's candidate file leaves
the round ("exited", with the reason): it takes no place in the quota any more and is never allocated again
from that file. A vacated usable unit is offered to the first household on the waiting list of a round with
a free place, with a task for the program officer. Dates of checks, ends, sales and production are never in
the future, and nothing about an occupancy is dated before the household moved in.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.core.models import Role
from desaku.village.models import (
    CHECKLIST,
    LIVING,
    PASS_SCORE,
    Attendance,
    Candidate,
    CandidateStatus,
    EndReason,
    Enterprise,
    FollowUp,
    InventoryCheck,
    MentorAssignment,
    MentoringSession,
    MonthlyIncome,
    NominationSource,
    Occupancy,
    OccupancyStatus,
    Offer,
    OfferStatus,
    ProductionRecord,
    ProgressReview,
    ResidenceCheck,
    ResidenceWarning,
    Sale,
    SelectionRound,
    UepGrant,
    Unit,
    UtilityPayment,
)
from desaku.village.permissions import FINAL_SELECTORS, INITIAL_SELECTORS, MANAGERS, MENTORS, NOMINATORS

FINAL_DECISIONS = (CandidateStatus.ACCEPTED, CandidateStatus.WAITING, CandidateStatus.REJECTED)
MAX_WARNINGS = 3


def _require(user, roles, field, message):
    if not user.has_role(*roles):
        raise ValidationError({field: message})


def not_future(value, field):
    if value is not None and value > timezone.localdate():
        raise ValidationError({field: _("The date is in the future.")})


def places_taken(selection: SelectionRound, *, besides: Candidate | None = None) -> int:
    """Places of the round's quota taken: its accepted households that have not left (an exited one frees its
    place), and the places kept for its waiting households with an open offer of a vacated unit."""
    taken = selection.candidates.filter(
        Q(status=CandidateStatus.ACCEPTED) | Q(status=CandidateStatus.WAITING, offers__status=OfferStatus.OPEN))
    if besides is not None:
        taken = taken.exclude(pk=besides.pk)
    return taken.distinct().count()


def current_round(site) -> SelectionRound | None:
    return site.rounds.filter(closed=False).order_by("-year", "-id").first()


# ------------------------------------------------------------------------------------------ nomination


@transaction.atomic
def nominate(*, round: SelectionRound, household, by, source: str = NominationSource.DIRECT, disposition=None,
             source_reference: str = "", reason: str = "", on: date | None = None, case=None) -> Candidate:
    """Put a household on a round's candidate list (from a shelter disposition, a case or directly)."""
    _require(by, NOMINATORS, "household", _("Your role may not nominate households."))
    if case is not None:  # the case's number is the reference; the case is linked (see nominate_from_case)
        source, source_reference = NominationSource.CASE, case.number
    if round.closed:
        raise ValidationError({"round": _("This selection round is closed.")})
    if Candidate.objects.filter(round=round, household=household).exists():
        raise ValidationError({"household": _("This household is already a candidate in this round.")})
    if Occupancy.objects.filter(household=household, status__in=LIVING).exists():
        raise ValidationError({"household": _("This household already lives in the village.")})
    if source == NominationSource.CASE and not source_reference:
        raise ValidationError({"source_reference": _("Give the case number.")})
    candidate = Candidate(round=round, household=household, source=source, disposition=disposition, case=case,
                          source_reference=source_reference, nomination_reason=reason,
                          nominated_on=on or timezone.localdate(), nominated_by=by,
                          organisation=by.organisation)
    candidate.full_clean(exclude=["round", "household", "nominated_by", "organisation", "disposition", "case"])
    candidate.save_with_reason(by=by, reason=reason)
    return candidate


def household_of(person, *, by):
    """The person's current household, or a new one with the person as head (nomination from a stay)."""
    from desaku.people import services as people_services

    membership = person.household_memberships.filter(end_date__isnull=True).select_related("household").first()
    if membership is not None:
        return membership.household
    return people_services.create_household(by=by, head=person, kelurahan=person.domicile_kelurahan)


@transaction.atomic
def nominate_from_case(*, case, round: SelectionRound, by, reason: str = "") -> Candidate:
    """Nominate the household of a case (its household, or the person's own — made when the person has none);
    the candidate is linked to the case. The caller has checked that the user may see and work on the case."""
    if not case.is_active:
        raise ValidationError({"round": _("The case is closed.")})
    household = case.household if case.household_id else household_of(case.person, by=by)
    return nominate(round=round, household=household, by=by, case=case, reason=reason)


def nominate_from_disposition(disposition, by) -> Candidate | None:
    """Signal receiver's work: an approved "nominated for Desaku Menanti" disposition nominates the family."""
    from desaku.village.models import Site

    site = Site.objects.filter(active=True).order_by("id").first()
    selection = current_round(site) if site else None
    if selection is None:
        return None
    person = disposition.stay.person
    household = household_of(person, by=by)
    if Candidate.objects.filter(round=selection, household=household).exists():
        return None
    nominator = disposition.proposed_by
    if not nominator.has_role(*NOMINATORS):
        nominator = by
    return nominate(round=selection, household=household, by=nominator, source=NominationSource.SHELTER,
                    disposition=disposition, reason=disposition.notes, on=disposition.decided_on)


# ----------------------------------------------------------------------------------- initial selection


def score_checklist(checklist: dict) -> tuple[int, list[str]]:
    """The score (0–100) and the required items that are not met."""
    score = sum(points for key, _label, points, _required in CHECKLIST if checklist.get(key))
    missing = [key for key, _label, _points, required in CHECKLIST if required and not checklist.get(key)]
    return score, missing


@transaction.atomic
def initial_selection(*, candidate: Candidate, by, lks, checklist: dict, passed: bool, reviewer=None,
                      note: str = "", on: date | None = None) -> Candidate:
    """The Peksos's initial selection with an LKS; a passed file is sent to a Kemensos reviewer."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _require(by, INITIAL_SELECTORS, "initial_by", _("The initial selection is made by a Peksos."))
    if candidate.status != CandidateStatus.NOMINATED:
        raise ValidationError({"status": _("The initial selection was already made.")})
    if lks is None:
        raise ValidationError({"initial_lks": _("Name the LKS that took part in the initial selection.")})
    checklist = {key: bool(checklist.get(key)) for key, *_rest in CHECKLIST}
    score, missing = score_checklist(checklist)
    if passed:
        if candidate.nominated_by_id == by.pk:
            raise ValidationError({"initial_by": _("Whoever nominated a household cannot approve it.")})
        if missing or score < PASS_SCORE:
            raise ValidationError({"checklist": _("The household does not meet the required criteria "
                                                  "(score %(score)s of %(needed)s).") % {"score": score,
                                                                                          "needed": PASS_SCORE}})
        if reviewer is None or not reviewer.has_role(Role.PENINJAU_KEMENSOS):
            raise ValidationError({"sent_to": _("Choose the Kemensos reviewer who makes the final selection.")})
    elif not note:
        raise ValidationError({"initial_note": _("Give the reasons.")})
    candidate.initial_on, candidate.initial_by, candidate.initial_lks = on or timezone.localdate(), by, lks
    candidate.checklist, candidate.score, candidate.initial_note = checklist, score, note
    candidate.status = CandidateStatus.SENT if passed else CandidateStatus.INITIAL_FAILED
    candidate.sent_to = reviewer if passed else None
    candidate.save_with_reason(by=by, reason=note or candidate.status)
    if passed:
        from desaku.core.notifications import notify

        notify(user=reviewer, key=f"village-candidate-sent:{candidate.pk}", title=_(
            "A candidate file is waiting for the final selection"), url=f"/village/candidates/{candidate.pk}/")
    return candidate


# ------------------------------------------------------------------------------------- final selection


@transaction.atomic
def final_selection(*, candidate: Candidate, by, decision: str, reasons: str, on: date | None = None) -> Candidate:
    """Kemensos decides: accepted (within the quota), waiting list (next rank) or rejected."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _require(by, FINAL_SELECTORS, "final_by", _("The final selection is made by the Kemensos reviewer."))
    if decision not in FINAL_DECISIONS:
        raise ValidationError({"decision": _("Choose accepted, waiting list or rejected.")})
    if candidate.status in (CandidateStatus.NOMINATED, CandidateStatus.INITIAL_FAILED) or candidate.initial_on is None:
        raise ValidationError({"status": _("The final selection comes after a passed initial selection.")})
    if candidate.status != CandidateStatus.SENT:
        raise ValidationError({"status": _("The final selection was already made.")})
    if candidate.nominated_by_id == by.pk:
        raise ValidationError({"final_by": _("Whoever nominated a household cannot approve it.")})
    if candidate.sent_to_id not in (None, by.pk) and not by.has_role(Role.ADMINISTRATOR):
        raise ValidationError({"final_by": _("This file was sent to another reviewer.")})
    if not reasons:
        raise ValidationError({"final_reason": _("Give the reasons for the decision.")})
    selection = SelectionRound.objects.select_for_update().get(pk=candidate.round_id)
    if decision == CandidateStatus.ACCEPTED:
        if places_taken(selection) >= selection.quota:
            raise ValidationError({"decision": _("The round's quota of %(quota)s households is reached; put the "
                                                 "household on the waiting list.") % {"quota": selection.quota}})
    if decision == CandidateStatus.WAITING:
        last = selection.candidates.filter(status=CandidateStatus.WAITING).aggregate(m=Max("waiting_rank"))["m"]
        candidate.waiting_rank = (last or 0) + 1
    candidate.status, candidate.final_by, candidate.final_on = decision, by, on or timezone.localdate()
    candidate.final_reason = reasons
    candidate.save_with_reason(by=by, reason=reasons)
    return candidate


def waiting_list(selection: SelectionRound):
    return selection.candidates.filter(status=CandidateStatus.WAITING).order_by("waiting_rank", "id")


# ---------------------------------------------------------------------------------------- occupancy


def is_free(unit: Unit) -> bool:
    return not unit.occupancies.filter(status__in=LIVING).exists()


def is_usable(unit: Unit) -> bool:
    from desaku.village.models import Condition

    return unit.condition != Condition.UNUSABLE


@transaction.atomic
def allocate(*, candidate: Candidate, unit: Unit, by, on: date | None = None) -> Occupancy:
    """Give an accepted household a free unit (one household per unit; one unit per household)."""
    _require(by, MANAGERS, "unit", _("Your role may not allocate units."))
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status == CandidateStatus.EXITED:
        raise ValidationError({"candidate": _("This household has left the village; its candidate file is "
                                              "closed. Nominate it in a new round to house it again.")})
    if unit.building.site_id != candidate.round.site_id:
        raise ValidationError({"unit": _("Unit %(unit)s is not in the site of the household's selection "
                                         "round.") % {"unit": unit.number}})
    if not is_usable(unit):
        raise ValidationError({"unit": _("Unit %(unit)s is marked unusable.") % {"unit": unit.number}})
    offer = candidate.offers.filter(status=OfferStatus.OPEN, unit=unit).first()
    if candidate.status != CandidateStatus.ACCEPTED and offer is None:
        raise ValidationError({"candidate": _("Only an accepted household (or one offered this unit) gets a unit.")})
    if not is_free(unit):
        raise ValidationError({"unit": _("Unit %(unit)s is occupied.") % {"unit": unit.number}})
    if unit.offers.filter(status=OfferStatus.OPEN).exclude(candidate=candidate).exists():
        raise ValidationError({"unit": _("Unit %(unit)s is offered to another household.") % {"unit": unit.number}})
    if Occupancy.objects.filter(household=candidate.household_id, status__in=LIVING).exists():
        raise ValidationError({"candidate": _("This household already has a unit.")})
    on = on or timezone.localdate()
    not_future(on, "allocated_on")
    if candidate.status == CandidateStatus.WAITING:  # a replacement takes a place of the quota
        selection = SelectionRound.objects.select_for_update().get(pk=candidate.round_id)
        if places_taken(selection, besides=candidate) >= selection.quota:
            raise ValidationError({"candidate": _("The round's quota of %(quota)s households is reached.") % {
                "quota": selection.quota}})
    occupancy = Occupancy(unit=unit, household=candidate.household, candidate=candidate,
                          allocated_on=on, allocated_by=by, organisation=by.organisation)
    occupancy.save_with_reason(by=by)
    if offer is not None:
        offer.status, offer.responded_on = OfferStatus.ACCEPTED, occupancy.allocated_on
        offer.save_with_reason(by=by, reason="allocated")
        if candidate.status == CandidateStatus.WAITING:
            candidate.status, candidate.waiting_rank = CandidateStatus.ACCEPTED, None
            candidate.save_with_reason(by=by, reason=_("Took the offered unit %(unit)s") % {"unit": unit.number})
        from desaku.core.tasklist import close_tasks_for

        close_tasks_for(source=f"village.offer:{offer.pk}", by=by)
    return occupancy


@transaction.atomic
def move_in(*, occupancy: Occupancy, by, on: date) -> Occupancy:
    _require(by, MANAGERS, "move_in_date", _("Your role may not record a move-in."))
    occupancy = Occupancy.objects.select_for_update().get(pk=occupancy.pk)
    if occupancy.status != OccupancyStatus.ALLOCATED:
        raise ValidationError({"move_in_date": _("The household has already moved in, or the occupancy ended.")})
    if on < occupancy.allocated_on:
        raise ValidationError({"move_in_date": _("The move-in date is before the allocation.")})
    not_future(on, "move_in_date")
    occupancy.status, occupancy.move_in_date = OccupancyStatus.ACTIVE, on
    occupancy.save_with_reason(by=by, reason="moved in")
    return occupancy


@transaction.atomic
def record_residence_check(*, occupancy: Occupancy, by, checked_on: date, living_there: bool,
                           note: str = "") -> ResidenceCheck:
    _require(by, MANAGERS + (Role.MITRA_LKS, Role.PENDAMPING), "checked_on", _("Your role may not record checks."))
    occupancy = Occupancy.objects.get(pk=occupancy.pk)
    if occupancy.status != OccupancyStatus.ACTIVE:
        raise ValidationError({"checked_on": _("Checks are recorded while the household lives there.")})
    if checked_on is None:
        raise ValidationError({"checked_on": _("This field is required.")})
    not_future(checked_on, "checked_on")
    if occupancy.move_in_date and checked_on < occupancy.move_in_date:
        raise ValidationError({"checked_on": _("The check is dated before the household moved in.")})
    if not living_there and not note:
        raise ValidationError({"note": _("Say what was found.")})
    check = ResidenceCheck(occupancy=occupancy, checked_on=checked_on, living_there=living_there, note=note,
                           checked_by=by)
    check.save_with_reason(by=by, reason=note)
    from desaku.core.tasklist import close_tasks_for

    # The monthly job's task for this check (registrations.residence_checks_due) is done.
    close_tasks_for(source=f"village.check:{occupancy.pk}:{checked_on:%Y-%m}", by=by)
    return check


@transaction.atomic
def issue_warning(*, occupancy: Occupancy, by, reason: str, on: date | None = None) -> ResidenceWarning:
    """Warning letters SP1, SP2, SP3 in order."""
    _require(by, MANAGERS, "reason", _("Your role may not issue warnings."))
    occupancy = Occupancy.objects.select_for_update().get(pk=occupancy.pk)  # one level at a time
    if occupancy.status == OccupancyStatus.ENDED:
        raise ValidationError({"reason": _("The occupancy has ended.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the warning.")})
    level = occupancy.warnings.count() + 1
    if level > MAX_WARNINGS:
        raise ValidationError({"reason": _("Three warnings were given; decide on the occupancy.")})
    on = on or timezone.localdate()
    not_future(on, "issued_on")
    warning = ResidenceWarning(occupancy=occupancy, level=level, issued_on=on, reason=reason,
                               issued_by=by)
    warning.save_with_reason(by=by, reason=reason)
    return warning


@transaction.atomic
def end_occupancy(*, occupancy: Occupancy, by, reason: str, on: date, decision: str = "", note: str = "") -> Occupancy:
    """End an occupancy (moved out, graduated, expelled with a decision and reason, deceased) and offer the unit."""
    _require(by, (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS), "end_reason",
             _("Your role may not end an occupancy."))
    occupancy = Occupancy.objects.select_for_update().get(pk=occupancy.pk)
    if occupancy.status == OccupancyStatus.ENDED:
        raise ValidationError({"end_reason": _("The occupancy has already ended.")})
    if reason not in EndReason.values:
        raise ValidationError({"end_reason": _("Choose the reason.")})
    if on is None:
        raise ValidationError({"ended_on": _("This field is required.")})
    if on < occupancy.allocated_on:
        raise ValidationError({"ended_on": _("The end date is before the allocation.")})
    if occupancy.move_in_date and on < occupancy.move_in_date:
        raise ValidationError({"ended_on": _("The end date is before the move-in.")})
    not_future(on, "ended_on")
    if reason == EndReason.EXPELLED:
        if not decision:
            raise ValidationError({"end_decision": _("An expulsion needs the decision (its number).")})
        if not note:
            raise ValidationError({"end_note": _("Give the reason for the expulsion.")})
        if not by.has_role(Role.ADMINISTRATOR, Role.KEPALA_BIDANG):
            raise ValidationError({"end_reason": _("An expulsion is decided by a Kepala Bidang.")})
    occupancy.status, occupancy.ended_on, occupancy.end_reason = OccupancyStatus.ENDED, on, reason
    occupancy.end_decision, occupancy.end_note = decision, note
    occupancy.save_with_reason(by=by, reason=note or reason)
    if occupancy.candidate_id:  # the household leaves the round: its place of the quota is free again
        candidate = Candidate.objects.select_for_update().get(pk=occupancy.candidate_id)
        if candidate.status == CandidateStatus.ACCEPTED:
            candidate.status, candidate.exited_on, candidate.exit_reason = CandidateStatus.EXITED, on, reason
            candidate.save_with_reason(by=by, reason=note or reason)
    offer_vacancy(unit=occupancy.unit, by=by, on=on, vacated=occupancy)
    return occupancy


@transaction.atomic
def offer_vacancy(*, unit: Unit, by, on: date | None = None, vacated=None) -> Offer | None:
    """Offer a free, usable unit to the first household on the waiting list of the site's latest round that
    has a free place in its quota."""
    if not is_free(unit) or not is_usable(unit) or unit.offers.filter(status=OfferStatus.OPEN).exists():
        return None
    site = unit.building.site
    offered = Offer.objects.filter(status=OfferStatus.OPEN).values("candidate")
    for selection in site.rounds.order_by("-year", "-id"):
        if places_taken(selection) >= selection.quota:
            continue
        first = waiting_list(selection).exclude(pk__in=offered).exclude(
            household__village_occupancies__status__in=LIVING).first()
        if first is not None:
            break
    else:
        return None
    on = on or timezone.localdate()
    offer = Offer(unit=unit, candidate=first, offered_on=on, vacated=vacated)
    offer.save_with_reason(by=by, reason="vacancy")
    officer = site.program_officer or by
    from desaku.core.notifications import notify
    from desaku.core.tasklist import create_task

    title = _("Offer unit %(unit)s to the next household on the waiting list (rank %(rank)s)") % {
        "unit": unit.number, "rank": first.waiting_rank}
    url = f"/village/units/{unit.pk}/"
    if officer.is_active:
        create_task(title=title, assigned_to=officer, due_on=max(on, timezone.localdate()) + timedelta(days=7), by=by,
                    url=url, source=f"village.offer:{offer.pk}")
        notify(user=officer, key=f"village-offer:{offer.pk}", title=title, url=url)
    return offer


@transaction.atomic
def decline_offer(*, offer: Offer, by, note: str) -> Offer:
    """The household declines: the candidate leaves the waiting list and the unit goes to the next one."""
    _require(by, MANAGERS, "note", _("Your role may not record this."))
    if offer.status != OfferStatus.OPEN:
        raise ValidationError({"status": _("This offer was already answered.")})
    if not note:
        raise ValidationError({"note": _("Give the reason.")})
    offer.status, offer.responded_on, offer.note = OfferStatus.DECLINED, timezone.localdate(), note
    offer.save_with_reason(by=by, reason=note)
    candidate = offer.candidate
    if candidate.status == CandidateStatus.WAITING:
        candidate.status, candidate.waiting_rank = CandidateStatus.WITHDRAWN, None
        candidate.save_with_reason(by=by, reason=note)
    from desaku.core.tasklist import close_tasks_for

    close_tasks_for(source=f"village.offer:{offer.pk}", by=by)
    offer_vacancy(unit=offer.unit, by=by, vacated=offer.vacated)
    return offer


def issue_agreement(*, occupancy: Occupancy, by, base_url: str | None = None, request=None):
    """The residence agreement (right to live, not ownership; inventory stays): numbered, QR-verified PDF."""
    from django.core.files.base import ContentFile

    from desaku.core import letters

    if occupancy.status == OccupancyStatus.ENDED:
        raise ValidationError({"status": _("The occupancy has ended.")})
    with transaction.atomic():
        occupancy = Occupancy.objects.select_for_update().get(pk=occupancy.pk)
        letter = occupancy.agreement
        if letter is None:
            letter = letters.issue_letter(type_code="VIL-HUNI", subject=f"Perjanjian hak tinggal unit "
                                          f"{occupancy.unit.number}", by=by, record=occupancy)
            occupancy.agreement = letter
            occupancy.save_with_reason(by=by, reason=letter.number)
    if not letter.pdf:
        household = occupancy.household
        members = household.memberships.filter(end_date__isnull=True).select_related("person")
        pdf = letters.render_pdf(letter=letter, template="village/letters/agreement.html", request=request,
                                 base_url=base_url, context={
                                     "occupancy": occupancy, "unit": occupancy.unit, "site": occupancy.unit.site,
                                     "head": household.head, "members": members,
                                     "inventory": occupancy.unit.inventory.all()})
        letter.pdf.save(f"{letter.pk}.pdf", ContentFile(pdf), save=False)
        letter.save_with_reason(by=by, reason="pdf")
    return letter


# ---------------------------------------------------------------------------------- units, inventory


@transaction.atomic
def update_unit(*, unit: Unit, by, condition: str, note: str = "", reason: str = "") -> Unit:
    """A unit's condition (good … unusable) and note, audited."""
    from desaku.village.models import Condition

    _require(by, MANAGERS, "condition", _("Your role may not edit units."))
    if condition not in Condition.values:
        raise ValidationError({"condition": _("Choose a condition.")})
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    was_usable = is_usable(unit)
    unit.condition, unit.note = condition, note
    unit.save_with_reason(by=by, reason=reason or _("Unit edited"))
    if not was_usable and is_usable(unit):  # repaired: a free unit goes to the waiting list
        offer_vacancy(unit=unit, by=by)
    return unit


@transaction.atomic
def check_inventory(*, item, by, condition: str, on: date | None = None, note: str = "") -> InventoryCheck:
    _require(by, MANAGERS, "condition", _("Your role may not record inventory checks."))
    on = on or timezone.localdate()
    not_future(on, "checked_on")
    check = InventoryCheck(item=item, checked_on=on, condition=condition, note=note,
                           checked_by=by)
    check.full_clean(exclude=["item", "checked_by"])
    check.save_with_reason(by=by, reason=note)
    item.condition = condition
    item.save_with_reason(by=by, reason=_("Inventory check"))
    return check


@transaction.atomic
def record_utility(*, site, by, kind: str, month: date, amount, paid_on: date, unit=None,
                   note: str = "") -> UtilityPayment:
    _require(by, MANAGERS, "amount", _("Your role may not record payments."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be positive.")})
    payment = UtilityPayment(site=site, unit=unit, kind=kind, month=month.replace(day=1), amount=amount,
                             paid_on=paid_on, note=note, recorded_by=by)
    payment.save_with_reason(by=by)
    return payment


# ------------------------------------------------------------------------------------------ mentoring


def assigned_households(user):
    from desaku.people.models import Household

    return Household.objects.filter(mentor_assignments__mentor=user, mentor_assignments__ended_on__isnull=True)


@transaction.atomic
def assign_mentor(*, mentor, household, by, on: date | None = None) -> MentorAssignment:
    _require(by, MANAGERS, "mentor", _("Your role may not assign mentors."))
    if not mentor.has_role(*MENTORS):
        raise ValidationError({"mentor": _("This user is not a mentor.")})
    if MentorAssignment.objects.filter(mentor=mentor, household=household, ended_on__isnull=True).exists():
        raise ValidationError({"household": _("The mentor already accompanies this household.")})
    assignment = MentorAssignment(mentor=mentor, household=household, started_on=on or timezone.localdate(),
                                  assigned_by=by)
    assignment.save_with_reason(by=by)
    return assignment


@transaction.atomic
def record_session(*, site, by, kind: str, held_on: date, topic: str, households, absent=(), notes: str = "",
                   mentor=None, follow_ups=()) -> MentoringSession:
    """A mentoring session for one household or a group, with attendance and follow-ups (each a task)."""
    _require(by, MENTORS, "topic", _("Your role may not record mentoring sessions."))
    households = list(households)
    if not households:
        raise ValidationError({"households": _("Choose at least one household.")})
    if not topic:
        raise ValidationError({"topic": _("Give the topic.")})
    from desaku.village.permissions import is_mentor_only

    mentor = mentor or by
    if is_mentor_only(by):
        allowed = set(assigned_households(by).values_list("pk", flat=True))
        if any(h.pk not in allowed for h in households):
            raise ValidationError({"households": _("A mentor records sessions only for the households assigned "
                                                   "to them.")})
        mentor = by
    session = MentoringSession(site=site, kind=kind, held_on=held_on, topic=topic, notes=notes, mentor=mentor,
                               organisation=by.organisation, recorded_by=by)
    session.full_clean(exclude=["site", "mentor", "organisation", "recorded_by"])
    session.save_with_reason(by=by)
    absent_ids = {h.pk for h in absent}
    for household in households:
        Attendance(session=session, household=household, present=household.pk not in absent_ids).save_with_reason(by=by)
    from desaku.core.tasklist import create_task

    for action, due_on, household in follow_ups:
        if not action:
            continue
        item = FollowUp(session=session, action=action, due_on=due_on, household=household)
        item.save_with_reason(by=by)
        create_task(title=action, assigned_to=mentor, due_on=due_on, by=by,
                    url=f"/village/sessions/{session.pk}/", source=f"village.followup:{item.pk}")
    return session


@transaction.atomic
def complete_follow_up(*, follow_up: FollowUp, by, on: date | None = None) -> FollowUp:
    if follow_up.done_on:
        raise ValidationError({"done_on": _("Already done.")})
    follow_up.done_on = on or timezone.localdate()
    follow_up.save_with_reason(by=by, reason="done")
    from desaku.core.tasklist import close_tasks_for

    close_tasks_for(source=f"village.followup:{follow_up.pk}", by=by)
    return follow_up


# ---------------------------------------------------------------------------------------- enterprises


@transaction.atomic
def create_enterprise(*, site, by, name: str, kind: str, households=(), started_on=None,
                      description: str = "") -> Enterprise:
    _require(by, MANAGERS, "name", _("Your role may not record enterprises."))
    households = list(households)
    if kind == "household" and len(households) != 1:
        raise ValidationError({"households": _("A household enterprise belongs to exactly one household.")})
    enterprise = Enterprise(site=site, name=name, kind=kind, started_on=started_on, description=description)
    enterprise.full_clean(exclude=["site"])
    enterprise.save_with_reason(by=by)
    enterprise.households.set(households)
    return enterprise


@transaction.atomic
def record_grant(*, household, by, received_on: date, amount=None, enterprise=None, funding_source=None,
                 purpose: str = "", note: str = "") -> UepGrant:
    """The UEP grant a household received (Rp5 juta per family in 2016): amount, date, source, purpose."""
    _require(by, MANAGERS, "amount", _("Your role may not record grants."))
    grant = UepGrant(household=household, enterprise=enterprise, received_on=received_on, note=note,
                     purpose=purpose, funding_source=funding_source, recorded_by=by)
    if amount is not None:
        grant.amount = amount
    if grant.amount is None or grant.amount <= 0:
        raise ValidationError({"amount": _("The amount must be positive.")})
    if received_on is None or received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("Say what the grant is for.")})
    if enterprise is not None and not enterprise.households.filter(pk=household.pk).exists():
        raise ValidationError({"household": _("The household is not part of this enterprise.")})
    grant.save_with_reason(by=by, reason=purpose)
    return grant


def _check_consent(product):
    """A newly chosen producer is a current member of one of the enterprise's households; the consent to name
    them in the public catalogue is their own and, when newly chosen, valid today (not withdrawn, not expired).
    An unchanged choice is kept as it is (the catalogue checks the consent again every day)."""
    from desaku.village.selectors import consent_allows_naming

    consent = product.producer_consent
    stored = type(product).objects.filter(pk=product.pk).values_list("producer", "producer_consent").first() if (
        product.pk) else None
    stored_producer, stored_consent = stored or (None, None)
    if product.producer_id is not None and product.producer_id != stored_producer and (
            product.enterprise_id is None or not product.enterprise.households.filter(
                memberships__person=product.producer_id, memberships__end_date__isnull=True).exists()):
        raise ValidationError({"producer": _("The producer must be a member of one of the enterprise's households.")})
    if consent is not None and (product.producer_id is None or consent.person_id != product.producer_id):
        raise ValidationError({"producer_consent": _("The consent must be the producer's own.")})
    if consent is not None and consent.pk != stored_consent and not consent_allows_naming(consent):
        raise ValidationError({"producer_consent": _("This consent is withdrawn, expired or does not cover the "
                                                     "processing of the producer's data.")})


@transaction.atomic
def save_product(*, by, product=None, **fields):
    """Create or edit a product (the list is editable: rempeyek, rengginang, telur asin, topeng…)."""
    from desaku.village.models import Product

    _require(by, MANAGERS, "name", _("Your role may not edit products."))
    product = product or Product()
    for name, value in fields.items():
        setattr(product, name, value)
    if product.price is None or product.price < 0:
        raise ValidationError({"price": _("The price cannot be negative.")})
    _check_consent(product)
    product.full_clean(exclude=["enterprise", "photo", "producer", "producer_consent"])
    product.save_with_reason(by=by)
    return product


@transaction.atomic
def record_production(*, product, by, produced_on: date, quantity: int, note: str = "") -> ProductionRecord:
    _require(by, MANAGERS + (Role.MITRA_LKS, Role.PENDAMPING), "quantity", _("Your role may not record this."))
    if quantity is None or quantity <= 0:
        raise ValidationError({"quantity": _("The quantity must be positive.")})
    if produced_on is None:
        raise ValidationError({"produced_on": _("This field is required.")})
    not_future(produced_on, "produced_on")
    record = ProductionRecord(product=product, produced_on=produced_on, quantity=quantity, note=note, recorded_by=by)
    record.save_with_reason(by=by)
    return record


@transaction.atomic
def record_sale(*, product, by, sold_on: date, quantity: int, unit_price=None, buyer_kind: str = "visitor",
                household=None, note: str = "") -> Sale:
    _require(by, MANAGERS + (Role.MITRA_LKS, Role.PENDAMPING), "quantity", _("Your role may not record sales."))
    if quantity is None or quantity <= 0:
        raise ValidationError({"quantity": _("The quantity must be positive.")})
    if sold_on is None:
        raise ValidationError({"sold_on": _("This field is required.")})
    not_future(sold_on, "sold_on")
    unit_price = product.price if unit_price is None else unit_price
    if unit_price < 0:
        raise ValidationError({"unit_price": _("The price cannot be negative.")})
    if household is not None and not product.enterprise.households.filter(pk=household.pk).exists():
        raise ValidationError({"household": _("The household is not part of this enterprise.")})
    sale = Sale(product=product, sold_on=sold_on, quantity=quantity, unit_price=unit_price, buyer_kind=buyer_kind,
                household=household, note=note, recorded_by=by)
    sale.full_clean(exclude=["product", "household", "recorded_by"])
    sale.save_with_reason(by=by)
    return sale


@transaction.atomic
def record_income(*, household, by, month: date, amount, note: str = "") -> MonthlyIncome:
    """A household's income of a month (one figure per month; recording again corrects it)."""
    _require(by, MANAGERS + (Role.MITRA_LKS, Role.PENDAMPING), "amount", _("Your role may not record income."))
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("The income cannot be negative.")})
    month = month.replace(day=1)
    income = MonthlyIncome.objects.filter(household=household, month=month).first() or MonthlyIncome(
        household=household, month=month, recorded_by=by)
    income.amount, income.note = amount, note
    income.save_with_reason(by=by, reason=note)
    return income


@transaction.atomic
def record_review(*, household, by, reviewed_on: date, **fields) -> ProgressReview:
    _require(by, MANAGERS + (Role.MITRA_LKS, Role.PENDAMPING), "reviewed_on", _("Your role may not record this."))
    if fields.get("children_in_school", 0) > fields.get("children_school_age", 0):
        raise ValidationError({"children_in_school": _("More children in school than of school age.")})
    review = ProgressReview(household=household, reviewed_on=reviewed_on, reviewed_by=by, **fields)
    review.full_clean(exclude=["household", "reviewed_by"])
    review.save_with_reason(by=by)
    return review


# ------------------------------------------------------------------------- offers, mentor assignments


@transaction.atomic
def accept_offer(*, offer: Offer, by, on: date | None = None) -> Occupancy:
    """The household takes the unit it was offered: the unit is allocated to it (allocate's rules)."""
    _require(by, MANAGERS, "status", _("Your role may not record this."))
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != OfferStatus.OPEN:
        raise ValidationError({"status": _("This offer was already answered.")})
    return allocate(candidate=offer.candidate, unit=offer.unit, by=by, on=on)


@transaction.atomic
def end_assignment(*, assignment: MentorAssignment, by, reason: str, on: date | None = None) -> MentorAssignment:
    """End a mentor's assignment to a household: from then on the mentor no longer sees the household."""
    _require(by, MANAGERS, "ended_on", _("Your role may not end mentor assignments."))
    assignment = MentorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_on is not None:
        raise ValidationError({"ended_on": _("This assignment has already ended.")})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"ended_on": _("The date is in the future.")})
    if on < assignment.started_on:
        raise ValidationError({"ended_on": _("The end date is before the assignment started.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    assignment.ended_on = on
    assignment.save_with_reason(by=by, reason=reason)
    return assignment
