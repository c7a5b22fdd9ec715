from datetime import date

import pytest
from django.core.exceptions import ValidationError

from desaku.outreach import services
from desaku.outreach.letters import issue_disposition_letter

pytestmark = pytest.mark.django_db


def test_returned_to_family_gets_numbered_minutes_once(camp, person, actors):
    stay = services.admit(person=person, shelter=camp, by=actors["penjangkauan"], admitted_on=date(2026, 11, 2))
    disposition = services.propose_disposition(
        stay=stay, by=actors["peksos"], kind="returned", decided_on=date(2026, 11, 6), receiver_name="Sumiati",
        receiver_relationship="ibu", receiver_address="Sumberpucung")
    with pytest.raises(ValidationError):
        issue_disposition_letter(disposition=disposition, by=actors["peksos"], base_url="http://t")
    services.approve_disposition(disposition=disposition, by=actors["kabid"])
    letter = issue_disposition_letter(disposition=disposition, by=actors["peksos"], base_url="http://t")
    again = issue_disposition_letter(disposition=disposition, by=actors["peksos"], base_url="http://t")
    assert letter.pk == again.pk and letter.letter_type.code == "OUT-BAST"
    assert letter.number.endswith("/2026")
    with letter.pdf.open("rb") as fh:
        assert fh.read(4) == b"%PDF"


def test_absconded_has_no_letter(camp, person, actors):
    stay = services.admit(person=person, shelter=camp, by=actors["penjangkauan"])
    disposition = services.propose_disposition(stay=stay, by=actors["peksos"], kind="absconded")
    services.approve_disposition(disposition=disposition, by=actors["kabid"])
    with pytest.raises(ValidationError):
        issue_disposition_letter(disposition=disposition, by=actors["peksos"], base_url="http://t")
