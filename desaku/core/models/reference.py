from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel


class PPKSCategory(AuditedModel):
    """One of the 26 PPKS categories (Permensos 08/2012), PPKS-01 … PPKS-26."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    description = models.TextField(_("criterion"), blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age (exclusive)"), null=True, blank=True)
    # Sensitive categories (ODHA, minority, sex work, ABH) are shown only to roles that need them.
    is_sensitive = models.BooleanField(_("sensitive"), default=False)
    legacy_names = models.CharField(
        _("older names"), max_length=300, blank=True, help_text=_("Comma-separated names used in legacy data.")
    )
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("PPKS category")
        verbose_name_plural = _("PPKS categories")

    def __str__(self):
        return f"{self.code} {self.name}"


class PSKSCategory(AuditedModel):
    """One of the 12 PSKS categories (potential and sources of social welfare)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("PSKS category")
        verbose_name_plural = _("PSKS categories")

    def __str__(self):
        return f"{self.code} {self.name}"


class InstitutionType(models.TextChoices):
    UPT_PROVINSI = "upt", _("Provincial UPT (Dinas Sosial Jawa Timur)")
    SENTRA_KEMENSOS = "sentra", _("Kemensos centre (Sentra)")
    KEMENSOS = "kemensos", _("Ministry of Social Affairs")
    DINSOS = "dinsos", _("Social services department (Dinas Sosial)")
    HOSPITAL = "hospital", _("Hospital")
    PUSKESMAS = "puskesmas", _("Community health centre (Puskesmas)")
    RSJ = "rsj", _("Mental hospital (RSJ)")
    COURT = "court", _("Court")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    POLICE = "police", _("Police")
    BAPAS = "bapas", _("Correctional centre (Bapas)")
    SATPOL_PP = "satpol_pp", _("Public order police (Satpol PP)")
    LKS = "lks", _("Social welfare institution (LKS)")
    PANTI = "panti", _("Social institution (panti)")
    SCHOOL = "school", _("School")
    UNIVERSITY = "university", _("University")
    TRAINING = "training", _("Training centre (BLK)")
    BANK = "bank", _("Bank")
    COMPANY = "company", _("Company (CSR)")
    GOVERNMENT = "government", _("Other government agency")
    OTHER = "other", _("Other")


class Institution(AuditedModel):
    """The directory of institutions the department refers to and works with."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=InstitutionType.choices, db_index=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    region = models.ForeignKey(
        "core.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    services = models.TextField(_("services / target groups"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.name


class FundingSource(AuditedModel):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self):
        return self.name


class ExitClass(models.TextChoices):
    """Exit destination classes, adapted from the US HMIS data standards (domain.md §9)."""

    STREET = "street", _("Still on the street")
    INSTITUTION = "institution", _("Institution")
    TEMPORARY = "temporary", _("Temporary")
    PERMANENT = "permanent", _("Permanent")
    DECEASED = "deceased", _("Deceased")
    UNKNOWN = "unknown", _("Unknown")


class ExitDestination(AuditedModel):
    """Where a person went when a stay, case or enrolment ended; the class drives the measures."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    exit_class = models.CharField(_("class"), max_length=12, choices=ExitClass.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("exit destination")
        verbose_name_plural = _("exit destinations")

    def __str__(self):
        return f"{self.name} ({self.get_exit_class_display()})"

    @property
    def is_permanent(self) -> bool:
        return self.exit_class == ExitClass.PERMANENT
