"""The aid letter types: recommendations and the signed receipt list of a distribution cycle."""

from django.db import migrations

LETTER_TYPES = [
    ("AID-PBI", "Surat Rekomendasi PBI Jaminan Kesehatan", "460"),
    ("AID-MISKIN", "Surat Rekomendasi Keterangan Miskin", "460"),
    ("AID-BEBAS", "Surat Rekomendasi Pembebasan Biaya Berobat bagi Orang Terlantar", "460"),
    ("AID-TERIMA", "Daftar Penerima Bantuan Sosial", "460"),
]


def load(apps, schema_editor):
    LetterType = apps.get_model("core", "LetterType")
    for code, name, classification in LETTER_TYPES:
        # The code in the number keeps the aid letters apart from other types with the same classification.
        LetterType.objects.update_or_create(code=code, defaults=dict(
            name=name, classification=classification, number_format="{seq:03d}/{classification}/{code}/{unit}/{year}"))


class Migration(migrations.Migration):
    dependencies = [("aid", "0001_initial"), ("core", "0003_letters")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
