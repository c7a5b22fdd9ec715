import pytest


@pytest.fixture
def actors(db):
    from desaku.core.testing import make_actors

    return make_actors()


@pytest.fixture(autouse=True)
def _fast_hasher_and_no_lockout_leaks(settings):
    # Argon2 is the production hasher (tested in test_login); tests log in many users, so use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                                 "django.contrib.auth.hashers.Argon2PasswordHasher"]
    settings.LANGUAGE_CODE = "id"
