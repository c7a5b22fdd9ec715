"""Input and output shapes of the people-registry API. Rules live in people.services, not here."""

import re
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from desaku.core.models import PPKSCategory, Region
from desaku.people import identity, selectors
from desaku.people.models import Classification, Household, HouseholdMembership, Person, Relationship
from desaku.people.nik import check_nik, check_no_kk
from desaku.people.permissions import can_see_sensitive
from desaku.people.services import nik_of

KOTA_MALANG_PREFIX = "35.73."
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


def _may_see_health(serializer) -> bool:
    user = _user(serializer)
    return user is not None and can_see_sensitive(user)


# ------------------------------------------------------------------------------------------ fields



def validated_no_kk(value: str) -> str:
    """A No KK checked structurally (field error otherwise); empty stays empty."""
    if not value:
        return ""
    check = check_no_kk(value)
    if check.errors:
        raise serializers.ValidationError(check.errors)
    return check.number

class RealDateField(serializers.DateField):
    """A date that says "does not exist" for 2026-02-30 instead of DRF's "wrong format"."""

    default_error_messages = {"impossible": _("This date does not exist.")}

    def to_internal_value(self, value):
        if isinstance(value, str) and (m := _ISO_DATE.match(value)):
            try:
                date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                self.fail("impossible")
        return super().to_internal_value(value)


class PastDateField(RealDateField):
    default_error_messages = {"future": _("This date is in the future.")}

    def to_internal_value(self, value):
        value = super().to_internal_value(value)
        if value > timezone.localdate():
            self.fail("future")
        return value


@extend_schema_field(OpenApiTypes.STR)
class RegionCodeField(serializers.RelatedField):
    """A Kemendagri region by its code ("35.73.03.1012"); ``kota_malang_kelurahan`` narrows it."""

    default_error_messages = {
        "unknown": _("Unknown region code: {code}."),
        "not_kelurahan": _("{code} is not a kelurahan of Kota Malang."),
        "not_village": _("{code} is not a kelurahan or desa."),
        "incorrect_type": _("A region code is a string such as 35.73.03.1012."),
    }

    def __init__(self, *, kota_malang_kelurahan=False, village=False, **kwargs):
        self.kota_malang_kelurahan, self.village = kota_malang_kelurahan, village
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Region.objects.filter(active=True))
        super().__init__(**kwargs)

    def use_pk_only_optimization(self):
        return True

    def to_internal_value(self, data):
        if not isinstance(data, str | int):
            self.fail("incorrect_type")
        code = str(data).strip()
        region = self.get_queryset().filter(pk=code).first()
        if region is None:
            self.fail("unknown", code=code)
        if self.kota_malang_kelurahan and not (region.level == 4 and code.startswith(KOTA_MALANG_PREFIX)):
            self.fail("not_kelurahan", code=code)
        if self.village and region.level != 4:
            self.fail("not_village", code=code)
        return region

    def to_representation(self, value):
        return value.pk


class AliasNamesField(serializers.ListField):
    """Alias names as a list of strings (the alias kind and note stay in the UI)."""

    child = serializers.CharField(max_length=150, allow_blank=True)  # blank entries are dropped

    def to_representation(self, data):
        return [alias.name for alias in data.all()]


# ----------------------------------------------------------------------------------------- outputs


class PersonSummarySerializer(serializers.ModelSerializer):
    """The short form used in duplicate candidates and household members.

    A protected child whose identity the user may not see (people.identity) comes masked: initials, no NIK,
    ``identity_hidden`` true.
    """

    registration_number = serializers.CharField(read_only=True)
    identity_hidden = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "registration_number", "full_name", "sex", "birth_year", "nik_masked", "identity_hidden"]
        read_only_fields = fields

    def get_identity_hidden(self, person) -> bool:
        return bool(getattr(person, "identity_hidden", False))


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class DuplicateItemSerializer(serializers.Serializer):
    person = PersonSummarySerializer()
    score = serializers.FloatField(min_value=0.0, max_value=1.0)
    reasons = ReasonSerializer(many=True)


class DuplicateListSerializer(serializers.Serializer):
    """Possible duplicates, best first; ``hidden_count`` counts likely matches outside your scope."""

    detail = serializers.CharField(required=False)
    results = DuplicateItemSerializer(many=True)
    hidden_count = serializers.IntegerField()


def duplicate_payload(report) -> dict:
    items = [{"person": PersonSummarySerializer(person).data,
              "score": round(min(max(float(score), 0.0), 1.0), 3),
              "reasons": reasons}
             for person, score, reasons in report.matches]
    return {"results": items, "hidden_count": report.hidden_count}


class ClassificationSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    assessed_by = serializers.CharField(source="assessed_by.get_username", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Classification
        fields = ["id", "person", "category", "category_name", "valid_from", "valid_to", "is_current",
                  "assessed_by", "evidence"]
        read_only_fields = fields


# ------------------------------------------------------------------------------------------ person

# Write-only switches and identity numbers: not person fields, handed to the service separately.
NON_PERSON_FIELDS = ("aliases", "nik", "no_kk", "confirm_new", "confirm_warnings", "reason")


class PersonSerializer(serializers.ModelSerializer):
    """A person. ``nik`` is write-only; it is returned only by a retrieve with ``?reveal_nik=1``.

    ``chronic_illness`` is for roles that may see health details (as in the UI): it is left out of the answer
    for other roles, and sending it is refused with a 400 field error (not silently dropped, so the client
    knows it was not saved)."""

    registration_number = serializers.CharField(read_only=True)
    aliases = AliasNamesField(required=False, help_text=_("Names the person is also known by (on create)."))
    birth_date = PastDateField(required=False, allow_null=True)
    age_estimated_on = PastDateField(required=False, allow_null=True)
    date_of_death = PastDateField(required=False, allow_null=True)
    origin_region = RegionCodeField(required=False, allow_null=True,
                                    help_text=_("Kemendagri code of the area of origin (any region)."))
    domicile_kelurahan = RegionCodeField(required=False, allow_null=True, kota_malang_kelurahan=True,
                                         help_text=_("Kemendagri code of a kelurahan in Kota Malang."))
    nik = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=30,
                                help_text=_("16 digits; an empty string removes it."))
    no_kk = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=30)
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    classifications = serializers.SerializerMethodField()
    confirm_new = serializers.BooleanField(
        write_only=True, required=False,
        help_text=_("Create even though possible duplicates were found (the decision is logged)."))
    confirm_warnings = serializers.BooleanField(
        write_only=True, required=False, help_text=_("Accept NIK / No KK warnings (unknown region, mismatch)."))
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=250,
                                   help_text=_("Why the record is created or changed (audit trail)."))

    class Meta:
        model = Person
        fields = [
            "id", "registration_number", "full_name", "aliases", "name_quality", "sex", "birth_date",
            "birth_date_quality", "birth_year", "estimated_age", "age_estimated_on", "birthplace",
            "mother_name", "religion", "education", "marital_status", "occupation", "phone",
            "physical_description", "distinguishing_marks", "origin_region", "no_fixed_abode",
            "domicile_kelurahan", "domicile_rt", "domicile_rw", "domicile_address", "chronic_illness",
            "date_of_death", "nik", "nik_masked", "no_kk", "no_kk_masked", "organisation", "created_at",
            "classifications", "confirm_new", "confirm_warnings", "reason",
        ]
        read_only_fields = ["nik_masked", "no_kk_masked", "created_at"]

    def validate_chronic_illness(self, value):
        # Health details are for roles that need them, as in the UI (people.forms.SENSITIVE_FIELDS).
        if not _may_see_health(self):
            raise serializers.ValidationError(_("Your role may not record health details."))
        return value

    def validate_nik(self, value):
        if not value:
            return ""
        check = check_nik(value)  # structure only; warnings need the whole record (service)
        if check.errors:
            raise serializers.ValidationError(check.errors)
        return check.number

    def validate_no_kk(self, value):
        return validated_no_kk(value)

    def validate_aliases(self, value):
        names = [" ".join(name.split()) for name in value]
        names = [name for name in names if name]
        if self.instance is not None:
            # Aliases are given at registration; later changes go through the person page.
            current = sorted(a.name.casefold() for a in self.instance.aliases.all())
            if sorted(n.casefold() for n in names) != current:
                raise serializers.ValidationError(_("Aliases can only be given when the person is created."))
        return names

    @extend_schema_field(ClassificationSerializer(many=True))
    def get_classifications(self, person):
        items = getattr(person, "visible_classifications", None)
        if items is None:
            items = selectors.classifications_visible_to(_user(self), person.classifications.all())
        return ClassificationSerializer(items, many=True).data

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not _may_see_health(self):
            data.pop("chronic_illness", None)
        if self.context.get("reveal_nik"):
            data["nik"] = nik_of(instance) or None
        return data

    def split(self) -> tuple[dict, dict]:
        """(person fields for the service, the rest: aliases, numbers, confirmations, reason)."""
        data = dict(self.validated_data)
        extra = {name: data.pop(name) for name in NON_PERSON_FIELDS if name in data}
        return data, extra


class LinkRegistrationSerializer(serializers.Serializer):
    entered_name = serializers.CharField(max_length=150, help_text=_("The name as entered at registration."))
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    add_alias = serializers.BooleanField(required=False, default=True,
                                         help_text=_("Keep the entered spelling as an alias."))


# --------------------------------------------------------------------------------- classifications


class ClassifySerializer(serializers.Serializer):
    category = serializers.SlugRelatedField(slug_field="code", queryset=PPKSCategory.objects.filter(active=True),
                                            help_text=_('PPKS category code, e.g. "PPKS-04".'))
    valid_from = PastDateField()
    valid_to = RealDateField(required=False, allow_null=True, default=None)
    evidence = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_category(self, category):
        from desaku.people.permissions import can_see_sensitive

        if category.is_sensitive and not can_see_sensitive(_user(self)):
            raise serializers.ValidationError(_("Your role may not record this category."))
        return category


class EndSerializer(serializers.Serializer):
    end_date = RealDateField(required=False, help_text=_("Defaults to today."))
    reason = serializers.CharField(max_length=200)

    def validate(self, attrs):
        attrs.setdefault("end_date", timezone.localdate())
        return attrs


class EndClassificationSerializer(serializers.Serializer):
    valid_to = RealDateField(required=False, help_text=_("Defaults to today."))
    reason = serializers.CharField(max_length=250)

    def validate(self, attrs):
        attrs.setdefault("valid_to", timezone.localdate())
        return attrs


# -------------------------------------------------------------------------------------- households


class MembershipSerializer(serializers.ModelSerializer):
    person = serializers.SerializerMethodField()
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = HouseholdMembership
        fields = ["id", "household", "person", "relationship", "start_date", "end_date", "end_reason",
                  "is_current"]
        read_only_fields = fields

    @extend_schema_field(PersonSummarySerializer(allow_null=True))
    def get_person(self, membership):
        # Members outside the user's scope are listed without their identity; a protected child masked.
        visible = self.context.get("visible_person_ids")
        if visible is not None and membership.person_id not in visible:
            return None
        hidden = self.context.get("hidden_person_ids")
        if hidden is None:
            hidden = identity.hidden_ids(_user(self), [membership.person_id])
        person = membership.person
        if person.pk in hidden and not getattr(person, "identity_hidden", False):
            identity.mask(person)
        return PersonSummarySerializer(person).data

    def get_is_current(self, membership) -> bool:
        return membership.end_date is None


class HouseholdSerializer(serializers.ModelSerializer):
    kelurahan = RegionCodeField(read_only=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = Household
        fields = ["id", "no_kk_masked", "kelurahan", "address", "rt", "rw", "welfare_decile", "organisation",
                  "created_at", "members"]
        read_only_fields = fields

    @extend_schema_field(MembershipSerializer(many=True))
    def get_members(self, household):
        memberships = list(household.memberships.all())
        visible = self.context.get("visible_person_ids")  # a list view computes it once per page
        if visible is None:
            visible = visible_person_ids(_user(self), [household])
        hidden = self.context.get("hidden_person_ids")
        if hidden is None:
            hidden = identity.hidden_ids(_user(self), [m.person_id for m in memberships])
        return MembershipSerializer(memberships, many=True, context={
            **self.context, "visible_person_ids": visible, "hidden_person_ids": hidden}).data


def visible_person_ids(user, households) -> set[int]:
    ids = {m.person_id for household in households for m in household.memberships.all()}
    return set(selectors.persons_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def hidden_person_ids(user, households) -> set[int]:
    """Members whose identity the user may not see (protected children), for a page of households at once."""
    return identity.hidden_ids(user, {m.person_id for household in households for m in household.memberships.all()})


@extend_schema_field(OpenApiTypes.INT)
class _VisiblePersonField(serializers.PrimaryKeyRelatedField):
    """A person id the user may see; any other id reads as "does not exist"."""

    def get_queryset(self):
        user = getattr(self.context.get("request"), "user", None)
        if user is None:
            return Person.objects.none()
        return selectors.persons_visible_to(user)


class HouseholdCreateSerializer(serializers.Serializer):
    head = _VisiblePersonField(help_text=_("Id of the person who heads the household."))
    no_kk = serializers.CharField(required=False, allow_blank=True, default="", max_length=30)
    kelurahan = RegionCodeField(required=False, allow_null=True, default=None, village=True)
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)
    rt = serializers.CharField(required=False, allow_blank=True, default="", max_length=3)
    rw = serializers.CharField(required=False, allow_blank=True, default="", max_length=3)
    welfare_decile = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                              max_value=10)
    start_date = PastDateField(required=False, allow_null=True, default=None)
    confirm_warnings = serializers.BooleanField(required=False, default=False)

    def validate_no_kk(self, value):
        return validated_no_kk(value)


class AddMemberSerializer(serializers.Serializer):
    person = _VisiblePersonField()
    relationship = serializers.ChoiceField(choices=Relationship.choices)
    start_date = PastDateField(required=False, allow_null=True, default=None)
