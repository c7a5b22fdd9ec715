"""Community services: PSKS organisations and volunteers, group members, activities, and the yearly
"Karang Werdha Berprestasi" award.

Rules (enforced in services.py): criteria weights sum to 100 before scoring opens and criteria are
frozen from then on; scores are 0–100, one per juror, group and criterion; a juror does not score the
group they belong to; scores lock when the round is finalised; members belong to Karang Werdha groups
or KOMDA Lansia only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel
from desaku.core.scoping import ScopedManager

# ------------------------------------------------------------------------------ PSKS organisations


class OrganisationKind(models.TextChoices):
    LKS = "lks", _("Social welfare institution (LKS)")
    KARANG_TARUNA = "karang_taruna", _("Karang Taruna")
    KARANG_WERDHA = "karang_werdha", _("Karang Werdha (elderly group)")
    KOMDA_LANSIA = "komda_lansia", _("KOMDA Lansia")
    LK3 = "lk3", _("LK3 (family consultation)")
    WKSBM = "wksbm", _("WKSBM")
    CSR = "csr", _("Company (CSR)")


# The PSKS category (core.PSKSCategory number) each kind belongs to; KOMDA and Karang Werdha have none.
KIND_PSKS = {"lks": 4, "karang_taruna": 5, "lk3": 6, "wksbm": 8, "csr": 12}
MEMBER_GROUP_KINDS = (OrganisationKind.KARANG_WERDHA, OrganisationKind.KOMDA_LANSIA)


class Accreditation(models.TextChoices):
    A = "A", _("A (very good)")
    B = "B", _("B (good)")
    C = "C", _("C (fair)")
    NONE = "none", _("Not accredited")


class PSKSOrganisation(AuditedModel):
    """An organisation that delivers community services (not a user account: see ``linked_organisation``)."""

    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    psks_category = models.ForeignKey("core.PSKSCategory", verbose_name=_("PSKS category"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    kelurahan = models.ForeignKey("core.Region", verbose_name=_("kelurahan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    registration_number = models.CharField(_("registration number"), max_length=80, blank=True)
    accreditation = models.CharField(_("accreditation"), max_length=4, choices=Accreditation.choices, blank=True)
    accredited_on = models.DateField(_("accredited on"), null=True, blank=True)
    linked_organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("Desaku account organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("For a partner LKS whose staff use Desaku."))
    active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("PSKS organisation")
        verbose_name_plural = _("PSKS organisations")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="community_one_org_per_kind_name")]

    def __str__(self):
        return self.name

    @property
    def has_members(self) -> bool:
        return self.kind in MEMBER_GROUP_KINDS


class VolunteerKind(models.TextChoices):
    PEKSOS = "peksos", _("Professional social worker (Peksos)")
    PSM = "psm", _("Community social worker (PSM)")
    TKSK = "tksk", _("Sub-district welfare worker (TKSK)")
    TAGANA = "tagana", _("Disaster preparedness cadet (Tagana)")
    PENYULUH = "penyuluh", _("Social counsellor (Penyuluh Sosial)")


VOLUNTEER_PSKS = {"peksos": 1, "psm": 2, "tagana": 3, "penyuluh": 10, "tksk": 11}


class Volunteer(AuditedModel):
    """An individual PSKS: Peksos, PSM, TKSK, Tagana, Penyuluh Sosial, with their area and contact."""

    kind = models.CharField(_("kind"), max_length=10, choices=VolunteerKind.choices)
    psks_category = models.ForeignKey("core.PSKSCategory", verbose_name=_("PSKS category"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(_("name"), max_length=150)
    kelurahan = models.ForeignKey("core.Region", verbose_name=_("kelurahan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    affiliation = models.ForeignKey(PSKSOrganisation, verbose_name=_("organisation"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="volunteers")
    certificate_number = models.CharField(_("certificate / decree number"), max_length=80, blank=True)
    active_since = models.DateField(_("active since"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("PSKS volunteer")
        verbose_name_plural = _("PSKS volunteers")

    def __str__(self):
        return f"{self.full_name} ({self.get_kind_display()})"


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")
    TREASURER = "treasurer", _("Treasurer")
    MEMBER = "member", _("Member")
    ADVISER = "adviser", _("Adviser")


class Membership(AuditedModel):
    """A member of a Karang Werdha group or of KOMDA Lansia, with role and term.

    The member is a registry person (then ``name`` stays empty and the name is shown only to those who
    may see the person) or, for officials outside the registry, just a name.
    """

    group = models.ForeignKey(PSKSOrganisation, verbose_name=_("group"), on_delete=models.CASCADE,
                              related_name="memberships")
    person = models.ForeignKey("people.Person", verbose_name=_("registry person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="community_memberships")
    name = models.CharField(_("name"), max_length=150, blank=True)
    position = models.CharField(_("position / office"), max_length=150, blank=True,
                                help_text=_("e.g. Wakil Wali Kota (ex officio)"))
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "role", "term_start", "id"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return f"{self.name or self.person_id} — {self.get_role_display()}"

    def current_on(self, day) -> bool:
        return self.term_start <= day and (self.term_end is None or self.term_end >= day)


# -------------------------------------------------------------------------------------- activities


class TargetGroup(models.TextChoices):
    DISABILITY = "disability", _("Persons with disability")
    DISABILITY_FAMILIES = "disability_families", _("Families of persons with disability")
    ELDERLY = "elderly", _("Elderly")
    CHILDREN = "children", _("Children and youth")
    PSKS = "psks", _("PSKS (volunteers and organisations)")
    PUBLIC = "public", _("General public")


class ActivityType(AuditedModel):
    """Kinds of community activity (editable reference data, seeded by a data migration)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    default_target_group = models.CharField(_("usual target group"), max_length=20, choices=TargetGroup.choices,
                                            blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")

    def __str__(self):
        return self.name


class CommunityActivity(AuditedModel):
    """A forum, socialisation, early-detection day, Apel dan Senam Bersama, KOMDA meeting…"""

    activity_type = models.ForeignKey(ActivityType, verbose_name=_("type"), on_delete=models.PROTECT,
                                      related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=250)
    kelurahan = models.ForeignKey("core.Region", verbose_name=_("kelurahan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    organiser = models.ForeignKey(PSKSOrganisation, verbose_name=_("organiser"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="organised_activities")
    organiser_name = models.CharField(_("organiser (other)"), max_length=150, blank=True,
                                      help_text=_("When the organiser is not in the PSKS directory."))
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    participants = models.ManyToManyField("people.Person", verbose_name=_("registered participants"), blank=True,
                                          related_name="community_activities")
    participating_organisations = models.ManyToManyField(PSKSOrganisation,
                                                         verbose_name=_("participating organisations"),
                                                         blank=True, related_name="attended_activities")
    head_count = models.PositiveIntegerField(_("head count"), default=0)
    budget_used = models.DecimalField(_("budget used (Rp)"), max_digits=14, decimal_places=0, default=0)
    funding_source = models.ForeignKey("core.FundingSource", verbose_name=_("funding source"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(m2m_fields=[participants, participating_organisations])

    SCOPE_OWNER_FIELDS = ("created_by",)
    SCOPE_ORG_FIELDS = ("organisation",)
    objects = ScopedManager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("community activity")
        verbose_name_plural = _("community activities")

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    @property
    def organiser_label(self) -> str:
        return self.organiser.name if self.organiser_id else self.organiser_name


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    MINUTES = "minutes", _("Minutes")


def attachment_path(instance, filename):
    return f"community/activities/{instance.activity_id}/{filename}"


class ActivityAttachment(AuditedModel):
    """A photo or the minutes of an activity; served only through the scope-checked view."""

    activity = models.ForeignKey(CommunityActivity, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=8, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.caption or self.file.name

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower()


# ------------------------------------------------------------------------- Karang Werdha Berprestasi


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Preparing (criteria open)")
    SCORING = "scoring", _("Scoring")
    FINALISED = "finalised", _("Finalised")


class AwardRound(AuditedModel):
    """One year's "Karang Werdha Berprestasi Tingkat Kota Malang"."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    winner_count = models.PositiveSmallIntegerField(_("number of winners"), default=3)
    judged_on = models.DateField(_("judging date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")

    def __str__(self):
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.status == RoundStatus.FINALISED


class AwardCriterion(AuditedModel):
    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=150)
    description = models.CharField(_("description"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")

    def __str__(self):
        return f"{self.name} ({self.weight}%)"


class AwardEntry(AuditedModel):
    """A Karang Werdha group taking part in a round; rank, total and place are set when it is finalised."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="entries")
    group = models.ForeignKey(PSKSOrganisation, verbose_name=_("Karang Werdha group"), on_delete=models.PROTECT,
                              related_name="award_entries")
    total = models.DecimalField(_("weighted score"), max_digits=7, decimal_places=3, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    is_winner = models.BooleanField(_("winner"), default=False)
    letter = models.ForeignKey("core.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "rank", "group__name"]
        verbose_name = _("award entry")
        verbose_name_plural = _("award entries")
        constraints = [models.UniqueConstraint(fields=["round", "group"], name="community_one_entry_per_group")]

    def __str__(self):
        return f"{self.group} — {self.round.year}"


class AwardJuror(AuditedModel):
    """A jury member. ``user``: a Desaku account that may enter its own scores. ``affiliated_group``: the
    Karang Werdha group the juror belongs to, which they may not score."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="jurors")
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("institution"), max_length=150, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Desaku user"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    affiliated_group = models.ForeignKey(PSKSOrganisation, verbose_name=_("member of group"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "name"]
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")

    def __str__(self):
        return self.name

    def conflicts_with(self, entry) -> bool:
        return self.affiliated_group_id is not None and self.affiliated_group_id == entry.group_id


class AwardScore(AuditedModel):
    entry = models.ForeignKey(AwardEntry, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(AwardJuror, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.CASCADE, related_name="scores")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["entry", "criterion", "juror"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["entry", "juror", "criterion"], name="community_one_score_per_cell"),
            models.CheckConstraint(condition=models.Q(score__gte=0) & models.Q(score__lte=100),
                                   name="community_score_0_100"),
        ]

    def __str__(self):
        return f"{self.juror} · {self.entry.group} · {self.criterion.name}: {self.score}"
