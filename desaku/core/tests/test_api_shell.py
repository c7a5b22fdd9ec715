import io

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from desaku.api.errors import exception_handler


def token_for(username):
    out = io.StringIO()
    call_command("create_api_token", username, stdout=out)
    return out.getvalue().strip()


def test_token_authentication(actors):
    token = token_for("t_peksos")
    assert len(token) == 40
    assert token_for("t_peksos") == token  # stable until rotated
    client = APIClient()
    assert client.get("/api/v1/me/").status_code in (401, 403)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/v1/me/").json()
    assert me["username"] == "t_peksos" and me["roles"] == ["Peksos"] and me["data_scope"] == "own"


def test_unknown_user_has_no_token(db):
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", stdout=io.StringIO())


def test_regions_can_be_filtered(actors):
    client = APIClient()
    client.force_authenticate(actors["operator"])
    data = client.get("/api/v1/regions/", {"parent": "35.73.03"}).json()
    assert data["count"] == 12
    assert any(r["code"] == "35.73.03.1012" and r["postal_code"] == "65133" for r in data["results"])
    assert client.get("/api/v1/regions/35.73.03.1012/").json()["name"] == "Tlogowaru"


def test_errors_are_json_with_detail(actors):
    client = APIClient()
    client.force_authenticate(actors["operator"])
    response = client.get("/api/v1/regions/99.99/")
    assert response.status_code == 404 and "detail" in response.json()
    response = client.get("/api/v1/audit-entries/")
    assert response.status_code == 403 and "detail" in response.json()


def test_django_validation_errors_become_field_level_400s():
    response = exception_handler(DjangoValidationError({"nik": ["NIK harus 16 digit."]}), {})
    assert response.status_code == 400
    assert response.data["nik"] == ["NIK harus 16 digit."] and "detail" in response.data


def test_openapi_schema_describes_the_api(actors):
    client = APIClient()
    client.force_authenticate(actors["peksos"])
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/regions/" in schema["paths"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()


def test_audit_api_is_read_only(actors):
    client = APIClient()
    client.force_authenticate(actors["auditor"])
    assert client.get("/api/v1/audit-entries/").status_code == 200
    assert client.post("/api/v1/audit-entries/", {}).status_code == 405
