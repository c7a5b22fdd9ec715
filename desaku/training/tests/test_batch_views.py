"""The batch form: session days as checkboxes; a batch created from the page gets its session schedule."""

import pytest
from django.test import Client
from django.urls import reverse

from desaku.training.models import Batch
from desaku.training.tests.helpers import course


@pytest.mark.django_db
def test_creating_a_batch_makes_one_session_per_chosen_day(actors):
    op = actors["operator"]
    the_course = course(op)
    client = Client()
    client.force_login(op)
    url = reverse("training:batch_create")
    form = client.get(url).content.decode()
    assert 'name="weekdays" value="1"' in form and 'name="weekdays" value="7"' in form
    response = client.post(url, {
        "course": the_course.pk, "name": "Menjahit Sabtu", "provider_kind": "lks", "provider_name": "LKS",
        "location": "Sanggar", "start_date": "2026-12-01", "end_date": "2026-12-31", "weekdays": ["6"],
        "start_time": "08:00", "end_time": "12:00", "capacity": "12", "budget": "0"})
    assert response.status_code == 302
    batch = Batch.objects.get(name="Menjahit Sabtu")
    assert [s.date.day for s in batch.sessions.all()] == [5, 12, 19, 26]
    edit = client.get(reverse("training:course_edit", args=[the_course.pk])).content.decode()
    assert 'name="target_groups"' in edit and "checked" in edit
