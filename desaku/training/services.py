"""Writes of the training app; the rules live here so the UI, the API and the demo agree."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.core.models import Role
from desaku.training.models import (
    ACTIVE_ENROLMENT,
    ATTENDED,
    ENROLLING,
    FOLLOW_UP_MONTHS,
    TRANSITIONS,
    Attendance,
    AttendanceMark,
    Batch,
    BatchStatus,
    Course,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    FollowUp,
    Session,
)

MANAGERS = (Role.ADMINISTRATOR, Role.KEPALA_BIDANG, Role.PEKSOS, Role.OPERATOR, Role.MITRA_LKS)


# ------------------------------------------------------------------------------------------ courses


@transaction.atomic
def save_course(*, by, course: Course | None = None, target_groups=None, **fields) -> Course:
    course = course or Course()
    for name, value in fields.items():
        setattr(course, name, value)
    if course.min_attendance_pct > 100:
        raise ValidationError({"min_attendance_pct": _("A percentage is at most 100.")})
    if course.pass_score > 100:
        raise ValidationError({"pass_score": _("The pass score is out of 100.")})
    course.full_clean(exclude=["target_groups"])
    course.save_with_reason(by=by)
    if target_groups is not None:
        course.target_groups.set(target_groups)
    return course


# ------------------------------------------------------------------------------------------ batches


@dataclass(frozen=True)
class Slot:
    """A session's time, for the overlap check."""

    date: date
    start: time
    end: time


def slots_overlap(a: Slot, b: Slot) -> bool:
    """Two sessions overlap when they share a day and their times intersect (touching ends do not)."""
    return a.date == b.date and a.start < b.end and b.start < a.end


def schedules_overlap(first, second) -> list[tuple[Slot, Slot]]:
    """The overlapping pairs of two schedules (lists of Slot)."""
    by_day = {}
    for slot in second:
        by_day.setdefault(slot.date, []).append(slot)
    return [(a, b) for a in first for b in by_day.get(a.date, ()) if slots_overlap(a, b)]


def schedule_of(batch) -> list[Slot]:
    return [Slot(s.date, s.start_time, s.end_time) for s in batch.sessions.all()]


def session_dates(start: date, end: date, weekdays) -> list[date]:
    """The days between start and end (inclusive) falling on the given ISO weekdays (1 = Monday)."""
    wanted = {int(d) for d in weekdays}
    days, day = [], start
    while day <= end:
        if day.isoweekday() in wanted:
            days.append(day)
        day += timedelta(days=1)
    return days


@transaction.atomic
def create_batch(*, by, course: Course, name: str, provider_name: str, location: str, start_date: date,
                 end_date: date, capacity: int, start_time: time, end_time: time, weekdays=(1, 2, 3, 4, 5),
                 provider_kind: str = "dinas", provider_organisation=None, trainers: str = "", funding_source=None,
                 budget=Decimal(0), notes: str = "", status: str = BatchStatus.PLANNED) -> Batch:
    """A batch and its session schedule: one session per chosen weekday between the dates."""
    if end_date < start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if end_time <= start_time:
        raise ValidationError({"end_time": _("A session must end after it starts.")})
    if capacity < 1:
        raise ValidationError({"capacity": _("The capacity must be at least 1.")})
    days = session_dates(start_date, end_date, weekdays)
    if not days:
        raise ValidationError({"weekdays": _("No session day falls between the start and end dates.")})
    if by.has_role(Role.MITRA_LKS) and provider_organisation is None:
        provider_organisation = by.organisation  # an LKS runs its own batches
    batch = Batch(course=course, name=name, provider_kind=provider_kind, provider_name=provider_name,
                  provider_organisation=provider_organisation, trainers=trainers, location=location,
                  start_date=start_date, end_date=end_date, capacity=capacity, funding_source=funding_source,
                  budget=budget or 0, notes=notes, status=status, organisation=by.organisation, created_by=by)
    batch.full_clean(exclude=["organisation", "created_by"])
    batch.save_with_reason(by=by)
    for day in days:
        Session(batch=batch, date=day, start_time=start_time, end_time=end_time).save_with_reason(by=by)
    return batch


@transaction.atomic
def add_session(*, batch: Batch, by, date: date, start_time: time, end_time: time, topic: str = "") -> Session:
    if batch.status in (BatchStatus.FINISHED, BatchStatus.CANCELLED):
        raise ValidationError({"date": _("The batch is closed.")})
    if end_time <= start_time:
        raise ValidationError({"end_time": _("A session must end after it starts.")})
    slot = Slot(date, start_time, end_time)
    # A new session must not make a participant's schedule clash with another batch.
    for enrolment in batch.enrolments.filter(status__in=ACTIVE_ENROLMENT).select_related("person"):
        for other in _other_active_batches(enrolment.person, exclude=batch):
            if schedules_overlap([slot], schedule_of(other)):
                raise ValidationError({"date": _("%(name)s has a session of %(batch)s at that time.") % {
                    "name": enrolment.person.full_name, "batch": other.name}})
    session = Session(batch=batch, date=date, start_time=start_time, end_time=end_time, topic=topic)
    session.full_clean(exclude=["batch"])
    session.save_with_reason(by=by)
    if date > batch.end_date or date < batch.start_date:
        batch = Batch.objects.select_for_update().get(pk=batch.pk)
        batch.start_date, batch.end_date = min(batch.start_date, date), max(batch.end_date, date)
        batch.save_with_reason(by=by, reason=_("Session added outside the dates"))
    return session


@transaction.atomic
def change_status(*, batch: Batch, by, to: str, note: str = "") -> Batch:
    """Move a batch along TRANSITIONS; finishing is ``complete_batch`` (it computes the results)."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if to not in TRANSITIONS.get(batch.status, ()):
        raise ValidationError({"status": _("A batch cannot go from %(old)s to %(new)s.") % {
            "old": batch.get_status_display(), "new": BatchStatus(to).label if to in BatchStatus.values else to}})
    if to == BatchStatus.FINISHED:
        return complete_batch(batch=batch, by=by)
    if to == BatchStatus.CANCELLED and not note:
        raise ValidationError({"note": _("Give the reason for cancelling.")})
    if to == BatchStatus.RUNNING and not batch.enrolments.filter(status=EnrolmentStatus.ENROLLED).exists():
        raise ValidationError({"status": _("Enrol participants before the batch starts.")})
    batch.status, batch.status_note = to, note
    batch.save_with_reason(by=by, reason=note or to)
    return batch


@transaction.atomic
def record_budget_used(*, batch: Batch, by, amount) -> Batch:
    if amount is None or amount < 0:
        raise ValidationError({"budget_used": _("The amount cannot be negative.")})
    batch = Batch.objects.select_for_update().get(pk=batch.pk)  # a stale instance would undo a status change
    batch.budget_used = amount
    batch.save_with_reason(by=by, reason=_("Budget used"))
    return batch


# --------------------------------------------------------------------------------------- enrolment


def current_category_ids(person, on: date) -> set[int]:
    from django.db.models import Q

    return set(person.classifications.filter(valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)).values_list("category_id", flat=True))


def eligibility(course: Course, person, on: date | None = None) -> list[str]:
    """The rules the person fails for this course, each as a sentence; empty means eligible."""
    on = on or timezone.localdate()
    problems = []
    if person.is_deceased:
        problems.append(_("%(name)s is recorded as deceased.") % {"name": person.full_name})
    if course.min_age:
        age = person.age_on(on)
        if age is None:
            problems.append(_("The age of %(name)s is unknown; the course requires at least %(min)s years. Record a "
                              "birth date or an estimated age in the registry.") % {
                "name": person.full_name, "min": course.min_age})
        elif age < course.min_age:
            problems.append(_("%(name)s is %(age)s years old; the course requires at least %(min)s.") % {
                "name": person.full_name, "age": age, "min": course.min_age})
    targets = list(course.target_groups.all())
    if targets:
        held = current_category_ids(person, on)
        if not held.intersection(t.pk for t in targets):
            names = ", ".join(t.short_name or t.name for t in targets)
            problems.append(_("%(name)s has no current PPKS classification in the course's target groups "
                              "(%(groups)s).") % {"name": person.full_name, "groups": names})
    return problems


def _other_active_batches(person, *, exclude):
    ids = Enrolment.objects.filter(person=person, status__in=ACTIVE_ENROLMENT).exclude(
        batch=exclude).values("batch_id")
    return Batch.objects.filter(pk__in=ids).exclude(status=BatchStatus.CANCELLED).prefetch_related("sessions")


def clashes(batch: Batch, person) -> list[Batch]:
    """The person's other active batches whose sessions overlap this batch's."""
    mine = schedule_of(batch)
    return [other for other in _other_active_batches(person, exclude=batch) if schedules_overlap(mine, schedule_of(other))]


def enrolled_count(batch: Batch) -> int:
    return batch.enrolments.filter(status__in=(EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED,
                                               EnrolmentStatus.NOT_COMPLETED)).count()


@transaction.atomic
def enrol(*, batch: Batch, person, by, source: str = EnrolmentSource.REGISTRY, household=None,
          source_reference: str = "") -> Enrolment:
    """Enrol a person: eligible, not yet in the batch, no clashing sessions; on the waiting list when full."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)  # the last place goes to one caller only
    if batch.status not in ENROLLING:
        raise ValidationError({"batch": _("This batch does not take enrolments (%(status)s).") % {
            "status": batch.get_status_display()}})
    if batch.enrolments.filter(person=person).exclude(status=EnrolmentStatus.WITHDRAWN).exists():
        raise ValidationError({"person": _("%(name)s is already in this batch.") % {"name": person.full_name}})
    problems = eligibility(batch.course, person, batch.start_date)
    if problems:
        raise ValidationError({"person": problems})
    overlapping = clashes(batch, person)
    if overlapping:
        raise ValidationError({"person": _("%(name)s is in %(batch)s, whose sessions overlap this batch's.") % {
            "name": person.full_name, "batch": overlapping[0].name}})
    if household is not None and not household.memberships.filter(person=person, end_date__isnull=True).exists():
        raise ValidationError({"household": _("%(name)s is not a current member of this household.") % {
            "name": person.full_name}})
    full = enrolled_count(batch) >= batch.capacity
    enrolment = Enrolment(batch=batch, person=person, enrolled_by=by, source=source, household=household,
                          source_reference=source_reference,
                          status=EnrolmentStatus.WAITING if full else EnrolmentStatus.ENROLLED)
    enrolment.save_with_reason(by=by, reason=_("Waiting list") if full else "")
    return enrolment


@transaction.atomic
def withdraw(*, enrolment: Enrolment, by, reason: str, on: date | None = None) -> Enrolment | None:
    """Withdraw with a reason; a freed place goes to the first on the waiting list (returned, or None)."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in ACTIVE_ENROLMENT:
        raise ValidationError({"status": _("Only an enrolled or waiting participant can withdraw.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the withdrawal.")})
    freed = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status, enrolment.withdrawn_on, enrolment.withdrawal_reason = (
        EnrolmentStatus.WITHDRAWN, on or timezone.localdate(), reason.strip())
    enrolment.save_with_reason(by=by, reason=reason)
    if freed:
        return promote_waiting(batch=enrolment.batch, by=by)
    return None


def promote_waiting(*, batch: Batch, by) -> Enrolment | None:
    """Give free places to the waiting list in order of enrolment; a waiting person who now clashes is skipped."""
    promoted = None
    for waiting in batch.enrolments.filter(status=EnrolmentStatus.WAITING).order_by("enrolled_at", "id"):
        if enrolled_count(batch) >= batch.capacity:
            break
        if clashes(batch, waiting.person):
            continue
        waiting.status = EnrolmentStatus.ENROLLED
        waiting.save_with_reason(by=by, reason=_("A place became free"))
        promoted = promoted or waiting
    return promoted


# -------------------------------------------------------------------------------------- attendance


def attendance_pct(enrolment: Enrolment, *, of_all_sessions: bool = False) -> Decimal | None:
    """Sessions attended (present or late) out of the sessions taken so far (or of all, at completion)."""
    batch = enrolment.batch
    if of_all_sessions:
        total = batch.sessions.count()
    else:
        total = batch.sessions.filter(attendance__isnull=False).distinct().count()
    if not total:
        return None
    attended = enrolment.attendance.filter(mark__in=ATTENDED).count()
    return (Decimal(attended * 100) / Decimal(total)).quantize(Decimal("0.1"))


@transaction.atomic
def record_attendance(*, session: Session, by, marks: dict) -> int:
    """Marks of one session: {enrolment id: mark}. Re-saving changes the marks. Returns the number saved."""
    batch = session.batch
    if batch.status not in (BatchStatus.OPEN, BatchStatus.RUNNING):
        raise ValidationError({"session": _("Attendance is taken while the batch runs.")})
    if session.date > timezone.localdate():
        raise ValidationError({"session": _("This session has not happened yet.")})
    enrolments = {e.pk: e for e in batch.enrolments.filter(status=EnrolmentStatus.ENROLLED)}
    existing = {a.enrolment_id: a for a in session.attendance.all()}
    saved = 0
    for key, mark in marks.items():
        enrolment = enrolments.get(int(key))
        if enrolment is None:
            raise ValidationError({"marks": _("A participant is not enrolled in this batch.")})
        if mark not in AttendanceMark.values:
            raise ValidationError({"marks": _("Unknown attendance mark: %(mark)s.") % {"mark": mark}})
        record = existing.get(enrolment.pk)
        if record is None:
            record = Attendance(session=session, enrolment=enrolment, mark=mark, recorded_by=by)
        elif record.mark == mark:
            continue
        record.mark, record.recorded_by = mark, by
        record.save_with_reason(by=by)
        saved += 1
    _refresh_percentages(batch, enrolments.values(), by)
    return saved


def _refresh_percentages(batch, enrolments, by):
    """The live percentages of a batch's participants, in two queries (the grid is saved often)."""
    from django.db.models import Count, Q

    total = batch.sessions.filter(attendance__isnull=False).distinct().count()
    attended = dict(Enrolment.objects.filter(batch=batch).annotate(
        n=Count("attendance", filter=Q(attendance__mark__in=ATTENDED))).values_list("pk", "n"))
    for enrolment in enrolments:
        pct = (Decimal(attended.get(enrolment.pk, 0) * 100) / Decimal(total)).quantize(Decimal("0.1")) \
            if total else None
        if pct != enrolment.attendance_pct:
            enrolment.attendance_pct = pct
            enrolment.save_with_reason(by=by, reason=_("Attendance"))


# ------------------------------------------------------------------------------------- completion


@transaction.atomic
def record_scores(*, batch: Batch, by, scores: dict) -> int:
    """Final assessment scores (0–100): {enrolment id: score or None}."""
    if batch.status not in (BatchStatus.OPEN, BatchStatus.RUNNING):
        raise ValidationError({"scores": _("Scores are recorded while the batch runs.")})
    enrolments = {e.pk: e for e in batch.enrolments.filter(status=EnrolmentStatus.ENROLLED)}
    saved = 0
    for key, score in scores.items():
        enrolment = enrolments.get(int(key))
        if enrolment is None:
            raise ValidationError({"scores": _("A participant is not enrolled in this batch.")})
        if score is not None and not 0 <= int(score) <= 100:
            raise ValidationError({"scores": _("A score is between 0 and 100.")})
        if enrolment.final_score != score:
            enrolment.final_score = score
            enrolment.save_with_reason(by=by, reason=_("Final score"))
            saved += 1
    return saved


def meets_rule(course: Course, pct: Decimal | None, score: int | None) -> bool:
    """The course's completion rule: enough attendance and a passing final score."""
    return pct is not None and pct >= course.min_attendance_pct and score is not None and score >= course.pass_score


@transaction.atomic
def complete_batch(*, batch: Batch, by) -> Batch:
    """Close a running batch: each participant completed or not by the course rule; follow-ups scheduled."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != BatchStatus.RUNNING:
        raise ValidationError({"status": _("Only a running batch can be completed.")})
    course = batch.course
    for enrolment in batch.enrolments.filter(status=EnrolmentStatus.ENROLLED):
        pct = attendance_pct(enrolment, of_all_sessions=True)
        enrolment.attendance_pct = pct
        passed = meets_rule(course, pct, enrolment.final_score)
        enrolment.status = EnrolmentStatus.COMPLETED if passed else EnrolmentStatus.NOT_COMPLETED
        enrolment.save_with_reason(by=by, reason=_("Batch completed"))
        if passed:
            for months in FOLLOW_UP_MONTHS:
                FollowUp(enrolment=enrolment, months=months,
                         due_on=add_months(batch.end_date, months)).save_with_reason(by=by)
    # Nobody waits for a finished batch.
    for waiting in batch.enrolments.filter(status=EnrolmentStatus.WAITING):
        waiting.status, waiting.withdrawn_on = EnrolmentStatus.WITHDRAWN, timezone.localdate()
        waiting.withdrawal_reason = _("The batch ended before a place became free.")
        waiting.save_with_reason(by=by, reason=waiting.withdrawal_reason)
    batch.status = BatchStatus.FINISHED
    batch.save_with_reason(by=by, reason=_("Batch completed"))
    return batch


# ------------------------------------------------------------------------------------------ outcomes


@transaction.atomic
def record_follow_up(*, follow_up: FollowUp, by, work_status: str, done_on: date | None = None,
                     monthly_income=None, starter_kit: bool = False, uep: bool = False, notes: str = "") -> FollowUp:
    from desaku.core.tasklist import close_tasks_for
    from desaku.training.models import WorkStatus

    if work_status not in WorkStatus.values:
        raise ValidationError({"work_status": _("Choose the work situation.")})
    if monthly_income is not None and monthly_income < 0:
        raise ValidationError({"monthly_income": _("The income cannot be negative.")})
    done_on = done_on or timezone.localdate()
    if done_on < follow_up.enrolment.batch.end_date:
        raise ValidationError({"done_on": _("The follow-up is after the batch ended.")})
    follow_up.work_status, follow_up.done_on, follow_up.monthly_income = work_status, done_on, monthly_income
    follow_up.starter_kit, follow_up.uep, follow_up.notes, follow_up.recorded_by = starter_kit, uep, notes, by
    follow_up.save_with_reason(by=by)
    close_tasks_for(source=follow_up.task_source, by=by)
    return follow_up


def create_due_follow_up_tasks(today: date) -> int:
    """A task for each follow-up due (and not done) to whoever runs the batch: created idempotently."""
    from django.urls import reverse

    from desaku.core.models import Task, TaskStatus
    from desaku.core.tasklist import create_task

    made = 0
    for follow_up in FollowUp.objects.filter(done_on__isnull=True, due_on__lte=today).select_related(
            "enrolment__person", "enrolment__batch__created_by"):
        batch = follow_up.enrolment.batch
        owner = batch.created_by
        if not owner.is_active:
            continue
        if Task.objects.filter(source=follow_up.task_source).exclude(status=TaskStatus.OPEN).exists():
            continue  # done or cancelled by hand: do not nag again
        existed = Task.objects.filter(source=follow_up.task_source, status=TaskStatus.OPEN).exists()
        create_task(title=_("Training follow-up (%(months)s months): %(name)s") % {
            "months": follow_up.months, "name": follow_up.enrolment.person.full_name},
            assigned_to=owner, due_on=follow_up.due_on, detail=batch.name,
            url=reverse("training:follow_up", args=[follow_up.pk]), source=follow_up.task_source)
        made += 0 if existed else 1
    return made


# -------------------------------------------------------------------------------------- certificates


@transaction.atomic
def issue_certificate(*, enrolment: Enrolment, by, base_url: str = "http://localhost/"):
    """Number the certificate once (re-printing reuses it) and store its PDF."""
    from django.core.files.base import ContentFile

    from desaku.core import letters

    enrolment = Enrolment.objects.select_for_update().select_related("batch__course__skill_type", "person").get(
        pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise ValidationError({"status": _("A certificate is for a participant who completed the course.")})
    letter = enrolment.certificate
    if letter is None:
        letter = letters.issue_letter(type_code="TRN-SERT", subject=f"Sertifikat {enrolment.batch.name} — "
                                      f"#{enrolment.pk}", by=by, record=enrolment, issued_on=enrolment.batch.end_date)
        enrolment.certificate = letter
        enrolment.save_with_reason(by=by, reason=letter.number)
    if not letter.pdf:
        pdf = letters.render_pdf(letter=letter, template="training/letters/certificate.html", base_url=base_url,
                                 context={"enrolment": enrolment, "person": enrolment.person,
                                          "batch": enrolment.batch, "course": enrolment.batch.course})
        letter.pdf.save(f"{letter.pk}.pdf", ContentFile(pdf), save=False)
        letter.save_with_reason(by=by, reason="pdf")
    return letter


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def combine(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))
