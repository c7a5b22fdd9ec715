"""Social aid: programs with eligibility rules as data, enrolments, distribution cycles and their lines,
stock of in-kind packages, welfare status (DTKS/decile) and recommendation letter requests.

Rules (enforced in services.py): eligibility (rules.py), one open enrolment per person per program (DB
constraint too), a cycle may not exceed the program's remaining budget, a line is paid once, one line per
person per cycle (DB constraint), death ends every enrolment (signal).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel
from desaku.core.scoping import ScopedManager


def dinas_wide_q(user) -> Q:
    """The Dinas runs the programs: its staff with organisation scope see what partners propose."""
    from desaku.core.models import OrganisationKind, Scope

    org = user.organisation
    if org is not None and org.kind == OrganisationKind.DINAS and user.data_scope == Scope.ORGANISATION:
        return Q(pk__isnull=False)
    return Q(pk__in=[])


class ProgramKind(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")
    GRANT = "grant", _("Grant")
    RECOMMENDATION = "recommendation", _("Recommendation")


class Frequency(models.TextChoices):
    ONE_OFF = "one_off", _("One-off")
    MONTHLY = "monthly", _("Monthly")
    MONTHLY_PAID_QUARTERLY = "monthly_quarterly", _("Monthly, paid quarterly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class Program(AuditedModel):
    """An aid program: what it gives, from which budget, to whom (``rules``: see rules.py)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=16, choices=ProgramKind.choices)
    funding_source = models.ForeignKey("core.FundingSource", verbose_name=_("funding source"),
                                       on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("budget year"))
    budget = models.DecimalField(_("yearly budget (Rp)"), max_digits=15, decimal_places=0, default=0)
    benefit_amount = models.DecimalField(_("amount per payment (Rp)"), max_digits=12, decimal_places=0, default=0)
    benefit_package = models.CharField(_("package"), max_length=250, blank=True,
                                       help_text=_("For in-kind aid: what one package holds."))
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices,
                                 default=Frequency.ONE_OFF)
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), null=True, blank=True)
    rules = models.JSONField(_("eligibility rules"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("aid program")
        verbose_name_plural = _("aid programs")

    def __str__(self):
        return f"{self.name} {self.year}"

    @property
    def distributes(self) -> bool:
        return self.kind in (ProgramKind.CASH, ProgramKind.IN_KIND, ProgramKind.GRANT)


class WelfareStatus(AuditedModel):
    """A person's welfare record as known on a date: in DTKS/DTSEN or not, and the welfare decile."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="welfare_statuses")
    in_dtks = models.BooleanField(_("listed in DTKS/DTSEN"), default=False)
    decile = models.PositiveSmallIntegerField(_("welfare decile"), null=True, blank=True)
    recorded_on = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_on", "-id"]
        verbose_name = _("welfare status")
        verbose_name_plural = _("welfare statuses")
        constraints = [models.CheckConstraint(condition=Q(decile__isnull=True) | Q(decile__gte=1, decile__lte=10),
                                              name="aid_welfare_decile_1_10")]

    def __str__(self):
        return f"{self.person} — {self.decile or '-'}"


class EnrolmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    VERIFIED = "verified", _("Verified")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")
    TERMINATED = "terminated", _("Terminated")
    REJECTED = "rejected", _("Rejected")


OPEN_ENROLMENT = (EnrolmentStatus.PROPOSED, EnrolmentStatus.VERIFIED, EnrolmentStatus.ACTIVE,
                  EnrolmentStatus.SUSPENDED)


class Enrolment(AuditedModel):
    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT,
                                related_name="enrolments")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="aid_enrolments")
    status = models.CharField(_("status"), max_length=10, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.PROPOSED)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    reason = models.CharField(_("reason for proposal"), max_length=250, blank=True)
    end_reason = models.CharField(_("reason for suspension or end"), max_length=250, blank=True)
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    account_number = models.CharField(_("account number"), max_length=30, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=150, blank=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("proposed_by",)
    SCOPE_ORG_FIELDS = ("organisation",)
    objects = ScopedManager()

    @classmethod
    def scope_extra_q(cls, user):
        return dinas_wide_q(user)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["program", "person"],
                                    condition=Q(status__in=["proposed", "verified", "active", "suspended"]),
                                    name="aid_one_open_enrolment_per_program"),
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self):
        return f"{self.person} — {self.program}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ENROLMENT


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VERIFIED = "verified", _("Verified")
    APPROVED = "approved", _("Approved")
    CLOSED = "closed", _("Closed")


class Cycle(AuditedModel):
    """One distribution (e.g. "ASPD 2026 tahap 1"): the lines generated for active, still-eligible enrolees."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="cycles")
    name = models.CharField(_("name"), max_length=150)
    scheduled_on = models.DateField(_("distribution date"))
    amount = models.DecimalField(_("amount per line (Rp)"), max_digits=12, decimal_places=0, default=0)
    status = models.CharField(_("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.DRAFT)
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    total = models.DecimalField(_("total (Rp)"), max_digits=15, decimal_places=0, default=0)
    excluded_count = models.PositiveIntegerField(_("excluded"), default=0)
    generation_seconds = models.FloatField(default=0, editable=False)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    receipt_letter = models.ForeignKey("core.Letter", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("created_by",)
    SCOPE_ORG_FIELDS = ("organisation",)
    objects = ScopedManager()

    class Meta:
        ordering = ["-scheduled_on", "-id"]
        verbose_name = _("distribution cycle")
        verbose_name_plural = _("distribution cycles")

    def __str__(self):
        return self.name


class LineStatus(models.TextChoices):
    PENDING = "pending", _("To be paid")
    PAID = "paid", _("Paid / delivered")
    UNDELIVERED = "undelivered", _("Undelivered")
    CARRIED = "carried", _("Carried to the next cycle")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentMethod(models.TextChoices):
    BANK = "bank", _("Bank transfer")
    CASH = "cash", _("Cash")
    GOODS = "goods", _("Goods received")


def receipt_path(instance, filename):
    return f"aid/receipts/{instance.cycle_id}/{filename}"


class CycleLine(AuditedModel):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="lines")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="lines")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="aid_lines")
    amount = models.DecimalField(_("amount (Rp)"), max_digits=12, decimal_places=0)
    status = models.CharField(_("status"), max_length=12, choices=LineStatus.choices, default=LineStatus.PENDING)
    method = models.CharField(_("paid by"), max_length=6, choices=PaymentMethod.choices, blank=True)
    reference = models.CharField(_("transfer reference"), max_length=100, blank=True)
    received_by = models.CharField(_("received by"), max_length=150, blank=True)
    evidence = models.FileField(_("signature or photo"), upload_to=receipt_path, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    note = models.CharField(_("note"), max_length=250, blank=True)
    carried_amount = models.DecimalField(_("carried from an earlier cycle (Rp)"), max_digits=12, decimal_places=0,
                                         default=0)
    carried_to = models.ForeignKey("self", verbose_name=_("carried to"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="carried_from")
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "id"]
        verbose_name = _("distribution line")
        verbose_name_plural = _("distribution lines")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="aid_one_line_per_person_per_cycle"),
            models.CheckConstraint(condition=~Q(status="paid") | Q(paid_on__isnull=False),
                                   name="aid_paid_line_has_date"),
        ]

    def __str__(self):
        return f"{self.cycle} — {self.person}"


class CycleExclusion(models.Model):
    """An enrolee left out of a cycle at generation, with the failed rules in words."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="exclusions")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    reasons = models.TextField(_("reasons"))

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.cycle_id}: {self.person_id}"


class StockKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    PACKED = "packed", _("Packed")
    DELIVERED = "delivered", _("Delivered")


class StockMovement(AuditedModel):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="stock")
    kind = models.CharField(_("movement"), max_length=10, choices=StockKind.choices)
    quantity = models.PositiveIntegerField(_("packages"))
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.kind} {self.quantity}"


class RequestKind(models.TextChoices):
    BPJS_PBI = "bpjs_pbi", _("BPJS PBI recommendation")
    POVERTY = "poverty", _("Poverty status recommendation")
    FEE_WAIVER = "fee_waiver", _("Fee waiver for treatment of a neglected person")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CHECKED = "checked", _("Checked")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


UNDECIDED_REQUEST = (RequestStatus.SUBMITTED, RequestStatus.CHECKED)


class LetterValidity(AuditedModel):
    """How long each kind of recommendation letter stays valid (reference data, editable in the admin)."""

    kind = models.CharField(_("letter"), max_length=12, choices=RequestKind.choices, unique=True)
    days = models.PositiveIntegerField(_("valid for (days)"), null=True, blank=True,
                                       help_text=_("Empty: the letter does not expire."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("letter validity")
        verbose_name_plural = _("letter validity periods")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.days or '∞'}"


class RecommendationRequest(AuditedModel):
    kind = models.CharField(_("letter"), max_length=12, choices=RequestKind.choices)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="aid_requests")
    purpose = models.CharField(_("purpose"), max_length=250)
    facility = models.CharField(_("hospital / health facility"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.SUBMITTED)
    check_notes = models.TextField(_("check notes"), blank=True)
    decision_note = models.CharField(_("decision note"), max_length=250, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    letter = models.ForeignKey("core.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdraw_reason = models.CharField(_("reason for withdrawing"), max_length=250, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("requested_by",)
    SCOPE_ORG_FIELDS = ("organisation",)
    objects = ScopedManager()

    @classmethod
    def scope_extra_q(cls, user):
        return dinas_wide_q(user)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("recommendation request")
        verbose_name_plural = _("recommendation requests")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.person}"


def document_path(instance, filename):
    return f"aid/requests/{instance.request_id}/{filename}"


class RequestDocument(AuditedModel):
    request = models.ForeignKey(RecommendationRequest, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("document"), max_length=150)
    file = models.FileField(_("file"), upload_to=document_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title


class EligibleCount(models.Model):
    """How many persons in the whole registry passed a program's rules without an open enrolment, counted by the
    daily job ``aid.eligible_counts`` (the rules run in Python person by person: too slow for a dashboard).
    One row per program and day; the aid coverage figure uses the latest count on or before a period's end."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="eligible_counts")
    counted_on = models.DateField(_("counted on"))
    eligible_not_enrolled = models.PositiveIntegerField(_("eligible, not enrolled"))

    class Meta:
        verbose_name = _("eligible count")
        verbose_name_plural = _("eligible counts")
        constraints = [models.UniqueConstraint(fields=["program", "counted_on"], name="one_eligible_count_per_day")]

    def __str__(self):
        return f"{self.program_id} {self.counted_on}: {self.eligible_not_enrolled}"
