"""Importing persons from a spreadsheet, through the same registration service as the UI and API.

Each row is registered on its own (atomic); a row with likely duplicates is not imported but
reported with its candidates, unless the import is told to confirm new persons. Errors are
reported per row and field; nothing is half-written.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from python_calamine import CalamineWorkbook

from desaku.core.models import Region
from desaku.people import services

COLUMNS = {
    "nama": "full_name", "full_name": "full_name", "jenis_kelamin": "sex", "sex": "sex",
    "tanggal_lahir": "birth_date", "birth_date": "birth_date", "tahun_lahir": "birth_year",
    "birth_year": "birth_year", "perkiraan_umur": "estimated_age", "estimated_age": "estimated_age",
    "tempat_lahir": "birthplace", "birthplace": "birthplace", "nama_ibu": "mother_name",
    "mother_name": "mother_name", "nik": "nik", "no_kk": "no_kk", "alias": "aliases", "aliases": "aliases",
    "kode_daerah_asal": "origin_region", "origin_region": "origin_region", "kode_kelurahan": "domicile_kelurahan",
    "domicile_kelurahan": "domicile_kelurahan", "rt": "domicile_rt", "rw": "domicile_rw",
    "alamat": "domicile_address", "address": "domicile_address", "pekerjaan": "occupation", "telepon": "phone",
}
SEX = {"l": "L", "laki-laki": "L", "lk": "L", "m": "L", "p": "P", "perempuan": "P", "pr": "P", "f": "P"}


@dataclass
class RowResult:
    row: int
    name: str
    status: str  # imported / duplicate / error
    person_id: int | None = None
    messages: list[str] = field(default_factory=list)


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError({"birth_date": f"'{text}' bukan tanggal (pakai YYYY-MM-DD atau DD/MM/YYYY)."})


def _int(value, name):
    if value in (None, ""):
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError) as exc:
        raise ValidationError({name: f"'{value}' bukan angka."}) from exc


def _region(code, name, *, kelurahan=False):
    if not code:
        return None
    region = Region.objects.filter(code=str(code).strip()).first()
    if region is None or (kelurahan and not (region.level == 4 and region.code.startswith("35.73."))):
        raise ValidationError({name: f"Kode wilayah '{code}' tidak dikenal."})
    return region


def parse_row(raw: dict) -> tuple[dict, str, str, list[str]]:
    values = {COLUMNS[k.strip().lower()]: v for k, v in raw.items() if k and k.strip().lower() in COLUMNS}
    for key in ("nik", "no_kk"):  # a number cell arrives as a float; 16 digits still fit exactly
        if isinstance(values.get(key), float):
            values[key] = str(int(values[key]))
    text = {k: ("" if v is None else str(v).strip()) for k, v in values.items()}
    data = {"full_name": text.get("full_name", "")}
    if text.get("sex"):
        sex = SEX.get(text["sex"].lower())
        if sex is None:
            raise ValidationError({"sex": f"Jenis kelamin '{text['sex']}' tidak dikenal (L/P)."})
        data["sex"] = sex
    data["birth_date"] = _date(values.get("birth_date"))
    data["birth_year"] = _int(values.get("birth_year"), "birth_year")
    data["estimated_age"] = _int(values.get("estimated_age"), "estimated_age")
    for key in ("birthplace", "mother_name", "domicile_rt", "domicile_rw", "domicile_address", "occupation",
                "phone"):
        if text.get(key):
            data[key] = text[key]
    data["origin_region"] = _region(text.get("origin_region"), "origin_region")
    data["domicile_kelurahan"] = _region(text.get("domicile_kelurahan"), "domicile_kelurahan", kelurahan=True)
    aliases = [a.strip() for a in text.get("aliases", "").split(",") if a.strip()]
    return {k: v for k, v in data.items() if v is not None}, text.get("nik", ""), text.get("no_kk", ""), aliases


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field}: {msg}" for field, errs in error.error_dict.items() for e in errs for msg in e.messages]
    return list(error.messages)


def import_rows(rows, *, by, confirm_new: bool = False, confirm_warnings: bool = False) -> list[RowResult]:
    results = []
    for number, raw in enumerate(rows, start=2):  # row 1 is the header
        name = str(raw.get("nama") or raw.get("full_name") or "").strip()
        if not any(str(v or "").strip() for v in raw.values()):
            continue
        try:
            data, nik, no_kk, aliases = parse_row(raw)
            person = services.register_person(by=by, data=data, aliases=aliases, nik=nik, no_kk=no_kk,
                                              confirm_new=confirm_new, confirm_warnings=confirm_warnings,
                                              source="import")
        except services.PossibleDuplicates as dup:
            report = dup.report
            listed = [f"{p.registration_number} {p.full_name} ({round(s * 100)}%)" for p, s, _ in report.matches]
            if report.hidden_count:
                listed.append(f"+{report.hidden_count} di luar cakupan Anda")
            results.append(RowResult(number, name, "duplicate", messages=listed))
        except services.NumberWarnings as warn:
            results.append(RowResult(number, name, "error", messages=[f"{warn.field}: {m}" for _, m in warn.warnings]))
        except ValidationError as error:
            results.append(RowResult(number, name, "error", messages=_messages(error)))
        else:
            results.append(RowResult(number, name, "imported", person_id=person.pk))
    return results


def read_rows(path) -> list[dict]:
    """Rows of the first sheet as dicts keyed by the header row (xlsx, xls, ods or csv)."""
    if str(path).lower().endswith(".csv"):
        import csv

        with open(path, newline="", encoding="utf-8-sig") as fh:
            return list(csv.DictReader(fh))
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    if not sheet:
        return []
    header = [str(h).strip() for h in sheet[0]]
    return [dict(zip(header, row, strict=False)) for row in sheet[1:]]
