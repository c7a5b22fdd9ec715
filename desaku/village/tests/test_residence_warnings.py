"""Warning letters SP1, SP2, SP3 in that order and no fourth (the next step is a decision on the occupancy);
none after the occupancy ended, none without a reason, none by a mentor."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from desaku.village import services
from desaku.village.models import ResidenceWarning
from desaku.village.tests.helpers import a_round, accepted, nominated, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def living(actors, lks_org):
    candidate = accepted(nominated(a_round(), actors["operator"]), actors["peksos"], lks_org, actors["kemensos"])
    occupancy = services.allocate(candidate=candidate, unit=unit(), by=actors["operator"], on=date(2016, 11, 1))
    return services.move_in(occupancy=occupancy, by=actors["operator"], on=date(2016, 11, 12))


def test_three_warnings_in_order_then_no_more(actors, living):
    op = actors["operator"]
    levels = [services.issue_warning(occupancy=living, by=op, reason=f"Tidak menempati ({n})",
                                     on=date(2017, 3 + n, 12)).level for n in range(3)]
    assert levels == [1, 2, 3]
    with pytest.raises(ValidationError) as exc:
        services.issue_warning(occupancy=living, by=op, reason="Masih kosong")
    assert "reason" in exc.value.error_dict
    assert ResidenceWarning.objects.filter(occupancy=living).count() == 3


def test_the_warning_screen_says_no_to_a_fourth(actors, living):
    client = Client()
    client.force_login(actors["operator"])
    url = reverse("village:warning", args=[living.pk])
    for n in range(3):
        assert client.post(url, {"reason": f"Rumah kosong {n}"}).status_code == 302
    response = client.post(url, {"reason": "Rumah kosong lagi"})
    assert response.status_code == 200  # the form again, with the message
    assert ResidenceWarning.objects.filter(occupancy=living).count() == 3


def test_no_warning_without_a_reason_by_a_mentor_or_after_the_end(actors, living):
    with pytest.raises(ValidationError):
        services.issue_warning(occupancy=living, by=actors["operator"], reason="")
    with pytest.raises(ValidationError):
        services.issue_warning(occupancy=living, by=actors["pendamping"], reason="Rumah kosong")
    services.end_occupancy(occupancy=living, by=actors["peksos"], reason="moved_out", on=date(2017, 1, 5))
    with pytest.raises(ValidationError):
        services.issue_warning(occupancy=living, by=actors["operator"], reason="Rumah kosong")
    assert not ResidenceWarning.objects.exists()
