"""JSON errors with field-level messages for every API failure.

Validation errors keep DRF's shape ``{"field": ["message"]}`` and add ``detail``; other errors
answer ``{"detail": "…"}``. Django's own ValidationError and integrity errors from a service are
turned into 400s, so bad input never becomes a 500.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _from_django(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_from_django(exc))
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError({"non_field_errors": [_("This record conflicts with an existing one.")]})
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        data.setdefault("detail", _("Invalid input."))
        response.data = data
    return response


def conflict(payload: dict) -> Response:
    return Response(payload, status=status.HTTP_409_CONFLICT)
