import io

import pytest
from django.core.management import call_command

from desaku.core.models import Organisation, Role, User


@pytest.mark.django_db
def test_seed_demo_creates_a_user_per_role_and_is_idempotent():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert User.objects.get(username="admin").is_superuser
    roles = set(User.objects.values_list("groups__name", flat=True))
    assert roles >= set(Role.values)
    assert User.objects.filter(username="admin").count() == 1
    assert Organisation.objects.filter(kind="lks").count() == 2
    text = out.getvalue()
    assert "Desaku-demo-2026" in text and "admin" in text
    assert User.objects.get(username="lks").check_password("Desaku-demo-2026")
