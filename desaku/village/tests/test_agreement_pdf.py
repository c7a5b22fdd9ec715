"""The residence agreement really rendered by WeasyPrint (no stand-in PDF): the letterhead, the number, the
household and unit, the land status of the site's own record, and the verification link that the public
verification page answers. It is issued once: printing again gives the same number."""

import re
import zlib
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from desaku.core.models import Letter
from desaku.village import services
from desaku.village.models import LandStatus
from desaku.village.tests.helpers import a_round, accepted, nominated, unit

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _streams(pdf: bytes) -> list[bytes]:
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            found.append(match.group(1))
    return found


def pdf_text(pdf: bytes) -> str:
    """The text drawn in a WeasyPrint PDF, through its fonts' ToUnicode maps (one line per text run)."""
    streams = _streams(pdf)
    glyphs = {}
    for stream in streams:
        if b"begincmap" not in stream:
            continue
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for src, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                glyphs[src.lower()] = bytes.fromhex(dst.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for first, last, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                start, to = int(first, 16), int(dst, 16)
                for k in range(int(last, 16) - start + 1):
                    glyphs[b"%0*x" % (len(first), start + k)] = chr(to + k)
    runs = []
    for stream in streams:
        for array in re.findall(rb"\[(.*?)\]\s*TJ", stream, re.S):
            run = ""
            for hexes in re.findall(rb"<([0-9a-fA-F]*)>", array):
                run += "".join(glyphs.get(hexes[i:i + 4].lower(), "?") for i in range(0, len(hexes), 4))
            runs.append(run)
    return re.sub(r"\s+", " ", " ".join(runs))


def pdf_objects(pdf: bytes) -> bytes:
    return b"\n".join([pdf, *_streams(pdf)])


@pytest.fixture
def living(actors, lks_org):
    candidate = accepted(nominated(a_round(), actors["operator"], name="Sutrisno Wibowo"), actors["peksos"], lks_org,
                         actors["kemensos"])
    occupancy = services.allocate(candidate=candidate, unit=unit("07B"), by=actors["operator"], on=date(2016, 11, 1))
    return services.move_in(occupancy=occupancy, by=actors["operator"], on=date(2016, 11, 12))


def test_the_agreement_pdf_has_letterhead_number_land_status_and_verification(actors, living):
    letter = services.issue_agreement(occupancy=living, by=actors["operator"], base_url=BASE)
    letter.pdf.open("rb")
    pdf = letter.pdf.read()
    letter.pdf.close()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    text = pdf_text(pdf)
    for expected in ("PEMERINTAH KOTA MALANG", "DINAS SOSIAL", "PERJANJIAN HAK TINGGAL", f"Nomor: {letter.number}",
                     "Sutrisno Wibowo", "07B", "hak untuk tinggal", "hak guna pakai",
                     "Pindai untuk memeriksa keaslian surat"):
        assert expected in text, expected
    assert "VIL-HUNI" in letter.number or letter.letter_type.code == "VIL-HUNI"
    objects = pdf_objects(pdf)
    assert f"/Title ({letter.number})".encode() in objects
    verify_url = BASE + reverse("letter_verify", args=[letter.verification_token])
    assert f"/URI ({verify_url})".encode() in objects
    page = Client().get(verify_url.removeprefix(BASE))
    assert page.status_code == 200 and letter.number in page.content.decode()
    # Issued once: the print gives the same letter and number.
    assert services.issue_agreement(occupancy=living, by=actors["operator"], base_url=BASE).pk == letter.pk
    assert Letter.objects.filter(letter_type__code="VIL-HUNI").count() == 1


def test_the_agreement_follows_the_sites_land_status(actors, living):
    the_site = living.unit.building.site
    the_site.land_status = LandStatus.OWNED
    the_site.save_with_reason(by=actors["kabid"], reason="test")
    client = Client()
    client.force_login(actors["operator"])
    response = client.get(reverse("village:agreement", args=[living.pk]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    text = pdf_text(pdf)
    assert pdf.startswith(b"%PDF-") and "hak guna pakai" not in text
    assert "adalah milik Pemerintah Kota Malang" in text
