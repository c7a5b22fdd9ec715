"""Writes of the registry. Views, the API and imports all call these, so the rules hold everywhere."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.core import crypto
from desaku.people import merging
from desaku.people.models import (
    Alias,
    AliasKind,
    BirthDateQuality,
    Classification,
    Consent,
    Disability,
    DuplicateDecision,
    DuplicateDecisionKind,
    Household,
    HouseholdMembership,
    Merge,
    Person,
    PersonNameKey,
    PersonPhoto,
)
from desaku.people.names import blocking_keys
from desaku.people.nik import check_nik, check_no_kk

NIK_PURPOSE = "nik"
KK_PURPOSE = "kk"


class PossibleDuplicates(Exception):
    """Registration stopped: the duplicate check found likely matches the worker has not ruled out."""

    def __init__(self, report):
        super().__init__("possible duplicates")
        self.report = report


@dataclass
class NumberWarnings(Exception):
    """Identity-number warnings the worker must confirm (unknown region, date or sex mismatch)."""

    field: str
    warnings: list

    def as_validation_error(self) -> ValidationError:
        return ValidationError({self.field: [ValidationError(msg, code=code) for code, msg in self.warnings]})


# ---------------------------------------------------------------------------------------------- names


def derive_birth_year(*, birth_date=None, birth_date_quality="", birth_year=None, estimated_age=None,
                      age_estimated_on=None):
    if birth_date:
        return birth_date.year
    if birth_year:
        return birth_year
    if estimated_age is not None:
        return (age_estimated_on or timezone.localdate()).year - estimated_age
    return None


def rebuild_name_keys(person: Person) -> None:
    """Blocking keys for duplicate detection, from the name and every alias (derived data, not audited)."""
    aliases = list(person.aliases.values_list("name", flat=True)) if person.pk else []
    keys = blocking_keys(person.full_name, aliases)
    PersonNameKey.objects.filter(person=person).delete()
    PersonNameKey.objects.bulk_create(
        [PersonNameKey(person=person, key=key, sex=person.sex, birth_year=person.birth_year) for key in keys]
    )


# ---------------------------------------------------------------------------------- identity numbers


def nik_taken_error(owner: Person, by=None) -> ValidationError:
    """"This NIK is already registered": with the owner's number only when ``by`` may see that record.

    A record outside the user's scope (or a protected child's, people.identity) is not named: the user is
    told to ask a supervisor, so a NIK cannot be used to learn which record holds it.
    """
    from desaku.people import identity

    if by is not None and (not Person.objects.visible_to(by).filter(pk=owner.pk).exists()
                           or identity.is_hidden(by, owner)):
        return ValidationError({"nik": [ValidationError(
            _("This NIK is already registered; ask your supervisor."), code="nik_taken")]})
    return ValidationError({"nik": [ValidationError(_("This NIK is already registered to %(number)s.") % {
        "number": owner.registration_number}, code="nik_taken")]})


def _nik_owner(person: Person, digest: str | None):
    if not digest:
        return None
    return Person.objects.filter(nik_hash=digest).exclude(pk=person.pk).first()


def _set_nik(person: Person, raw: str, *, confirm_warnings: bool, by=None) -> None:
    if not raw:
        person.nik_encrypted, person.nik_hash, person.nik_masked = "", None, ""
        return
    check = check_nik(raw, sex=person.sex, birth_date=person.birth_date,
                      birth_date_quality=person.birth_date_quality, birth_year=person.birth_year)
    if check.errors:
        raise ValidationError({"nik": check.errors})
    if check.warnings and not confirm_warnings:
        raise NumberWarnings("nik", check.warnings)
    digest = crypto.blind_index(check.number, NIK_PURPOSE)
    owner = _nik_owner(person, digest)
    if owner is not None:
        raise nik_taken_error(owner, by)
    person.nik_encrypted = crypto.encrypt(check.number)
    person.nik_hash = digest
    person.nik_masked = crypto.mask_number(check.number)


def _set_no_kk(obj, raw: str, *, confirm_warnings: bool) -> None:
    if not raw:
        obj.no_kk_encrypted, obj.no_kk_hash, obj.no_kk_masked = "", "", ""
        return
    check = check_no_kk(raw)
    if check.errors:
        raise ValidationError({"no_kk": check.errors})
    if check.warnings and not confirm_warnings:
        raise NumberWarnings("no_kk", check.warnings)
    obj.no_kk_encrypted = crypto.encrypt(check.number)
    obj.no_kk_hash = crypto.blind_index(check.number, KK_PURPOSE)
    obj.no_kk_masked = crypto.mask_number(check.number)


def nik_of(person: Person) -> str:
    return crypto.decrypt(person.nik_encrypted)


def no_kk_of(obj) -> str:
    return crypto.decrypt(obj.no_kk_encrypted)


def nik_hash_for(raw: str) -> str | None:
    check = check_nik(raw)
    return crypto.blind_index(check.number, NIK_PURPOSE) if check.valid else None


def _kk_hash_for(raw: str) -> str | None:
    check = check_no_kk(raw)
    return crypto.blind_index(check.number, KK_PURPOSE) if check.valid else None


# ------------------------------------------------------------------------------------ registration

PERSON_FIELDS = (
    "full_name", "name_quality", "sex", "birth_date", "birth_date_quality", "birth_year", "estimated_age",
    "age_estimated_on", "birthplace", "mother_name", "religion", "education", "marital_status", "occupation",
    "phone", "physical_description", "distinguishing_marks", "origin_region", "no_fixed_abode",
    "domicile_kelurahan", "domicile_rt", "domicile_rw", "domicile_address", "chronic_illness", "date_of_death",
    "assigned_worker", "origin_region_id", "domicile_kelurahan_id", "assigned_worker_id",
)


def _apply(person: Person, data: dict) -> None:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(person, name, value)
    if person.birth_date and person.birth_date_quality == BirthDateQuality.UNKNOWN:
        person.birth_date_quality = BirthDateQuality.EXACT
    if person.birth_date_quality == BirthDateQuality.EXACT and not person.birth_date:
        raise ValidationError({"birth_date": _("An exact birth date needs the date.")})
    if person.birth_date and person.birth_date > timezone.localdate():
        raise ValidationError({"birth_date": _("The birth date is in the future.")})
    today = timezone.localdate()
    if person.date_of_death and person.date_of_death > today:
        raise ValidationError({"date_of_death": _("The date of death is in the future.")})
    if person.age_estimated_on and person.age_estimated_on > today:
        raise ValidationError({"age_estimated_on": _("The date the age was estimated is in the future.")})
    if person.date_of_death and person.birth_date and person.date_of_death < person.birth_date:
        raise ValidationError({"date_of_death": _("The date of death is before the birth date.")})
    if person.birth_year and not (1900 <= person.birth_year <= timezone.localdate().year):
        raise ValidationError({"birth_year": _("The birth year must be between 1900 and this year.")})
    if person.estimated_age is not None and person.estimated_age > 120:
        raise ValidationError({"estimated_age": _("The estimated age must be 120 or less.")})
    if person.no_fixed_abode:
        person.domicile_kelurahan, person.domicile_rt, person.domicile_rw = None, "", ""
    person.birth_year = derive_birth_year(
        birth_date=person.birth_date, birth_date_quality=person.birth_date_quality, birth_year=person.birth_year,
        estimated_age=person.estimated_age, age_estimated_on=person.age_estimated_on)
    if person.birth_year and person.birth_date_quality == BirthDateQuality.UNKNOWN:
        person.birth_date_quality = BirthDateQuality.APPROXIMATE
    if not (person.full_name or "").strip():
        raise ValidationError({"full_name": _("Enter a name, a street name, or 'Tanpa nama' if unknown.")})
    person.full_name = " ".join(person.full_name.split())


def _save_person(person: Person, *, by, reason: str) -> None:
    """Save in a savepoint: a NIK registered by someone else since our check (a concurrent registration)
    trips the unique blind index; that becomes the same field error as the check, not a server error."""
    try:
        with transaction.atomic():
            person.save_with_reason(by=by, reason=reason)
    except IntegrityError:
        owner = _nik_owner(person, person.nik_hash)
        if owner is None:
            raise
        raise nik_taken_error(owner, by) from None


def check_duplicates(*, data: dict, aliases=(), nik: str = "", user=None, exclude_id=None):
    from desaku.people.selectors import duplicate_report

    return duplicate_report(data=data, aliases=aliases, nik=nik, user=user, exclude_id=exclude_id)


@transaction.atomic
def register_person(*, by, data: dict, aliases=(), nik: str = "", no_kk: str = "", confirm_new: bool = False,
                    confirm_warnings: bool = False, source: str = "ui", note: str = "") -> Person:
    """Register a new person after the duplicate check (UI, API and imports alike).

    Raises PossibleDuplicates when likely matches exist and the worker has not confirmed a new person,
    NumberWarnings for unconfirmed NIK/KK warnings, ValidationError for bad input. Nothing is saved then.
    """
    person = Person(organisation=by.organisation, registered_by=by)
    _apply(person, data)
    aliases = [a.strip() for a in aliases if a and a.strip()]
    # Duplicates first: a NIK already in the registry shows its owner (score 1.0) for linking.
    # The derived quality too: a bare birth year is "approximate", else the year would be ignored.
    report = check_duplicates(data={**data, "full_name": person.full_name, "birth_year": person.birth_year,
                                    "birth_date_quality": person.birth_date_quality},
                              aliases=aliases, nik=nik, user=by)
    if (report.matches or report.hidden_count) and not confirm_new:
        raise PossibleDuplicates(report)
    _set_nik(person, nik, confirm_warnings=confirm_warnings, by=by)
    _set_no_kk(person, no_kk, confirm_warnings=confirm_warnings)
    person.full_clean(exclude=["organisation", "registered_by", "nik_hash"])
    _save_person(person, by=by, reason=note or _("Registered"))
    for alias in aliases:
        Alias(person=person, name=alias, kind=AliasKind.NICKNAME).save_with_reason(by=by)
    rebuild_name_keys(person)
    if report.matches or report.hidden_count:
        DuplicateDecision(
            person=person, decision=DuplicateDecisionKind.CONFIRMED_NEW, entered_name=person.full_name,
            candidates=report.as_log(), decided_by=by, note=note, source=source,
        ).save_with_reason(by=by)
    return person


@transaction.atomic
def link_to_existing(*, person: Person, by, entered_name: str, candidates=(), source: str = "ui",
                     note: str = "", add_alias: bool = True) -> Person:
    """The worker decided the new entry is an existing person: log it, keep the new spelling as an alias."""
    entered = " ".join((entered_name or "").split())
    known = {person.full_name.casefold(), *(a.casefold() for a in person.aliases.values_list("name", flat=True))}
    if add_alias and entered and entered.casefold() not in known:
        Alias(person=person, name=entered, kind=AliasKind.EARLIER_SPELLING,
              note=_("entered at registration")).save_with_reason(by=by)
        rebuild_name_keys(person)
    DuplicateDecision(person=person, decision=DuplicateDecisionKind.LINKED_EXISTING, entered_name=entered,
                      candidates=list(candidates), decided_by=by, note=note, source=source).save_with_reason(by=by)
    return person


def keep_registration_numbers(*, person: Person, by, nik: str = "", no_kk: str = "",
                              confirm_warnings: bool = False) -> list[str]:
    """After "link to existing person": keep a NIK / No KK typed on the registration form when the existing
    record has none. Returns a message for every number typed that was NOT saved, and why (the worker
    then adds or corrects it on the person page); a number the record already holds needs no message."""
    not_kept = []
    numbers = (("nik", nik, _("NIK"), person.nik_hash, nik_hash_for),
               ("no_kk", no_kk, _("No KK"), person.no_kk_hash, _kk_hash_for))
    for field, raw, label, current, hash_for in numbers:
        raw = (raw or "").strip()
        if not raw:
            continue
        if current:
            if hash_for(raw) != current:
                not_kept.append(_("The %(label)s you typed differs from the one on record and was not saved; "
                                  "check it on the person page.") % {"label": label})
            continue
        try:
            with transaction.atomic():
                if field == "nik":
                    _set_nik(person, raw, confirm_warnings=confirm_warnings, by=by)
                else:
                    _set_no_kk(person, raw, confirm_warnings=confirm_warnings)
                _save_person(person, by=by, reason=_("%(label)s entered at registration") % {"label": label})
        except NumberWarnings as exc:
            person.refresh_from_db()
            not_kept.append(_("The %(label)s you typed was not saved: %(problem)s Add it on the person page.") % {
                "label": label, "problem": " ".join(str(message) for _code, message in exc.warnings)})
        except ValidationError as exc:
            person.refresh_from_db()
            not_kept.append(_("The %(label)s you typed was not saved: %(problem)s") % {
                "label": label, "problem": " ".join(exc.messages)})
    return not_kept


@transaction.atomic
def update_person(*, person: Person, by, data: dict, nik: str | None = None, no_kk: str | None = None,
                  confirm_warnings: bool = False, reason: str = "") -> Person:
    _apply(person, data)
    if nik is not None:
        _set_nik(person, nik, confirm_warnings=confirm_warnings, by=by)
    if no_kk is not None:
        _set_no_kk(person, no_kk, confirm_warnings=confirm_warnings)
    person.full_clean(exclude=["organisation", "registered_by", "nik_hash"])
    _save_person(person, by=by, reason=reason)
    rebuild_name_keys(person)
    if person.date_of_death:
        from desaku.people.signals import person_died

        person_died.send(sender=Person, person=person, by=by)
    return person


@transaction.atomic
def add_alias(*, person: Person, by, name: str, kind: str = AliasKind.NICKNAME, note: str = "") -> Alias:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Enter the alias.")})
    alias = Alias(person=person, name=name, kind=kind, note=note)
    alias.full_clean()
    alias.save_with_reason(by=by)
    rebuild_name_keys(person)
    return alias


@transaction.atomic
def remove_alias(*, alias: Alias, by, reason: str = "") -> None:
    person = alias.person
    alias.delete_with_reason(by=by, reason=reason)
    rebuild_name_keys(person)


# ---------------------------------------------------------------------------------- classifications


@transaction.atomic
def classify(*, person: Person, by, category, valid_from: date, evidence: str = "",
             valid_to: date | None = None) -> Classification:
    if valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date is before the start date.")})
    open_same = person.classifications.filter(category=category, valid_to__isnull=True)
    if valid_to is None and open_same.exists():
        raise ValidationError({"category": _("The person already holds this classification.")})
    item = Classification(person=person, category=category, valid_from=valid_from, valid_to=valid_to,
                          assessed_by=by, evidence=evidence)
    item.full_clean()
    item.save_with_reason(by=by)
    return item


@transaction.atomic
def end_classification(*, classification: Classification, by, valid_to: date, reason: str) -> Classification:
    if valid_to < classification.valid_from:
        raise ValidationError({"valid_to": _("The end date is before the start date.")})
    classification.valid_to = valid_to
    classification.save_with_reason(by=by, reason=reason)
    return classification


# -------------------------------------------------------------------------------------- households


@transaction.atomic
def create_household(*, by, head: Person, no_kk: str = "", kelurahan=None, address: str = "", rt: str = "",
                     rw: str = "", welfare_decile=None, start_date: date | None = None,
                     confirm_warnings: bool = False) -> Household:
    if welfare_decile is not None and not 1 <= welfare_decile <= 10:
        raise ValidationError({"welfare_decile": _("The welfare decile is between 1 and 10.")})
    household = Household(kelurahan=kelurahan, address=address, rt=rt, rw=rw, welfare_decile=welfare_decile,
                          organisation=by.organisation, registered_by=by)
    _set_no_kk(household, no_kk, confirm_warnings=confirm_warnings)
    household.save_with_reason(by=by)
    add_member(household=household, person=head, relationship="head", by=by, start_date=start_date)
    return household


@transaction.atomic
def add_member(*, household: Household, person: Person, relationship: str, by, start_date: date | None = None):
    current = person.household_memberships.filter(end_date__isnull=True).select_related("household").first()
    if current is not None:
        raise ValidationError({"person": _("%(name)s already belongs to a current household; end that membership "
                                           "first.") % {"name": person.full_name}})
    if relationship == "head" and household.memberships.filter(end_date__isnull=True, relationship="head").exists():
        raise ValidationError({"relationship": _("The household already has a head.")})
    membership = HouseholdMembership(household=household, person=person, relationship=relationship,
                                     start_date=start_date or timezone.localdate())
    membership.full_clean()
    membership.save_with_reason(by=by)
    return membership


@transaction.atomic
def end_membership(*, membership: HouseholdMembership, by, end_date: date, reason: str):
    if end_date < membership.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if not reason:
        raise ValidationError({"end_reason": _("Give the reason the person left.")})
    membership.end_date, membership.end_reason = end_date, reason
    membership.save_with_reason(by=by, reason=reason)
    return membership


@transaction.atomic
def change_no_kk(*, household: Household, by, no_kk: str, reason: str, confirm_warnings: bool = False):
    if not reason:
        raise ValidationError({"reason": _("Give the reason the family card number changed.")})
    _set_no_kk(household, no_kk, confirm_warnings=confirm_warnings)
    household.save_with_reason(by=by, reason=reason)
    return household


# ----------------------------------------------------------------------------------------- consent


@transaction.atomic
def record_consent(*, person: Person, by, given_on: date, shared_with=(), given_by: str = "self",
                   guardian_name: str = "", guardian_relationship: str = "", witness: str = "",
                   scanned_form=None, valid_until: date | None = None, note: str = "",
                   processing: bool = True) -> Consent:
    """Record consent. Sharing with partners is itself processing: a consent that refuses processing
    cannot name partners (visibility.consent_share_q shares only under a processing consent)."""
    if given_by == "guardian" and not guardian_name:
        raise ValidationError({"guardian_name": _("Enter the guardian's name.")})
    if valid_until and valid_until < given_on:
        raise ValidationError({"valid_until": _("The end date is before the start date.")})
    if shared_with and not processing:
        raise ValidationError({"shared_with": _(
            "Sharing with partners needs consent to data processing: tick it, or share with nobody.")})
    consent = Consent(person=person, given_on=given_on, given_by=given_by, guardian_name=guardian_name,
                      guardian_relationship=guardian_relationship, processing=processing, witness=witness,
                      valid_until=valid_until, recorded_by=by, note=note)
    if scanned_form is not None:
        consent.scanned_form = scanned_form
    consent.full_clean()
    consent.save_with_reason(by=by)
    consent.shared_with.set(shared_with)
    return consent


@transaction.atomic
def withdraw_consent(*, consent: Consent, by, withdrawn_on: date, reason: str) -> Consent:
    consent.withdrawn_on = withdrawn_on
    consent.save_with_reason(by=by, reason=reason)
    return consent


# ------------------------------------------------------------------------------------------- merge

SNAPSHOT_EXCLUDE = ("nik_encrypted", "no_kk_encrypted")


def _snapshot(person: Person) -> dict:
    data = model_to_dict(person, exclude=SNAPSHOT_EXCLUDE)
    data["aliases"] = list(person.aliases.values_list("name", flat=True))
    data["nik_hash"] = person.nik_hash
    return {k: (str(v) if v is not None and not isinstance(v, bool | int | list) else v) for k, v in data.items()}


@transaction.atomic
def merge_persons(*, survivor: Person, merged: Person, by, reason: str) -> Merge:
    """Make two records one: every registered reference to ``merged`` now points to ``survivor``."""
    if survivor.pk == merged.pk:
        raise ValidationError({"merged": _("A record cannot be merged with itself.")})
    if survivor.merged_into_id or merged.merged_into_id:
        raise ValidationError({"merged": _("One of these records was already merged.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the merge.")})
    if survivor.nik_hash and merged.nik_hash and survivor.nik_hash != merged.nik_hash:
        raise ValidationError({"merged": _("The two records carry different NIKs: they are different people.")})
    record = Merge(survivor=survivor, merged=merged, reason=reason, merged_by=by,
                   survivor_snapshot=_snapshot(survivor), merged_snapshot=_snapshot(merged))
    moved = []
    survivor_has_household = survivor.household_memberships.filter(end_date__isnull=True).exists()
    for model, field in merging.references():
        for obj in model._default_manager.filter(**{field: merged}):
            if (isinstance(obj, HouseholdMembership) and obj.end_date is None and survivor_has_household):
                # Only one current household: the merged record's membership ends with the merge.
                obj.end_date, obj.end_reason = timezone.localdate(), "merge"
                moved.append([model._meta.label, "__ended__", obj.pk])
            setattr(obj, field, survivor)
            obj._history_user, obj._change_reason = by, f"merge #{merged.pk} → #{survivor.pk}"
            try:
                with transaction.atomic():
                    obj.save()
            except IntegrityError:
                # Both records hold a place only one person may (one enrolment per program, one line per
                # aid cycle…): the worker resolves it first; the whole merge is rolled back.
                raise ValidationError({"merged": _(
                    "Both records have a %(record)s that only one person may hold (for example an active "
                    "enrolment in the same program): end or correct one of them, then merge.")
                    % {"record": model._meta.verbose_name}}) from None
            moved.append([model._meta.label, field, obj.pk])
    for model, field in merging.m2m_references():
        for obj in model._default_manager.filter(**{field: merged}):
            related = getattr(obj, field)
            had_survivor = related.filter(pk=survivor.pk).exists()
            related.remove(merged)
            related.add(survivor)
            # "m2m:" marks a many-to-many move; "+" means the survivor was already there before.
            moved.append([model._meta.label, f"m2m:{field}{'+' if had_survivor else ''}", obj.pk])
    if merged.nik_hash and not survivor.nik_hash:
        survivor.nik_encrypted, survivor.nik_hash, survivor.nik_masked = (
            merged.nik_encrypted, merged.nik_hash, merged.nik_masked)
        merged.nik_encrypted, merged.nik_hash, merged.nik_masked = "", None, ""
        merged.save_with_reason(by=by, reason=reason)
        moved.append(["people.Person", "__nik__", merged.pk])
    merged.merged_into = survivor
    merged.save_with_reason(by=by, reason=reason)
    survivor.save_with_reason(by=by, reason=reason)
    record.moved = moved
    record.save_with_reason(by=by, reason=reason)
    rebuild_name_keys(survivor)
    PersonNameKey.objects.filter(person=merged).delete()
    return record


@transaction.atomic
def unmerge(*, merge: Merge, by, reason: str) -> Merge:
    """Undo a merge: pointers moved by it go back, the merged record returns with its NIK."""
    from django.apps import apps

    if merge.undone_at:
        raise ValidationError({"merge": _("This merge was already undone.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason for undoing the merge.")})
    survivor, merged = merge.survivor, merge.merged
    if survivor.merged_into_id:
        # The records this merge moved went on with the survivor: undoing this one first would move nothing.
        later = Merge.objects.filter(merged=survivor, undone_at__isnull=True).select_related(
            "survivor").order_by("-pk").first()
        if later is not None:
            raise ValidationError({"merge": _(
                "%(survivor)s was itself merged into %(later)s afterwards. Undo that later merge first, then "
                "this one.") % {"survivor": survivor.registration_number,
                                "later": later.survivor.registration_number}})
        raise ValidationError({"merge": _(
            "%(survivor)s is no longer an active record, so this merge cannot be undone.")
            % {"survivor": survivor.registration_number}})
    if "__nik__" in {field for _, field, _ in merge.moved}:
        merged.nik_encrypted, merged.nik_hash, merged.nik_masked = (
            survivor.nik_encrypted, survivor.nik_hash, survivor.nik_masked)
        survivor.nik_encrypted, survivor.nik_hash, survivor.nik_masked = "", None, ""
        survivor.save_with_reason(by=by, reason=reason)
    merged.merged_into = None
    merged.save_with_reason(by=by, reason=reason)
    ended = {(label, pk) for label, field, pk in merge.moved if field == "__ended__"}
    for label, field, pk in merge.moved:
        if field.startswith("__"):
            continue
        if field.startswith("m2m:"):
            name = field[4:].rstrip("+")
            obj = apps.get_model(label)._default_manager.filter(pk=pk).first()
            if obj is not None:
                related = getattr(obj, name)
                related.add(merged)
                if not field.endswith("+"):
                    related.remove(survivor)
            continue
        obj = apps.get_model(label)._default_manager.filter(pk=pk, **{field: survivor}).first()
        if obj is None:
            continue  # deleted or re-pointed since the merge: leave it
        setattr(obj, field, merged)
        if (label, pk) in ended:
            obj.end_date, obj.end_reason = None, ""
        obj._history_user, obj._change_reason = by, reason
        obj.save()
    merge.undone_at, merge.undone_by, merge.undo_reason = timezone.now(), by, reason
    merge.save_with_reason(by=by, reason=reason)
    rebuild_name_keys(survivor)
    rebuild_name_keys(merged)
    return merge


# ------------------------------------------------------------------------- photos and disabilities


@transaction.atomic
def add_photo(*, person: Person, by, image, taken_on: date, caption: str = ""):
    """Attach a dated photo. The caller checks the file's content (forms.checked_upload)."""
    if taken_on > timezone.localdate():
        raise ValidationError({"taken_on": _("The date is in the future.")})
    photo = PersonPhoto(person=person, image=image, taken_on=taken_on, caption=caption, uploaded_by=by)
    photo.full_clean(exclude=["image"])
    photo.save_with_reason(by=by)
    return photo


@transaction.atomic
def add_disability(*, person: Person, by, type: str, severity: str, needs_daily_help: bool = False,
                   note: str = ""):
    disability = Disability(person=person, type=type, severity=severity, needs_daily_help=needs_daily_help,
                            note=note)
    disability.full_clean()
    disability.save_with_reason(by=by)
    return disability


@transaction.atomic
def remove_disability(*, disability, by, reason: str) -> None:
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    disability.delete_with_reason(by=by, reason=reason)


# ------------------------------------------------------------------- corrections (households, disabilities)

HOUSEHOLD_FIELDS = ("kelurahan", "address", "rt", "rw", "welfare_decile")
DISABILITY_FIELDS = ("type", "severity", "needs_daily_help", "note")


@transaction.atomic
def update_household(*, household: Household, by, data: dict, reason: str = "") -> Household:
    """Correct a household's address or welfare decile. The KK number changes only through change_no_kk."""
    unknown = set(data) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise ValueError(f"Unknown household fields: {sorted(unknown)}")
    decile = data.get("welfare_decile", household.welfare_decile)
    if decile is not None and not 1 <= decile <= 10:
        raise ValidationError({"welfare_decile": _("The welfare decile is between 1 and 10.")})
    for name, value in data.items():
        setattr(household, name, value)
    household.full_clean(exclude=["organisation", "registered_by", "no_kk_hash"])
    household.save_with_reason(by=by, reason=reason)
    return household


@transaction.atomic
def update_disability(*, disability: Disability, by, data: dict, reason: str = "") -> Disability:
    """Correct a recorded disability (type, severity, daily help, note)."""
    unknown = set(data) - set(DISABILITY_FIELDS)
    if unknown:
        raise ValueError(f"Unknown disability fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(disability, name, value)
    disability.full_clean()
    disability.save_with_reason(by=by, reason=reason)
    return disability
