"""Street outreach and temporary shelter: operations, encounters, stays, assessments, dispositions.

Rules (enforced in services.py): capacity unless a Kepala Bidang overrides; one open stay per person;
7 days of assessment, at most two 7-day extensions (21 days); one approved disposition per stay.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel
from desaku.core.scoping import ScopedManager


class Shelter(AuditedModel):
    """A temporary shelter with its capacity and the groups it accepts (editable reference data)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=250, blank=True)
    region = models.ForeignKey("core.Region", verbose_name=_("kelurahan"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    accepts = models.ManyToManyField("core.PPKSCategory", verbose_name=_("groups accepted"), blank=True,
                                     related_name="+")
    accepts_note = models.CharField(_("who is accepted"), max_length=250, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(m2m_fields=[accepts])

    class Meta:
        ordering = ["name"]
        verbose_name = _("shelter")
        verbose_name_plural = _("shelters")

    def __str__(self):
        return self.name


class OperationKind(models.TextChoices):
    PATROL = "patrol", _("Patrol")
    JOINT_RAID = "raid", _("Joint raid (razia)")
    PUBLIC_REPORT = "report", _("Response to a public report")


class OutreachOperation(AuditedModel):
    kind = models.CharField(_("type"), max_length=10, choices=OperationKind.choices)
    started_at = models.DateTimeField(_("start"))
    ended_at = models.DateTimeField(_("end"), null=True, blank=True)
    kelurahan = models.ForeignKey("core.Region", verbose_name=_("kelurahan / kecamatan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("place"), max_length=250, help_text=_("e.g. Alun-alun Merdeka, perempatan Kayutangan"))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("team members"), blank=True,
                                  related_name="+")
    agencies = models.ManyToManyField("core.Institution", verbose_name=_("agencies"), blank=True, related_name="+")
    report_reference = models.CharField(_("public report reference"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(m2m_fields=[team, agencies])

    SCOPE_OWNER_FIELDS = ("created_by", "team")
    SCOPE_ORG_FIELDS = ("organisation",)
    SCOPE_DISTINCT = True
    objects = ScopedManager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("outreach operation")
        verbose_name_plural = _("outreach operations")

    def __str__(self):
        return f"{self.get_kind_display()} {self.place} {self.started_at:%d/%m/%Y}"


class Activity(models.TextChoices):
    BEGGING = "begging", _("Begging")
    VENDING = "vending", _("Street vending")
    BUSKING = "busking", _("Busking")
    SCAVENGING = "scavenging", _("Scavenging")
    SLEEPING_ROUGH = "sleeping", _("Sleeping rough")
    OTHER = "other", _("Other")


class Company(models.TextChoices):
    ALONE = "alone", _("Alone")
    WITH_ADULT = "with_adult", _("With an adult")
    WITH_CHILDREN = "with_children", _("With children")
    GROUP = "group", _("In a group")


class EncounterOutcome(models.TextChoices):
    SHELTER = "shelter", _("Taken to shelter")
    COUNSELLED = "counselled", _("Counselled and released")
    REFERRED = "referred", _("Referred on the spot")
    REFUSED = "refused", _("Refused")


class Encounter(AuditedModel):
    """A person found during an operation: where, doing what, with whom, and what happened."""

    operation = models.ForeignKey(OutreachOperation, verbose_name=_("operation"), on_delete=models.PROTECT,
                                  related_name="encounters")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="encounters")
    encountered_at = models.DateTimeField(_("time"))
    place = models.CharField(_("where exactly"), max_length=250, blank=True)
    activity = models.CharField(_("doing"), max_length=10, choices=Activity.choices)
    company = models.CharField(_("with whom"), max_length=14, choices=Company.choices, default=Company.ALONE)
    possible_exploitation = models.BooleanField(_("possible exploitation"), default=False,
                                                help_text=_("Set automatically for a child found with an adult."))
    outcome = models.CharField(_("outcome"), max_length=10, choices=EncounterOutcome.choices)
    referred_to = models.ForeignKey("core.Institution", verbose_name=_("referred to"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    # Return to the street: filled when the person had an earlier exit (domain.md §9 measure).
    previous_disposition = models.ForeignKey("Disposition", null=True, blank=True, on_delete=models.SET_NULL,
                                             related_name="returns", editable=False)
    days_since_exit = models.PositiveIntegerField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("recorded_by", "operation__created_by")
    SCOPE_ORG_FIELDS = ("operation__organisation",)
    objects = ScopedManager()

    class Meta:
        ordering = ["-encountered_at"]
        verbose_name = _("encounter")
        verbose_name_plural = _("encounters")
        # Period filters and "seen before" (reports; docs/measures.md "Performance").
        indexes = [models.Index(fields=["encountered_at"], name="encounter_at"),
                   models.Index(fields=["person", "encountered_at"], name="encounter_person_at")]

    def __str__(self):
        return f"{self.person} — {self.get_activity_display()}"


class StayStatus(models.TextChoices):
    OPEN = "open", _("In shelter")
    CLOSED = "closed", _("Ended")


class Stay(AuditedModel):
    """A stay in temporary shelter. The clock: 7 days, plus at most two 7-day extensions."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="stays")
    shelter = models.ForeignKey(Shelter, verbose_name=_("shelter"), on_delete=models.PROTECT, related_name="stays")
    encounter = models.ForeignKey(Encounter, verbose_name=_("from encounter"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="stays")
    admitted_on = models.DateField(_("admitted on"))
    due_on = models.DateField(_("assessment due"))
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    status = models.CharField(_("status"), max_length=6, choices=StayStatus.choices, default=StayStatus.OPEN)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    responsible_worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible Peksos"),
                                           on_delete=models.PROTECT, related_name="+")
    over_capacity_reason = models.CharField(_("reason for admitting over capacity"), max_length=250, blank=True)
    over_capacity_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                                  on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    admitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("responsible_worker", "admitted_by")
    SCOPE_ORG_FIELDS = ("organisation",)
    objects = ScopedManager()

    BASE_DAYS = 7
    EXTENSION_DAYS = 7
    MAX_EXTENSIONS = 2

    class Meta:
        ordering = ["-admitted_on", "-id"]
        verbose_name = _("shelter stay")
        verbose_name_plural = _("shelter stays")
        indexes = [models.Index(fields=["admitted_on"], name="stay_admitted_on"),
                   models.Index(fields=["ended_on"], name="stay_ended_on")]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(status="open"), name="one_open_stay_per_person"),
        ]

    def __str__(self):
        return f"{self.person} @ {self.shelter} ({self.admitted_on:%d/%m/%Y})"

    @property
    def max_due_on(self):
        return self.admitted_on + timedelta(days=self.BASE_DAYS + self.EXTENSION_DAYS * self.MAX_EXTENSIONS)

    def days_in(self, on):
        end = self.ended_on or on
        return (end - self.admitted_on).days


class StayExtension(AuditedModel):
    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="extension_records")
    number = models.PositiveSmallIntegerField()
    reason = models.TextField(_("reason"))
    new_due_on = models.DateField(_("new due date"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["stay", "number"]
        constraints = [models.UniqueConstraint(fields=["stay", "number"], name="one_extension_per_number")]

    def __str__(self):
        return f"{self.stay} +{self.number}"


class StayTransfer(AuditedModel):
    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="transfers")
    from_shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="+")
    to_shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="+")
    transferred_on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=250)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.from_shelter} → {self.to_shelter}"


class IdentityStatus(models.TextChoices):
    VERIFIED = "verified", _("Verified with documents")
    PARTIAL = "partial", _("Partly verified (family, RT/RW, Dukcapil)")
    UNVERIFIED = "unverified", _("Not verified")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class DispositionKind(models.TextChoices):
    RELEASED_CONDITIONS = "released", _("Released with conditions")
    RETURNED_FAMILY = "returned", _("Returned to family/guardian")
    REPATRIATED = "repatriated", _("Repatriated to the area of origin")
    PLACED_INSTITUTION = "placed", _("Placed in a social institution")
    REFERRED_UPT = "referred", _("Referred to a UPT / Kemensos centre")
    HANDED_POLICE_COURT = "court", _("Handed to police/court")
    HEALTH_SERVICE = "health", _("Health service (hospital, mental hospital)")
    NOMINATED_VILLAGE = "village", _("Nominated for Desaku Menanti")
    ABSCONDED = "absconded", _("Absconded")
    DECEASED = "deceased", _("Deceased")


# Each disposition's exit destination (core.ExitDestination codes, domain.md §9). Editable per disposition.
DEFAULT_EXIT = {
    "released": "unknown", "returned": "family_permanent", "repatriated": "repatriated", "placed": "panti",
    "referred": "rehab", "court": "detention", "health": "hospital", "village": "village", "absconded": "street",
    "deceased": "deceased",
}
# ATENSI (Permensos 7/2021): the seven components of rehabilitation services.
ATENSI_COMPONENTS = [
    ("living", _("Support for a decent standard of living")),
    ("care", _("Social care / child care")),
    ("family", _("Family support")),
    ("therapy", _("Therapy (physical, psychosocial, mental-spiritual)")),
    ("vocational", _("Vocational training / entrepreneurship")),
    ("aid", _("Social aid and assistance")),
    ("accessibility", _("Accessibility support")),
]
EXPLOITATION_INDICATORS = [
    ("adult_controls_money", _("An adult takes the earnings")),
    ("dropped_off", _("Dropped off and picked up by others")),
    ("under_school_age", _("Under school age on the street")),
    ("not_in_school", _("Not in school")),
    ("injuries", _("Visible injuries or signs of violence")),
    ("rented_child", _("A child 'rented' for begging")),
    ("debt", _("Debt to the one who brings them")),
]


class Assessment(AuditedModel):
    """The Peksos's structured assessment. Each save is a new version; the latest version counts."""

    stay = models.ForeignKey(Stay, verbose_name=_("stay"), on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveSmallIntegerField(default=1)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assessed by"),
                                    on_delete=models.PROTECT, related_name="+")
    identity_status = models.CharField(_("identity verification"), max_length=12, choices=IdentityStatus.choices)
    origin_region = models.ForeignKey("core.Region", verbose_name=_("area of origin"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    family_contact = models.TextField(_("family contact"), blank=True)
    health = models.TextField(_("health"), blank=True)
    clinic_referral = models.BooleanField(_("referred to a clinic"), default=False)
    disability = models.TextField(_("disability"), blank=True)
    education = models.TextField(_("education"), blank=True)
    income_sources = models.TextField(_("income sources"), blank=True)
    exploitation_indicators = models.JSONField(_("exploitation indicators"), default=list, blank=True)
    ppks_categories = models.ManyToManyField("core.PPKSCategory", verbose_name=_("PPKS categories"), blank=True,
                                             related_name="+")
    needs = models.JSONField(_("needs (ATENSI)"), default=dict, blank=True)  # component → note
    risk_level = models.CharField(_("risk level"), max_length=6, choices=RiskLevel.choices)
    recommendation = models.CharField(_("recommended disposition"), max_length=12, choices=DispositionKind.choices)
    recommendation_note = models.TextField(_("recommendation"), blank=True)
    history = HistoricalRecords(m2m_fields=[ppks_categories])

    class Meta:
        ordering = ["stay", "-version"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [models.UniqueConstraint(fields=["stay", "version"], name="one_assessment_version")]

    def __str__(self):
        return f"{self.stay.person} v{self.version}"


class ConferenceOpinion(AuditedModel):
    """One participant's opinion in a case conference on an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="opinions")
    participant = models.CharField(_("participant"), max_length=150)
    role = models.CharField(_("role / agency"), max_length=150)
    opinion = models.TextField(_("opinion"))
    recommended = models.CharField(_("recommends"), max_length=12, choices=DispositionKind.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.participant}: {self.recommended}"


class DispositionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Sent back")


class Disposition(AuditedModel):
    """How a stay ends. Proposed by the Peksos, approved by a Kepala Bidang; one approved per stay."""

    stay = models.ForeignKey(Stay, verbose_name=_("stay"), on_delete=models.PROTECT, related_name="dispositions")
    kind = models.CharField(_("disposition"), max_length=12, choices=DispositionKind.choices)
    exit_destination = models.ForeignKey("core.ExitDestination", verbose_name=_("exit destination"),
                                         on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=10, choices=DispositionStatus.choices,
                              default=DispositionStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(_("approver's note"), max_length=250, blank=True)
    # Details, by kind
    conditions = models.TextField(_("conditions"), blank=True)
    receiver_name = models.CharField(_("received by"), max_length=150, blank=True)
    receiver_relationship = models.CharField(_("relationship"), max_length=60, blank=True)
    receiver_address = models.CharField(_("address"), max_length=250, blank=True)
    destination_region = models.ForeignKey("core.Region", verbose_name=_("area of origin"), null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    travel_arrangement = models.CharField(_("travel arrangement"), max_length=250, blank=True)
    institution = models.ForeignKey("core.Institution", verbose_name=_("institution"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    letter = models.ForeignKey("core.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")
        indexes = [models.Index(fields=["status", "decided_on"], name="disposition_status_decided")]
        constraints = [
            models.UniqueConstraint(fields=["stay"], condition=Q(status="approved"),
                                    name="one_approved_disposition_per_stay"),
            models.UniqueConstraint(fields=["stay"], condition=Q(status="proposed"),
                                    name="one_pending_disposition_per_stay"),
        ]

    def __str__(self):
        return f"{self.stay.person}: {self.get_kind_display()}"


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class OutreachReferral(AuditedModel):
    """Legacy, read-only: referrals made by dispositions before case management took referrals over.

    Nothing writes it any more; an approved disposition to an institution becomes a ``cases.Referral``
    (cases migration 0003 copied the old rows there). Kept so old links and the audit trail still resolve."""

    disposition = models.OneToOneField(Disposition, on_delete=models.CASCADE, related_name="referral")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="outreach_referrals")
    institution = models.ForeignKey("core.Institution", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    sent_on = models.DateField(_("sent on"))
    response_note = models.CharField(_("response"), max_length=250, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.person} → {self.institution}"


class PreventiveKind(models.TextChoices):
    COUNSELLING = "counselling", _("Social counselling (penyuluhan)")
    SOCIALISATION = "socialisation", _("Socialisation")
    GUIDANCE = "guidance", _("Social guidance (pembinaan)")


def activity_photo_path(instance, filename):
    return f"outreach/activities/{instance.activity_id}/{filename}"


class PreventiveActivity(AuditedModel):
    kind = models.CharField(_("type"), max_length=14, choices=PreventiveKind.choices)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=250)
    kelurahan = models.ForeignKey("core.Region", verbose_name=_("kelurahan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    organiser = models.CharField(_("organiser"), max_length=150)
    topic = models.CharField(_("topic"), max_length=250)
    participants = models.ManyToManyField("people.Person", verbose_name=_("registered participants"), blank=True,
                                          related_name="preventive_activities")
    head_count = models.PositiveIntegerField(_("head count"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(m2m_fields=[participants])

    SCOPE_OWNER_FIELDS = ("created_by",)
    SCOPE_ORG_FIELDS = ("organisation",)
    objects = ScopedManager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("preventive activity")
        verbose_name_plural = _("preventive activities")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.topic}"


class ActivityPhoto(AuditedModel):
    activity = models.ForeignKey(PreventiveActivity, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=activity_photo_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return self.caption or self.image.name
