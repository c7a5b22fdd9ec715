"""What the other records already say about a household's documents and trainings (issue 6 §7): the registry's
identity numbers (NIK of the head and spouse for the KTP, the household's KK number), the training app's completed
enrolments of its current members, and an approved BPJS PBI recommendation (aid) — the registry keeps no BPJS
number. The progress review form is prefilled from them and the graduation checklist counts them beside the
typed-in review (docs/decisions.md, "Progress reviews and the records")."""

from dataclasses import dataclass

from desaku.people.models import Relationship


@dataclass(frozen=True)
class HouseholdRecords:
    adults: int                 # current head and spouse(s)
    adults_with_nik: int
    has_kk: bool                # the household's KK number is in the registry
    trainings_completed: int    # completed training enrolments of the current members
    bpjs_pbi: bool              # an approved BPJS PBI recommendation for a current member

    @property
    def has_ktp(self) -> bool:
        return self.adults > 0 and self.adults_with_nik == self.adults

    def review_initial(self) -> dict:
        """The progress review form's prefill."""
        return {"has_ktp": self.has_ktp, "has_kk": self.has_kk, "has_bpjs": self.bpjs_pbi,
                "trainings_completed": self.trainings_completed}


def household_records(household) -> HouseholdRecords:
    """Four small queries."""
    from desaku.aid.models import RecommendationRequest, RequestKind, RequestStatus
    from desaku.training.models import Enrolment, EnrolmentStatus

    current = household.memberships.filter(end_date__isnull=True, person__merged_into__isnull=True)
    adults = list(current.filter(relationship__in=(Relationship.HEAD, Relationship.SPOUSE)).values_list(
        "person__nik_hash", flat=True))
    members = current.values("person_id")
    return HouseholdRecords(
        adults=len(adults), adults_with_nik=sum(1 for nik in adults if nik), has_kk=bool(household.no_kk_hash),
        trainings_completed=Enrolment.objects.filter(person__in=members, status=EnrolmentStatus.COMPLETED).count(),
        bpjs_pbi=RecommendationRequest.objects.filter(person__in=members, kind=RequestKind.BPJS_PBI,
                                                      status=RequestStatus.APPROVED).exists())
