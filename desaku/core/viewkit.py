"""Small helpers every app's views share: service errors onto forms, pagination, safe redirects."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.utils.http import url_has_allowed_host_and_scheme

PAGE_SIZE = 25


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)


def error_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def form_error_messages(request, form) -> None:
    """Show a bound form's errors as messages, for forms posted from a page that does not render them."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def posted(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def int_param(value):
    """A positive integer id from a request parameter, or None."""
    return int(value) if value and str(value).isdigit() else None


def paginated(request, queryset, filter_form=None, page_size: int = PAGE_SIZE) -> dict:
    page = Paginator(queryset, page_size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "query": query.urlencode(), "filter_form": filter_form}


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default
