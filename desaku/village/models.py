"""Desaku Menanti, the resettlement village (domain.md §8): the program and its site, buildings and units,
the two-stage selection of households, occupancy, mentoring, enterprises and products, progress.

Rules (enforced in services.py): the final selection only after the initial one; the nominator never
approves; a round's quota; one household per unit and one unit per household; a vacated unit is offered
to the first household on the waiting list. A site record is generic: a second village is another Site.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel
from desaku.core.scoping import ScopedManager

UEP_DEFAULT = Decimal("5000000")


# ------------------------------------------------------------------------------------------ program


class LandStatus(models.TextChoices):
    GRANTED_FOR_USE = "granted", _("City land granted for use (not ownership)")
    OWNED = "owned", _("Owned by the government")
    LEASED = "leased", _("Leased")
    OTHER = "other", _("Other")


class Site(AuditedModel):
    """One resettlement village (Kota Malang 2016 is the first; another site is another row)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=250)
    kelurahan = models.ForeignKey("core.Region", verbose_name=_("kelurahan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    land_area_m2 = models.PositiveIntegerField(_("land area (m²)"), null=True, blank=True)
    land_used_m2 = models.PositiveIntegerField(_("land used (m²)"), null=True, blank=True)
    land_status = models.CharField(_("land status"), max_length=10, choices=LandStatus.choices,
                                   default=LandStatus.GRANTED_FOR_USE)
    description = models.TextField(_("description"), blank=True)
    how_to_order = models.TextField(_("how to order (public catalogue)"), blank=True)
    utilities_note = models.CharField(_("utilities"), max_length=250, blank=True)
    program_officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("program officer"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+")
    active = models.BooleanField(_("active"), default=True)
    # Graduation settings of the site's program (read by selectors.graduation_checklist).
    graduation_income = models.DecimalField(_("graduation: minimum monthly income (Rp)"), max_digits=12,
                                            decimal_places=0, default=Decimal("1500000"))
    graduation_income_months = models.PositiveSmallIntegerField(_("graduation: months running at that income"),
                                                                default=3)
    graduation_attendance_pct = models.PositiveSmallIntegerField(_("graduation: minimum mentoring attendance (%)"),
                                                                 default=75)
    graduation_trainings = models.PositiveSmallIntegerField(_("graduation: trainings completed"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("village site")
        verbose_name_plural = _("village sites")

    def __str__(self):
        return self.name


class FundingLine(AuditedModel):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="funding_lines")
    source = models.ForeignKey("core.FundingSource", verbose_name=_("funding source"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    source_name = models.CharField(_("source"), max_length=150)
    purpose = models.CharField(_("purpose"), max_length=250)
    amount = models.DecimalField(_("amount (Rp)"), max_digits=15, decimal_places=0)
    in_kind = models.BooleanField(_("in kind or amount unknown"), default=False,
                                  help_text=_("Land, goods or services given in kind, or an amount not yet known: "
                                              "the amount may then be Rp0."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    parent = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="parts")
    history = HistoricalRecords()

    class Meta:
        ordering = ["site", "parent_id", "id"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")

    def __str__(self):
        return f"{self.source_name}: {self.purpose}"


class StakeholderKind(models.TextChoices):
    DEPARTMENT = "department", _("Department (Dinas Sosial)")
    MINISTRY = "ministry", _("Ministry (Kemensos)")
    CITY = "city", _("City government")
    LKS = "lks", _("LKS")
    UNIVERSITY = "university", _("University")
    BANK = "bank", _("Bank")
    CSR = "csr", _("Company (CSR)")
    COMMUNITY = "community", _("Community")
    OTHER = "other", _("Other")


class Stakeholder(AuditedModel):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=StakeholderKind.choices)
    institution = models.ForeignKey("core.Institution", verbose_name=_("institution"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(_("role in the program"), max_length=250)
    history = HistoricalRecords()

    class Meta:
        ordering = ["site", "id"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self):
        return self.name


class Stage(AuditedModel):
    """A dated stage of the program (survey, selection, groundbreaking, inauguration…)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="stages")
    title = models.CharField(_("stage"), max_length=200)
    started_on = models.DateField(_("date"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["site", "started_on", "id"]
        verbose_name = _("program stage")
        verbose_name_plural = _("program stages")

    def __str__(self):
        return self.title


def stage_file_path(instance, filename):
    return f"village/stages/{instance.stage_id}/{filename}"


class StageDocument(AuditedModel):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=stage_file_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    is_photo = models.BooleanField(_("photo"), default=False)
    history = HistoricalRecords()

    def __str__(self):
        return self.caption or self.file.name


# ------------------------------------------------------------------------------------ buildings, units


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    MINOR = "minor", _("Needs minor repair")
    MAJOR = "major", _("Needs major repair")
    UNUSABLE = "unusable", _("Unusable / missing")


class Building(AuditedModel):
    """A duplex building (kopel) of two units."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="buildings")
    number = models.CharField(_("number"), max_length=10)
    note = models.CharField(_("note"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["site", "id"]
        constraints = [models.UniqueConstraint(fields=["site", "number"], name="village_building_number")]
        verbose_name = _("building")
        verbose_name_plural = _("buildings")

    def __str__(self):
        return self.number


class Unit(AuditedModel):
    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.CASCADE,
                                 related_name="units")
    number = models.CharField(_("house number"), max_length=10)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD)
    note = models.CharField(_("note"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["building__site", "building_id", "number"]
        constraints = [models.UniqueConstraint(fields=["building", "number"], name="village_unit_number")]
        verbose_name = _("housing unit")
        verbose_name_plural = _("housing units")

    def __str__(self):
        return self.number

    @property
    def site(self):
        return self.building.site


class InventoryItem(AuditedModel):
    """Household goods that stay with the house (mattress, stove, table…)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="inventory")
    name = models.CharField(_("item"), max_length=100)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "id"]
        verbose_name = _("inventory item")
        verbose_name_plural = _("inventory items")

    def __str__(self):
        return f"{self.name} ×{self.quantity}"


class InventoryCheck(AuditedModel):
    item = models.ForeignKey(InventoryItem, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField(_("checked on"))
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices)
    note = models.CharField(_("note"), max_length=250, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checked_on", "-id"]

    def __str__(self):
        return f"{self.item} {self.checked_on}"


class UtilityKind(models.TextChoices):
    ELECTRICITY = "electricity", _("Electricity")
    WATER = "water", _("Water")
    WASTE = "waste", _("Waste collection")
    OTHER = "other", _("Other")


class UtilityPayment(AuditedModel):
    """Utilities the department pays for the village (per month, per site or unit)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="utility_payments")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("utility"), max_length=12, choices=UtilityKind.choices)
    month = models.DateField(_("month"))
    amount = models.DecimalField(_("amount (Rp)"), max_digits=12, decimal_places=0)
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "kind"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.month:%m/%Y}"


# ------------------------------------------------------------------------------------------ selection


class SelectionRound(AuditedModel):
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(_("name"), max_length=150)
    year = models.PositiveSmallIntegerField(_("year"))
    quota = models.PositiveSmallIntegerField(_("quota (households to accept)"))
    opened_on = models.DateField(_("opened on"))
    closed = models.BooleanField(_("closed"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")

    def __str__(self):
        return self.name


class NominationSource(models.TextChoices):
    SHELTER = "shelter", _("Shelter disposition")
    CASE = "case", _("Case management")
    DIRECT = "direct", _("Direct nomination")


class CandidateStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    INITIAL_FAILED = "initial_failed", _("Not passed the initial selection")
    SENT = "sent", _("Sent to Kemensos for the final selection")
    ACCEPTED = "accepted", _("Accepted")
    WAITING = "waiting", _("Waiting list")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # The household was accepted, lived in (or was allocated) a unit, and that occupancy ended: it no
    # longer takes a place in the round's quota and cannot be allocated again from this candidacy.
    EXITED = "exited", _("Left the village")


# Why an occupancy ended; also kept on the candidate file when the household leaves.
class EndReason(models.TextChoices):
    MOVED_OUT = "moved_out", _("Moved out")
    GRADUATED = "graduated", _("Graduated to independent housing")
    EXPELLED = "expelled", _("Expelled for not living there")
    DECEASED = "deceased", _("Deceased")




# The initial selection's checklist: key, label, points, required to pass.
CHECKLIST = [
    ("ktp_malang", _("Holds a Kota Malang KTP"), 25, True),
    ("gepeng", _("Gepeng status confirmed (begging/homeless)"), 25, True),
    ("family", _("Family composition fits the house"), 15, False),
    ("willing_live", _("Willing to live in the village"), 15, True),
    ("willing_training", _("Willing to join training and mentoring"), 10, False),
    ("no_housing", _("No conflicting housing elsewhere"), 10, True),
]
PASS_SCORE = 70


class Candidate(AuditedModel):
    """A household's candidate file in a selection round, from nomination to the final decision."""

    round = models.ForeignKey(SelectionRound, verbose_name=_("selection round"), on_delete=models.PROTECT,
                              related_name="candidates")
    household = models.ForeignKey("people.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="village_candidacies")
    source = models.CharField(_("nominated from"), max_length=8, choices=NominationSource.choices)
    disposition = models.ForeignKey("outreach.Disposition", verbose_name=_("shelter disposition"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    source_reference = models.CharField(_("source reference (case number…)"), max_length=60, blank=True)
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="village_candidacies")
    status = models.CharField(_("status"), max_length=16, choices=CandidateStatus.choices,
                              default=CandidateStatus.NOMINATED)
    nominated_on = models.DateField(_("nominated on"))
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("nominated by"),
                                     on_delete=models.PROTECT, related_name="+")
    nomination_reason = models.TextField(_("reason for the nomination"), blank=True)
    # Initial selection (Peksos with an LKS)
    initial_on = models.DateField(_("initial selection on"), null=True, blank=True)
    initial_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Peksos"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    initial_lks = models.ForeignKey("core.Organisation", verbose_name=_("LKS"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    initial_note = models.TextField(_("initial selection note"), blank=True)
    sent_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Kemensos reviewer"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="+")
    # Final selection (Kemensos)
    final_on = models.DateField(_("final selection on"), null=True, blank=True)
    final_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    final_reason = models.TextField(_("reasons"), blank=True)
    waiting_rank = models.PositiveSmallIntegerField(_("rank on the waiting list"), null=True, blank=True)
    exited_on = models.DateField(_("left the village on"), null=True, blank=True)
    exit_reason = models.CharField(_("reason for leaving"), max_length=10, choices=EndReason.choices, blank=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("nominated_by", "initial_by", "sent_to")
    SCOPE_ORG_FIELDS = ("organisation", "initial_lks")
    objects = ScopedManager()

    class Meta:
        ordering = ["round", "status", "waiting_rank", "id"]
        verbose_name = _("candidate household")
        verbose_name_plural = _("candidate households")
        constraints = [
            models.UniqueConstraint(fields=["round", "household"], name="village_one_candidacy_per_round"),
            models.UniqueConstraint(fields=["round", "waiting_rank"], condition=Q(status="waiting"),
                                    name="village_one_household_per_rank"),
        ]

    def __str__(self):
        return str(self.household)

    @classmethod
    def scope_extra_q(cls, user):
        # Dinas staff see the candidate files of households they may see (Person scope, consent, …).
        from desaku.people.models import Household

        if not user.organisation_id:
            return Q(pk__in=[])
        q = Q(household__in=Household.objects.visible_to(user).values("pk"))
        if user.has_role("Peksos"):  # the department's Peksos pick up nominated files for the initial selection
            q |= Q(status="nominated", organisation=user.organisation_id)
        return q


# ------------------------------------------------------------------------------------------ occupancy


class OccupancyStatus(models.TextChoices):
    ALLOCATED = "allocated", _("Allocated, not yet moved in")
    ACTIVE = "active", _("Living there")
    ENDED = "ended", _("Ended")


LIVING = ("allocated", "active")


class Occupancy(AuditedModel):
    """A household in a unit: allocation, move-in (domain.md §9 housing move-in date), end."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="occupancies")
    household = models.ForeignKey("people.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="village_occupancies")
    candidate = models.ForeignKey(Candidate, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="occupancies")
    status = models.CharField(_("status"), max_length=10, choices=OccupancyStatus.choices,
                              default=OccupancyStatus.ALLOCATED)
    allocated_on = models.DateField(_("allocated on"))
    move_in_date = models.DateField(_("moved in on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=10, choices=EndReason.choices, blank=True)
    end_decision = models.CharField(_("decision (number)"), max_length=100, blank=True)
    end_note = models.TextField(_("note"), blank=True)
    agreement = models.ForeignKey("core.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("allocated_by",)
    SCOPE_ORG_FIELDS = ("organisation",)
    objects = ScopedManager()

    class Meta:
        ordering = ["unit__building_id", "unit__number", "-allocated_on"]
        verbose_name = _("occupancy")
        verbose_name_plural = _("occupancies")
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=Q(status__in=LIVING), name="village_one_household_per_unit"),
            models.UniqueConstraint(fields=["household"], condition=Q(status__in=LIVING),
                                    name="village_one_unit_per_household"),
        ]

    def __str__(self):
        return f"{self.unit} — {self.household}"

    @classmethod
    def scope_extra_q(cls, user):
        from desaku.people.models import Household

        return Q(household__in=Household.objects.visible_to(user).values("pk")) | Q(
            household__mentor_assignments__mentor=user.pk, household__mentor_assignments__ended_on__isnull=True)

    SCOPE_DISTINCT = True


class ResidenceCheck(AuditedModel):
    """The monthly visit: is the household actually living there?"""

    occupancy = models.ForeignKey(Occupancy, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField(_("checked on"))
    living_there = models.BooleanField(_("actually living there"), default=True)
    note = models.CharField(_("note"), max_length=250, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checked_on", "-id"]

    def __str__(self):
        return f"{self.occupancy} {self.checked_on}"


class ResidenceWarning(AuditedModel):
    occupancy = models.ForeignKey(Occupancy, on_delete=models.CASCADE, related_name="warnings")
    level = models.PositiveSmallIntegerField(_("warning (SP)"))
    issued_on = models.DateField(_("issued on"))
    reason = models.TextField(_("reason"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["occupancy", "level"]
        constraints = [models.UniqueConstraint(fields=["occupancy", "level"], name="village_one_warning_per_level")]

    def __str__(self):
        return f"SP{self.level}"


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Offer(AuditedModel):
    """A vacated unit offered to the first household on the waiting list."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="offers")
    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"), on_delete=models.PROTECT,
                                  related_name="offers")
    offered_on = models.DateField(_("offered on"))
    status = models.CharField(_("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)
    vacated = models.ForeignKey(Occupancy, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-offered_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit"], condition=Q(status="open"),
                                               name="village_one_open_offer_per_unit")]

    def __str__(self):
        return f"{self.unit} → {self.candidate}"


# ------------------------------------------------------------------------------------------- mentoring


class MentorAssignment(AuditedModel):
    """A mentor (Pendamping) and a household they accompany; mentors see only these households."""

    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.PROTECT,
                               related_name="+")
    household = models.ForeignKey("people.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="mentor_assignments")
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on"]
        constraints = [models.UniqueConstraint(fields=["mentor", "household"], condition=Q(ended_on__isnull=True),
                                               name="village_one_open_assignment")]

    def __str__(self):
        return f"{self.mentor} — {self.household}"


class SessionKind(models.TextChoices):
    BUSINESS = "business", _("Business mentoring (quality, taste, packaging, pricing)")
    SOCIAL = "social", _("Social mentoring (self-care, cleanliness, manners, education)")


class MentoringSession(AuditedModel):
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=10, choices=SessionKind.choices)
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=250)
    notes = models.TextField(_("notes"), blank=True)
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.PROTECT,
                               related_name="+")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    SCOPE_OWNER_FIELDS = ("mentor", "recorded_by")
    SCOPE_ORG_FIELDS = ("organisation",)
    objects = ScopedManager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")

    def __str__(self):
        return self.topic

    @property
    def is_group(self) -> bool:
        return self.attendances.count() > 1


class Attendance(AuditedModel):
    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="attendances")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"), default=True)
    note = models.CharField(_("note"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "household"], name="village_one_attendance")]

    def __str__(self):
        return f"{self.session} — {self.household_id}"


class FollowUp(AuditedModel):
    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="follow_ups")
    household = models.ForeignKey("people.Household", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    action = models.CharField(_("follow-up"), max_length=250)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.action


# ------------------------------------------------------------------------------- enterprises, products


class EnterpriseKind(models.TextChoices):
    HOUSEHOLD = "household", _("Household enterprise")
    GROUP = "group", _("Group enterprise")


class Enterprise(AuditedModel):
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="enterprises")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=EnterpriseKind.choices)
    households = models.ManyToManyField("people.Household", verbose_name=_("households"), blank=True,
                                        related_name="village_enterprises")
    started_on = models.DateField(_("started on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(m2m_fields=[households])

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self):
        return self.name


class UepGrant(AuditedModel):
    """The productive-enterprise grant (UEP, Rp5 juta per family in 2016)."""

    household = models.ForeignKey("people.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="village_grants")
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("enterprise"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="grants")
    amount = models.DecimalField(_("amount (Rp)"), max_digits=12, decimal_places=0, default=UEP_DEFAULT)
    received_on = models.DateField(_("received on"))
    funding_source = models.ForeignKey("core.FundingSource", verbose_name=_("funding source"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=250, blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"UEP {self.amount}"


def product_photo_path(instance, filename):
    return f"village/products/{filename}"


class Product(AuditedModel):
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT,
                                   related_name="products")
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    unit_label = models.CharField(_("sold per"), max_length=40, default="pcs")
    price = models.DecimalField(_("price (Rp)"), max_digits=12, decimal_places=0)
    photo = models.ImageField(_("photo"), upload_to=product_photo_path, blank=True)
    in_catalogue = models.BooleanField(_("show in the public catalogue"), default=True)
    producer = models.ForeignKey("people.Person", verbose_name=_("producer"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    producer_consent = models.ForeignKey("people.Consent", verbose_name=_("consent to name the producer"),
                                         null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.name


class ProductionRecord(AuditedModel):
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="production")
    produced_on = models.DateField(_("date"))
    quantity = models.PositiveIntegerField(_("quantity"))
    note = models.CharField(_("note"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-produced_on", "-id"]

    def __str__(self):
        return f"{self.product} ×{self.quantity}"


class BuyerKind(models.TextChoices):
    VISITOR = "visitor", _("Visitor (Kampung Topeng)")
    ORDER = "order", _("Order")
    SHOP = "shop", _("Shop / reseller")
    EVENT = "event", _("Exhibition / bazaar")
    ONLINE = "online", _("Online")


class Sale(AuditedModel):
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="sales")
    sold_on = models.DateField(_("date"))
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price (Rp)"), max_digits=12, decimal_places=0)
    buyer_kind = models.CharField(_("buyer"), max_length=10, choices=BuyerKind.choices, default=BuyerKind.VISITOR)
    household = models.ForeignKey("people.Household", verbose_name=_("income goes to household"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sold_on", "-id"]
        verbose_name = _("sale")
        verbose_name_plural = _("sales")

    def __str__(self):
        return f"{self.product} ×{self.quantity}"

    @property
    def total(self):
        return self.unit_price * self.quantity


class MonthlyIncome(AuditedModel):
    household = models.ForeignKey("people.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="village_incomes")
    month = models.DateField(_("month"))
    amount = models.DecimalField(_("income (Rp)"), max_digits=12, decimal_places=0)
    note = models.CharField(_("sources"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["household", "-month"]
        constraints = [models.UniqueConstraint(fields=["household", "month"], name="village_one_income_per_month")]

    def __str__(self):
        return f"{self.household_id} {self.month:%m/%Y}"


# --------------------------------------------------------------------------------------------- progress


class ProgressReview(AuditedModel):
    """A periodic review of a household's progress (children in school, documents, training)."""

    household = models.ForeignKey("people.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="village_reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    children_school_age = models.PositiveSmallIntegerField(_("children of school age"), default=0)
    children_in_school = models.PositiveSmallIntegerField(_("children in school"), default=0)
    has_ktp = models.BooleanField(_("KTP obtained"), default=False)
    has_kk = models.BooleanField(_("KK obtained"), default=False)
    has_bpjs = models.BooleanField(_("BPJS obtained"), default=False)
    trainings_completed = models.PositiveSmallIntegerField(_("trainings completed"), default=0)
    has_savings = models.BooleanField(_("has savings"), default=False)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["household", "-reviewed_on", "-id"]
        verbose_name = _("progress review")
        verbose_name_plural = _("progress reviews")

    def __str__(self):
        return f"{self.household_id} {self.reviewed_on}"
