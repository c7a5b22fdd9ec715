"""Helpers shared by the API tests."""

from rest_framework.test import APIClient

WOMAN_NIK = "3573014107900001"  # woman born 1 Jul 1990, registered in 35.73.01 (day 41 = 1 + 40)
MAN_NIK = "3573010107900002"  # man born 1 Jul 1990


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def register(user, full_name="Siti Aminah", *, aliases=(), nik="", **fields):
    """A person saved through the service (duplicate check and warnings already confirmed)."""
    from desaku.people import services

    data = {"full_name": full_name, "sex": "P", "birth_year": 1990, **fields}
    return services.register_person(by=user, data=data, aliases=aliases, nik=nik, confirm_new=True,
                                    confirm_warnings=True)


def fast_static_files(settings):
    """Every test client builds the middleware; WhiteNoise would scan ~27,000 static files each time."""
    settings.WHITENOISE_AUTOREFRESH = True
