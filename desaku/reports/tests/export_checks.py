"""Helpers for the list-export tests: the rows of a downloaded workbook and the row count of the list page."""

import io

from django.test import Client


def client_for(actor) -> Client:
    client = Client()
    client.force_login(actor)
    return client


def rows_of(response) -> list[list]:
    """The data rows (header dropped) of an export response returned directly."""
    from openpyxl import load_workbook

    assert response.status_code == 200, response.status_code
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)][1:]


def page_total(response) -> int:
    """How many rows the list page has across all its pages (its paginator's count)."""
    assert response.status_code == 200, response.status_code
    page = response.context["page"]
    return page.paginator.count


def page_items(response) -> list:
    """Every row of the list page across all its pages (what its paginator pages through)."""
    assert response.status_code == 200, response.status_code
    return list(response.context["page"].paginator.object_list)
