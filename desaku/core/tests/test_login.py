import pytest
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from desaku.core.models import User


@pytest.fixture
def worker(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    return User.objects.create_user(username="dewi", password="Rahasia-123-abc")


def test_passwords_are_hashed_with_argon2(worker):
    assert identify_hasher(worker.password).algorithm == "argon2"


def test_login_page_is_indonesian_by_default(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Masuk ke Desaku" in response.content.decode()


def test_login_and_logout(client, worker):
    response = client.post(reverse("login"), {"username": "dewi", "password": "Rahasia-123-abc"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_shows_a_clear_message(client, worker):
    response = client.post(reverse("login"), {"username": "dewi", "password": "salah"})
    assert response.status_code == 200
    assert "kata sandi" in response.content.decode().lower()


def test_repeated_failures_lock_the_account(client, worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "dewi", "password": "salah"}, REMOTE_ADDR="10.0.0.7")
    response = client.post(reverse("login"), {"username": "dewi", "password": "Rahasia-123-abc"},
                           REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan gagal" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_inactive_user_cannot_log_in(client, worker):
    worker.is_active = False
    worker.save()
    response = client.post(reverse("login"), {"username": "dewi", "password": "Rahasia-123-abc"})
    assert response.status_code == 200
    assert client.get(reverse("home")).status_code == 302
