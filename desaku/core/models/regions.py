from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel


class RegionLevel(models.IntegerChoices):
    PROVINSI = 1, _("Province")
    KABUPATEN_KOTA = 2, _("Regency/city")
    KECAMATAN = 3, _("District (kecamatan)")
    KELURAHAN_DESA = 4, _("Village (kelurahan/desa)")


class Region(AuditedModel):
    """A Kemendagri region (never BPS codes): "35", "35.73", "35.73.03", "35.73.03.1012"."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices, db_index=True)
    kind = models.CharField(_("type"), max_length=20)  # provinsi, kota, kabupaten, kecamatan, kelurahan, desa…
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind in ("kota", "kabupaten") or self.level == RegionLevel.PROVINSI:
            return self.name
        prefix = {"kecamatan": "Kec.", "kelurahan": "Kel.", "desa": "Desa", "distrik": "Distrik"}.get(self.kind, "")
        return f"{prefix} {self.name}".strip()

    @property
    def path(self) -> str:
        """"Kel. Tlogowaru, Kec. Kedungkandang, Kota Malang, Jawa Timur"."""
        names, node = [], self
        while node is not None:
            names.append(node.display_name)
            node = node.parent
        return ", ".join(names)
