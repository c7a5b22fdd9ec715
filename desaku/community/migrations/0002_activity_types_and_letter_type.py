"""Community activity types (editable reference data) and the award certificate's letter type."""

from django.db import migrations

ACTIVITY_TYPES = [
    ("family-support", "Forum Keluarga / Family Support (keluarga penyandang disabilitas)", "disability_families", 10),
    ("socialisation", "Sosialisasi", "public", 20),
    ("early-detection", "Deteksi Dini Penyandang Disabilitas", "disability", 30),
    ("assessment-day", "Asesmen Penyandang Disabilitas", "disability", 40),
    ("apel-senam", "Apel dan Senam Bersama Lansia", "elderly", 50),
    ("komda-meeting", "Rapat KOMDA Lansia", "elderly", 60),
    ("karang-werdha-forum", "Forum Komunikasi Karang Werdha", "elderly", 70),
    ("psks-coordination", "Rapat Koordinasi PSKS", "psks", 80),
    ("other", "Kegiatan lain", "", 999),
]
LETTER_TYPES = [("COM-KWB", "Piagam Penghargaan Karang Werdha Berprestasi", "400.9")]


def load(apps, schema_editor):
    ActivityType = apps.get_model("community", "ActivityType")
    for code, name, target, order in ACTIVITY_TYPES:
        ActivityType.objects.update_or_create(code=code, defaults=dict(name=name, default_target_group=target,
                                                                       order=order))
    LetterType = apps.get_model("core", "LetterType")
    for code, name, classification in LETTER_TYPES:
        LetterType.objects.update_or_create(code=code, defaults=dict(name=name, classification=classification))


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial"), ("core", "0007_tasks")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
