"""Diversion accompaniment (pendampingan diversi) of children in conflict with the law (ABH, UU 11/2012 SPPA).

An ABH case is a cases.Case of type "abh" with its details here: the child's role, the offence and
whether diversion is mandatory, the institutions, the stages (investigation, prosecution, court) with
their event dates, and the Peksos' work (social report, accompaniment sessions, musyawarah, agreement
and its terms). Statutory deadlines are computed from DeadlineRule rows (configuration, editable in the
admin); see deadlines.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel
from desaku.core.scoping import ScopedManager

DIVERSION_MAX_SENTENCE_MONTHS = 7 * 12  # diversion is mandatory below 7 years' prison (SPPA art. 7)
MIN_AGE_RESPONSIBLE = 12  # under 12: the special route (SPPA art. 21)
MAX_AGE = 18


class ChildRole(models.TextChoices):
    PERPETRATOR = "perpetrator", _("Child in conflict with the law (anak berkonflik)")
    VICTIM = "victim", _("Child victim (anak korban)")
    WITNESS = "witness", _("Child witness (anak saksi)")


class SpecialRouteDecision(models.TextChoices):
    PENDING = "", _("Not decided yet")
    PARENTS = "parents", _("Returned to the parents / guardian")
    LPKS = "lpks", _("Guidance at an institution (LPKS), up to 6 months")


class StageKind(models.TextChoices):
    INVESTIGATION = "investigation", _("Investigation (police)")
    PROSECUTION = "prosecution", _("Prosecution")
    COURT = "court", _("Court")


STAGE_ORDER = [StageKind.INVESTIGATION, StageKind.PROSECUTION, StageKind.COURT]


class Outcome(models.TextChoices):
    PENDING = "pending", _("In progress")
    AGREEMENT = "agreement", _("Diversion agreement reached")
    FAILED = "failed", _("Diversion failed")
    NOT_APPLICABLE = "not_applicable", _("No diversion (not mandatory)")
    STOPPED = "stopped", _("Case stopped")


class Event(models.TextChoices):
    """Dates recorded on a stage; a deadline rule counts from one event to the next."""

    STARTED = "started_on", _("Stage started (file received)")
    REPORT_REQUESTED = "social_report_requested_on", _("Social report requested")
    REPORT_SUBMITTED = "social_report_submitted_on", _("Social report submitted")
    JUDGE_ASSIGNED = "judge_assigned_on", _("Judge assigned")
    DIVERSION_STARTED = "diversion_started_on", _("Diversion started")
    DIVERSION_FINISHED = "diversion_finished_on", _("Diversion finished")
    AGREEMENT_SENT = "agreement_sent_on", _("Agreement sent to the district court")
    RULING = "ruling_on", _("Court ruling (penetapan)")


# Deadlines that exist only when diversion is attempted (mandatory, a child in conflict with the law).
DIVERSION_EVENTS = {Event.DIVERSION_STARTED, Event.DIVERSION_FINISHED, Event.AGREEMENT_SENT, Event.RULING}


class DeadlineRule(AuditedModel):
    """Configuration: `event` is due `days` after `after` in a stage (calendar days unless working_days)."""

    stage = models.CharField(_("stage"), max_length=14, choices=StageKind.choices)
    event = models.CharField(_("deadline for"), max_length=32, choices=Event.choices)
    after = models.CharField(_("counted from"), max_length=32, choices=Event.choices)
    days = models.PositiveSmallIntegerField(_("days"))
    working_days = models.BooleanField(_("working days"), default=False,
                                       help_text=_("Count Monday to Friday only; otherwise calendar days."))
    warn_days = models.PositiveSmallIntegerField(_("warn days before"), default=2)
    label = models.CharField(_("label"), max_length=150)
    legal_basis = models.CharField(_("legal basis"), max_length=150, blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["stage", "days", "pk"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [models.UniqueConstraint(fields=["stage", "event"], name="one_deadline_rule_per_stage_event")]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.label}"


class AbhCase(AuditedModel):
    """The ABH details of a case; the scope follows the case's workers and organisation plus the Peksos."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="abh")
    role = models.CharField(_("child's role"), max_length=12, choices=ChildRole.choices)
    offence_on = models.DateField(_("date of the offence"))
    offence = models.CharField(_("offence"), max_length=200)
    article = models.CharField(_("article charged"), max_length=120, blank=True)
    max_sentence_months = models.PositiveSmallIntegerField(_("maximum sentence (months)"), null=True, blank=True)
    repeat_offence = models.BooleanField(_("repeat offence"), default=False)
    age_at_offence = models.PositiveSmallIntegerField(_("age at the offence"), null=True, blank=True,
                                                      editable=False)
    special_route = models.BooleanField(_("special route (under 12)"), default=False, editable=False)
    special_route_decision = models.CharField(_("special route decision"), max_length=8, blank=True,
                                              choices=SpecialRouteDecision.choices)
    police_unit = models.ForeignKey("core.Institution", verbose_name=_("police unit"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    investigator = models.CharField(_("investigator"), max_length=120, blank=True)
    prosecutor = models.ForeignKey("core.Institution", verbose_name=_("prosecutor's office"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    court = models.ForeignKey("core.Institution", verbose_name=_("court"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    bapas_officer = models.CharField(_("Bapas officer (Pembimbing Kemasyarakatan)"), max_length=120, blank=True)
    bapas_contact = models.CharField(_("Bapas officer's contact"), max_length=60, blank=True)
    peksos = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("accompanying Peksos"),
                               on_delete=models.PROTECT, related_name="+")
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    stop_reason = models.CharField(_("reason the case stopped"), max_length=250, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("peksos", "case__worker", "case__secondary_workers")
    SCOPE_ORG_FIELDS = ("case__organisation",)
    SCOPE_DISTINCT = True
    objects = ScopedManager()

    class Meta:
        ordering = ["-case__opened_on", "-pk"]
        verbose_name = _("ABH case")
        verbose_name_plural = _("ABH cases")

    def __str__(self):  # never the child's name: this string lands in logs and histories
        return self.number

    @property
    def number(self) -> str:
        return f"ABH-{self.case.opened_on:%Y}-{self.pk:05d}" if self.pk else ""

    @property
    def diversion_mandatory(self) -> bool:
        """Mandatory for a child in conflict with the law: sentence under 7 years and not a repeat offence."""
        return (self.role == ChildRole.PERPETRATOR and not self.special_route and not self.repeat_offence
                and self.max_sentence_months is not None
                and self.max_sentence_months < DIVERSION_MAX_SENTENCE_MONTHS)

    @property
    def diversion_reason(self) -> str:
        if self.role != ChildRole.PERPETRATOR:
            return str(_("Diversion concerns a child in conflict with the law; this child is a victim or witness."))
        if self.special_route:
            return str(_("Under 12 at the offence: the special route applies instead of diversion."))
        if self.max_sentence_months is None:
            return str(_("The maximum sentence is not recorded yet."))
        if self.max_sentence_months >= DIVERSION_MAX_SENTENCE_MONTHS:
            return str(_("Not mandatory: the offence carries 7 years' prison or more."))
        if self.repeat_offence:
            return str(_("Not mandatory: it is a repeat offence."))
        return str(_("Mandatory: the offence carries under 7 years' prison and it is not a repeat offence."))


class Stage(AuditedModel):
    """One stage of the proceedings with its event dates and outcome."""

    abh = models.ForeignKey(AbhCase, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("stage"), max_length=14, choices=StageKind.choices)
    started_on = models.DateField(_("started on (file received)"))
    social_report_requested_on = models.DateField(_("social report requested on"), null=True, blank=True)
    social_report_submitted_on = models.DateField(_("social report submitted on"), null=True, blank=True)
    judge_assigned_on = models.DateField(_("judge assigned on"), null=True, blank=True)
    diversion_started_on = models.DateField(_("diversion started on"), null=True, blank=True)
    diversion_finished_on = models.DateField(_("diversion finished on"), null=True, blank=True)
    agreement_sent_on = models.DateField(_("agreement sent to the court on"), null=True, blank=True)
    ruling_on = models.DateField(_("court ruling (penetapan) on"), null=True, blank=True)
    ruling_number = models.CharField(_("ruling number"), max_length=80, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    outcome_note = models.CharField(_("note"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["abh", "started_on", "pk"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [models.UniqueConstraint(fields=["abh", "kind"], name="one_stage_of_each_kind")]

    def __str__(self):
        return f"{self.abh} {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.outcome == Outcome.PENDING or (self.outcome == Outcome.AGREEMENT and self.ruling_on is None)


class SocialReport(AuditedModel):
    """The Peksos' social report (laporan sosial / litmas sosial) for the investigator, prosecutor or judge."""

    abh = models.ForeignKey(AbhCase, on_delete=models.CASCADE, related_name="reports")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="reports")
    requested_on = models.DateField(_("requested on"))
    requested_by = models.CharField(_("requested by"), max_length=150, blank=True,
                                    help_text=_("e.g. the investigator of Polresta Malang Kota"))
    background = models.TextField(_("background of the child"))
    family = models.TextField(_("family situation"), blank=True)
    education = models.TextField(_("education and activities"), blank=True)
    offence_context = models.TextField(_("circumstances of the offence"), blank=True)
    assessment = models.TextField(_("social assessment"), blank=True)
    recommendation = models.TextField(_("recommendation"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    letter = models.ForeignKey("core.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("social report")
        verbose_name_plural = _("social reports")

    def __str__(self):
        return f"{self.abh} laporan sosial {self.requested_on}"


class Session(AuditedModel):
    """An accompaniment session: the Peksos with the child at the police, prosecutor, court or at home."""

    abh = models.ForeignKey(AbhCase, on_delete=models.CASCADE, related_name="sessions")
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("where"), max_length=150)
    with_whom = models.CharField(_("with whom"), max_length=250)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("accompaniment session")
        verbose_name_plural = _("accompaniment sessions")

    def __str__(self):
        return f"{self.abh} {self.held_on}"


class DeliberationResult(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement reached")
    FAILED = "failed", _("No agreement")
    POSTPONED = "postponed", _("Postponed")


class Deliberation(AuditedModel):
    """A diversion deliberation (musyawarah diversi)."""

    abh = models.ForeignKey(AbhCase, on_delete=models.CASCADE, related_name="deliberations")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="deliberations")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("where"), max_length=150)
    facilitator = models.CharField(_("facilitator"), max_length=150,
                                   help_text=_("the investigator, prosecutor or judge leading it"))
    participants = models.TextField(_("participants"),
                                    help_text=_("One per line: the child and parents, the victim and parents, "
                                                "the Bapas officer, the Peksos…"))
    result = models.CharField(_("result"), max_length=10, choices=DeliberationResult.choices)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("diversion deliberation")
        verbose_name_plural = _("diversion deliberations")

    def __str__(self):
        return f"{self.abh} musyawarah {self.held_on}"

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


class Agreement(AuditedModel):
    """The diversion agreement (kesepakatan diversi) of a stage; its terms are followed up (supervision)."""

    stage = models.OneToOneField(Stage, on_delete=models.PROTECT, related_name="agreement")
    deliberation = models.ForeignKey(Deliberation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    agreed_on = models.DateField(_("agreed on"))
    summary = models.TextField(_("summary of the agreement"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-agreed_on", "-pk"]
        verbose_name = _("diversion agreement")
        verbose_name_plural = _("diversion agreements")

    def __str__(self):
        return f"{self.stage.abh} kesepakatan {self.agreed_on}"


class TermStatus(models.TextChoices):
    PENDING = "pending", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


class AgreementTerm(AuditedModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="terms")
    description = models.CharField(_("term"), max_length=300)
    responsible = models.CharField(_("who"), max_length=150, blank=True, help_text=_("e.g. the child's parents"))
    due_on = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=TermStatus.choices, default=TermStatus.PENDING)
    follow_up = models.TextField(_("follow-up"), blank=True)
    checked_on = models.DateField(_("last checked on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "due_on", "pk"]
        verbose_name = _("agreement term")
        verbose_name_plural = _("agreement terms")

    def __str__(self):
        return self.description


class DocumentKind(models.TextChoices):
    SOCIAL_REPORT = "social_report", _("Signed social report (scan)")
    POLICE_LETTER = "police_letter", _("Letter from the police")
    AGREEMENT = "agreement", _("Diversion agreement (signed)")
    RULING = "ruling", _("Court ruling (penetapan)")
    OTHER = "other", _("Other document")


def document_path(instance, filename):
    return f"diversion/{instance.abh_id}/{filename}"


class Document(AuditedModel):
    """A scan or photo of the ABH case (signed report, police letters, the agreement); served only through a
    permission-checked, logged view, and only to those who may see the child's identity."""

    abh = models.ForeignKey(AbhCase, on_delete=models.CASCADE, related_name="documents")
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    kind = models.CharField(_("kind"), max_length=14, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(_("file"), upload_to=document_path)
    file_type = models.CharField(max_length=4, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("ABH document")
        verbose_name_plural = _("ABH documents")

    def __str__(self):  # never the child's name
        return f"{self.abh} {self.get_kind_display()}"
