"""Reads of the village module, always through the user's scope.

A Pendamping sees only the households assigned to them (and their sessions); a Kemensos reviewer sees
only the candidate files sent to them. Program records (site, units, products) are not personal data.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
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
    if not consent_allows_naming(consent, on):
        return ""
    return product.producer.full_name


def consent_allows_naming(consent, on: date | None = None) -> bool:
    """A consent that names a producer publicly: covers processing, not withdrawn, not expired on the day."""
    on = on or timezone.localdate()
    return bool(consent.processing and not consent.withdrawn_on and not (consent.valid_until and
                                                                          consent.valid_until < on))


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
    # The registry's and the training app's records count beside the typed-in review (village/records.py).
    from desaku.village.records import household_records

    records = household_records(household)
    documents = ((records.has_ktp or bool(review and review.has_ktp))
                 and (records.has_kk or bool(review and review.has_kk))
                 and (records.bpjs_pbi or bool(review and review.has_bpjs)))
    trainings = max(records.trainings_completed, review.trainings_completed if review else 0)
    items = [
        ChecklistItem("income", stable, f"{incomes[0].amount:,.0f}" if incomes else ""),
        ChecklistItem("documents", documents),
        ChecklistItem("school", school, f"{review.children_in_school}/{review.children_school_age}" if review else ""),
        ChecklistItem("training", trainings >= settings.trainings, str(trainings)),
        ChecklistItem("mentoring", rate is not None and rate * 100 + 1e-9 >= settings.attendance_pct,
                      f"{rate:.0%}" if rate is not None else ""),
        ChecklistItem("savings", bool(review and review.has_savings)),
    ]
    return items


# ----------------------------------------------------------------------------------- program figures


def returned_to_street(site=None) -> list[int]:
    """Ended occupancies (not by death) of which someone who was a household member during the occupancy was
    found on the street (an outreach encounter) after it ended. One query.

    A member "during the occupancy" joined the household by its end and had not left before it began (the
    move-in, or the allocation when the household never moved in): a child who had left the family before
    the move-in, or someone who joined it later, does not count.
    """
    from desaku.outreach.models import Encounter

    ended = Occupancy.objects.filter(status=OccupancyStatus.ENDED, ended_on__isnull=False).exclude(
        end_reason=EndReason.DECEASED)
    if site is not None:
        ended = ended.filter(unit__building__site=site)
    ended = ended.annotate(began=Coalesce("move_in_date", "allocated_on"))
    # One filter() call, so that the membership conditions apply to the same membership row.
    found_later = Encounter.objects.filter(
        Q(person__household_memberships__end_date__isnull=True)
        | Q(person__household_memberships__end_date__gte=OuterRef("began")),
        person__household_memberships__household=OuterRef("household_id"),
        person__household_memberships__start_date__lte=OuterRef("ended_on"),
        encountered_at__date__gt=OuterRef("ended_on"))
    return list(ended.filter(Exists(found_later)).order_by("pk").values_list("pk", flat=True))


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
    by_status = dict(candidates.order_by().values("status").annotate(n=Count("id")).values_list("status", "n"))
    return {
        "units": units, "living": living, "free": units - living,
        "occupancy_rate": round(100 * living / units) if units else 0,
        "graduated": by_reason.get(EndReason.GRADUATED, 0), "expelled": by_reason.get(EndReason.EXPELLED, 0),
        "moved_out": by_reason.get(EndReason.MOVED_OUT, 0), "deceased": by_reason.get(EndReason.DECEASED, 0),
        "returned_to_street": len(returned_to_street(site)),
        "average_income": incomes.aggregate(a=Avg("amount"))["a"], "income_month": last_month,
        "products_sold": sales["sold"] or 0, "revenue": sales["revenue"] or 0,
        "candidates": sum(by_status.values()),
        # Places of the quotas taken: accepted households that have not left (a replacement from the waiting
        # list takes the place a household that left freed, so this never exceeds the quotas).
        "accepted": by_status.get(CandidateStatus.ACCEPTED, 0),
        "exited": by_status.get(CandidateStatus.EXITED, 0),
        "waiting": by_status.get(CandidateStatus.WAITING, 0),
    }
