"""Open data: persons found on the street per month, kecamatan and PPKS category, aggregates only.

Built into the OpenDataCell summary table by a daily job; published with every count under 5 shown
as "<5" and WITHOUT totals (row, column or grand), so no suppressed cell can be recovered by
subtraction. Children's justice (ABH) and every sensitive category are never included; only whole
months before the current one are published.
"""

from django.db import transaction
from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from desaku.core.models import PPKSCategory
from desaku.reports.figures import month_start
from desaku.reports.models import OpenDataCell

THRESHOLD = 5
SUPPRESSED = "<5"
ABH = "PPKS-03"  # Anak yang Berhadapan dengan Hukum: children's justice data, never published


def published_categories():
    return PPKSCategory.objects.filter(is_sensitive=False).exclude(code=ABH)


def compute_cells(before=None):
    """(month, kecamatan code, kecamatan name, category code, category name, persons) from the records."""
    from desaku.outreach.models import Encounter

    before = before or month_start(timezone.localdate())
    allowed = list(published_categories().values_list("pk", flat=True))
    on_day = F("day")
    # Places outside Kota Malang and unknown places are one "unknown kecamatan" cell, grouped in SQL so a person
    # found in two such places counts once there (distinct persons per cell, never a sum of counts).
    in_city = Q(operation__kelurahan__parent__code__startswith="35.73.")
    rows = (Encounter.objects.filter(encountered_at__date__lt=before, person__merged_into__isnull=True)
            .annotate(day=TruncDate("encountered_at"), m=TruncMonth("encountered_at"),
                      kec=Case(When(in_city, then=F("operation__kelurahan__parent_id")), default=Value(""),
                               output_field=CharField()),
                      kec_name=Case(When(in_city, then=F("operation__kelurahan__parent__name")), default=Value(""),
                                    output_field=CharField()))
            .filter(Q(person__classifications__category__in=allowed)
                    & Q(person__classifications__valid_from__lte=on_day)
                    & (Q(person__classifications__valid_to__isnull=True)
                       | Q(person__classifications__valid_to__gte=on_day)))
            .values("m", "kec", "kec_name", "person__classifications__category__code",
                    "person__classifications__category__name")
            .annotate(n=Count("person", distinct=True)).order_by())
    for r in rows:
        month = r["m"].date() if hasattr(r["m"], "date") else r["m"]
        kecamatan = r["kec"] or ""
        yield (month, kecamatan, r["kec_name"] or "" if kecamatan else "",
               r["person__classifications__category__code"], r["person__classifications__category__name"], r["n"])


@transaction.atomic
def refresh(today=None) -> int:
    """Rebuild the summary table (a plain table of aggregates: no audit trail needed)."""
    before = month_start(today or timezone.localdate())
    merged: dict[tuple, list] = {}
    for month, kecamatan, kecamatan_name, code, name, n in compute_cells(before):
        # One row per cell: compute_cells already folds unknown places together (adding counts of distinct
        # persons would count a person twice).
        merged[(month, kecamatan, code)] = [kecamatan_name, name, n]
    OpenDataCell.objects.all().delete()
    OpenDataCell.objects.bulk_create([
        OpenDataCell(month=m, kecamatan=k, kecamatan_name=kn, category=c, category_name=cn, persons=n)
        for (m, k, c), (kn, cn, n) in merged.items()])
    return len(merged)


def shown(count: int):
    return count if count >= THRESHOLD else SUPPRESSED


def published_rows(year: int | None = None) -> list[dict]:
    cells = OpenDataCell.objects.all()
    if year:
        cells = cells.filter(month__year=year)
    return [{"month": f"{c.month:%Y-%m}", "kecamatan_code": c.kecamatan, "kecamatan": c.kecamatan_name or "-",
             "category_code": c.category, "category": c.category_name, "persons_found": shown(c.persons)}
            for c in cells]


FIELDS = ["month", "kecamatan_code", "kecamatan", "category_code", "category", "persons_found"]
