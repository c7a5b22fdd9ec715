from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel


class Role(models.TextChoices):
    """Roles are Django groups with these names; their permissions are editable in the admin."""

    ADMINISTRATOR = "Administrator", _("Administrator")
    KEPALA_DINAS = "Kepala Dinas", _("Head of department")
    KEPALA_BIDANG = "Kepala Bidang", _("Division head")
    PEKSOS = "Peksos", _("Social worker (Peksos)")
    PETUGAS_PENJANGKAUAN = "Petugas Penjangkauan", _("Outreach officer")
    OPERATOR = "Operator", _("Data entry operator")
    MITRA_LKS = "Mitra LKS", _("Partner NGO staff (LKS)")
    PENDAMPING = "Pendamping", _("Mentor")
    PENINJAU_KEMENSOS = "Peninjau Kemensos", _("Kemensos reviewer")
    AUDITOR = "Auditor", _("Auditor")


class Scope(models.TextChoices):
    OWN = "own", _("Own records (assigned to me)")
    ORGANISATION = "organisation", _("My organisation's records")
    ALL = "all", _("All records")


class OrganisationKind(models.TextChoices):
    DINAS = "dinas", _("Social services department")
    LKS = "lks", _("Social welfare institution (LKS)")
    KEMENSOS = "kemensos", _("Ministry of Social Affairs")
    UNIVERSITY = "university", _("University")
    GOVERNMENT = "government", _("Other government agency")
    COMPANY = "company", _("Company (CSR)")
    OTHER = "other", _("Other")


class Organisation(AuditedModel):
    """An organisation whose staff use Desaku: the department, a partner LKS, Kemensos, a university."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    institution = models.ForeignKey(
        "core.Institution", verbose_name=_("institution"), null=True, blank=True, on_delete=models.SET_NULL
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.short_name or self.name


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="members",
    )
    data_scope = models.CharField(_("data scope"), max_length=20, choices=Scope.choices, default=Scope.OWN)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def role_names(self) -> set[str]:
        cached = getattr(self, "_role_names", None)
        if cached is None:
            cached = set(self.groups.values_list("name", flat=True)) if self.pk else set()
            self._role_names = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        if not self.is_active:
            return False
        if self.is_superuser and Role.ADMINISTRATOR in roles:
            return True
        return bool(self.role_names.intersection(roles))

    @property
    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels.get(name, name)) for name in sorted(self.role_names)]
