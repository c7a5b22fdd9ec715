"""Access cases of the village's operations API (api_operations.py, api_livelihood.py, api_editing.py) and the
mentor-assignment end page, appended to test_access.MATRIX and run against its world: the living household
(unit 01A, moved in, allocated by the operator, the mentor assigned) and the waiting household offered unit 02A.

Records a detail route reads are made by ``setup`` (before every request), so the world stays as it is.
"""

from datetime import date

from django.urls import reverse

from desaku.core.testing import AccessCase
from desaku.people.models import Household
from desaku.village import services
from desaku.village.models import (
    InventoryItem,
    MentorAssignment,
    Occupancy,
    Offer,
    Product,
    ResidenceCheck,
    ResidenceWarning,
    Unit,
)
from desaku.village.tests.helpers import FULL, nominated, site

READERS = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "lks_a", "lks_b", "pendamping", "auditor"})
MANAGERS = frozenset({"admin", "kabid", "peksos", "operator"})
MENTORS = MANAGERS | {"lks_a", "lks_b", "pendamping"}
# The living household's records: the Dinas and its mentor (the Peksos and the LKS do not see the household).
READ_OCCUPANCY = frozenset({"admin", "kadis", "kabid", "operator", "auditor", "pendamping"})
MANAGE_OCCUPANCY = frozenset({"admin", "kabid", "operator"})
# The waiting household's offer: its candidate file's readers among the village readers (the Peksos made the
# initial selection with LKS A).
READ_OFFER = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "auditor", "lks_a"})


def _api(path):
    return lambda a, c: "/api/v1/" + path.format(**c)


def _occupancy(context):
    return Occupancy.objects.get(pk=context["occupancy"])


def _check(actors, context):
    check = ResidenceCheck(occupancy=_occupancy(context), checked_on=date(2017, 1, 3), checked_by=actors["operator"])
    check.save_with_reason(by=actors["operator"])
    context["check"] = check.pk


def _warning(actors, context):
    warning = ResidenceWarning.objects.filter(occupancy=context["occupancy"]).first()
    if warning is None:
        warning = ResidenceWarning(occupancy=_occupancy(context), level=1, issued_on=date(2017, 2, 1), reason="uji",
                                   issued_by=actors["operator"])
        warning.save_with_reason(by=actors["operator"])
    context["warning"] = warning.pk


def _assignment(actors, context):
    """The mentor's (Pendamping's) current assignment to the living household."""
    context["assignment"] = MentorAssignment.objects.get(mentor=actors["pendamping"], household=context["household"],
                                                         ended_on__isnull=True).pk


def _other_assignment(actors, context):
    """LKS B accompanying the living household too: ending it consumes it, so a new one when needed."""
    household = Household.objects.get(pk=context["household"])
    assignment = MentorAssignment.objects.filter(mentor=actors["lks_b"], household=household,
                                                 ended_on__isnull=True).first()
    if assignment is None:
        assignment = services.assign_mentor(mentor=actors["lks_b"], household=household, by=actors["kabid"],
                                            on=date(2017, 1, 1))
    context["other_assignment"] = assignment.pk


def _fresh_offer(actors, context):
    """Declining consumes an offer: a new waiting household offered a free unit for every request."""
    context["n_offer"] = context.get("n_offer", 0) + 1
    candidate = nominated(context["round_obj"], actors["operator"], name=f"Tunggu Baru {context['n_offer']}",
                          birth_year=1930 + context["n_offer"])
    services.initial_selection(candidate=candidate, by=actors["peksos"], lks=actors["lks_a"].organisation,
                               checklist=FULL, passed=True, reviewer=actors["kemensos"])
    services.final_selection(candidate=candidate, by=actors["kemensos"], decision="waiting", reasons="kuota")
    unit = Unit.objects.filter(building__site=site()).exclude(occupancies__status__in=("allocated", "active")).exclude(
        offers__status="open").order_by("-id").first()
    offer = Offer(unit=unit, candidate=candidate, offered_on=date(2017, 6, 1))
    offer.save_with_reason(by=actors["operator"])
    context["fresh_offer"] = offer.pk


def _production(actors, context):
    record = services.record_production(product=Product.objects.get(pk=context["product"]), by=actors["operator"],
                                        produced_on=date(2017, 1, 5), quantity=10)
    context["production"] = record.pk


def _income(actors, context):
    income = services.record_income(household=Household.objects.get(pk=context["household"]), by=actors["operator"],
                                    month=date(2017, 1, 1), amount=900000)
    context["income"] = income.pk


def _review(actors, context):
    review = services.record_review(household=Household.objects.get(pk=context["household"]), by=actors["operator"],
                                    reviewed_on=date(2017, 3, 1), has_ktp=True)
    context["review"] = review.pk


def _utility(actors, context):
    payment = services.record_utility(site=site(), by=actors["operator"], kind="water", month=date(2017, 1, 1),
                                      amount=150000, paid_on=date(2017, 1, 20))
    context["utility"] = payment.pk


def _inventory_check(actors, context):
    check = services.check_inventory(item=InventoryItem.objects.get(pk=context["item"]), by=actors["operator"],
                                     condition="good", on=date(2017, 1, 5))
    context["inventory_check"] = check.pk


OPERATIONS_CASES = [
    # ------------------------------------------------------------------------------------------- reads
    AccessCase("api residence checks", _api("village-residence-checks/?household={household}"), READERS, api=True,
               url_names=("village-residence-check-list",), notes="the list holds only checks within scope"),
    AccessCase("api residence check", _api("village-residence-checks/{check}/"), READ_OCCUPANCY, api=True,
               setup=_check, url_names=("village-residence-check-detail",)),
    AccessCase("api warnings", _api("village-warnings/"), READERS, api=True, url_names=("village-warning-list",)),
    AccessCase("api warning", _api("village-warnings/{warning}/"), READ_OCCUPANCY, api=True, setup=_warning,
               url_names=("village-warning-detail",)),
    AccessCase("api agreement PDF", _api("village-occupancies/{occupancy}/agreement/"), READ_OCCUPANCY, api=True,
               url_names=("village-occupancy-agreement",)),
    AccessCase("api offers", _api("village-offers/?status=open"), READERS, api=True, url_names=("village-offer-list",)),
    AccessCase("api offer", _api("village-offers/{offer}/"), READ_OFFER, api=True,
               url_names=("village-offer-detail",), notes="the offer's candidate file readers"),
    AccessCase("api mentor assignments", _api("village-mentor-assignments/?current=true"), READERS, api=True,
               url_names=("village-mentor-assignment-list",)),
    AccessCase("api mentor assignment", _api("village-mentor-assignments/{assignment}/"), READ_OCCUPANCY, api=True,
               setup=_assignment, url_names=("village-mentor-assignment-detail",)),
    AccessCase("end assignment form", lambda a, c: reverse("village:end_assignment", args=[c["assignment"]]),
               MANAGE_OCCUPANCY, setup=_assignment, url_names=("village:end_assignment",),
               notes="the Peksos manages but does not see the household: 404"),
    AccessCase("api production", _api("village-production/?product={product}"), READERS, api=True,
               url_names=("village-production-list",)),
    AccessCase("api production record", _api("village-production/{production}/"), READERS, api=True,
               setup=_production, url_names=("village-production-detail",), notes="program figures"),
    AccessCase("api incomes", _api("village-incomes/?month=2017-01"), READERS, api=True,
               url_names=("village-income-list",)),
    AccessCase("api income", _api("village-incomes/{income}/"), READ_OCCUPANCY, api=True, setup=_income,
               url_names=("village-income-detail",)),
    AccessCase("api reviews", _api("village-reviews/"), READERS, api=True, url_names=("village-review-list",)),
    AccessCase("api review", _api("village-reviews/{review}/"), READ_OCCUPANCY, api=True, setup=_review,
               url_names=("village-review-detail",)),
    AccessCase("api progress list", _api("village-progress/"), READERS, api=True,
               url_names=("village-progress-list",)),
    AccessCase("api progress", _api("village-progress/{household}/"), READ_OCCUPANCY, api=True,
               url_names=("village-progress-detail",)),
    AccessCase("api utilities", _api("village-utilities/?site={site}"), READERS, api=True,
               url_names=("village-utility-list",)),
    AccessCase("api utility", _api("village-utilities/{utility}/"), READERS, api=True, setup=_utility,
               url_names=("village-utility-detail",)),
    AccessCase("api inventory checks", _api("village-inventory-checks/?unit={unit}"), READERS, api=True,
               url_names=("village-inventory-check-list",)),
    AccessCase("api inventory check", _api("village-inventory-checks/{inventory_check}/"), READERS, api=True,
               setup=_inventory_check, url_names=("village-inventory-check-detail",)),
    # ------------------------------------------------------------------------------------------ writes
    AccessCase("api record a residence check", _api("village-residence-checks/"), MENTORS, api=True, method="post",
               ok_status=(201, 400), data=lambda a, c: {"occupancy": c["occupancy"], "checked_on": "2017-01-10"},
               notes="400 for a writer who cannot see the occupancy (the Peksos, the LKS)"),
    AccessCase("api issue a warning", _api("village-warnings/"), MANAGERS, api=True, method="post",
               ok_status=(201, 400), data=lambda a, c: {"occupancy": c["occupancy"], "reason": "Jarang di rumah"},
               notes="SP1–SP3 for the three who see the occupancy; 400 for the Peksos (not in scope)"),
    AccessCase("api issue the agreement", _api("village-occupancies/{occupancy}/agreement/"), MANAGE_OCCUPANCY,
               api=True, method="post", ok_status=(200,), notes="issued already: the same letter (200)"),
    AccessCase("api accept an offer", _api("village-offers/{offer}/accept/"), MANAGERS, api=True, method="post",
               ok_status=(201, 400), url_names=("village-offer-accept",),
               notes="the first takes the unit; the others get 400 (answered)"),
    AccessCase("api decline an offer", _api("village-offers/{fresh_offer}/decline/"), MANAGERS, api=True,
               method="post", ok_status=(200,), setup=_fresh_offer, url_names=("village-offer-decline",),
               data={"note": "Pindah ke rumah saudara"}),
    AccessCase("api assign a mentor", _api("village-mentor-assignments/"), MANAGERS, api=True, method="post",
               ok_status=(201, 400), data=lambda a, c: {"mentor": a["lks_a"].pk, "household": c["household"]},
               notes="the first assigns; then 400 (assigned already, or the Peksos cannot see the household)"),
    AccessCase("api end an assignment", _api("village-mentor-assignments/{other_assignment}/end/"),
               MANAGE_OCCUPANCY, api=True, method="post", ok_status=(200,), setup=_other_assignment,
               url_names=("village-mentor-assignment-end",), data={"reason": "Masa tugas selesai"}),
    AccessCase("end an assignment (page)", lambda a, c: reverse("village:end_assignment", args=[
        c["other_assignment"]]), MANAGE_OCCUPANCY, method="post", ok_status=(302,), setup=_other_assignment,
               data={"ended_on": "2017-06-30", "reason": "Masa tugas selesai"}),
    AccessCase("api record production", _api("village-production/"), MENTORS, api=True, method="post",
               ok_status=(201,), data=lambda a, c: {"product": c["product"], "produced_on": "2017-01-06",
                                                    "quantity": 25}),
    AccessCase("api record income", _api("village-incomes/"), MENTORS, api=True, method="post",
               ok_status=(200, 201, 400), data=lambda a, c: {"household": c["household"], "month": "2017-02",
                                                             "amount": "1100000"},
               notes="201 the first, 200 a correction; 400 for who cannot see the household"),
    AccessCase("api record a review", _api("village-reviews/"), MENTORS, api=True, method="post",
               ok_status=(201, 400), data=lambda a, c: {"household": c["household"], "reviewed_on": "2017-04-01",
                                                        "children_school_age": 2, "children_in_school": 2}),
    AccessCase("api record a utility", _api("village-utilities/"), MANAGERS, api=True, method="post",
               ok_status=(201,), data=lambda a, c: {"site": c["site"], "kind": "electricity", "month": "2017-02",
                                                    "amount": "450000", "paid_on": "2017-02-20"}),
    AccessCase("api record an inventory check", _api("village-inventory-checks/"), MANAGERS, api=True,
               method="post", ok_status=(201,), data=lambda a, c: {"item": c["item"], "condition": "minor",
                                                                   "checked_on": "2017-02-01"}),
    AccessCase("api edit a unit", _api("village-units/{unit}/"), MANAGERS, api=True, method="patch",
               ok_status=(200,), data={"condition": "minor", "reason": "Atap bocor"}),
    AccessCase("api add a product", _api("village-products/"), MANAGERS, api=True, method="post", ok_status=(201,),
               data=lambda a, c: {"enterprise": c["enterprise"], "name": "Bros Kain", "price": "12000"}),
    AccessCase("api edit a product", _api("village-products/{product}/"), MANAGERS, api=True, method="patch",
               ok_status=(200,), data={"price": "80000"}),
]
