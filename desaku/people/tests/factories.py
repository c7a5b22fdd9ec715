"""Test helpers: people registered through the real services."""

from datetime import date

from desaku.people import services


def make_person(by, full_name="Sutrisno", *, nik="", aliases=(), **data):
    data.setdefault("sex", "L")
    data.setdefault("birth_year", 1980)
    return services.register_person(by=by, data={"full_name": full_name, **data}, nik=nik, aliases=aliases,
                                    confirm_new=True, confirm_warnings=True)


def nik_for(born: date, *, female=False, serial=1, region="357301") -> str:
    day = born.day + (40 if female else 0)
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
