"""The service taxonomy (seven ATENSI components and the seed's services) and the referral letter type.
Both are reference data: editable in the admin afterwards."""

from django.db import migrations

# (code, name, ATENSI component, unit, has an amount in rupiah)
SERVICE_TYPES = [
    ("kebutuhan-dasar", "Pemenuhan kebutuhan hidup layak (makan, pakaian, tempat tinggal)", "living", "paket", False),
    ("pengasuhan", "Perawatan sosial / pengasuhan anak", "care", "hari", False),
    ("asesmen", "Asesmen", "care", "sesi", False),
    ("forum-keluarga", "Forum dukungan keluarga", "family", "pertemuan", False),
    ("dukungan-keluarga", "Dukungan dan mediasi keluarga", "family", "sesi", False),
    ("deteksi-dini", "Deteksi dini disabilitas", "therapy", "sesi", False),
    ("terapi", "Terapi (fisik, psikososial, mental spiritual)", "therapy", "sesi", False),
    ("terapi-okupasi", "Terapi okupasi", "therapy", "sesi", False),
    ("konseling", "Konseling", "therapy", "sesi", False),
    ("bimbingan", "Bimbingan / mentoring", "vocational", "sesi", False),
    ("pelatihan", "Pelatihan vokasional / kewirausahaan", "vocational", "hari", False),
    ("bantuan-tunai", "Bantuan sosial tunai", "aid", "", True),
    ("bantuan-barang", "Bantuan sosial barang (sembako, perlengkapan)", "aid", "paket", False),
    ("pendampingan-kesehatan", "Pendampingan layanan kesehatan", "accessibility", "kunjungan", False),
    ("dukungan-pendidikan", "Dukungan pendidikan", "accessibility", "kegiatan", False),
    ("dokumen-kependudukan", "Pengurusan dokumen kependudukan (KTP/KK)", "accessibility", "dokumen", False),
    ("alat-bantu", "Alat bantu disabilitas (kursi roda, tongkat, alat dengar)", "accessibility", "unit", False),
]
LETTER_TYPES = [("CASE-RUJUK", "Surat Rujukan", "460")]


def load(apps, schema_editor):
    ServiceType = apps.get_model("cases", "ServiceType")
    for order, (code, name, component, unit, has_amount) in enumerate(SERVICE_TYPES, start=1):
        ServiceType.objects.update_or_create(code=code, defaults=dict(
            name=name, atensi_component=component, unit=unit, has_amount=has_amount, order=order * 10))
    LetterType = apps.get_model("core", "LetterType")
    for code, name, classification in LETTER_TYPES:
        LetterType.objects.update_or_create(code=code, defaults=dict(name=name, classification=classification))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("core", "0007_tasks")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
