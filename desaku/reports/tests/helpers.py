"""Builders of constructed histories for the figure tests: records made through the real services."""

from datetime import date, datetime, time

from django.utils import timezone

from desaku.core.models import PPKSCategory, Region
from desaku.outreach import services
from desaku.outreach.models import Shelter
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person

RETURNED = {"kind": "returned", "receiver_name": "Sumiati", "receiver_relationship": "ibu",
            "receiver_address": "Desa Sumberpucung, Kab. Malang"}


def at(day: date, hour: int = 20):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def kelurahan(kecamatan: str, index: int = 0) -> Region:
    return Region.objects.filter(level=4, code__startswith=kecamatan + ".").order_by("code")[index]


def category(code: str) -> PPKSCategory:
    return PPKSCategory.objects.get(code=code)


def camp():
    return Shelter.objects.get(code="camp-assessment")


def person(by, name, **data):
    return make_person(by, name, **data)


def classify(p, by, code, valid_from, valid_to=None):
    return people_services.classify(person=p, by=by, category=category(code), valid_from=valid_from,
                                    valid_to=valid_to)


def found(p, by, day: date, *, place: Region | None = None, activity="begging", operation=None):
    """``p`` found on the street on ``day`` (one operation per call unless given)."""
    operation = operation or services.create_operation(by=by, kind="patrol", started_at=at(day, 19),
                                                       place="Alun-alun", kelurahan=place)
    return services.record_encounter(operation=operation, by=by, person=p, activity=activity, outcome="counselled",
                                     encountered_at=at(day, 20))


def stay(p, by, admitted: date, *, ended: date | None = None, approver=None, kind="returned", encounter=None):
    """A stay from ``admitted``; with ``ended``, closed by an approved disposition of ``kind`` that day."""
    s = services.admit(person=p, shelter=camp(), by=by, admitted_on=admitted, encounter=encounter,
                       over_capacity_reason="test")
    if ended is not None:
        details = RETURNED if kind == "returned" else {"kind": kind, "conditions": "lapor mingguan"}
        disposition = services.propose_disposition(stay=s, by=by, decided_on=ended, **details)
        services.approve_disposition(disposition=disposition, by=approver)
    return s
