from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedManager, AuditedModel
from desaku.core.scoping import ScopedAuditedQuerySet, ScopedManager

IDENTITY_FIELDS = ("nik_encrypted", "nik_hash", "nik_masked")


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")
    UNKNOWN = "U", _("Unknown")


class NameQuality(models.TextChoices):
    FULL = "full", _("Full name")
    PARTIAL = "partial", _("Partial or street name")
    UNKNOWN = "unknown", _("Unknown")


class BirthDateQuality(models.TextChoices):
    EXACT = "exact", _("Exact")
    APPROXIMATE = "approximate", _("Approximate (year or estimated age)")
    UNKNOWN = "unknown", _("Unknown")


class Religion(models.TextChoices):
    ISLAM = "islam", "Islam"
    KRISTEN = "kristen", "Kristen"
    KATOLIK = "katolik", "Katolik"
    HINDU = "hindu", "Hindu"
    BUDDHA = "buddha", "Buddha"
    KONGHUCU = "konghucu", "Konghucu"
    KEPERCAYAAN = "kepercayaan", _("Belief (Kepercayaan)")
    UNKNOWN = "", _("Unknown")


class Education(models.TextChoices):
    NONE = "none", _("No schooling")
    SD_NOT_FINISHED = "sd_not_finished", _("Primary school not finished")
    SD = "sd", _("Primary school (SD)")
    SMP = "smp", _("Junior high school (SMP)")
    SMA = "sma", _("Senior high school (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D3)")
    BACHELOR = "s1", _("Bachelor (S1/D4)")
    POSTGRADUATE = "s2", _("Postgraduate (S2/S3)")
    UNKNOWN = "", _("Unknown")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Not married")
    MARRIED = "married", _("Married")
    DIVORCED = "divorced", _("Divorced")
    WIDOWED = "widowed", _("Widowed")
    UNKNOWN = "", _("Unknown")


class PersonQuerySet(ScopedAuditedQuerySet):
    def active(self):
        """Persons that were not merged into another record."""
        return self.filter(merged_into__isnull=True)


class Person(AuditedModel):
    """One permanent record per human being served (domain.md §9: one ID, many enrolments)."""

    full_name = models.CharField(_("full name as given"), max_length=150)
    name_quality = models.CharField(_("name quality"), max_length=10, choices=NameQuality.choices,
                                    default=NameQuality.FULL)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_date_quality = models.CharField(_("birth date quality"), max_length=12, choices=BirthDateQuality.choices,
                                          default=BirthDateQuality.UNKNOWN)
    # For approximate dates: the estimated birth year (from a stated year, or an age estimated at a date).
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True, db_index=True)
    estimated_age = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    age_estimated_on = models.DateField(_("age estimated on"), null=True, blank=True)
    birthplace = models.CharField(_("birthplace"), max_length=100, blank=True)
    mother_name = models.CharField(_("mother's maiden name"), max_length=150, blank=True)
    religion = models.CharField(_("religion"), max_length=12, choices=Religion.choices, blank=True)
    education = models.CharField(_("education"), max_length=16, choices=Education.choices, blank=True)
    marital_status = models.CharField(_("marital status"), max_length=10, choices=MaritalStatus.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    physical_description = models.TextField(_("physical description"), blank=True)
    distinguishing_marks = models.TextField(_("distinguishing marks"), blank=True)
    origin_region = models.ForeignKey(
        "core.Region", verbose_name=_("area of origin"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    no_fixed_abode = models.BooleanField(_("no fixed abode"), default=False)
    domicile_kelurahan = models.ForeignKey(
        "core.Region", verbose_name=_("domicile kelurahan"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"level": 4, "code__startswith": "35.73."},
    )
    domicile_rt = models.CharField(_("RT"), max_length=3, blank=True)
    domicile_rw = models.CharField(_("RW"), max_length=3, blank=True)
    domicile_address = models.CharField(_("address"), max_length=250, blank=True)
    chronic_illness = models.TextField(_("chronic illness"), blank=True)
    date_of_death = models.DateField(_("date of death"), null=True, blank=True)

    # Identity numbers: encrypted, looked up by blind index, shown masked in lists.
    nik_encrypted = models.TextField(blank=True, editable=False)
    nik_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    nik_masked = models.CharField(_("NIK"), max_length=16, blank=True, editable=False)
    no_kk_encrypted = models.TextField(blank=True, editable=False)
    no_kk_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    no_kk_masked = models.CharField(_("No KK"), max_length=16, blank=True, editable=False)

    organisation = models.ForeignKey("core.Organisation", verbose_name=_("registered by organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"),
                                      on_delete=models.PROTECT, related_name="+")
    assigned_worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible worker"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+")
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="merged_records", editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    audit_redacted_fields = ("nik_encrypted", "nik_hash", "nik_masked", "no_kk_encrypted", "no_kk_hash",
                             "no_kk_masked")

    SCOPE_OWNER_FIELDS = ("registered_by", "assigned_worker")
    SCOPE_ORG_FIELDS = ("organisation",)

    objects = AuditedManager.from_queryset(PersonQuerySet)()

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["organisation", "full_name"]), models.Index(fields=["sex", "birth_year"])]

    def __str__(self):
        return self.full_name

    @classmethod
    def scope_extra_q(cls, user):
        """Persons shared with the user's organisation by a valid consent, or by another module."""
        from desaku.people.visibility import extra_person_q

        return extra_person_q(user)

    @property
    def registration_number(self) -> str:
        return f"DSK-{self.pk:07d}" if self.pk else ""

    @property
    def is_deceased(self) -> bool:
        return self.date_of_death is not None

    def age_on(self, on):
        if self.birth_date:
            years = on.year - self.birth_date.year - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))
            return years
        if self.birth_year:
            return on.year - self.birth_year
        return None


class PersonNameKey(models.Model):
    """Blocking keys for duplicate detection (derived from names and aliases; rebuilt on change)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    key = models.CharField(max_length=40)
    # Copied from the person so candidates can be narrowed inside the index, without a join.
    sex = models.CharField(max_length=1, default="U")
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "person"], name="person_name_key_unique")]
        # Covers the duplicate check's query (key, sex, birth-year band → person): no table lookups.
        indexes = [models.Index(fields=["key", "sex", "birth_year", "person"], name="person_name_key_cover")]

    def __str__(self):
        return self.key


class AliasKind(models.TextChoices):
    NICKNAME = "nickname", _("Nickname (nama panggilan)")
    STREET_NAME = "street", _("Street name (julukan)")
    EARLIER_SPELLING = "spelling", _("Earlier spelling")
    OTHER = "other", _("Other")


class Alias(AuditedModel):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=AliasKind.choices, default=AliasKind.NICKNAME)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self):
        return self.name


def photo_path(instance, filename):
    return f"people/photos/{instance.person_id}/{filename}"


class PersonPhoto(AuditedModel):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    taken_on = models.DateField(_("taken on"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-taken_on", "-id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return f"{self.person} {self.taken_on}"


class DisabilityType(models.TextChoices):
    PHYSICAL = "physical", _("Physical")
    VISUAL = "visual", _("Visual (netra)")
    HEARING_SPEECH = "hearing", _("Hearing/speech (rungu/wicara)")
    INTELLECTUAL = "intellectual", _("Intellectual")
    MENTAL = "mental", _("Mental/psychosocial")
    MULTIPLE = "multiple", _("Multiple")


class Severity(models.TextChoices):
    LIGHT = "light", _("Light")
    MODERATE = "moderate", _("Moderate")
    SEVERE = "severe", _("Severe")


class Disability(AuditedModel):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="disabilities")
    type = models.CharField(_("type"), max_length=12, choices=DisabilityType.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    needs_daily_help = models.BooleanField(_("needs help with daily activities"), default=False)
    note = models.CharField(_("note"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disability")
        verbose_name_plural = _("disabilities")

    def __str__(self):
        return f"{self.get_type_display()} ({self.get_severity_display()})"


class Household(AuditedModel):
    """A family as on its family card (Kartu Keluarga). The KK number may change; history keeps it."""

    no_kk_encrypted = models.TextField(blank=True, editable=False)
    no_kk_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    no_kk_masked = models.CharField(_("No KK"), max_length=16, blank=True, editable=False)
    kelurahan = models.ForeignKey("core.Region", verbose_name=_("kelurahan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("address"), max_length=250, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    welfare_decile = models.PositiveSmallIntegerField(_("welfare decile (DTKS/DTSEN)"), null=True, blank=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    audit_redacted_fields = ("no_kk_encrypted", "no_kk_hash", "no_kk_masked")

    SCOPE_OWNER_FIELDS = ("registered_by",)
    SCOPE_ORG_FIELDS = ("organisation",)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        head = self.head
        return _("Household of %(name)s") % {"name": head.full_name} if head else _("Household #%(id)s") % {
            "id": self.pk}

    @property
    def head(self):
        if "_head" in self.__dict__:  # pinned by pin_head (a masked copy where needed)
            return self.__dict__["_head"]
        membership = self.memberships.filter(end_date__isnull=True, relationship=Relationship.HEAD).first()
        return membership.person if membership else None

    def pin_head(self, person=...):
        """Keep the head on this instance (loaded now unless given), so that ``head`` and ``str()`` show this copy
        — a masked one where the identity is protected (identity.mask_households, list exports)."""
        self.__dict__["_head"] = self.head if person is ... else person
        return self.__dict__["_head"]

    @classmethod
    def scope_extra_q(cls, user):
        visible = Person.objects.visible_to(user).values("pk")
        return Q(memberships__person__in=visible)

    SCOPE_DISTINCT = True


class Relationship(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    CHILD_IN_LAW = "child_in_law", _("Son/daughter-in-law")
    GRANDCHILD = "grandchild", _("Grandchild")
    PARENT = "parent", _("Parent")
    PARENT_IN_LAW = "parent_in_law", _("Parent-in-law")
    OTHER_FAMILY = "other_family", _("Other family")
    OTHER = "other", _("Other")


class HouseholdMembership(AuditedModel):
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.CASCADE,
                                  related_name="memberships")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="household_memberships")
    relationship = models.CharField(_("relationship to the head"), max_length=16, choices=Relationship.choices)
    start_date = models.DateField(_("joined on"))
    end_date = models.DateField(_("left on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["household", "start_date"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(end_date__isnull=True),
                                    name="one_current_household_per_person"),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_relationship_display()}"


class Classification(AuditedModel):
    """A dated PPKS classification of a person, by a worker, with evidence."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="classifications")
    category = models.ForeignKey("core.PPKSCategory", verbose_name=_("PPKS category"), on_delete=models.PROTECT,
                                 related_name="+")
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assessed by"),
                                    on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField(_("evidence"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("PPKS classification")
        verbose_name_plural = _("PPKS classifications")
        indexes = [models.Index(fields=["category", "valid_from"], name="classification_category_from")]
        constraints = [models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                                              name="classification_dates_ordered")]

    def __str__(self):
        return f"{self.person} — {self.category.code}"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


def consent_path(instance, filename):
    return f"people/consents/{instance.person_id}/{filename}"


class ConsentGiver(models.TextChoices):
    SELF = "self", _("The person")
    GUARDIAN = "guardian", _("Parent or guardian")


class Consent(AuditedModel):
    """Consent for processing the person's data and for sharing it with named partners (UU 27/2022)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(_("given by"), max_length=10, choices=ConsentGiver.choices, default=ConsentGiver.SELF)
    guardian_name = models.CharField(_("guardian's name"), max_length=150, blank=True)
    guardian_relationship = models.CharField(_("guardian's relationship"), max_length=60, blank=True)
    processing = models.BooleanField(_("consents to data processing"), default=True)
    given_on = models.DateField(_("date"))
    witness = models.CharField(_("witness"), max_length=150, blank=True)
    scanned_form = models.FileField(_("scanned form"), upload_to=consent_path, blank=True)
    shared_with = models.ManyToManyField("core.Organisation", verbose_name=_("may be shared with"), blank=True,
                                         related_name="+")
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=250, blank=True)
    history = HistoricalRecords(m2m_fields=[shared_with])

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.person} {self.given_on}"


class DuplicateDecisionKind(models.TextChoices):
    CONFIRMED_NEW = "new", _("Confirmed as a new person")
    LINKED_EXISTING = "linked", _("Linked to an existing person")


class DuplicateDecision(AuditedModel):
    """The worker's decision when the duplicate check found possible matches at registration."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="duplicate_decisions")
    decision = models.CharField(_("decision"), max_length=8, choices=DuplicateDecisionKind.choices)
    entered_name = models.CharField(_("name entered"), max_length=150)
    candidates = models.JSONField(_("candidates shown"), default=list)  # [{"id":…, "score":…, "reasons":[…]}]
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note"), max_length=250, blank=True)
    source = models.CharField(_("source"), max_length=20, default="ui")  # ui / api / import / outreach
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")

    def __str__(self):
        return f"{self.entered_name}: {self.get_decision_display()}"


class Merge(AuditedModel):
    """Two person records made one; keeps both snapshots and every moved pointer so it can be undone."""

    survivor = models.ForeignKey(Person, verbose_name=_("kept record"), on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Person, verbose_name=_("merged record"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    survivor_snapshot = models.JSONField(default=dict)
    merged_snapshot = models.JSONField(default=dict)
    moved = models.JSONField(default=list)  # [[model label, field name, pk], …]
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    undo_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self):
        return f"{self.merged} → {self.survivor}"
