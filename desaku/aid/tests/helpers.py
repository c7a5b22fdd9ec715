"""Builders shared by the aid tests: records made through the real services."""

import io
from datetime import date
from decimal import Decimal

from django.utils import timezone

from desaku.aid import services
from desaku.core.models import FundingSource, Region
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person

KELURAHAN = "35.73.02.1004"
ASPD_RULES = [{"rule": "alive"}, {"rule": "disability", "severities": ["severe"]}, {"rule": "domicile_malang"}]


def today() -> date:
    return timezone.localdate()


def program(by, *, code="aspd", kind="cash", budget=9_000_000, amount=900_000, rules=None, **extra):
    return services.save_program(by=by, code=code, name=extra.pop("name", code.upper()), kind=kind,
                                 funding_source=FundingSource.objects.get(code="APBD-I"), year=today().year,
                                 budget=Decimal(budget), benefit_amount=Decimal(amount),
                                 frequency=extra.pop("frequency", "monthly_quarterly"),
                                 rules=ASPD_RULES if rules is None else rules, **extra)


def severe_person(by, name="Sri Rahayu", *, kelurahan=KELURAHAN, **data):
    person = make_person(by, name, domicile_kelurahan=Region.objects.get(code=kelurahan) if kelurahan else None,
                         **data)
    people_services.add_disability(person=person, by=by, type="physical", severity="severe")
    return person


def active(prog, person, proposer, verifier, approver, **kwargs):
    e = services.propose_enrolment(program=prog, person=person, by=proposer, bank_name="Bank Jatim",
                                   account_number="0011223344", **kwargs)
    services.verify_enrolment(enrolment=e, by=verifier)
    return services.approve_enrolment(enrolment=e, by=approver, start_date=date(today().year, 1, 1))


def approved_cycle(prog, by, approver, name="Tahap 1"):
    cycle = services.generate_cycle(program=prog, by=by, name=name, scheduled_on=today())
    services.verify_cycle(cycle=cycle, by=by)
    return services.approve_cycle(cycle=cycle, by=approver)


def png_bytes(color="red") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), color).save(buffer, format="PNG")
    return buffer.getvalue()
