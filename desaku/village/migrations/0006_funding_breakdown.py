"""Correct the seeded funding of the Kota Malang site (0002) so the breakdown adds up (domain.md §8, seed text):

* Kementerian Sosial RI: Rp1.4 billion in all, broken down into the Rp1.2 billion construction grant (40 houses at
  Rp30 juta, the seed's "1,2 M"), the UEP of Rp5 juta for each of the 40 families (Rp200 juta) and the household
  goods and three months' living allowance (amount not known: in kind, Rp0);
* the city's land (hak guna pakai) and the CSR support: in kind / amount unknown (Rp0).

Only rows that still hold the seeded values are changed; a line someone has edited is left alone. The history
of each changed row records the reason. See docs/decisions.md, "Funding of the Kota Malang village"."""

from django.db import migrations

SITE = "tlogowaru"
KEMENSOS = "Kementerian Sosial RI"
REASON = "Rincian dana dikoreksi (migrasi 0006): Kemensos Rp1,4 M = pembangunan Rp1,2 M + UEP Rp200 juta"
OLD_GRANT = ("Bantuan pembangunan Desaku Menanti", 1_200_000_000)
OLD_CONSTRUCTION = ("Pembangunan 40 rumah (Rp30 juta per rumah)", 1_200_000_000)
OLD_UEP = ("Usaha Ekonomi Produktif (UEP) Rp5 juta per KK", 200_000_000)
OLD_GOODS = ("Perlengkapan rumah tangga dan jaminan hidup 3 bulan", 0)
OLD_LAND = ("Pemerintah Kota Malang", "Tanah 9.000 m² (hak guna pakai)", 0)
OLD_CSR = ("CSR dunia usaha", "Dukungan sarana dan pemasaran produk", 0)

NEW_GRANT = ("Bantuan Desaku Menanti Kota Malang (pembangunan, UEP, perlengkapan dan jaminan hidup)",
             1_400_000_000)
NEW_CONSTRUCTION = ("Bantuan pembangunan Rp1,2 M: 40 rumah dalam 20 kopel (Rp30 juta per rumah)", 1_200_000_000)
NEW_UEP = ("Usaha Ekonomi Produktif (UEP) Rp5 juta per KK × 40 KK", 200_000_000)
NEW_GOODS = ("Perlengkapan rumah tangga dan jaminan hidup 3 bulan (nilai belum diketahui)", 0)


def _line(FundingLine, site, purpose, amount, *, source_name=KEMENSOS, parent=None, in_kind=False):
    return FundingLine.objects.filter(site=site, source_name=source_name, purpose=purpose, amount=amount,
                                      parent=parent, in_kind=in_kind).first()


def _save(line, history_model, **changes):
    from django.utils import timezone

    for name, value in changes.items():
        setattr(line, name, value)
    line.save()
    if history_model is not None:
        fields = {f.attname: getattr(line, f.attname) for f in line._meta.concrete_fields}
        history_model.objects.create(**fields, history_date=timezone.now(), history_type="~",
                                     history_change_reason=REASON)


def forward(apps, schema_editor):
    Site = apps.get_model("village", "Site")
    FundingLine = apps.get_model("village", "FundingLine")
    try:
        History = apps.get_model("village", "HistoricalFundingLine")
    except LookupError:
        History = None
    site = Site.objects.filter(code=SITE).first()
    if site is None:
        return
    grant = _line(FundingLine, site, *OLD_GRANT)
    construction = _line(FundingLine, site, *OLD_CONSTRUCTION, parent=grant) if grant else None
    if grant is not None and construction is not None and grant.parts.count() == 1:
        _save(grant, History, purpose=NEW_GRANT[0], amount=NEW_GRANT[1])
        _save(construction, History, purpose=NEW_CONSTRUCTION[0])
        uep = _line(FundingLine, site, *OLD_UEP)
        if uep is not None and not uep.parts.exists():
            _save(uep, History, purpose=NEW_UEP[0], parent=grant)
        goods = _line(FundingLine, site, *OLD_GOODS)
        if goods is not None and not goods.parts.exists():
            _save(goods, History, purpose=NEW_GOODS[0], parent=grant, in_kind=True)
        if uep is None:  # edited away: keep the whole equal to its parts
            _save(grant, History, amount=sum(p.amount for p in grant.parts.all()))
    for source_name, purpose, amount in (OLD_LAND, OLD_CSR):
        line = _line(FundingLine, site, purpose, amount, source_name=source_name)
        if line is not None:
            _save(line, History, in_kind=True)
    goods = _line(FundingLine, site, *OLD_GOODS)  # left on its own (the grant was edited): still in kind
    if goods is not None:
        _save(goods, History, in_kind=True)


def backward(apps, schema_editor):
    Site = apps.get_model("village", "Site")
    FundingLine = apps.get_model("village", "FundingLine")
    site = Site.objects.filter(code=SITE).first()
    if site is None:
        return
    grant = FundingLine.objects.filter(site=site, source_name=KEMENSOS, purpose=NEW_GRANT[0], parent=None).first()
    if grant is not None:
        back = {NEW_UEP[0]: (OLD_UEP[0], None), NEW_GOODS[0]: (OLD_GOODS[0], None),
                NEW_CONSTRUCTION[0]: (OLD_CONSTRUCTION[0], grant)}
        for part in FundingLine.objects.filter(parent=grant, purpose__in=list(back)):
            part.purpose, part.parent = back[part.purpose]
            part.save()
        grant.purpose, grant.amount = OLD_GRANT
        grant.save()


class Migration(migrations.Migration):

    dependencies = [
        ("village", "0005_nomination_case"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
