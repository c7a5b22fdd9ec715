"""The statutory deadlines of UU 11/2012 (SPPA) and PP 65/2015 as configuration (domain.md §7; verify, then edit
in the admin), and the social report letter type."""

from django.db import migrations

# (stage, deadline for, counted from, days, label, legal basis)
RULES = []
for _stage, _name in (("investigation", "penyidikan"), ("prosecution", "penuntutan"), ("court", "pemeriksaan")):
    if _stage == "investigation":
        RULES.append((_stage, "social_report_submitted_on", "social_report_requested_on", 3,
                      "Laporan sosial diserahkan (3×24 jam setelah permintaan)", "UU 11/2012 Pasal 27-28"))
    if _stage == "court":
        RULES.append((_stage, "judge_assigned_on", "started_on", 3,
                      "Hakim ditetapkan (3 hari setelah berkas diterima)", "UU 11/2012 Pasal 52 ayat (1)"))
        RULES.append((_stage, "diversion_started_on", "judge_assigned_on", 7,
                      "Diversi dimulai (7 hari setelah hakim ditetapkan)", "UU 11/2012 Pasal 52 ayat (2)"))
    else:
        basis = "UU 11/2012 Pasal 29 ayat (1)" if _stage == "investigation" else "UU 11/2012 Pasal 42 ayat (1)"
        RULES.append((_stage, "diversion_started_on", "started_on", 7,
                      f"Diversi diupayakan (7 hari setelah {_name} dimulai)", basis))
    RULES.append((_stage, "diversion_finished_on", "diversion_started_on", 30,
                  "Diversi selesai (30 hari setelah dimulai)", "UU 11/2012 Pasal 29, 42, 52"))
    RULES.append((_stage, "agreement_sent_on", "diversion_finished_on", 3,
                  "Kesepakatan diversi dikirim ke Pengadilan Negeri (3 hari)", "UU 11/2012 Pasal 12 ayat (3)"))
    RULES.append((_stage, "ruling_on", "agreement_sent_on", 3,
                  "Penetapan Ketua Pengadilan Negeri (3 hari setelah kesepakatan diterima)",
                  "UU 11/2012 Pasal 12 ayat (3)"))
LETTER_TYPES = [("ABH-LAPSOS", "Laporan Sosial Anak Berhadapan dengan Hukum", "462")]


def load(apps, schema_editor):
    DeadlineRule = apps.get_model("diversion", "DeadlineRule")
    for stage, event, after, days, label, basis in RULES:
        DeadlineRule.objects.update_or_create(stage=stage, event=event, defaults=dict(
            after=after, days=days, label=label, legal_basis=basis, working_days=False))
    LetterType = apps.get_model("core", "LetterType")
    for code, name, classification in LETTER_TYPES:
        LetterType.objects.update_or_create(code=code, defaults=dict(name=name, classification=classification))


class Migration(migrations.Migration):
    dependencies = [("diversion", "0001_initial"), ("core", "0007_tasks")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
