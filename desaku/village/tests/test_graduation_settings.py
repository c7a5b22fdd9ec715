"""The graduation thresholds are the site's settings (migration defaults: Rp1.500.000 three months running,
mentoring 75%, one training), edited on the site's graduation screen, and the checklist follows them."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from desaku.village import selectors, services, services_program
from desaku.village.tests.helpers import household, site


def _met(items, key):
    return next(item.met for item in items if item.key == key)


@pytest.mark.django_db
def test_the_migration_keeps_the_2016_values():
    settings = selectors.graduation_settings(site())
    assert (settings.income, settings.income_months, settings.attendance_pct, settings.trainings) == (
        Decimal("1500000"), 3, 75, 1)


@pytest.mark.django_db
def test_the_checklist_follows_the_sites_settings(actors):
    family = household(actors["operator"], "Rahayu", birth_year=1975)
    for month, amount in ((1, 1400000), (2, 1600000), (3, 1700000)):
        services.record_income(household=family, by=actors["operator"], month=date(2018, month, 1), amount=amount)
    services.record_review(household=family, by=actors["operator"], reviewed_on=date(2018, 3, 30),
                           trainings_completed=1)
    items = selectors.graduation_checklist(family)
    assert not _met(items, "income") and _met(items, "training")  # January was below Rp1.500.000
    services_program.update_graduation_settings(site=site(), by=actors["kabid"], income=Decimal("1600000"),
                                                income_months=2, attendance_pct=75, trainings=2,
                                                reason="Rapat evaluasi 2018")
    items = selectors.graduation_checklist(family)
    assert _met(items, "income") and not _met(items, "training")  # February and March ≥ Rp1.600.000; 1 < 2


@pytest.mark.django_db
def test_the_edit_screen_saves_and_validates(actors):
    client = Client()
    client.force_login(actors["kabid"])
    url = reverse("village:graduation_edit", args=[site().pk])
    response = client.post(url, {"income": "2000000", "income_months": "6", "attendance_pct": "80",
                                 "trainings": "2", "reason": "Keputusan Kepala Bidang"})
    assert response.status_code == 302
    saved = site()
    assert (saved.graduation_income, saved.graduation_income_months, saved.graduation_attendance_pct,
            saved.graduation_trainings) == (Decimal("2000000"), 6, 80, 2)
    assert saved.history.first().history_change_reason == "Keputusan Kepala Bidang"
    page = client.get(reverse("village:site_detail", args=[saved.pk])).content.decode()
    assert "Rp2.000.000" in page
    with pytest.raises(ValidationError) as exc:
        services_program.update_graduation_settings(site=saved, by=actors["kabid"], income=Decimal("0"),
                                                    income_months=13, attendance_pct=101, trainings=1, reason="")
    assert set(exc.value.error_dict) == {"income", "income_months", "attendance_pct", "reason"}
    client.force_login(actors["peksos"])
    assert client.get(url).status_code == 403
