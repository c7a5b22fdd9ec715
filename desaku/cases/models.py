"""Case management: cases, assessments, plans, services delivered, notes, attachments, transfers,
shares and referrals.

Rules (enforced in services.py): explicit status transitions (open ↔ on hold → closed → reopened by a
supervisor); closure needs an exit destination and a reason; a share is read-only, for a period, and
only to an organisation named in the person's consent; a referral goes draft → sent → accepted /
declined → completed. A case is generic: program apps (ABH diversion…) add their own records on it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedManager, AuditedModel
from desaku.core.scoping import ScopedAuditedQuerySet
from desaku.outreach.models import ATENSI_COMPONENTS, RiskLevel

# Attachments: content types accepted (checked by magic bytes) and the size limit.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


class CaseType(models.TextChoices):
    CHILD = "anak", _("Child (anak)")
    DISABILITY = "disabilitas", _("Disability")
    ELDERLY = "lansia", _("Elderly (lansia)")
    TUNA_SOSIAL = "tuna_sosial", _("Tuna sosial (gepeng, homeless)")
    NAPZA = "napza", _("Drug abuse (NAPZA)")
    EX_PRISONER = "eks_napi", _("Ex-prisoner")
    ABH = "abh", _("Child in conflict with the law (ABH)")
    OTHER = "other", _("Other")


class CaseSource(models.TextChoices):
    DISPOSITION = "disposition", _("Shelter disposition")
    REFERRAL = "referral", _("Referral received")
    WALK_IN = "walk_in", _("Walk-in")
    PROGRAM = "program", _("Program")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ON_HOLD = "on_hold", _("On hold")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


ACTIVE_STATUSES = (CaseStatus.OPEN, CaseStatus.ON_HOLD, CaseStatus.REOPENED)


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class CaseQuerySet(ScopedAuditedQuerySet):
    def visible_to(self, user):
        from desaku.cases.restrictions import restriction_q

        queryset = super().visible_to(user)
        q = restriction_q(user)
        return queryset if q is None else queryset.filter(q)


class Case(AuditedModel):
    """A person (or a household) the department works with over time: one episode, one responsible worker."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="cases")
    household = models.ForeignKey("people.Household", verbose_name=_("household"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="cases")
    case_type = models.CharField(_("case type"), max_length=12, choices=CaseType.choices)
    source = models.CharField(_("source"), max_length=12, choices=CaseSource.choices, default=CaseSource.WALK_IN)
    source_reference = models.CharField(_("source reference"), max_length=120, blank=True,
                                        help_text=_("e.g. the disposition, referral letter or program"))
    priority = models.CharField(_("priority / risk"), max_length=8, choices=Priority.choices,
                                default=Priority.MEDIUM)
    summary = models.TextField(_("presenting situation"), blank=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible worker"),
                               on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")
    secondary_workers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("secondary workers"),
                                               blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("start date"))
    closed_on = models.DateField(_("close date"), null=True, blank=True)
    exit_destination = models.ForeignKey("core.ExitDestination", verbose_name=_("exit destination"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    closure_reason = models.TextField(_("reason for closing"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[secondary_workers])

    SCOPE_OWNER_FIELDS = ("worker", "secondary_workers")
    SCOPE_ORG_FIELDS = ("organisation",)
    SCOPE_DISTINCT = True
    objects = AuditedManager.from_queryset(CaseQuerySet)()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [models.CheckConstraint(condition=Q(person__isnull=False) | Q(household__isnull=False),
                                              name="case_has_person_or_household")]

    def __str__(self):
        return f"{self.number} {self.subject_name}"

    @property
    def number(self) -> str:
        return f"KS-{self.opened_on:%Y}-{self.pk:05d}" if self.pk else ""

    @property
    def subject_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        return str(self.household) if self.household_id else ""

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @classmethod
    def scope_extra_q(cls, user):
        """Active read-only shares to the user's organisation, and transfers waiting for the user's side."""
        today = timezone.localdate()
        q = Q(pk__in=[])
        if user.organisation_id:
            q |= Q(pk__in=CaseShare.objects.filter(
                organisation=user.organisation_id, revoked_on__isnull=True, starts_on__lte=today,
                ends_on__gte=today).values("case"))
            q |= Q(pk__in=CaseTransfer.objects.filter(
                status=TransferStatus.REQUESTED, to_organisation=user.organisation_id).values("case"))
        q |= Q(pk__in=CaseTransfer.objects.filter(status=TransferStatus.REQUESTED, to_worker=user.pk).values("case"))
        return q


class CaseAssessment(AuditedModel):
    """A case assessment, shaped like the shelter assessment (risk, needs by ATENSI component)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveSmallIntegerField(default=1)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    risk_level = models.CharField(_("risk level"), max_length=6, choices=RiskLevel.choices)
    family_situation = models.TextField(_("family situation"), blank=True)
    health = models.TextField(_("health"), blank=True)
    education = models.TextField(_("education"), blank=True)
    income_sources = models.TextField(_("income sources"), blank=True)
    strengths = models.TextField(_("strengths and resources"), blank=True)
    needs = models.JSONField(_("needs (ATENSI)"), default=dict, blank=True)  # component → note
    summary = models.TextField(_("conclusion"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "-version"]
        verbose_name = _("case assessment")
        verbose_name_plural = _("case assessments")
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="one_case_assessment_version")]

    def __str__(self):
        return f"{self.case} v{self.version}"


class CasePlan(AuditedModel):
    """The case plan: goals, actions (who, by when) and reviews; one per case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    summary = models.TextField(_("plan summary"), blank=True)
    next_review_on = models.DateField(_("next review"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case plan")
        verbose_name_plural = _("case plans")

    def __str__(self):
        return f"{self.case} plan"


class PlanGoal(AuditedModel):
    plan = models.ForeignKey(CasePlan, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("goal"), max_length=300)
    atensi_component = models.CharField(_("ATENSI component"), max_length=14, choices=ATENSI_COMPONENTS, blank=True)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")

    def __str__(self):
        return self.description


class ActionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PlanAction(AuditedModel):
    """Who does what by when; a due date makes a task for the responsible user."""

    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible user"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    responsible_other = models.CharField(_("or responsible (outside Desaku)"), max_length=150, blank=True,
                                         help_text=_("e.g. the family, the school, a UPT"))
    due_on = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")

    def __str__(self):
        return self.description

    @property
    def task_source(self) -> str:
        return f"cases.planaction:{self.pk}"


class PlanReview(AuditedModel):
    plan = models.ForeignKey(CasePlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    progress = models.TextField(_("progress"))
    next_review_on = models.DateField(_("next review"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")

    def __str__(self):
        return f"{self.plan} {self.reviewed_on}"


class ServiceType(AuditedModel):
    """The taxonomy of services delivered, grouped by the seven ATENSI components (editable reference data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    atensi_component = models.CharField(_("ATENSI component"), max_length=14, choices=ATENSI_COMPONENTS)
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("e.g. session, package, kg"))
    has_amount = models.BooleanField(_("has an amount in rupiah"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("service type")
        verbose_name_plural = _("service types")

    def __str__(self):
        return self.name


class ServiceDelivery(AuditedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    service_type = models.ForeignKey(ServiceType, verbose_name=_("service"), on_delete=models.PROTECT,
                                     related_name="+")
    delivered_on = models.DateField(_("date"))
    provider = models.CharField(_("provider"), max_length=150, blank=True)
    provider_institution = models.ForeignKey("core.Institution", verbose_name=_("provider institution"), null=True,
                                             blank=True, on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("amount (Rp)"), max_digits=14, decimal_places=0, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-delivered_on", "-pk"]
        verbose_name = _("service delivered")
        verbose_name_plural = _("services delivered")

    def __str__(self):
        return f"{self.service_type} {self.delivered_on}"


class NoteKind(models.TextChoices):
    NOTE = "note", _("Case note")
    HOME_VISIT = "visit", _("Home visit")
    PHONE = "phone", _("Phone call")
    MEETING = "meeting", _("Meeting / case conference")


CONTACT_KINDS = (NoteKind.HOME_VISIT, NoteKind.PHONE, NoteKind.MEETING)


class CaseNote(AuditedModel):
    """A case note. A confidential one is shown only to its author, the case worker and supervisors."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=8, choices=NoteKind.choices, default=NoteKind.NOTE)
    noted_on = models.DateField(_("date"))
    text = models.TextField(_("note"))
    confidential = models.BooleanField(_("confidential"), default=False,
                                       help_text=_("Only you, the responsible worker and supervisors can read it."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-noted_on", "-pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self):
        return f"{self.case} {self.noted_on}"


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")


class Referral(AuditedModel):
    """A referral to an institution of the directory or to another service of the department."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="case_referrals")
    institution = models.ForeignKey("core.Institution", verbose_name=_("institution"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    internal_service = models.CharField(_("or department service"), max_length=150, blank=True,
                                        help_text=_("e.g. Bidang Perlindungan dan Jaminan Sosial"))
    reason = models.TextField(_("reason"))
    documents = models.TextField(_("documents to send"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices,
                              default=ReferralStatus.DRAFT)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    responded_on = models.DateField(_("response date"), null=True, blank=True)
    response = models.TextField(_("response of the receiving institution"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    disposition_id = models.PositiveIntegerField(_("outreach disposition"), null=True, blank=True, unique=True,
                                                 editable=False)
    letter = models.ForeignKey("core.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [models.CheckConstraint(
            condition=Q(institution__isnull=False) | ~Q(internal_service=""), name="referral_has_destination")]

    def __str__(self):
        return f"{self.case.subject_name} → {self.destination}"

    @property
    def destination(self) -> str:
        return self.institution.name if self.institution_id else self.internal_service


def attachment_path(instance, filename):
    return f"cases/{instance.case_id}/{filename}"


class Attachment(AuditedModel):
    """A document or photo of a case (optionally of a service or a referral); served only through a view."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    service = models.ForeignKey(ServiceDelivery, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="attachments")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    file_type = models.CharField(max_length=4, editable=False)
    size = models.PositiveIntegerField(editable=False)
    title = models.CharField(_("title"), max_length=150)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class CaseTransfer(AuditedModel):
    """A request to hand the case to another worker or organisation; the receiving side accepts or declines."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    to_organisation = models.ForeignKey("core.Organisation", verbose_name=_("to organisation"),
                                        on_delete=models.PROTECT, related_name="+")
    to_worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("to worker"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=10, choices=TransferStatus.choices,
                              default=TransferStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")
        constraints = [models.UniqueConstraint(fields=["case"], condition=Q(status="requested"),
                                               name="one_pending_transfer_per_case")]

    def __str__(self):
        return f"{self.case} → {self.to_organisation}"


class CaseShare(AuditedModel):
    """Read-only access to a case for a partner organisation, for a period, under the person's consent."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("purpose"), max_length=250)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("case share")
        verbose_name_plural = _("case shares")

    def __str__(self):
        return f"{self.case} ↔ {self.organisation}"

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.revoked_on is None and self.starts_on <= on <= self.ends_on
