"""Letter numbers taken by concurrent requests never collide (the sequence row is locked).

Transactional tests live under tests/ and run in their own pytest process after the main suite:
a transactional test empties the database when it ends, which would break the ordinary tests that
run after it in the same worker.
"""

import threading

import pytest
from django.db import connection

from desaku.core import letters
from desaku.core.models import LetterType
from desaku.core.testing import make_actors

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def letter_type():
    kind = LetterType(code="TEST", name="Surat Keterangan Uji", classification="460")
    kind.save()
    return kind


def test_concurrent_issues_get_distinct_numbers(letter_type):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers itself; the row lock matters on PostgreSQL")
    actors = make_actors()
    errors, numbers = [], []

    def issue():
        from django.db import connections

        try:
            numbers.append(letters.issue_letter(type_code="TEST", subject="x", by=actors["peksos"]).number)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(numbers)) == 6
