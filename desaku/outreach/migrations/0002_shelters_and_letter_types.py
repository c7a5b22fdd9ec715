"""Kota Malang's shelters (capacities: verify, editable) and the outreach letter types."""

from django.db import migrations

SHELTERS = [
    ("camp-assessment", "Camp Assessment / Liponsos Tlogowaru", "Jl. Jabal Nur, Tlogowaru, Kedungkandang",
     "35.73.03.1012", 30, "Orang hasil razia atau ditemukan terlantar (gepeng, anjal, PPKS lain)", None,
     [4, 11, 12, 13, 2, 24]),
    ("pondok-lansia", "Pondok Lansia Jl. Sunan Muria", "Jl. Sunan Muria, Lowokwaru", None, 8,
     "Lanjut usia terlantar yang sehat", 60, [8]),
    ("twk-sukun", "TWK Sukun", "Kec. Sukun", None, 20, "Lanjut usia terlantar yang terbaring sakit (bedridden)", 60,
     [8]),
]
LETTER_TYPES = [
    ("OUT-LEPAS", "Surat Pernyataan Dilepas dengan Syarat", "460"),
    ("OUT-BAST", "Berita Acara Serah Terima kepada Keluarga/Wali", "460"),
    ("OUT-PULANG", "Surat Pemulangan ke Daerah Asal", "460"),
]


def load(apps, schema_editor):
    Shelter = apps.get_model("outreach", "Shelter")
    Region = apps.get_model("core", "Region")
    PPKSCategory = apps.get_model("core", "PPKSCategory")
    for code, name, address, region, capacity, note, min_age, categories in SHELTERS:
        shelter, _ = Shelter.objects.update_or_create(code=code, defaults=dict(
            name=name, address=address, region=Region.objects.filter(code=region).first() if region else None,
            capacity=capacity, accepts_note=note, min_age=min_age))
        shelter.accepts.set(PPKSCategory.objects.filter(number__in=categories))
    LetterType = apps.get_model("core", "LetterType")
    for code, name, classification in LETTER_TYPES:
        LetterType.objects.update_or_create(code=code, defaults=dict(name=name, classification=classification))


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_initial"), ("core", "0005_exit_destination_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
