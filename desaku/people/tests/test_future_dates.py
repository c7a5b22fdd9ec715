"""A date of death or an age-estimate date in the future is refused by the service (a field error, so the
UI, the API and imports agree) and by the forms."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from desaku.people import services
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


@pytest.mark.parametrize("field", ["date_of_death", "age_estimated_on"])
def test_the_service_refuses_a_future_date_at_registration(actors, field):
    data = {"estimated_age": 40} if field == "age_estimated_on" else {}
    with pytest.raises(ValidationError) as exc:
        make_person(actors["operator"], "Slamet Riyadi", **data, **{field: tomorrow()})
    assert field in exc.value.message_dict


@pytest.mark.parametrize("field", ["date_of_death", "age_estimated_on"])
def test_the_service_refuses_a_future_date_on_update(actors, field):
    person = make_person(actors["operator"], "Slamet Riyadi")
    with pytest.raises(ValidationError) as exc:
        services.update_person(person=person, by=actors["operator"], data={field: tomorrow()}, reason="x")
    assert field in exc.value.message_dict
    person.refresh_from_db()
    assert getattr(person, field) is None


def test_today_is_accepted(actors):
    person = make_person(actors["operator"], "Slamet Riyadi")
    services.update_person(person=person, by=actors["operator"], data={"date_of_death": timezone.localdate()},
                           reason="meninggal")
    person.refresh_from_db()
    assert person.date_of_death == timezone.localdate()


def test_the_edit_form_refuses_a_future_date_of_death(client, actors):
    person = make_person(actors["peksos"], "Slamet Riyadi")
    client.force_login(actors["peksos"])
    response = client.post(reverse("people:edit", args=[person.pk]), {
        "full_name": person.full_name, "name_quality": "full", "sex": "L", "birth_date_quality": "approximate",
        "birth_year": "1980", "date_of_death": tomorrow().isoformat(), "reason": "meninggal"})
    assert response.status_code == 200 and "date_of_death" in response.context["form"].errors
    person.refresh_from_db()
    assert person.date_of_death is None


def test_the_register_form_refuses_a_future_birth_date(client, actors):
    client.force_login(actors["peksos"])
    response = client.post(reverse("people:register"), {
        "full_name": "Slamet Riyadi", "name_quality": "full", "sex": "L", "birth_date_quality": "exact",
        "birth_date": tomorrow().isoformat(), "nik": "", "no_kk": "", "aliases": ""})
    assert response.status_code == 200 and "birth_date" in response.context["form"].errors
