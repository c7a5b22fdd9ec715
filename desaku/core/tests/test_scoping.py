"""The scope machinery, exercised on users (owner = the user, organisation = the user's organisation)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from desaku.core.models import Scope, User
from desaku.core.scoping import apply_scope, effective_scope


def visible(user):
    return set(apply_scope(User.objects.all(), user, owner_fields=("pk",), org_fields=("organisation",))
               .values_list("username", flat=True))


@pytest.mark.django_db
def test_own_scope_sees_only_own_records(actors):
    assert visible(actors["peksos"]) == {"t_peksos"}


@pytest.mark.django_db
def test_organisation_scope_sees_the_organisation(actors):
    assert visible(actors["lks_a"]) == {"t_lks_a"}
    dinsos = visible(actors["kabid"])
    assert {"t_kabid", "t_peksos", "t_operator", "t_admin"} <= dinsos
    assert "t_lks_a" not in dinsos and "t_lks_b" not in dinsos


@pytest.mark.django_db
def test_all_scope_and_administrators_see_everything(actors):
    everyone = set(User.objects.values_list("username", flat=True))
    assert visible(actors["kadis"]) == everyone
    admin = actors["admin"]
    admin.data_scope = Scope.OWN  # administrators see all whatever their scope field says
    assert visible(admin) == everyone


@pytest.mark.django_db
def test_inactive_and_anonymous_users_see_nothing(actors):
    user = actors["kadis"]
    user.is_active = False
    assert effective_scope(user) is None
    assert visible(user) == set()
    assert visible(AnonymousUser()) == set()


@pytest.mark.django_db
def test_extra_visibility_hook(actors, monkeypatch):
    from django.db.models import Q

    # e.g. a record shared with the user's organisation for a period
    monkeypatch.setattr(User, "scope_extra_q", classmethod(lambda cls, user: Q(username="t_lks_b")), raising=False)
    assert visible(actors["lks_a"]) == {"t_lks_a", "t_lks_b"}
    assert visible(actors["kadis"]) == set(User.objects.values_list("username", flat=True))
