"""Writes of the program record: sites (a second village is another site), funding and its breakdown,
stakeholders, the dated stages with their documents and photos, selection rounds, the graduation settings,
and a unit's inventory. Every write checks the role, validates, and is audited (save_with_reason).

Who: the Kepala Bidang and the Administrator, and a site's designated program officer for that site
(permissions.can_edit_program). The inventory is the program office's (MANAGERS), like its checks.
"""

from datetime import date
from decimal import Decimal
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from desaku.core.templatetags.desaku import rupiah
from desaku.village.models import (
    Building,
    Condition,
    FundingLine,
    InventoryItem,
    LandStatus,
    SelectionRound,
    Site,
    Stage,
    StageDocument,
    Stakeholder,
    StakeholderKind,
    Unit,
)
from desaku.village.permissions import MANAGERS, can_edit_program

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
UNIT_LETTERS = "ABCD"


def _require_program(user, site, field="name"):
    if not can_edit_program(user, site):
        raise ValidationError({field: _("Your role may not edit the program record.")})


def _required(values: dict, *names):
    missing = {name: _("This field is required.") for name in names if not str(values.get(name) or "").strip()}
    if missing:
        raise ValidationError(missing)


# ---------------------------------------------------------------------------------------------- sites


SITE_FIELDS = ("name", "address", "kelurahan", "land_area_m2", "land_used_m2", "land_status", "description",
               "how_to_order", "utilities_note", "program_officer", "active")


def _check_site(site: Site):
    _required(site.__dict__, "name", "address")
    if site.land_status not in LandStatus.values:
        raise ValidationError({"land_status": _("Choose a land status.")})
    if site.land_area_m2 is not None and site.land_area_m2 <= 0:
        raise ValidationError({"land_area_m2": _("The land area must be positive.")})
    if site.land_used_m2 is not None and site.land_area_m2 is not None and site.land_used_m2 > site.land_area_m2:
        raise ValidationError({"land_used_m2": _("The land used cannot exceed the land area.")})
    if site.program_officer_id and not site.program_officer.has_role(*MANAGERS):
        raise ValidationError({"program_officer": _("The program officer must be program staff.")})


@transaction.atomic
def create_site(*, by, code: str, buildings: int = 0, units_per_building: int = 2, **fields) -> Site:
    """A new village site, with its numbered buildings and units (01A, 01B, 02A…) when asked."""
    _require_program(by, None)
    if not code:
        raise ValidationError({"code": _("This field is required.")})
    if Site.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Another site has this code.")})
    if not 0 <= buildings <= 200:
        raise ValidationError({"buildings": _("Between 0 and 200 buildings.")})
    if not 1 <= units_per_building <= len(UNIT_LETTERS):
        raise ValidationError({"units_per_building": _("Between 1 and 4 units per building.")})
    site = Site(code=code, **{k: v for k, v in fields.items() if k in SITE_FIELDS})
    _check_site(site)
    site.full_clean(exclude=["kelurahan", "program_officer"])
    site.save_with_reason(by=by, reason=_("New site"))
    for number in range(1, buildings + 1):
        building = Building(site=site, number=f"{number:02d}")
        building.save_with_reason(by=by, reason=_("New site"))
        for letter in UNIT_LETTERS[:units_per_building]:
            Unit(building=building, number=f"{number:02d}{letter}").save_with_reason(by=by, reason=_("New site"))
    return site


@transaction.atomic
def update_site(*, site: Site, by, reason: str = "", **fields) -> Site:
    _require_program(by, site)
    site = Site.objects.select_for_update().get(pk=site.pk)
    for name, value in fields.items():
        if name in SITE_FIELDS and (name != "program_officer" or can_edit_program(by)):
            setattr(site, name, value)
    _check_site(site)
    site.full_clean(exclude=["kelurahan", "program_officer"])
    site.save_with_reason(by=by, reason=reason or _("Site edited"))
    return site


@transaction.atomic
def update_graduation_settings(*, site: Site, by, income, income_months: int, attendance_pct: int, trainings: int,
                               reason: str = "") -> Site:
    """The graduation checklist's thresholds for the households of this site."""
    _require_program(by, site, "income")
    errors = {}
    if income is None or income <= 0:
        errors["income"] = _("The income must be positive.")
    if income_months is None or not 1 <= income_months <= 12:
        errors["income_months"] = _("Between 1 and 12 months.")
    if attendance_pct is None or not 0 <= attendance_pct <= 100:
        errors["attendance_pct"] = _("Between 0 and 100 percent.")
    if trainings is None or not 0 <= trainings <= 20:
        errors["trainings"] = _("Between 0 and 20 trainings.")
    if not reason:
        errors["reason"] = _("Give the reason for the change (the program's decision).")
    if errors:
        raise ValidationError(errors)
    site = Site.objects.select_for_update().get(pk=site.pk)
    site.graduation_income, site.graduation_income_months = Decimal(income), income_months
    site.graduation_attendance_pct, site.graduation_trainings = attendance_pct, trainings
    site.save_with_reason(by=by, reason=reason)
    return site


# -------------------------------------------------------------------------------------------- funding


@transaction.atomic
def save_funding_line(*, site: Site, by, line: FundingLine | None = None, source_name: str, purpose: str, amount,
                      year=None, source=None, parent=None, reason: str = "", in_kind: bool = False) -> FundingLine:
    """A funding source of the site, or a part of one (its breakdown: parts never exceed the whole).

    Rp0 only for a line marked in kind / amount unknown (the city's land, household goods, CSR support)."""
    _require_program(by, site, "amount")
    _required({"source_name": source_name, "purpose": purpose}, "source_name", "purpose")
    if amount is None or amount < 0 or (amount == 0 and not in_kind):
        raise ValidationError({"amount": _("The amount must be positive (Rp0 only for a line in kind or of "
                                           "unknown amount).")})
    if year is not None and not 1990 <= year <= 2100:
        raise ValidationError({"year": _("Give a year between 1990 and 2100.")})
    if parent is not None:
        if parent.site_id != site.pk or parent.parent_id is not None or (line and parent.pk == line.pk):
            raise ValidationError({"parent": _("A part belongs to a funding source of the same site.")})
        others = parent.parts.exclude(pk=line.pk if line else None).aggregate(s=Sum("amount"))["s"] or 0
        if others + amount > parent.amount:
            raise ValidationError({"amount": _("The parts (%(total)s) would exceed the source's amount.") % {
                "total": rupiah(others + amount)}})
    if line is not None and line.pk:
        if parent is not None and line.parts.exists():
            raise ValidationError({"parent": _("A source with parts cannot become a part.")})
        if (line.parts.aggregate(s=Sum("amount"))["s"] or 0) > amount:
            raise ValidationError({"amount": _("The amount is smaller than its parts.")})
    line = line or FundingLine(site=site)
    if line.site_id != site.pk:
        raise ValidationError({"parent": _("This line belongs to another site.")})
    line.source_name, line.purpose, line.amount, line.year = source_name, purpose, amount, year
    line.in_kind = bool(in_kind)
    line.source, line.parent = source, parent
    line.save_with_reason(by=by, reason=reason or _("Funding"))
    return line


# ------------------------------------------------------------------------------------------ stakeholders


@transaction.atomic
def save_stakeholder(*, site: Site, by, stakeholder: Stakeholder | None = None, name: str, kind: str, role: str,
                     institution=None, reason: str = "") -> Stakeholder:
    _require_program(by, site)
    _required({"name": name, "role": role}, "name", "role")
    if kind not in StakeholderKind.values:
        raise ValidationError({"kind": _("Choose the kind of stakeholder.")})
    stakeholder = stakeholder or Stakeholder(site=site)
    stakeholder.name, stakeholder.kind, stakeholder.role, stakeholder.institution = name, kind, role, institution
    stakeholder.save_with_reason(by=by, reason=reason or _("Stakeholder"))
    return stakeholder


# ----------------------------------------------------------------------------------------------- stages


@transaction.atomic
def save_stage(*, site: Site, by, stage: Stage | None = None, title: str, started_on: date, ended_on=None,
               description: str = "", reason: str = "") -> Stage:
    _require_program(by, site, "title")
    _required({"title": title, "started_on": started_on}, "title", "started_on")
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _("The end is before the start.")})
    stage = stage or Stage(site=site)
    stage.title, stage.started_on, stage.ended_on, stage.description = title, started_on, ended_on, description
    stage.save_with_reason(by=by, reason=reason or _("Stage"))
    return stage


def document_kind(upload) -> str:
    """"pdf", "jpg" or "png" by the file's bytes (never its name); anything else is refused."""
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    kind = "jpg" if head.startswith(b"\xff\xd8\xff") else "png" if head.startswith(b"\x89PNG\r\n\x1a\n") else ""
    if not kind:
        raise ValidationError({"file": _("Only PDF, JPEG or PNG files are accepted.")})
    from PIL import Image

    try:
        with Image.open(upload) as image:
            image.verify()
    except Exception as exc:  # Pillow raises many kinds for broken or hostile files
        raise ValidationError({"file": _("The file is not a readable image.")}) from exc
    finally:
        upload.seek(0)
    return kind


@transaction.atomic
def add_stage_document(*, stage: Stage, by, upload, caption: str = "") -> StageDocument:
    """A document (PDF) or photo (JPEG/PNG) of a stage, checked by its bytes, stored under a random name."""
    _require_program(by, stage.site, "file")
    kind = document_kind(upload)
    upload.name = f"{uuid4().hex}.{kind}"  # never keep the client's file name
    document = StageDocument(stage=stage, file=upload, caption=caption[:200], is_photo=kind != "pdf")
    document.save_with_reason(by=by, reason=caption or _("Stage document"))
    return document


@transaction.atomic
def remove_stage_document(*, document: StageDocument, by, reason: str) -> None:
    _require_program(by, document.stage.site, "reason")
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    document.delete_with_reason(by=by, reason=reason)


# ----------------------------------------------------------------------------------------------- rounds


@transaction.atomic
def save_round(*, site: Site, by, selection: SelectionRound | None = None, name: str, year: int, quota: int,
               opened_on: date, closed: bool = False, reason: str = "") -> SelectionRound:
    """A selection round of a site: its quota (40 of 80 in 2016) and dates; never below those accepted."""
    _require_program(by, site, "quota")
    _required({"name": name}, "name")
    if quota is None or quota < 1:
        raise ValidationError({"quota": _("The quota must be at least 1.")})
    if year is None or not 1990 <= year <= 2100:
        raise ValidationError({"year": _("Give a year between 1990 and 2100.")})
    if opened_on is None:
        raise ValidationError({"opened_on": _("This field is required.")})
    if selection is not None:
        selection = SelectionRound.objects.select_for_update().get(pk=selection.pk)
        from desaku.village.services import places_taken

        taken = places_taken(selection)  # accepted and not left, or offered a vacated unit
        if quota < taken:
            raise ValidationError({"quota": _("%(n)s places of this round are taken (accepted households that "
                                              "have not left, and open offers).") % {"n": taken}})
        if selection.site_id != site.pk and selection.candidates.exists():
            raise ValidationError({"site": _("The round has candidates; it cannot move to another site.")})
    selection = selection or SelectionRound()
    selection.site, selection.name, selection.year, selection.quota = site, name, year, quota
    selection.opened_on, selection.closed = opened_on, closed
    selection.save_with_reason(by=by, reason=reason or _("Selection round"))
    return selection


# -------------------------------------------------------------------------------------------- inventory


def _require_inventory(by, field="name"):
    if not by.has_role(*MANAGERS):
        raise ValidationError({field: _("Your role may not edit the inventory.")})


def _check_item(name, quantity, condition):
    _required({"name": name}, "name")
    if quantity is None or not 1 <= quantity <= 99:
        raise ValidationError({"quantity": _("Between 1 and 99.")})
    if condition not in Condition.values:
        raise ValidationError({"condition": _("Choose a condition.")})


@transaction.atomic
def add_inventory_item(*, unit: Unit, by, name: str, quantity: int = 1, condition: str = Condition.GOOD,
                       reason: str = "") -> InventoryItem:
    """An item that stays with the house (mattress, stove, table…)."""
    _require_inventory(by)
    _check_item(name, quantity, condition)
    item = InventoryItem(unit=unit, name=name.strip(), quantity=quantity, condition=condition)
    item.save_with_reason(by=by, reason=reason or _("Item added"))
    return item


@transaction.atomic
def edit_inventory_item(*, item: InventoryItem, by, name: str, quantity: int, condition: str,
                        reason: str = "") -> InventoryItem:
    _require_inventory(by)
    _check_item(name, quantity, condition)
    item = InventoryItem.objects.select_for_update().get(pk=item.pk)
    item.name, item.quantity, item.condition = name.strip(), quantity, condition
    item.save_with_reason(by=by, reason=reason or _("Item edited"))
    return item


@transaction.atomic
def remove_inventory_item(*, item: InventoryItem, by, reason: str) -> None:
    """Remove an item (lost, broken beyond repair, taken back): the reason and the item stay in the history."""
    _require_inventory(by, "reason")
    if not reason:
        raise ValidationError({"reason": _("Give the reason for removing the item.")})
    for check in item.checks.all():
        check.delete_with_reason(by=by, reason=reason)
    item.delete_with_reason(by=by, reason=reason)
