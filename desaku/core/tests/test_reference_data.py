"""Reference data loaded by migrations (domain.md §1–§5)."""

import pytest
from django.contrib.auth.models import Group

from desaku.core.models import (
    FundingSource,
    Institution,
    Organisation,
    PPKSCategory,
    PSKSCategory,
    Region,
    RegionLevel,
    Role,
)

pytestmark = pytest.mark.django_db


def test_26_ppks_categories_in_order_with_codes():
    categories = list(PPKSCategory.objects.order_by("number"))
    assert len(categories) == 26
    assert categories[0].code == "PPKS-01" and categories[0].name == "Anak Balita Terlantar"
    assert categories[3].name == "Anak Jalanan"
    assert categories[25].code == "PPKS-26" and categories[25].name == "Komunitas Adat Terpencil"


def test_sensitive_categories_are_flagged():
    sensitive = set(PPKSCategory.objects.filter(is_sensitive=True).values_list("short_name", flat=True))
    assert sensitive == {"ABH", "TS", "KM", "ODHA"}


def test_legacy_names_are_kept():
    assert "WRSE" in PPKSCategory.objects.get(number=23).legacy_names
    assert "Penyandang Cacat" in PPKSCategory.objects.get(number=9).legacy_names


def test_12_psks_categories():
    assert PSKSCategory.objects.count() == 12
    assert PSKSCategory.objects.get(number=1).short_name == "Peksos"


def test_kota_malang_has_5_kecamatan_and_57_kelurahan():
    kecamatan = Region.objects.filter(parent_id="35.73")
    assert sorted(kecamatan.values_list("name", flat=True)) == [
        "Blimbing", "Kedungkandang", "Klojen", "Lowokwaru", "Sukun"]
    assert Region.objects.filter(level=RegionLevel.KELURAHAN_DESA, code__startswith="35.73.").count() == 57
    assert Region.objects.filter(parent_id="35.73.03").count() == 12
    tlogowaru = Region.objects.get(code="35.73.03.1012")
    assert tlogowaru.name == "Tlogowaru" and tlogowaru.kind == "kelurahan"
    assert tlogowaru.path == "Kel. Tlogowaru, Kec. Kedungkandang, Kota Malang, Jawa Timur"


def test_national_tree_to_kabupaten_kota():
    assert Region.objects.filter(level=RegionLevel.PROVINSI).count() == 38
    assert Region.objects.filter(level=RegionLevel.KABUPATEN_KOTA).count() == 514
    assert Region.objects.get(code="35.73").name == "Kota Malang"
    assert Region.objects.get(code="35.07").kind == "kabupaten"


def test_funding_sources():
    assert set(FundingSource.objects.values_list("code", flat=True)) == {"APBN", "APBD-I", "APBD-II", "CSR", "LAIN"}


def test_institutions_cover_the_referral_directory():
    types = set(Institution.objects.values_list("type", flat=True))
    assert {"upt", "hospital", "rsj", "court", "police", "bapas", "kemensos", "satpol_pp"} <= types
    assert Institution.objects.get(short_name="UPT PSAB Sidoarjo").region_id == "35.15"


def test_department_organisations_exist():
    assert Organisation.objects.filter(kind="dinas", name="Dinas Sosial Kota Malang").exists()
    assert Organisation.objects.filter(kind="kemensos").exists()


def test_every_role_is_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
    assert Group.objects.get(name=Role.AUDITOR).permissions.filter(codename="view_auditentry").exists()


def test_full_region_tree_can_be_loaded_on_demand(django_db_blocker):
    from desaku.core.regions import region_rows

    rows = list(region_rows(full=True))
    assert len(rows) > 90_000
    codes = [row[0] for row in rows]
    assert codes.index("35.73") < codes.index("35.73.03") < codes.index("35.73.03.1012")
