"""Reads of the village module, always through the user's scope.

A Pendamping sees only the households assigned to them (and their sessions); a Kemensos reviewer sees
only the candidate files sent to them. Program records (site, units, products) are not personal data.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, F, Q, Sum
from django.utils import timezone

from desaku.village.models import (
    LIVING,
    Attendance,
    Candidate,
    CandidateStatus,
    EndReason,
    MentoringSession,
    MonthlyIncome,
    Occupancy,
    OccupancyStatus,
    Offer,
    OfferStatus,
    Product,
    ProgressReview,
    Sale,
    Site,
    Unit,
)
from desaku.village.permissions import is_mentor_only, is_reviewer_only


def assigned_household_ids(user):
    from desaku.village.models import MentorAssignment

    return MentorAssignment.objects.filter(mentor=user, ended_on__isnull=True).values("household")


def households_visible_to(user):
    """Households the user may see in the village: a mentor only their assigned ones."""
    from desaku.people.models import Household
    from desaku.people.selectors import households_visible_to as people_households

    if is_mentor_only(user):
        return Household.objects.filter(pk__in=assigned_household_ids(user))
    return people_households(user)


def living_households_visible_to(user):
    """Households living in the village (allocated or moved in) that the user may see."""
    living = occupancies_visible_to(user).filter(status__in=LIVING).values("household")
    return households_visible_to(user).filter(pk__in=living)


def sites():
    return Site.objects.filter(active=True)


def default_site():
    return sites().order_by("id").first()


def open_rounds():
    """Selection rounds taking nominations: open, of an active site (the first site's newest first)."""
    from desaku.village.models import SelectionRound

    return SelectionRound.objects.filter(closed=False, site__active=True).select_related("site").order_by(
        "site_id", "-year", "-id")


def units_of(site):
    return Unit.objects.filter(building__site=site).select_related("building").order_by("building_id", "number")


def candidates_visible_to(user):
    queryset = Candidate.objects.visible_to(user)
    if is_reviewer_only(user):
        queryset = Candidate.objects.filter(sent_to=user.pk)
    elif is_mentor_only(user):
        return Candidate.objects.none()
    return queryset.select_related("round", "household", "household__kelurahan", "nominated_by", "initial_by",
                                   "initial_lks", "sent_to")


def occupancies_visible_to(user):
    if is_mentor_only(user):
        queryset = Occupancy.objects.filter(household__in=assigned_household_ids(user))
    else:
        queryset = Occupancy.objects.visible_to(user)
    return queryset.select_related("unit__building__site", "household", "candidate", "agreement")


def sessions_visible_to(user):
    if is_mentor_only(user):
        queryset = MentoringSession.objects.filter(Q(mentor=user.pk) | Q(recorded_by=user.pk))
    else:
        queryset = MentoringSession.objects.visible_to(user)
    return queryset.select_related("site", "mentor")


def offers_visible_to(user):
    return Offer.objects.filter(candidate__in=candidates_visible_to(user).values("pk")).select_related(
        "unit", "candidate__household")


def open_offers(user):
    return offers_visible_to(user).filter(status=OfferStatus.OPEN)


def sales_visible_to(user):
    """Sales are program figures; the household an income goes to is named only within scope (views)."""
    return Sale.objects.select_related("product__enterprise", "household")


def catalogue(site=None):
    """Products shown publicly: active, in the catalogue, of active enterprises of active sites."""
    queryset = Product.objects.filter(active=True, in_catalogue=True, enterprise__active=True,
                                      enterprise__site__active=True).select_related(
        "enterprise", "producer", "producer_consent")
    if site is not None:
        queryset = queryset.filter(enterprise__site=site)
    return queryset.order_by("name")


def producer_name(product, on: date | None = None) -> str:
    """The producer's name for the public, only with their valid, unwithdrawn consent."""
    consent = product.producer_consent
    if consent is None or product.producer_id is None or consent.person_id != product.producer_id:
        return ""
    on = on or timezone.localdate()
    if consent.withdrawn_on or (consent.valid_until and consent.valid_until < on) or not consent.processing:
        return ""
    return product.producer.full_name


# -------------------------------------------------------------------------------------------- progress


def income_trend(household, months: int = 12):
    return list(MonthlyIncome.objects.filter(household=household).order_by("-month")[:months])[::-1]


def attendance_rate(household) -> float | None:
    rows = Attendance.objects.filter(household=household).aggregate(total=Count("id"),
                                                                    present=Count("id", filter=Q(present=True)))
    return rows["present"] / rows["total"] if rows["total"] else None


@dataclass
class ChecklistItem:
    key: str
    met: bool
    detail: str = ""


def site_of(household):
    """The site a household lives (or lived) in; the first site otherwise."""
    occupancy = Occupancy.objects.filter(household=household).select_related("unit__building__site").order_by(
        "-allocated_on", "-id").first()
    return occupancy.unit.building.site if occupancy else default_site()


@dataclass
class GraduationSettings:
    income: Decimal = Decimal("1500000")
    income_months: int = 3
    attendance_pct: int = 75
    trainings: int = 1


def graduation_settings(site) -> GraduationSettings:
    """The site's thresholds (edited on the site's graduation screen); the 2016 values without a site."""
    if site is None:
        return GraduationSettings()
    return GraduationSettings(site.graduation_income, site.graduation_income_months, site.graduation_attendance_pct,
                              site.graduation_trainings)


def graduation_checklist(household, settings: GraduationSettings | None = None) -> list[ChecklistItem]:
    """What a household needs to graduate to independent housing; each item from the records."""
    settings = settings or graduation_settings(site_of(household))
    review = ProgressReview.objects.filter(household=household).order_by("-reviewed_on", "-id").first()
    months = settings.income_months
    incomes = list(MonthlyIncome.objects.filter(household=household).order_by("-month")[:months])
    rate = attendance_rate(household)
    stable = len(incomes) == months and all(i.amount >= settings.income for i in incomes)
    school = review is not None and review.children_in_school >= review.children_school_age
    items = [
        ChecklistItem("income", stable, f"{incomes[0].amount:,.0f}" if incomes else ""),
        ChecklistItem("documents", bool(review and review.has_ktp and review.has_kk and review.has_bpjs)),
        ChecklistItem("school", school, f"{review.children_in_school}/{review.children_school_age}" if review else ""),
        ChecklistItem("training", bool(review and review.trainings_completed >= settings.trainings)),
        ChecklistItem("mentoring", rate is not None and rate * 100 + 1e-9 >= settings.attendance_pct,
                      f"{rate:.0%}" if rate is not None else ""),
        ChecklistItem("savings", bool(review and review.has_savings)),
    ]
    return items


# ----------------------------------------------------------------------------------- program figures


def returned_to_street(site=None):
    """Ended occupancies whose household members were found on the street after moving out (outreach)."""
    from desaku.outreach.models import Encounter

    ended = Occupancy.objects.filter(status=OccupancyStatus.ENDED).exclude(end_reason=EndReason.DECEASED)
    if site is not None:
        ended = ended.filter(unit__building__site=site)
    found = []
    for occupancy in ended.only("id", "household_id", "ended_on"):
        if Encounter.objects.filter(person__household_memberships__household=occupancy.household_id,
                                    encountered_at__date__gt=occupancy.ended_on).exists():
            found.append(occupancy.pk)
    return found


def program_figures(site, today: date | None = None) -> dict:
    """Occupancy rate, graduated, expelled, returned to the street, average income, products sold."""
    today = today or timezone.localdate()
    units = Unit.objects.filter(building__site=site).count()
    occupancies = Occupancy.objects.filter(unit__building__site=site)
    living = occupancies.filter(status__in=LIVING).count()
    ended = occupancies.filter(status=OccupancyStatus.ENDED).values("end_reason").annotate(n=Count("id"))
    by_reason = {row["end_reason"]: row["n"] for row in ended}
    month = today.replace(day=1)
    last_month = (month - timedelta(days=1)).replace(day=1)
    living_households = occupancies.filter(status=OccupancyStatus.ACTIVE).values("household")
    incomes = MonthlyIncome.objects.filter(household__in=living_households, month=last_month)
    sales = Sale.objects.filter(product__enterprise__site=site).aggregate(
        sold=Sum("quantity"), revenue=Sum(F("quantity") * F("unit_price")))
    candidates = Candidate.objects.filter(round__site=site)
    return {
        "units": units, "living": living, "free": units - living,
        "occupancy_rate": round(100 * living / units) if units else 0,
        "graduated": by_reason.get(EndReason.GRADUATED, 0), "expelled": by_reason.get(EndReason.EXPELLED, 0),
        "moved_out": by_reason.get(EndReason.MOVED_OUT, 0), "deceased": by_reason.get(EndReason.DECEASED, 0),
        "returned_to_street": len(returned_to_street(site)),
        "average_income": incomes.aggregate(a=Avg("amount"))["a"], "income_month": last_month,
        "products_sold": sales["sold"] or 0, "revenue": sales["revenue"] or 0,
        "candidates": candidates.count(),
        "accepted": candidates.filter(status=CandidateStatus.ACCEPTED).count(),
        "waiting": candidates.filter(status=CandidateStatus.WAITING).count(),
    }
