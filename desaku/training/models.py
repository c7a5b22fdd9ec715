"""Skills training (Pelatihan Keterampilan): courses, batches with sessions, enrolment, attendance,
completion with certificates, and outcome follow-ups at 3 and 6 months.

Rules (enforced in services.py): eligibility against the course's target groups and minimum age;
capacity with a waiting list; no enrolment in two batches whose sessions overlap; batch status moves
only along TRANSITIONS; completion by the course's rule (attendance % and final score).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel
from desaku.core.models import OrganisationKind
from desaku.core.scoping import ScopedManager


class SkillType(AuditedModel):
    """A kind of skill (menjahit, tata boga…): editable reference data."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("skill type")
        verbose_name_plural = _("skill types")

    def __str__(self):
        return self.name


class Course(AuditedModel):
    """A course in the catalogue, with who it is for and its completion rule."""

    skill_type = models.ForeignKey(SkillType, verbose_name=_("skill type"), on_delete=models.PROTECT,
                                   related_name="courses")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.ManyToManyField("core.PPKSCategory", verbose_name=_("target groups"), blank=True,
                                           related_name="+",
                                           help_text=_("Empty: open to everyone of the minimum age."))
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(_("number of sessions"), default=10)
    hours = models.PositiveSmallIntegerField(_("total hours"), default=40)
    min_attendance_pct = models.PositiveSmallIntegerField(_("minimum attendance (%)"), default=80)
    pass_score = models.PositiveSmallIntegerField(_("final assessment pass score"), default=70,
                                                  help_text=_("Out of 100."))
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(m2m_fields=[target_groups])

    class Meta:
        ordering = ["skill_type__order", "name"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return self.name


class BatchStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for enrolment")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


# The explicit status transitions of a batch; finishing goes through services.complete_batch.
TRANSITIONS = {
    BatchStatus.PLANNED: (BatchStatus.OPEN, BatchStatus.CANCELLED),
    BatchStatus.OPEN: (BatchStatus.RUNNING, BatchStatus.PLANNED, BatchStatus.CANCELLED),
    BatchStatus.RUNNING: (BatchStatus.FINISHED, BatchStatus.CANCELLED),
    BatchStatus.FINISHED: (),
    BatchStatus.CANCELLED: (),
}
ENROLLING = (BatchStatus.PLANNED, BatchStatus.OPEN, BatchStatus.RUNNING)


class Batch(AuditedModel):
    """One run of a course: who gives it, where, when (its sessions), for how many, paid by whom."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="batches")
    name = models.CharField(_("batch name"), max_length=200)
    provider_kind = models.CharField(_("provider type"), max_length=20, choices=OrganisationKind.choices,
                                     default=OrganisationKind.DINAS)
    provider_name = models.CharField(_("provider"), max_length=200,
                                     help_text=_("e.g. Dinas Sosial, Bank Indonesia, BLK, an LKS, a company."))
    provider_organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("provider organisation in Desaku"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("When the provider is an organisation using Desaku (an LKS), it sees the batch."))
    trainers = models.CharField(_("trainers"), max_length=300, blank=True)
    location = models.CharField(_("location"), max_length=250)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    funding_source = models.ForeignKey("core.FundingSource", verbose_name=_("funding source"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    budget = models.DecimalField(_("budget (Rp)"), max_digits=14, decimal_places=0, default=0)
    budget_used = models.DecimalField(_("budget used (Rp)"), max_digits=14, decimal_places=0, default=0)
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.PLANNED)
    status_note = models.CharField(_("status note"), max_length=250, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("created_by",)
    SCOPE_ORG_FIELDS = ("organisation", "provider_organisation")
    objects = ScopedManager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("training batch")
        verbose_name_plural = _("training batches")
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                              name="training_batch_dates_ordered")]

    def __str__(self):
        return self.name


class Session(AuditedModel):
    batch = models.ForeignKey(Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")),
                                              name="training_session_times_ordered")]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITING = "waiting", _("Waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")
    NOT_COMPLETED = "not_completed", _("Did not complete")


ACTIVE_ENROLMENT = (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING)


class EnrolmentSource(models.TextChoices):
    REGISTRY = "registry", _("Registry search")
    HOUSEHOLD = "household", _("Household member")
    CASE = "case", _("From a case")


class Enrolment(AuditedModel):
    batch = models.ForeignKey(Batch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="enrolments")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="training_enrolments")
    status = models.CharField(_("status"), max_length=14, choices=EnrolmentStatus.choices)
    source = models.CharField(_("enrolled from"), max_length=10, choices=EnrolmentSource.choices,
                              default=EnrolmentSource.REGISTRY)
    household = models.ForeignKey("people.Household", verbose_name=_("household"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    source_reference = models.CharField(_("reference"), max_length=100, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=250, blank=True)
    final_score = models.PositiveSmallIntegerField(_("final score"), null=True, blank=True)
    attendance_pct = models.DecimalField(_("attendance (%)"), max_digits=5, decimal_places=1, null=True,
                                         blank=True, editable=False)
    certificate = models.ForeignKey("core.Letter", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("batch__created_by",)
    SCOPE_ORG_FIELDS = ("batch__organisation", "batch__provider_organisation")
    objects = ScopedManager()

    class Meta:
        ordering = ["batch", "enrolled_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["batch", "person"], condition=~Q(status="withdrawn"),
                                    name="training_one_enrolment_per_batch"),
            models.CheckConstraint(condition=Q(final_score__isnull=True) | Q(final_score__lte=100),
                                   name="training_score_max_100"),
        ]

    def __str__(self):
        return f"{self.person} — {self.batch}"


class AttendanceMark(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


ATTENDED = (AttendanceMark.PRESENT, AttendanceMark.LATE)


class Attendance(AuditedModel):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    mark = models.CharField(_("attendance"), max_length=8, choices=AttendanceMark.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="training_one_mark")]

    def __str__(self):
        return f"{self.enrolment.person} {self.session}: {self.mark}"


class WorkStatus(models.TextChoices):
    EMPLOYED = "employed", _("Working (employed)")
    OWN_BUSINESS = "own_business", _("Working (own business)")
    NOT_WORKING = "not_working", _("Not working")


FOLLOW_UP_MONTHS = (3, 6)


class FollowUp(AuditedModel):
    """An outcome follow-up of a graduate, 3 or 6 months after the batch ended."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after the batch"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("followed up on"), null=True, blank=True)
    work_status = models.CharField(_("work"), max_length=12, choices=WorkStatus.choices, blank=True)
    monthly_income = models.DecimalField(_("monthly income (Rp)"), max_digits=12, decimal_places=0, null=True,
                                         blank=True)
    starter_kit = models.BooleanField(_("starter kit received"), default=False)
    uep = models.BooleanField(_("UEP received"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("enrolment__batch__created_by",)
    SCOPE_ORG_FIELDS = ("enrolment__batch__organisation", "enrolment__batch__provider_organisation")
    objects = ScopedManager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("outcome follow-up")
        verbose_name_plural = _("outcome follow-ups")
        constraints = [models.UniqueConstraint(fields=["enrolment", "months"], name="training_one_follow_up")]

    def __str__(self):
        return f"{self.enrolment.person} +{self.months}"

    @property
    def task_source(self) -> str:
        return f"training.followup:{self.enrolment_id}:{self.months}"
