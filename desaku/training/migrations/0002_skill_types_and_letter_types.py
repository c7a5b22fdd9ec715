"""The seed's skill types (editable), one starter course per skill, and the training letter types."""

from django.db import migrations

# (code, name, description, order)
SKILL_TYPES = [
    ("menjahit", "Menjahit", "Menjahit pakaian, jilbab dan permak", 10),
    ("tata-boga", "Tata Boga", "Memasak dan membuat kue untuk dijual", 20),
    ("perbengkelan", "Perbengkelan", "Las dan bengkel umum", 30),
    ("servis-elektronik", "Servis Elektronik/HP", "Perbaikan alat elektronik dan telepon genggam", 40),
    ("sablon", "Sablon", "Sablon kaos dan tas", 50),
    ("tata-rias", "Tata Rias", "Rias wajah dan rambut", 60),
    ("musik", "Musik", "Bermain alat musik", 70),
    ("otomotif", "Otomotif", "Servis sepeda motor", 80),
    ("olahan-pangan", "Pengolahan & Pengemasan Pangan (Bank Indonesia)",
     "Olahan makanan (rempeyek, rengginang, telur asin) dan pengemasannya", 90),
    ("kerajinan-topeng", "Kerajinan Topeng", "Membuat dan mewarnai topeng Malangan (Kampung 1000 Topeng)", 100),
]
# skill code: (course name, min age, sessions, hours, target PPKS numbers)
COURSES = {
    "menjahit": ("Menjahit Dasar", 17, 12, 48, [9, 11, 12, 23, 24]),
    "tata-boga": ("Tata Boga: Kue dan Jajanan Pasar", 17, 10, 40, [11, 12, 23, 24]),
    "perbengkelan": ("Perbengkelan Las Dasar", 18, 12, 60, [15, 17, 24]),
    "servis-elektronik": ("Servis Elektronik dan HP", 16, 12, 48, [4, 9, 15, 17, 24]),
    "sablon": ("Sablon Kaos", 16, 8, 32, [4, 15, 17, 24]),
    "tata-rias": ("Tata Rias Pengantin dan Salon", 17, 10, 40, [9, 23, 24]),
    "musik": ("Musik untuk Pengamen", 14, 8, 24, [4, 11, 12]),
    "otomotif": ("Servis Sepeda Motor", 17, 12, 60, [4, 15, 17, 24]),
    "olahan-pangan": ("Olahan Pangan dan Pengemasan (Bank Indonesia)", 17, 6, 24, [11, 12, 24]),
    "kerajinan-topeng": ("Kerajinan Topeng Malangan", 15, 8, 32, [11, 12, 24]),
}
LETTER_TYPES = [
    ("TRN-SERT", "Sertifikat Pelatihan Keterampilan", "400"),
    ("TRN-LAP", "Laporan Pelaksanaan Pelatihan Keterampilan", "400"),
]


def load(apps, schema_editor):
    SkillType = apps.get_model("training", "SkillType")
    Course = apps.get_model("training", "Course")
    PPKSCategory = apps.get_model("core", "PPKSCategory")
    for code, name, description, order in SKILL_TYPES:
        skill, _ = SkillType.objects.update_or_create(code=code, defaults=dict(
            name=name, description=description, order=order))
        course_name, min_age, sessions, hours, groups = COURSES[code]
        course, _ = Course.objects.get_or_create(name=course_name, defaults=dict(
            skill_type=skill, min_age=min_age, sessions=sessions, hours=hours, description=description))
        course.target_groups.set(PPKSCategory.objects.filter(number__in=groups))
    LetterType = apps.get_model("core", "LetterType")
    for code, name, classification in LETTER_TYPES:
        LetterType.objects.update_or_create(code=code, defaults=dict(name=name, classification=classification))


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial"), ("core", "0005_exit_destination_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
