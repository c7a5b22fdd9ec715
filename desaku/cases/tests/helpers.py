"""Builders shared by the case tests: records made through the real services."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from desaku.cases import services
from desaku.cases.models import ServiceType
from desaku.core.models import ExitDestination, Institution, InstitutionType


def today():
    return timezone.localdate()


def opened(person, worker, *, case_type="anak", **kwargs):
    return services.open_case(person=person, case_type=case_type, by=worker, worker=worker,
                              opened_on=kwargs.pop("opened_on", today() - timedelta(days=30)), **kwargs)


def planned(case, by, *, review_in=30):
    return services.save_plan(case=case, by=by, next_review_on=today() + timedelta(days=review_in),
                              summary="Rencana 6 bulan")


def service_type(code="konseling"):
    return ServiceType.objects.get(code=code)


def exit_destination(code="family_permanent"):
    return ExitDestination.objects.get(code=code)


def institution(name="UPT Rehabilitasi Sosial Bina Laras Pasuruan"):
    found = Institution.objects.filter(name=name).first()
    if found is None:
        found = Institution(name=name, type=InstitutionType.UPT_PROVINSI)
        found.save()
    return found


def pdf_upload(name="surat.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n% test\n", content_type="application/pdf")


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="foto.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def give_consent(person, by, organisation, *, valid_until=None):
    from desaku.people.models import Consent

    consent = Consent(person=person, given_on=today(), recorded_by=by, valid_until=valid_until)
    consent.save_with_reason(by=by, reason="test")
    consent.shared_with.set([organisation])
    return consent
