"""Test helpers shared by every app: the standard cast of users and the role/scope access check.

Each app's ``tests/test_access.py`` lists its URLs as ``AccessCase``s; ``check_access`` asserts that
exactly the allowed actors get a success and everyone else gets 403/404 (anonymous users are sent
to the login page, or get 401/403 from the API). ``desaku/core/tests/test_url_coverage.py`` fails
when a named URL is in no app's matrix.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.test import Client

from desaku.core.models import Organisation, OrganisationKind, Role, Scope, User

# actor name: (role, organisation key, scope)
ACTOR_SPECS = {
    "admin": (Role.ADMINISTRATOR, "dinsos", Scope.ALL),
    "kadis": (Role.KEPALA_DINAS, "dinsos", Scope.ALL),
    "kabid": (Role.KEPALA_BIDANG, "dinsos", Scope.ORGANISATION),
    "peksos": (Role.PEKSOS, "dinsos", Scope.OWN),
    "penjangkauan": (Role.PETUGAS_PENJANGKAUAN, "dinsos", Scope.OWN),
    "operator": (Role.OPERATOR, "dinsos", Scope.ORGANISATION),
    "lks_a": (Role.MITRA_LKS, "lks_a", Scope.ORGANISATION),
    "lks_b": (Role.MITRA_LKS, "lks_b", Scope.ORGANISATION),
    "pendamping": (Role.PENDAMPING, "uin", Scope.OWN),
    "kemensos": (Role.PENINJAU_KEMENSOS, "kemensos", Scope.OWN),
    "auditor": (Role.AUDITOR, "dinsos", Scope.ALL),
}
ALL_ACTORS = frozenset(ACTOR_SPECS)
STAFF = frozenset(ACTOR_SPECS)  # every signed-in role
ORG_KINDS = {"dinsos": OrganisationKind.DINAS, "lks_a": OrganisationKind.LKS, "lks_b": OrganisationKind.LKS,
             "uin": OrganisationKind.UNIVERSITY, "kemensos": OrganisationKind.KEMENSOS}


def make_organisations() -> dict[str, Organisation]:
    names = {"dinsos": "Dinas Sosial Kota Malang", "kemensos": "Kementerian Sosial RI",
             "lks_a": "LKS Uji A", "lks_b": "LKS Uji B", "uin": "Universitas Uji"}
    orgs = {}
    for key, name in names.items():
        org = Organisation.objects.filter(name=name).first()
        if org is None:
            org = Organisation(name=name, short_name=key, kind=ORG_KINDS[key])
            org.save()
        orgs[key] = org
    return orgs


def make_actors() -> dict[str, User]:
    orgs = make_organisations()
    actors = {}
    for name, (role, org_key, scope) in ACTOR_SPECS.items():
        user = User.objects.create_user(
            username=f"t_{name}", password="x", organisation=orgs[org_key], data_scope=scope,
            is_staff=role == Role.ADMINISTRATOR, is_superuser=role == Role.ADMINISTRATOR,
        )
        user.groups.add(Group.objects.get(name=role))
        actors[name] = user
    return actors


@dataclass
class AccessCase:
    """A URL and who may use it. ``url`` may be a callable taking the actors dict and the test's data."""

    name: str
    url: str | Callable
    allowed: frozenset[str]
    method: str = "get"
    data: dict | Callable | None = None
    api: bool = False
    ok_status: tuple[int, ...] = (200,)
    setup: Callable | None = None
    notes: str = ""
    url_names: tuple[str, ...] = field(default_factory=tuple)  # URL names this case covers


def _prepare(case: AccessCase, actors, context):
    # ``setup(actors, context)`` runs before every request, so a URL that consumes its object (remove,
    # withdraw…) gets a fresh one for each actor; the URL and data are read after it.
    if case.setup is not None:
        case.setup(actors, context)
    url = case.url(actors, context) if callable(case.url) else case.url
    data = case.data(actors, context) if callable(case.data) else case.data
    return url, data


def check_access(case: AccessCase, actors: dict[str, User], context=None) -> dict[str, int]:
    """Request the URL as anonymous and as each actor; assert the allowed ones succeed, others are refused."""
    seen = {}
    url, data = _prepare(case, actors, context)
    # One client for all: each new Client loads the middleware again, and WhiteNoise then rescans every
    # static file (seconds per client).
    client = Client()
    anonymous = getattr(client, case.method)(url, data or {})
    seen["anonymous"] = anonymous.status_code
    if case.api:
        assert anonymous.status_code in (401, 403), f"{url}: anonymous got {anonymous.status_code}"
    else:
        assert anonymous.status_code in (302, 403, 404), f"{url}: anonymous got {anonymous.status_code}"
        if anonymous.status_code == 302:
            assert "/accounts/login/" in anonymous["Location"], anonymous["Location"]
    for name, user in actors.items():
        if case.setup is not None:
            url, data = _prepare(case, actors, context)
        client.logout()
        client.force_login(user)
        kwargs = {"content_type": "application/json"} if case.api and case.method != "get" else {}
        response = getattr(client, case.method)(url, data or {}, **kwargs)
        seen[name] = response.status_code
        if name in case.allowed:
            assert response.status_code in case.ok_status, (
                f"{case.name}: {name} should get {case.ok_status} on {url}, got {response.status_code}")
        else:
            assert response.status_code in (403, 404), (
                f"{case.name}: {name} should be refused on {url}, got {response.status_code}")
    return seen
