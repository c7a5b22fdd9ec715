"""Builders shared by the outreach view and API tests: records made through the real services."""

import io
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from desaku.core import letters as core_letters
from desaku.outreach import services
from desaku.outreach.models import Shelter

ASSESSMENT = {"identity_status": "unverified", "risk_level": "medium", "recommendation": "returned"}
RETURNED = {"kind": "returned", "receiver_name": "Sumiati", "receiver_relationship": "ibu",
            "receiver_address": "Desa Sumberpucung, Kab. Malang"}


def camp():
    return Shelter.objects.get(code="camp-assessment")


def raid(by, *, place="Alun-alun Merdeka", team=(), when=None, **kwargs):
    started = when or timezone.make_aware(datetime(2026, 3, 1, 20, 0))
    return services.create_operation(by=by, kind=kwargs.pop("kind", "raid"), started_at=started, place=place,
                                     team=team, **kwargs)


def admitted(person, by, *, worker=None, shelter=None, on=None, encounter=None):
    return services.admit(person=person, shelter=shelter or camp(), by=by, responsible_worker=worker,
                          admitted_on=on, encounter=encounter)


def assessed(stay, by, **kwargs):
    return services.save_assessment(stay=stay, by=by, assessed_on=kwargs.pop("assessed_on", stay.admitted_on),
                                    **{**ASSESSMENT, **kwargs})


def approved(stay, proposer, approver, **details):
    disposition = services.propose_disposition(stay=stay, by=proposer, **(details or {"kind": "absconded"}))
    return services.approve_disposition(disposition=disposition, by=approver)


def fake_letter(disposition, by):
    """A numbered letter with a stand-in PDF (WeasyPrint takes seconds; the letter tests render for real)."""
    from desaku.outreach.letters import LETTERS

    disposition.refresh_from_db()  # the approval saved another instance
    type_code, _template = LETTERS[disposition.kind]
    letter = core_letters.issue_letter(type_code=type_code, subject="test", by=by, record=disposition,
                                       issued_on=disposition.decided_on)
    letter.pdf.save(f"{letter.pk}.pdf", ContentFile(b"%PDF-1.4 test letter"), save=False)
    letter.save_with_reason(by=by, reason="pdf")
    disposition.letter = letter
    disposition.save_with_reason(by=by, reason=letter.number)
    return letter


def png_bytes(color="red") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), color).save(buffer, format="PNG")
    return buffer.getvalue()


def today() -> date:
    return timezone.localdate()
