"""Builders shared by the village tests: records made through the real services."""

import io
from datetime import date

from django.test import Client

from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from desaku.village import services
from desaku.village.models import SelectionRound, Site

FULL = {"ktp_malang": True, "gepeng": True, "family": True, "willing_live": True, "willing_training": True,
        "no_housing": True}


def site():
    return Site.objects.get(code="tlogowaru")


def a_round(*, quota=40, name="Seleksi uji"):
    return services_round(quota=quota, name=name)


def services_round(*, quota, name):
    selection = SelectionRound(site=site(), name=name, year=2016, quota=quota, opened_on=date(2016, 1, 1))
    selection.save_with_reason(by=None, reason="test")
    return selection


def household(by, name="Sutrisno", **data):
    head = make_person(by, name, **data)
    return people_services.create_household(by=by, head=head)


def nominated(selection, by, name="Sutrisno", birth_year=1975, **kwargs):
    return services.nominate(round=selection, household=household(by, name, birth_year=birth_year), by=by, **kwargs)


def sent(candidate, peksos, lks_org, reviewer):
    return services.initial_selection(candidate=candidate, by=peksos, lks=lks_org, checklist=FULL, passed=True,
                                      reviewer=reviewer)


def accepted(candidate, peksos, lks_org, reviewer):
    sent(candidate, peksos, lks_org, reviewer)
    return services.final_selection(candidate=candidate, by=reviewer, decision="accepted", reasons="memenuhi")


def unit(number="01A"):
    from desaku.village.models import Unit

    return Unit.objects.get(building__site=site(), number=number)


def client_for(user):
    """A test client logged in as the user (anonymous for None)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def workbook_rows(response) -> list[list]:
    """Every row of a downloaded workbook's first sheet, the header included."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]
