"""Writes of community services; the rules live here so UI, API and demo data agree."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.community.models import (
    KIND_PSKS,
    MEMBER_GROUP_KINDS,
    VOLUNTEER_PSKS,
    ActivityAttachment,
    AttachmentKind,
    AwardCriterion,
    AwardEntry,
    AwardJuror,
    AwardRound,
    AwardScore,
    CommunityActivity,
    MemberRole,
    Membership,
    OrganisationKind,
    PSKSOrganisation,
    RoundStatus,
    Volunteer,
)
from desaku.community.permissions import APPROVERS, MANAGERS
from desaku.core.models import PSKSCategory

MAX_ATTACHMENTS = 20
KOTA_MALANG = "35.73."


def _require(user, roles, field, message):
    if not user.has_role(*roles):
        raise ValidationError({field: message})


def _check_kelurahan(kelurahan, field="kelurahan"):
    if kelurahan is not None and (kelurahan.level != 4 or not kelurahan.code.startswith(KOTA_MALANG)):
        raise ValidationError({field: _("Choose a kelurahan of Kota Malang.")})


def _apply(obj, data: dict):
    for name, value in data.items():
        setattr(obj, name, value)


# ---------------------------------------------------------------------------------- organisations

ORGANISATION_FIELDS = ("kind", "name", "address", "kelurahan", "contact_person", "phone", "email",
                       "registration_number", "accreditation", "accredited_on", "linked_organisation", "active",
                       "notes")


def _check_organisation(org: PSKSOrganisation):
    _check_kelurahan(org.kelurahan)
    if org.kind != OrganisationKind.LKS and (org.accreditation or org.accredited_on):
        raise ValidationError({"accreditation": _("Only an LKS is accredited.")})
    if org.accreditation and org.accreditation != "none" and not org.accredited_on:
        raise ValidationError({"accredited_on": _("Give the date of the accreditation.")})
    if org.accredited_on and (not org.accreditation or org.accreditation == "none"):
        raise ValidationError({"accreditation": _("Give the accreditation grade.")})
    if org.accredited_on and org.accredited_on > timezone.localdate():
        raise ValidationError({"accredited_on": _("The date is in the future.")})
    number = KIND_PSKS.get(org.kind)
    org.psks_category = PSKSCategory.objects.filter(number=number).first() if number else None


@transaction.atomic
def create_organisation(*, by, **data) -> PSKSOrganisation:
    _require(by, MANAGERS, "kind", _("Only the department's secretariat keeps the PSKS directory."))
    unknown = set(data) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    org = PSKSOrganisation(organisation=by.organisation, created_by=by)
    _apply(org, data)
    _check_organisation(org)
    org.full_clean(exclude=["organisation", "created_by", "psks_category"])
    org.save_with_reason(by=by)
    return org


@transaction.atomic
def update_organisation(*, organisation: PSKSOrganisation, by, data: dict, reason: str = "") -> PSKSOrganisation:
    _require(by, MANAGERS, "kind", _("Only the department's secretariat keeps the PSKS directory."))
    org = PSKSOrganisation.objects.select_for_update().get(pk=organisation.pk)
    if "kind" in data and data["kind"] != org.kind and org.memberships.exists() \
            and data["kind"] not in MEMBER_GROUP_KINDS:
        raise ValidationError({"kind": _("This group has members; it stays a group with members.")})
    _apply(org, {k: v for k, v in data.items() if k in ORGANISATION_FIELDS})
    _check_organisation(org)
    org.full_clean(exclude=["organisation", "created_by", "psks_category"])
    org.save_with_reason(by=by, reason=reason)
    return org


# -------------------------------------------------------------------------------------- volunteers

VOLUNTEER_FIELDS = ("kind", "full_name", "kelurahan", "phone", "email", "affiliation", "certificate_number",
                    "active_since", "active")


def _check_volunteer(volunteer: Volunteer):
    _check_kelurahan(volunteer.kelurahan)
    if not (volunteer.phone or volunteer.email):
        raise ValidationError({"phone": _("Give a phone number or an e-mail address.")})
    number = VOLUNTEER_PSKS.get(volunteer.kind)
    volunteer.psks_category = PSKSCategory.objects.filter(number=number).first() if number else None


@transaction.atomic
def create_volunteer(*, by, **data) -> Volunteer:
    _require(by, MANAGERS, "kind", _("Only the department's secretariat keeps the PSKS directory."))
    volunteer = Volunteer(organisation=by.organisation, created_by=by)
    _apply(volunteer, {k: v for k, v in data.items() if k in VOLUNTEER_FIELDS})
    _check_volunteer(volunteer)
    volunteer.full_clean(exclude=["organisation", "created_by", "psks_category"])
    volunteer.save_with_reason(by=by)
    return volunteer


@transaction.atomic
def update_volunteer(*, volunteer: Volunteer, by, data: dict, reason: str = "") -> Volunteer:
    _require(by, MANAGERS, "kind", _("Only the department's secretariat keeps the PSKS directory."))
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    _apply(volunteer, {k: v for k, v in data.items() if k in VOLUNTEER_FIELDS})
    _check_volunteer(volunteer)
    volunteer.full_clean(exclude=["organisation", "created_by", "psks_category"])
    volunteer.save_with_reason(by=by, reason=reason)
    return volunteer


# ------------------------------------------------------------------------------------- memberships


def _overlaps(start: date, end: date | None, other: Membership) -> bool:
    return (other.term_end is None or other.term_end >= start) and (end is None or other.term_start <= end)


@transaction.atomic
def add_member(*, group: PSKSOrganisation, by, term_start: date, role: str = MemberRole.MEMBER, person=None,
               name: str = "", position: str = "", term_end: date | None = None) -> Membership:
    """A member of a Karang Werdha group or KOMDA Lansia: a registry person, or a name for an official."""
    _require(by, MANAGERS, "group", _("Only the department's secretariat keeps the PSKS directory."))
    group = PSKSOrganisation.objects.select_for_update().get(pk=group.pk)
    if group.kind not in MEMBER_GROUP_KINDS:
        raise ValidationError({"group": _("Members are kept for Karang Werdha groups and KOMDA Lansia.")})
    name = (name or "").strip()
    if (person is None) == (not name):
        raise ValidationError({"person": _("Choose a person of the registry or give a name, not both.")})
    if term_end and term_end < term_start:
        raise ValidationError({"term_end": _("The term ends before it starts.")})
    others = list(group.memberships.all())
    if person is not None and any(m.person_id == person.pk and _overlaps(term_start, term_end, m) for m in others):
        raise ValidationError({"person": _("This person is already a member for this term.")})
    if role == MemberRole.CHAIR and any(m.role == MemberRole.CHAIR and _overlaps(term_start, term_end, m)
                                        for m in others):
        raise ValidationError({"role": _("The group already has a chair for this term.")})
    membership = Membership(group=group, person=person, name=name, position=position, role=role,
                            term_start=term_start, term_end=term_end, created_by=by)
    membership.full_clean(exclude=["group", "person", "created_by"])
    membership.save_with_reason(by=by)
    return membership


MEMBER_FIELDS = ("role", "position", "name", "term_start", "term_end")


@transaction.atomic
def update_membership(*, membership: Membership, by, reason: str = "", **fields) -> Membership:
    """Correct a member's role, office, name (officials outside the registry) or term; the same rules as adding."""
    _require(by, MANAGERS, "group", _("Only the department's secretariat keeps the PSKS directory."))
    membership = Membership.objects.select_for_update().select_related("group").get(pk=membership.pk)
    for name, value in fields.items():
        if name not in MEMBER_FIELDS:
            raise ValidationError({name: _("This field cannot be changed.")})
        setattr(membership, name, value.strip() if isinstance(value, str) else value)
    if membership.person_id and membership.name:
        raise ValidationError({"name": _("Choose a person of the registry or give a name, not both.")})
    if not membership.person_id and not membership.name:
        raise ValidationError({"name": _("Give the member's name.")})
    if membership.term_end and membership.term_end < membership.term_start:
        raise ValidationError({"term_end": _("The term ends before it starts.")})
    others = [m for m in membership.group.memberships.all() if m.pk != membership.pk]
    start, end = membership.term_start, membership.term_end
    if membership.person_id and any(m.person_id == membership.person_id and _overlaps(start, end, m)
                                    for m in others):
        raise ValidationError({"term_start": _("This person is already a member for this term.")})
    if membership.role == MemberRole.CHAIR and any(m.role == MemberRole.CHAIR and _overlaps(start, end, m)
                                                   for m in others):
        raise ValidationError({"role": _("The group already has a chair for this term.")})
    membership.full_clean(exclude=["group", "person", "created_by"])
    membership.save_with_reason(by=by, reason=reason or "member updated")
    return membership


@transaction.atomic
def end_membership(*, membership: Membership, by, term_end: date) -> Membership:
    _require(by, MANAGERS, "term_end", _("Only the department's secretariat keeps the PSKS directory."))
    if term_end < membership.term_start:
        raise ValidationError({"term_end": _("The term ends before it starts.")})
    membership.term_end = term_end
    membership.save_with_reason(by=by, reason="end of term")
    return membership


# -------------------------------------------------------------------------------------- activities

ACTIVITY_FIELDS = ("activity_type", "title", "held_on", "place", "kelurahan", "organiser", "organiser_name",
                   "target_group", "head_count", "budget_used", "funding_source", "notes")


def _check_activity(activity: CommunityActivity, participants):
    _check_kelurahan(activity.kelurahan)
    if not activity.organiser_id and not (activity.organiser_name or "").strip():
        raise ValidationError({"organiser": _("Choose the organiser or type its name.")})
    if activity.budget_used is not None and activity.budget_used < 0:
        raise ValidationError({"budget_used": _("The budget cannot be negative.")})
    if activity.head_count is not None and activity.head_count < 0:
        raise ValidationError({"head_count": _("The head count cannot be negative.")})
    if not activity.target_group and activity.activity_type_id:
        activity.target_group = activity.activity_type.default_target_group
    # Everyone registered was there: the head count is never below the registered participants.
    activity.head_count = max(activity.head_count or 0, len(participants))


@transaction.atomic
def record_activity(*, by, participants=(), participating_organisations=(), **data) -> CommunityActivity:
    unknown = set(data) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    participants = list(participants)
    activity = CommunityActivity(organisation=by.organisation, created_by=by)
    _apply(activity, {"budget_used": Decimal(0), "head_count": 0, **data})
    _check_activity(activity, participants)
    activity.full_clean(exclude=["organisation", "created_by"])
    activity.save_with_reason(by=by)
    activity.participants.set(participants)
    activity.participating_organisations.set(participating_organisations)
    return activity


def _require_activity_edit(activity: CommunityActivity, by):
    from django.core.exceptions import PermissionDenied

    from desaku.community.permissions import can_edit_activity

    if not can_edit_activity(by, activity):
        raise PermissionDenied


@transaction.atomic
def update_activity(*, activity: CommunityActivity, by, data: dict, participants=None,
                    participating_organisations=None, reason: str = "") -> CommunityActivity:
    activity = CommunityActivity.objects.select_for_update().get(pk=activity.pk)
    _require_activity_edit(activity, by)
    _apply(activity, {k: v for k, v in data.items() if k in ACTIVITY_FIELDS})
    participants = list(participants) if participants is not None else list(activity.participants.all())
    _check_activity(activity, participants)
    activity.full_clean(exclude=["organisation", "created_by"])
    activity.save_with_reason(by=by, reason=reason)
    activity.participants.set(participants)
    if participating_organisations is not None:
        activity.participating_organisations.set(participating_organisations)
    return activity


@transaction.atomic
def add_attachment(*, activity: CommunityActivity, by, kind: str, upload, caption: str = "") -> ActivityAttachment:
    """A photo (JPEG/PNG/WebP) or the minutes (PDF or a photo of the signed page), checked by content."""
    from desaku.people.forms import checked_upload

    if activity.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError({"file": _("An activity keeps at most %(count)s files.") % {"count": MAX_ATTACHMENTS}})
    checked_upload(upload, allow_pdf=kind == AttachmentKind.MINUTES)
    attachment = ActivityAttachment(activity=activity, kind=kind, file=upload, caption=caption, uploaded_by=by)
    attachment.full_clean(exclude=["activity", "file", "uploaded_by"])
    attachment.save_with_reason(by=by)
    return attachment


@transaction.atomic
def delete_attachment(*, attachment: ActivityAttachment, by, reason: str) -> None:
    """Remove a photo or the minutes (wrong file, a face that must not be shown…); the reason is kept in the
    attachment's history and the file is removed from storage after the transaction."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Say why the file is removed.")})
    attachment = ActivityAttachment.objects.select_related("activity").get(pk=attachment.pk)
    _require_activity_edit(attachment.activity, by)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete_with_reason(by=by, reason=reason)
    transaction.on_commit(lambda: storage.delete(name) if name and storage.exists(name) else None)


# ------------------------------------------------------------------------------------ award rounds


def _require_open_round(award_round: AwardRound, field="round"):
    if award_round.status == RoundStatus.FINALISED:
        raise ValidationError({field: _("The round is finalised; its scores are locked.")})


@transaction.atomic
def create_round(*, by, year: int, title: str = "", winner_count: int = 3, judged_on=None,
                 notes: str = "") -> AwardRound:
    _require(by, MANAGERS, "year", _("Only the department's secretariat runs the award."))
    if AwardRound.objects.filter(year=year).exists():
        raise ValidationError({"year": _("There is already a round for %(year)s.") % {"year": year}})
    if not 1 <= winner_count <= 10:
        raise ValidationError({"winner_count": _("Between 1 and 10 winners.")})
    award_round = AwardRound(year=year, title=title or f"Karang Werdha Berprestasi Tingkat Kota Malang {year}",
                             winner_count=winner_count, judged_on=judged_on, notes=notes,
                             organisation=by.organisation, created_by=by)
    award_round.full_clean(exclude=["organisation", "created_by"])
    award_round.save_with_reason(by=by)
    return award_round


@transaction.atomic
def set_criteria(*, award_round: AwardRound, by, criteria: list[dict]) -> list[AwardCriterion]:
    """Replace the round's criteria at once; their weights must sum to exactly 100."""
    _require(by, MANAGERS, "criteria", _("Only the department's secretariat runs the award."))
    award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
    if award_round.status != RoundStatus.DRAFT:
        raise ValidationError({"criteria": _("Criteria are fixed once scoring has opened.")})
    rows = [c for c in criteria if (c.get("name") or "").strip()]
    if not rows:
        raise ValidationError({"criteria": _("Give at least one criterion.")})
    names = [c["name"].strip().casefold() for c in rows]
    if len(set(names)) != len(names):
        raise ValidationError({"criteria": _("Each criterion needs its own name.")})
    weights = []
    for c in rows:
        weight = c.get("weight")
        if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 100:
            raise ValidationError({"criteria": _("Each weight is a whole number from 1 to 100.")})
        weights.append(weight)
    if sum(weights) != 100:
        raise ValidationError({"criteria": _("The weights add up to %(sum)s; they must add up to 100.")
                               % {"sum": sum(weights)}})
    for old in list(award_round.criteria.all()):
        old.delete_with_reason(by=by, reason="criteria replaced")
    made = []
    for order, c in enumerate(rows, start=1):
        criterion = AwardCriterion(round=award_round, name=c["name"].strip(),
                                   description=(c.get("description") or "").strip(), weight=c["weight"], order=order)
        criterion.full_clean(exclude=["round"])
        criterion.save_with_reason(by=by)
        made.append(criterion)
    return made


@transaction.atomic
def add_entry(*, award_round: AwardRound, group: PSKSOrganisation, by) -> AwardEntry:
    _require(by, MANAGERS, "group", _("Only the department's secretariat runs the award."))
    award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
    _require_open_round(award_round)
    if group.kind != OrganisationKind.KARANG_WERDHA or not group.active:
        raise ValidationError({"group": _("Only an active Karang Werdha group can take part.")})
    if award_round.entries.filter(group=group).exists():
        raise ValidationError({"group": _("This group already takes part.")})
    entry = AwardEntry(round=award_round, group=group)
    entry.save_with_reason(by=by)
    return entry


@transaction.atomic
def add_juror(*, award_round: AwardRound, by, name: str, affiliation: str = "", user=None,
              affiliated_group=None) -> AwardJuror:
    _require(by, MANAGERS, "name", _("Only the department's secretariat runs the award."))
    award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
    _require_open_round(award_round)
    if user is not None and award_round.jurors.filter(user=user).exists():
        raise ValidationError({"user": _("This user is already on the jury.")})
    juror = AwardJuror(round=award_round, name=name.strip(), affiliation=affiliation, user=user,
                       affiliated_group=affiliated_group)
    juror.full_clean(exclude=["round", "user", "affiliated_group"])
    juror.save_with_reason(by=by)
    return juror


@transaction.atomic
def open_scoring(*, award_round: AwardRound, by) -> AwardRound:
    _require(by, MANAGERS, "status", _("Only the department's secretariat runs the award."))
    award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
    if award_round.status != RoundStatus.DRAFT:
        raise ValidationError({"status": _("Scoring is already open.")})
    total = sum(c.weight for c in award_round.criteria.all())
    if total != 100:
        raise ValidationError({"criteria": _("The weights add up to %(sum)s; they must add up to 100.")
                               % {"sum": total}})
    if not award_round.entries.exists() or not award_round.jurors.exists():
        raise ValidationError({"status": _("Add the groups and the jury first.")})
    award_round.status = RoundStatus.SCORING
    award_round.save_with_reason(by=by, reason="scoring opened")
    return award_round


def may_score(user, juror: AwardJuror) -> bool:
    """The secretariat enters the jury's sheets; a juror with an account enters their own."""
    return user.has_role(*MANAGERS) or (juror.user_id is not None and juror.user_id == user.pk)


@transaction.atomic
def record_scores(*, juror: AwardJuror, by, scores: list[tuple]) -> list[AwardScore]:
    """Save a juror's sheet: ``scores`` is a list of (entry, criterion, score 0–100); existing cells change."""
    award_round = AwardRound.objects.select_for_update().get(pk=juror.round_id)
    _require_open_round(award_round, "score")
    if award_round.status != RoundStatus.SCORING:
        raise ValidationError({"score": _("Scoring has not opened yet.")})
    if not may_score(by, juror):
        raise ValidationError({"score": _("You may enter only your own scores.")})
    saved = []
    for entry, criterion, value in scores:
        if entry.round_id != award_round.pk or criterion.round_id != award_round.pk:
            raise ValidationError({"score": _("The group or criterion belongs to another round.")})
        if juror.conflicts_with(entry):
            raise ValidationError({"score": _("%(juror)s belongs to %(group)s and may not score it.")
                                   % {"juror": juror.name, "group": entry.group.name}})
        try:
            value = Decimal(str(value))
        except ArithmeticError as exc:
            raise ValidationError({"score": _("A score is a number from 0 to 100.")}) from exc
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
            raise ValidationError({"score": _("A score is a number from 0 to 100.")})
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        score = AwardScore.objects.filter(entry=entry, juror=juror, criterion=criterion).first()
        if score is None:
            score = AwardScore(entry=entry, juror=juror, criterion=criterion, score=value, recorded_by=by)
        elif score.score == value:
            saved.append(score)
            continue
        score.score, score.recorded_by = value, by
        score.save_with_reason(by=by)
        saved.append(score)
    return saved


# ----------------------------------------------------------------------------------------- ranking


@dataclass
class RankRow:
    entry: AwardEntry
    total: Decimal                    # weighted score, 0–100, rounded to 3 decimals for display
    means: dict                       # criterion id → mean score of the jurors (None: no score yet)
    missing: int                      # cells still to score
    rank: int = 0
    exact: Fraction = Fraction(0)


def expected_cells(award_round: AwardRound) -> dict:
    """(entry id) → number of scores expected: every criterion by every juror without a conflict."""
    criteria = list(award_round.criteria.all())
    jurors = list(award_round.jurors.all())
    return {e.pk: len(criteria) * sum(1 for j in jurors if not j.conflicts_with(e))
            for e in award_round.entries.all()}


def ranking(award_round: AwardRound) -> list[RankRow]:
    """Weighted ranking: per criterion the mean of the jurors' scores, times its weight / 100, summed.

    Ties are broken, in this order: the higher mean on the heaviest criterion, then on the next heaviest
    (criteria of equal weight in their listed order); then the group's name (alphabetical); then the
    earlier entry. The order is therefore always the same for the same scores.
    """
    criteria = list(award_round.criteria.all())
    heaviest_first = sorted(criteria, key=lambda c: (-c.weight, c.order, c.pk))
    entries = list(award_round.entries.select_related("group"))
    expected = expected_cells(award_round)
    cells: dict = {}
    for score in AwardScore.objects.filter(entry__round=award_round).only("entry_id", "criterion_id", "score"):
        cells.setdefault((score.entry_id, score.criterion_id), []).append(Fraction(score.score))
    rows = []
    for entry in entries:
        means, exact, count = {}, Fraction(0), 0
        for c in criteria:
            values = cells.get((entry.pk, c.pk), [])
            count += len(values)
            mean = sum(values, Fraction(0)) / len(values) if values else None
            means[c.pk] = mean
            if mean is not None:
                exact += mean * c.weight / 100
        rows.append(RankRow(entry=entry, total=_decimal(exact), means=means, exact=exact,
                            missing=max(0, expected.get(entry.pk, 0) - count)))

    def key(row):
        tiebreak = tuple(-(row.means[c.pk] or Fraction(0)) for c in heaviest_first)
        return (-row.exact, tiebreak, row.entry.group.name.casefold(), row.entry.pk)

    rows.sort(key=key)
    for position, row in enumerate(rows, start=1):
        row.rank = position
        row.means = {pk: (_decimal(m) if m is not None else None) for pk, m in row.means.items()}
    return rows


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.001"),
                                                                            rounding=ROUND_HALF_UP)


def missing_scores(award_round: AwardRound) -> int:
    return sum(row.missing for row in ranking(award_round))


@transaction.atomic
def finalise_round(*, award_round: AwardRound, by) -> AwardRound:
    """Store the ranking and the winners; from now on nothing in the round changes."""
    _require(by, APPROVERS, "status", _("Only a Kepala Bidang can finalise the round."))
    award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
    if award_round.status != RoundStatus.SCORING:
        raise ValidationError({"status": _("Only a round in scoring can be finalised.")})
    rows = ranking(award_round)
    missing = sum(r.missing for r in rows)
    if missing:
        raise ValidationError({"status": _("%(count)s scores are still missing.") % {"count": missing}})
    for row in rows:
        entry = row.entry
        entry.total, entry.rank, entry.is_winner = row.total, row.rank, row.rank <= award_round.winner_count
        entry.save_with_reason(by=by, reason="ranking")
    award_round.status, award_round.finalised_at, award_round.finalised_by = (
        RoundStatus.FINALISED, timezone.now(), by)
    award_round.save_with_reason(by=by, reason="finalised")
    return award_round
