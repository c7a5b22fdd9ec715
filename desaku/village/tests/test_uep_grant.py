"""The UEP grant form of an enterprise: amount in Rupiah, date, funding source and purpose, validated by the
service, shown on the enterprise page and the household's progress page."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desaku.core.models import FundingSource
from desaku.village import services
from desaku.village.tests.helpers import household, site


@pytest.fixture
def enterprise(actors):
    members = [household(actors["operator"], "Sumiati", birth_year=1970),
               household(actors["operator"], "Parmi", birth_year=1971)]
    return services.create_enterprise(site=site(), by=actors["operator"], name="Rempeyek Barokah", kind="group",
                                      households=members)


@pytest.mark.django_db
def test_a_grant_through_the_form_shows_on_the_enterprise_page(actors, enterprise):
    member = enterprise.households.order_by("pk").first()
    source = FundingSource.objects.filter(active=True).first()
    client = Client()
    client.force_login(actors["operator"])
    response = client.post(reverse("village:grant_create", args=[enterprise.pk]), {
        "household": member.pk, "amount": "5000000", "received_on": "2016-12-05",
        "funding_source": source.pk if source else "", "purpose": "Wajan, kompor, kemasan"})
    assert response.status_code == 302
    grant = member.village_grants.get()
    assert (grant.amount, grant.received_on, grant.purpose, grant.enterprise) == (
        Decimal("5000000"), date(2016, 12, 5), "Wajan, kompor, kemasan", enterprise)
    page = client.get(reverse("village:enterprise_detail", args=[enterprise.pk])).content.decode()
    assert "Rp5.000.000" in page and "Wajan, kompor, kemasan" in page and 'data-testid="grant-row"' in page
    progress = client.get(reverse("village:household_progress", args=[member.pk])).content.decode()
    assert "Wajan, kompor, kemasan" in progress


@pytest.mark.django_db
@pytest.mark.parametrize("change, field", [
    ({"amount": Decimal("0")}, "amount"),
    ({"received_on": "tomorrow"}, "received_on"),
    ({"purpose": "  "}, "purpose"),
])
def test_bad_grants_are_refused(actors, enterprise, change, field):
    data = {"household": enterprise.households.first(), "by": actors["operator"], "received_on": date(2016, 12, 5),
            "amount": Decimal("5000000"), "enterprise": enterprise, "purpose": "Modal"}
    data.update(change)
    if data["received_on"] == "tomorrow":
        data["received_on"] = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.record_grant(**data)
    assert field in exc.value.error_dict


@pytest.mark.django_db
def test_only_a_member_household_gets_the_enterprise_grant(actors, enterprise):
    outsider = household(actors["operator"], "Lain", birth_year=1980)
    with pytest.raises(ValidationError) as exc:
        services.record_grant(household=outsider, by=actors["operator"], received_on=date(2016, 12, 5),
                              enterprise=enterprise, purpose="Modal")
    assert "household" in exc.value.error_dict
    with pytest.raises(ValidationError):  # and only the program office records grants
        services.record_grant(household=enterprise.households.first(), by=actors["lks_a"],
                              received_on=date(2016, 12, 5), enterprise=enterprise, purpose="Modal")
    client = Client()
    client.force_login(actors["operator"])
    response = client.post(reverse("village:grant_create", args=[enterprise.pk]), {
        "household": enterprise.households.first().pk, "amount": "-5", "received_on": "2016-12-05",
        "purpose": "Modal"})
    assert response.status_code == 200 and not enterprise.grants.exists()
