"""Writes of the outreach and shelter track; the rules live here so UI, API and imports agree."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.core.models import ExitDestination, Role
from desaku.outreach.models import (
    DEFAULT_EXIT,
    Assessment,
    Company,
    ConferenceOpinion,
    Disposition,
    DispositionKind,
    DispositionStatus,
    Encounter,
    EncounterOutcome,
    OutreachOperation,
    PreventiveActivity,
    Shelter,
    Stay,
    StayExtension,
    StayStatus,
    StayTransfer,
)

APPROVERS = (Role.KEPALA_BIDANG, Role.ADMINISTRATOR)
CHILD_AGE = 18


def _require_approver(user, field="approved_by"):
    if not user.has_role(*APPROVERS):
        raise ValidationError({field: _("Only a Kepala Bidang can approve this.")})


# ------------------------------------------------------------------------------------- operations


@transaction.atomic
def create_operation(*, by, kind, started_at, place, kelurahan=None, ended_at=None, team=(), agencies=(),
                     latitude=None, longitude=None, report_reference="", notes="") -> OutreachOperation:
    if ended_at and ended_at < started_at:
        raise ValidationError({"ended_at": _("The end is before the start.")})
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": _("Give both latitude and longitude, or neither.")})
    operation = OutreachOperation(kind=kind, started_at=started_at, ended_at=ended_at, place=place,
                                  kelurahan=kelurahan, latitude=latitude, longitude=longitude,
                                  report_reference=report_reference, notes=notes, organisation=by.organisation,
                                  created_by=by)
    operation.full_clean(exclude=["organisation", "created_by"])
    operation.save_with_reason(by=by)
    operation.team.set([by, *team])
    operation.agencies.set(agencies)
    return operation


def last_exit(person, before):
    """The person's latest approved disposition decided before ``before`` (a date)."""
    return (Disposition.objects.filter(stay__person=person, status=DispositionStatus.APPROVED,
                                       decided_on__lte=before)
            .select_related("exit_destination").order_by("-decided_on", "-id").first())


@transaction.atomic
def record_encounter(*, operation, by, person, activity, outcome, company=Company.ALONE, encountered_at=None,
                     place="", referred_to=None, notes="") -> Encounter:
    """Record a person found. ``person`` comes from the registry (picked, or created minimal by the caller)."""
    encountered_at = encountered_at or timezone.now()
    if outcome == EncounterOutcome.REFERRED and referred_to is None:
        raise ValidationError({"referred_to": _("Choose where the person was referred.")})
    age = person.age_on(timezone.localtime(encountered_at).date())
    is_child = age is not None and age < CHILD_AGE
    encounter = Encounter(operation=operation, person=person, encountered_at=encountered_at,
                          place=place or operation.place, activity=activity, company=company, outcome=outcome,
                          referred_to=referred_to, notes=notes, recorded_by=by,
                          possible_exploitation=is_child and company == Company.WITH_ADULT)
    previous = last_exit(person, timezone.localtime(encountered_at).date())
    if previous is not None:
        encounter.previous_disposition = previous
        encounter.days_since_exit = (timezone.localtime(encountered_at).date() - previous.decided_on).days
    encounter.full_clean(exclude=["recorded_by", "person", "operation"])
    encounter.save_with_reason(by=by)
    return encounter


# ------------------------------------------------------------------------------------------ stays


def occupancy(shelter: Shelter) -> int:
    return shelter.stays.filter(status=StayStatus.OPEN).count()


def _check_capacity(shelter, by, over_capacity_reason):
    if occupancy(shelter) < shelter.capacity:
        return
    if not by.has_role(*APPROVERS):
        raise ValidationError({"shelter": _("%(shelter)s is full (%(capacity)s places). A Kepala Bidang can admit "
                                            "over capacity with a reason.") % {"shelter": shelter.name,
                                                                               "capacity": shelter.capacity}})
    if not over_capacity_reason:
        raise ValidationError({"over_capacity_reason": _("Give the reason for admitting over capacity.")})


@transaction.atomic
def admit(*, person, shelter, by, responsible_worker=None, admitted_on: date | None = None, encounter=None,
          over_capacity_reason: str = "") -> Stay:
    # Lock the shelter row so two admissions cannot both take the last place.
    shelter = Shelter.objects.select_for_update().get(pk=shelter.pk)
    if not shelter.active:
        raise ValidationError({"shelter": _("This shelter is not in use.")})
    if Stay.objects.filter(person=person, status=StayStatus.OPEN).exists():
        raise ValidationError({"person": _("%(name)s already has an open stay.") % {"name": person.full_name}})
    full = occupancy(shelter) >= shelter.capacity
    _check_capacity(shelter, by, over_capacity_reason)
    admitted_on = admitted_on or timezone.localdate()
    stay = Stay(person=person, shelter=shelter, encounter=encounter, admitted_on=admitted_on,
                due_on=admitted_on + timedelta(days=Stay.BASE_DAYS), responsible_worker=responsible_worker or by,
                organisation=by.organisation, admitted_by=by)
    if full:
        stay.over_capacity_reason, stay.over_capacity_approved_by = over_capacity_reason, by
    stay.save_with_reason(by=by, reason=over_capacity_reason)
    return stay


def _require_open(stay):
    if stay.status != StayStatus.OPEN:
        raise ValidationError({"stay": _("This stay has ended.")})


@transaction.atomic
def extend_stay(*, stay: Stay, by, reason: str, requested_by=None) -> StayExtension:
    """One more 7-day period, at most twice (21 days in all), each with a reason and an approver."""
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    _require_open(stay)
    _require_approver(by)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    if stay.extensions >= Stay.MAX_EXTENSIONS:
        raise ValidationError({"stay": _("A stay can be extended twice at most (21 days); decide the "
                                         "disposition.")})
    stay.extensions += 1
    stay.due_on = stay.admitted_on + timedelta(days=Stay.BASE_DAYS + Stay.EXTENSION_DAYS * stay.extensions)
    stay.save_with_reason(by=by, reason=reason)
    extension = StayExtension(stay=stay, number=stay.extensions, reason=reason, new_due_on=stay.due_on,
                              requested_by=requested_by or stay.responsible_worker, approved_by=by)
    extension.save_with_reason(by=by, reason=reason)
    return extension


@transaction.atomic
def transfer(*, stay: Stay, to_shelter: Shelter, by, reason: str, on: date | None = None,
             over_capacity_reason: str = "") -> StayTransfer:
    """Move a stay to another shelter; the clock runs on."""
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    _require_open(stay)
    if to_shelter.pk == stay.shelter_id:
        raise ValidationError({"to_shelter": _("The person is already in this shelter.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the transfer.")})
    to_shelter = Shelter.objects.select_for_update().get(pk=to_shelter.pk)
    _check_capacity(to_shelter, by, over_capacity_reason)
    record = StayTransfer(stay=stay, from_shelter=stay.shelter, to_shelter=to_shelter,
                          transferred_on=on or timezone.localdate(), reason=reason, by=by)
    record.save_with_reason(by=by, reason=reason)
    stay.shelter = to_shelter
    stay.save_with_reason(by=by, reason=reason)
    return record


# ------------------------------------------------------------------------------------- assessment


@transaction.atomic
def save_assessment(*, stay: Stay, by, assessed_on: date, identity_status, risk_level, recommendation,
                    categories=(), needs: dict | None = None, exploitation_indicators=(), **details) -> Assessment:
    """Save a new version of the stay's assessment; its PPKS categories feed the registry."""
    from desaku.people import services as people_services

    latest = stay.assessments.order_by("-version").first()
    assessment = Assessment(stay=stay, version=(latest.version + 1) if latest else 1, assessed_on=assessed_on,
                            assessed_by=by, identity_status=identity_status, risk_level=risk_level,
                            recommendation=recommendation, needs=needs or {},
                            exploitation_indicators=list(exploitation_indicators), **details)
    assessment.full_clean(exclude=["stay", "assessed_by"])
    assessment.save_with_reason(by=by)
    assessment.ppks_categories.set(categories)
    held = set(stay.person.classifications.filter(valid_to__isnull=True).values_list("category_id", flat=True))
    for category in categories:
        if category.pk not in held:
            people_services.classify(person=stay.person, by=by, category=category, valid_from=assessed_on,
                                     evidence=_("Shelter assessment v%(version)s") % {"version": assessment.version})
    return assessment


@transaction.atomic
def add_opinion(*, assessment: Assessment, by, participant: str, role: str, opinion: str,
                recommended: str = "") -> ConferenceOpinion:
    item = ConferenceOpinion(assessment=assessment, participant=participant, role=role, opinion=opinion,
                             recommended=recommended, recorded_by=by)
    item.full_clean(exclude=["assessment", "recorded_by"])
    item.save_with_reason(by=by)
    return item


# ------------------------------------------------------------------------------------ disposition

REQUIRED_DETAILS = {
    DispositionKind.RELEASED_CONDITIONS: ("conditions",),
    DispositionKind.RETURNED_FAMILY: ("receiver_name", "receiver_relationship", "receiver_address"),
    DispositionKind.REPATRIATED: ("destination_region", "travel_arrangement"),
    DispositionKind.PLACED_INSTITUTION: ("institution",),
    DispositionKind.REFERRED_UPT: ("institution",),
    DispositionKind.HANDED_POLICE_COURT: ("institution",),
    DispositionKind.HEALTH_SERVICE: ("institution",),
}


@transaction.atomic
def propose_disposition(*, stay: Stay, by, kind: str, decided_on: date | None = None, exit_destination=None,
                        **details) -> Disposition:
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    _require_open(stay)
    if stay.dispositions.filter(status=DispositionStatus.PROPOSED).exists():
        raise ValidationError({"kind": _("A disposition is already waiting for approval.")})
    decided_on = decided_on or timezone.localdate()
    if decided_on < stay.admitted_on:
        raise ValidationError({"decided_on": _("The date is before the admission.")})
    missing = [f for f in REQUIRED_DETAILS.get(kind, ()) if not details.get(f)]
    if missing:
        raise ValidationError({f: _("Required for this disposition.") for f in missing})
    exit_destination = exit_destination or ExitDestination.objects.get(code=DEFAULT_EXIT[kind])
    disposition = Disposition(stay=stay, kind=kind, decided_on=decided_on, exit_destination=exit_destination,
                              proposed_by=by, **details)
    disposition.full_clean(exclude=["stay", "proposed_by", "exit_destination"])
    disposition.save_with_reason(by=by)
    return disposition


@transaction.atomic
def approve_disposition(*, disposition: Disposition, by, note: str = "") -> Disposition:
    """A Kepala Bidang approves: the stay ends, and the follow-up records are created."""
    disposition = Disposition.objects.select_for_update().get(pk=disposition.pk)
    _require_approver(by)
    if disposition.status != DispositionStatus.PROPOSED:
        raise ValidationError({"status": _("Only a proposed disposition can be approved.")})
    stay = disposition.stay
    _require_open(stay)
    disposition.status, disposition.approved_by, disposition.approved_at = (
        DispositionStatus.APPROVED, by, timezone.now())
    disposition.review_note = note
    disposition.save_with_reason(by=by, reason=note)
    stay.status, stay.ended_on = StayStatus.CLOSED, disposition.decided_on
    stay.save_with_reason(by=by, reason=disposition.get_kind_display())
    # The referral itself is case management's record (cases.Referral): the disposition_approved signal below
    # makes it through cases.services.referral_from_disposition. OutreachReferral is read-only legacy.
    if disposition.kind == DispositionKind.DECEASED and not stay.person.date_of_death:
        from desaku.people import services as people_services

        people_services.update_person(person=stay.person, by=by, data={"date_of_death": disposition.decided_on},
                                      reason=_("Died in shelter"))
    from desaku.outreach.signals import disposition_approved

    disposition_approved.send(sender=Disposition, disposition=disposition, by=by)
    return disposition


@transaction.atomic
def send_back_disposition(*, disposition: Disposition, by, note: str) -> Disposition:
    _require_approver(by)
    if disposition.status != DispositionStatus.PROPOSED:
        raise ValidationError({"status": _("Only a proposed disposition can be sent back.")})
    if not note:
        raise ValidationError({"review_note": _("Say what must change.")})
    disposition.status, disposition.review_note = DispositionStatus.REJECTED, note
    disposition.save_with_reason(by=by, reason=note)
    return disposition


# --------------------------------------------------------------------------------------- preventive


@transaction.atomic
def record_preventive_activity(*, by, kind, held_on, place, organiser, topic, participants=(), head_count=0,
                               kelurahan=None, notes="") -> PreventiveActivity:
    if head_count < 0:
        raise ValidationError({"head_count": _("The head count cannot be negative.")})
    activity = PreventiveActivity(kind=kind, held_on=held_on, place=place, organiser=organiser, topic=topic,
                                  head_count=head_count, kelurahan=kelurahan, notes=notes,
                                  organisation=by.organisation, created_by=by)
    activity.full_clean(exclude=["organisation", "created_by"])
    activity.save_with_reason(by=by)
    activity.participants.set(participants)
    return activity


@transaction.atomic
def add_activity_photo(*, activity: PreventiveActivity, by, image, caption: str = ""):
    """Attach a photo to an activity. The caller checks the file's content (people.forms.checked_upload)."""
    from desaku.outreach.models import ActivityPhoto

    photo = ActivityPhoto(activity=activity, image=image, caption=caption)
    photo.full_clean(exclude=["image"])
    photo.save_with_reason(by=by)
    return photo
