from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel


class Letterhead(AuditedModel):
    """The department's letterhead and signatory (one active row; editable in the admin)."""

    government_line = models.CharField(_("government line"), max_length=120, default="PEMERINTAH KOTA MALANG")
    department_line = models.CharField(_("department line"), max_length=120, default="DINAS SOSIAL")
    address_line = models.CharField(_("address line"), max_length=200,
                                    default="Jl. Sulfat No. 12, Bunulrejo, Kec. Blimbing, Kota Malang 65123")
    contact_line = models.CharField(_("contact line"), max_length=200, blank=True,
                                    default="Telp. (0341) 491000 · dinsos.malangkota.go.id")
    city = models.CharField(_("city for the date line"), max_length=60, default="Malang")
    unit_code = models.CharField(_("unit code in letter numbers"), max_length=40, default="35.73.406")
    signatory_name = models.CharField(_("signatory name"), max_length=120, default="Kepala Dinas Sosial")
    signatory_title = models.CharField(_("signatory title"), max_length=120, default="Kepala Dinas Sosial Kota Malang")
    signatory_nip = models.CharField(_("signatory NIP"), max_length=30, blank=True)
    logo = models.ImageField(_("logo"), upload_to="letterhead/", blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self):
        return f"{self.government_line} — {self.department_line}"


class LetterType(AuditedModel):
    """A kind of letter with its numbering scheme, e.g. ``{seq:03d}/{classification}/{unit}/{year}``."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    classification = models.CharField(_("archive classification code"), max_length=20, default="400")
    number_format = models.CharField(
        _("number format"), max_length=120, default="{seq:03d}/{classification}/{unit}/{year}",
        help_text=_("Placeholders: {seq}, {classification}, {unit}, {year}, {month_roman}, {code}."),
    )
    reset_yearly = models.BooleanField(_("numbering restarts each year"), default=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("letter type")
        verbose_name_plural = _("letter types")

    def __str__(self):
        return self.name


class LetterSequence(models.Model):
    """The last number used per letter type and year; locked while a number is taken."""

    letter_type = models.ForeignKey(LetterType, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["letter_type", "year"], name="one_sequence_per_type_year")]

    def __str__(self):
        return f"{self.letter_type_id}/{self.year}: {self.last_number}"


def letter_path(instance, filename):
    return f"letters/{instance.year}/{filename}"


class Letter(AuditedModel):
    """An issued letter: its number, date, type and a token for public verification by QR code."""

    letter_type = models.ForeignKey(LetterType, verbose_name=_("letter type"), on_delete=models.PROTECT)
    number = models.CharField(_("letter number"), max_length=120, unique=True)
    sequence = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField()
    issued_on = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=250)
    verification_token = models.CharField(max_length=43, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    pdf = models.FileField(_("PDF"), upload_to=letter_path, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT,
                                  related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revoking"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        constraints = [models.UniqueConstraint(fields=["letter_type", "year", "sequence"],
                                               name="one_letter_per_sequence_number")]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.number
