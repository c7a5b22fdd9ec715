from django.urls import reverse


def test_password_change_requires_the_old_password(client, actors):
    client.force_login(actors["peksos"])
    response = client.post(reverse("password_change"), {
        "old_password": "wrong", "new_password1": "Sangat-rahasia-2026", "new_password2": "Sangat-rahasia-2026"})
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors


def test_password_change_rejects_a_weak_password(client, actors):
    client.force_login(actors["peksos"])
    response = client.post(reverse("password_change"), {
        "old_password": "x", "new_password1": "12345", "new_password2": "12345"})
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors


def test_password_change_works(client, actors):
    client.force_login(actors["peksos"])
    response = client.post(reverse("password_change"), {
        "old_password": "x", "new_password1": "Sangat-rahasia-2026", "new_password2": "Sangat-rahasia-2026"})
    assert response.status_code == 302
    actors["peksos"].refresh_from_db()
    assert actors["peksos"].check_password("Sangat-rahasia-2026")
