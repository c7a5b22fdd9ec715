"""The Kota Malang village (seed text, domain.md §8): site, funding, stakeholders, dated stages, 20 duplex
buildings of 2 units with their household goods; and the residence agreement's letter type. Figures: verify,
all editable in the admin."""

from datetime import date

from django.db import migrations

SITE = dict(
    code="tlogowaru", name="Desaku Menanti Kota Malang (Kampung 1000 Topeng)",
    address="Jl. Jabal Nur RT 02/RW 07, Dusun Baran, Kelurahan Tlogowaru, Kecamatan Kedungkandang, Kota Malang",
    land_area_m2=9000, land_used_m2=4400, land_status="granted",
    description="Permukiman bagi anak jalanan, gelandangan dan pengemis yang direlokasi dari jalanan ke tempat "
                "yang layak huni, dengan konsep mengubah pola pikir menjadi manusia yang kreatif, edukatif dan "
                "manusiawi. Warga memiliki hak tinggal, bukan hak milik; inventaris tetap milik rumah.",
    how_to_order="Kunjungi Kampung Topeng di Jl. Jabal Nur, Tlogowaru, atau pesan melalui Dinas Sosial Kota "
                 "Malang, Jl. Sulfat No. 12, Bunulrejo, Blimbing.",
    utilities_note="Listrik dan air dibayar oleh Dinas Sosial Kota Malang",
)
FUNDING = [
    ("APBN", "Kementerian Sosial RI", "Bantuan pembangunan Desaku Menanti", 1_200_000_000, 2016, [
        ("Pembangunan 40 rumah (Rp30 juta per rumah)", 1_200_000_000),
    ]),
    ("APBN", "Kementerian Sosial RI", "Usaha Ekonomi Produktif (UEP) Rp5 juta per KK", 200_000_000, 2016, []),
    ("APBN", "Kementerian Sosial RI", "Perlengkapan rumah tangga dan jaminan hidup 3 bulan", None, 2016, []),
    ("APBD-II", "Pemerintah Kota Malang", "Tanah 9.000 m² (hak guna pakai)", None, 2016, []),
    ("CSR", "CSR dunia usaha", "Dukungan sarana dan pemasaran produk", None, 2017, []),
]
STAKEHOLDERS = [
    ("Dinas Sosial Kota Malang", "department", "Dinas Sosial Kota Malang",
     "Pengelola program, seleksi awal, pendampingan, membayar listrik dan air"),
    ("Kementerian Sosial RI", "ministry", "Kementerian Sosial Republik Indonesia",
     "Pendanaan pembangunan dan UEP, seleksi akhir calon warga binaan"),
    ("Pemerintah Kota Malang", "city", None, "Tanah untuk permukiman (hak guna pakai), dukungan Wali Kota"),
    ("LKS mitra", "lks", None, "Seleksi awal bersama Peksos, pelatihan dan pendampingan warga"),
    ("UIN Maulana Malik Ibrahim Malang", "university", "Universitas Islam Negeri Maulana Malik Ibrahim Malang",
     "Pendampingan oleh mahasiswa"),
    ("Bank Indonesia Malang", "bank", "Bank Indonesia Kantor Perwakilan Malang",
     "Pelatihan olahan makanan dan pengemasan"),
    ("Dunia usaha (CSR)", "csr", None, "Dukungan sarana dan pemasaran"),
]
STAGES = [
    ("Survei dan penentuan lahan", date(2015, 10, 1), "Jl. Jabal Nur RT 2 RW 7 Tlogowaru; luas 9.000 m², terpakai "
     "4.400 m²; 40 unit (20 kopel)."),
    ("Seleksi calon warga binaan sosial (WBS)", date(2016, 1, 15), "Seleksi awal oleh Peksos Dinas Sosial dan LKS; "
     "seleksi akhir oleh Kementerian Sosial RI: 40 KK dari 80 calon."),
    ("Sosialisasi kepada warga Baran RW 07", date(2016, 2, 20), "Sosialisasi program kepada warga Baran RW 07 "
     "Kel. Tlogowaru Kec. Kedungkandang."),
    ("Peletakan batu pertama", date(2016, 3, 25), "Oleh Menteri Sosial RI dan Wali Kota Malang."),
    ("Pelatihan bagi WBS oleh LKS", date(2016, 5, 1), "Keahlian dan keterampilan sebagai embrio usaha."),
    ("Pendampingan", date(2016, 11, 14), "Oleh Dinas Sosial, LKS dan mahasiswa UIN: usaha (kualitas dan rasa) dan "
     "sosial (bina diri, kebersihan, tata krama, pendidikan)."),
    ("Pelatihan dari Bank Indonesia", date(2016, 12, 5), "Olahan makanan dan pengemasannya."),
    ("Peresmian", date(2016, 11, 12), "Awal dari inovasi; peluncuran wisata Kampung Topeng 14 Februari 2017."),
]
INVENTORY = [("Kasur", 2), ("Kompor gas", 1), ("Meja", 1), ("Kursi", 4), ("Penanak nasi (rice cooker)", 1),
             ("Lemari", 1)]


def load(apps, schema_editor):
    Site = apps.get_model("village", "Site")
    if Site.objects.filter(code=SITE["code"]).exists():
        return
    Region = apps.get_model("core", "Region")
    FundingSource = apps.get_model("core", "FundingSource")
    Institution = apps.get_model("core", "Institution")
    site = Site.objects.create(kelurahan=Region.objects.filter(code="35.73.03.1012").first(), **SITE)
    FundingLine = apps.get_model("village", "FundingLine")
    for code, source, purpose, amount, year, parts in FUNDING:
        line = FundingLine.objects.create(site=site, source=FundingSource.objects.filter(code=code).first(),
                                          source_name=source, purpose=purpose, amount=amount or 0, year=year)
        for part, part_amount in parts:
            FundingLine.objects.create(site=site, source=line.source, source_name=source, purpose=part,
                                       amount=part_amount, year=year, parent=line)
    Stakeholder = apps.get_model("village", "Stakeholder")
    for name, kind, institution, role in STAKEHOLDERS:
        Stakeholder.objects.create(site=site, name=name, kind=kind, role=role, institution=Institution.objects.filter(
            name=institution).first() if institution else None)
    Stage = apps.get_model("village", "Stage")
    for title, on, description in STAGES:
        Stage.objects.create(site=site, title=title, started_on=on, description=description)
    Building = apps.get_model("village", "Building")
    Unit = apps.get_model("village", "Unit")
    InventoryItem = apps.get_model("village", "InventoryItem")
    for b in range(1, 21):
        building = Building.objects.create(site=site, number=f"K{b:02d}")
        for side in ("A", "B"):
            unit = Unit.objects.create(building=building, number=f"{b:02d}{side}")
            for name, quantity in INVENTORY:
                InventoryItem.objects.create(unit=unit, name=name, quantity=quantity)
    LetterType = apps.get_model("core", "LetterType")
    LetterType.objects.update_or_create(code="VIL-HUNI", defaults=dict(
        name="Perjanjian Hak Tinggal Desaku Menanti", classification="460"))


class Migration(migrations.Migration):
    dependencies = [("village", "0001_initial"), ("core", "0007_tasks"), ("outreach", "0002_shelters_and_letter_types")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
