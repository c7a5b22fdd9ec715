"""A person's own records over REST: aliases, disabilities, photos and consent (nested under /persons/{id}/).

Thin callers of people.services, as the person page is. The person is loaded through the user's scope
(``selectors.person_for``: outside it, 404) and refused when the identity hook protects it from the user
(a child under protection: 403), exactly as the UI does. Reading needs a registry role, changes a
registering role (``RegistryPermission``). Files are checked by their content on upload
(``people.forms.checked_upload``) and only ever leave through ``core.files.serve_file``, which logs the read.
"""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from desaku.api.people_serializers import PastDateField, RealDateField
from desaku.api.people_views import ERRORS, RegistryPermission, _person_in_full
from desaku.core.files import extension, serve_file
from desaku.core.models import Organisation
from desaku.people import forms as people_forms
from desaku.people import services
from desaku.people.models import Alias, AliasKind, Consent, ConsentGiver, Disability, PersonPhoto

PERSON_PK = OpenApiParameter("person_pk", OpenApiTypes.INT, OpenApiParameter.PATH,
                             description="Id of the person (in your scope).")
REASON_PARAM = OpenApiParameter("reason", OpenApiTypes.STR, OpenApiParameter.QUERY, required=True,
                                description="Why the record is removed (audit trail); may also be sent in the body.")
FILE_RESPONSES = {(200, "application/octet-stream"): OpenApiResponse(
    OpenApiTypes.BINARY, description="The stored file (JPEG, PNG, WebP or PDF); the download is logged."),
    404: OpenApiResponse(description="No such record in your scope, or it has no file.")}


# ------------------------------------------------------------------------------------------ helpers


class FileRenderer(renderers.BaseRenderer):
    """Lets a client that asks for the file's type (``Accept: image/*``) reach a download action.

    The file itself is a FileResponse (never rendered); an error answer is still JSON."""

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | str):
            return data
        return json.dumps(data, ensure_ascii=False).encode()


def checked_file(upload, *, allow_pdf: bool):
    """``checked_upload`` for a serializer: the content decides the type, at most 5 MB, random name."""
    try:
        people_forms.checked_upload(upload, allow_pdf=allow_pdf)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc
    return upload


def file_download(request, person, field_file, *, detail: str):
    """Serve a person's file after the scope check; the read is logged against the person."""
    name = f'{person.registration_number}-{detail.replace(" ", "-")}.{extension(field_file)}'
    return serve_file(request, field_file, filename=name, content_types=people_forms.CONTENT_TYPES, record=person,
                      detail=f"{detail} (api)")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=250, help_text=_lazy("Why (audit trail)."))


def removal_reason(request) -> str:
    """The reason of a DELETE, from the body or from ``?reason=``; 400 when missing."""
    source = request.data if request.data else request.query_params
    serializer = ReasonSerializer(data={"reason": source.get("reason", "")})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data["reason"]


class PersonRecordViewSet(viewsets.GenericViewSet):
    """Base of the records nested under a person: the person comes through the scope (404) and the
    identity hook (403); the records are the person's own (another person's id reads as 404)."""

    permission_classes = [RegistryPermission]
    filter_backends = []
    pagination_class = None  # a person has a handful of each
    lookup_value_regex = r"[0-9]+"
    relation = ""  # the person's related manager

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication and the role check first (401/403)
        if not getattr(self, "swagger_fake_view", False):
            self.person  # noqa: B018 - then the scope (404) and the identity hook (403), before reading any input

    @property
    def person(self):
        if not hasattr(self, "_person"):
            self._person = _person_in_full(self.request.user, self.kwargs["person_pk"])
        return self._person

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return getattr(self.person, self.relation).all()

    def list(self, request, person_pk=None):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, person_pk=None, pk=None):
        return Response(self.get_serializer(self.get_object()).data)


# -------------------------------------------------------------------------------------------- aliases


class AliasSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=AliasKind.choices, default=AliasKind.NICKNAME)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    class Meta:
        model = Alias
        fields = ["id", "name", "kind", "note"]
        read_only_fields = ["id"]


@extend_schema(parameters=[PERSON_PK])
@extend_schema_view(
    list=extend_schema(summary="Other names of a person (aliases, earlier spellings)"),
    retrieve=extend_schema(summary="One alias of a person"),
    create=extend_schema(summary="Add another name to a person (the duplicate check then knows it)",
                         responses={201: AliasSerializer, 400: ERRORS}),
    destroy=extend_schema(summary="Remove another name of a person", parameters=[REASON_PARAM],
                          responses={204: None, 400: ERRORS}),
)
class AliasViewSet(PersonRecordViewSet):
    """Other names of a person (nicknames, street names, earlier spellings); the duplicate check uses them."""

    serializer_class = AliasSerializer
    queryset = Alias.objects.none()
    relation = "aliases"

    def create(self, request, person_pk=None):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        alias = services.add_alias(person=self.person, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(alias).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, person_pk=None, pk=None):
        alias = self.get_object()
        services.remove_alias(alias=alias, by=request.user, reason=removal_reason(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --------------------------------------------------------------------------------------- disabilities


class DisabilitySerializer(serializers.ModelSerializer):
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    needs_daily_help = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=250,
                                   help_text=_lazy("Why the record is changed (audit trail)."))

    class Meta:
        model = Disability
        fields = ["id", "type", "severity", "needs_daily_help", "note", "reason"]
        read_only_fields = ["id"]


@extend_schema(parameters=[PERSON_PK])
@extend_schema_view(
    list=extend_schema(summary="Disabilities of a person"),
    retrieve=extend_schema(summary="One disability of a person"),
    create=extend_schema(summary="Record a disability (type, severity, needs help with daily activities)",
                         responses={201: DisabilitySerializer, 400: ERRORS}),
    update=extend_schema(summary="Correct a disability", responses={200: DisabilitySerializer, 400: ERRORS}),
    partial_update=extend_schema(summary="Correct some fields of a disability",
                                 responses={200: DisabilitySerializer, 400: ERRORS}),
    destroy=extend_schema(summary="Remove a disability recorded in error", parameters=[REASON_PARAM],
                          responses={204: None, 400: ERRORS}),
)
class DisabilityViewSet(PersonRecordViewSet):
    """Disabilities of a person: type, severity (light, moderate, severe), needs help with daily activities."""

    serializer_class = DisabilitySerializer
    queryset = Disability.objects.none()
    relation = "disabilities"

    def create(self, request, person_pk=None):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("reason", None)
        disability = services.add_disability(person=self.person, by=request.user, **data)
        return Response(self.get_serializer(disability).data, status=status.HTTP_201_CREATED)

    def update(self, request, person_pk=None, pk=None, partial=False):
        disability = self.get_object()
        serializer = self.get_serializer(disability, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reason = data.pop("reason", "")
        services.update_disability(disability=disability, by=request.user, data=data, reason=reason)
        return Response(self.get_serializer(disability).data)

    def partial_update(self, request, person_pk=None, pk=None):
        return self.update(request, person_pk, pk, partial=True)

    def destroy(self, request, person_pk=None, pk=None):
        disability = self.get_object()
        services.remove_disability(disability=disability, by=request.user, reason=removal_reason(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --------------------------------------------------------------------------------------------- photos


class PhotoSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.get_username", read_only=True)
    image_url = serializers.SerializerMethodField(help_text=_lazy("Where to download the image (logged)."))

    class Meta:
        model = PersonPhoto
        fields = ["id", "person", "taken_on", "caption", "uploaded_by", "image_url"]
        read_only_fields = fields

    def get_image_url(self, photo) -> str:
        return reverse("person-photo-image", kwargs={"person_pk": photo.person_id, "pk": photo.pk})


class PhotoUploadSerializer(serializers.Serializer):
    image = serializers.FileField(help_text=_lazy("JPEG, PNG or WebP, checked by its content; at most 5 MB."))
    taken_on = PastDateField(help_text=_lazy("The day the photo was taken."))
    caption = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate_image(self, upload):
        return checked_file(upload, allow_pdf=False)


@extend_schema(parameters=[PERSON_PK])
@extend_schema_view(
    list=extend_schema(summary="Photos of a person, newest first"),
    retrieve=extend_schema(summary="One photo's details (the image is at image_url)"),
    create=extend_schema(summary="Upload a dated photo (multipart/form-data)",
                         request={"multipart/form-data": PhotoUploadSerializer},
                         responses={201: PhotoSerializer, 400: ERRORS}),
)
class PhotoViewSet(PersonRecordViewSet):
    """Dated photos of a person. Images are checked by their content and downloaded only through image/."""

    serializer_class = PhotoSerializer
    queryset = PersonPhoto.objects.none()
    relation = "photos"
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return super().get_queryset().select_related("uploaded_by")

    def create(self, request, person_pk=None):
        serializer = PhotoUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        photo = services.add_photo(person=self.person, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(photo).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Download a photo (the read is logged)", responses=FILE_RESPONSES)
    @action(detail=True, methods=["get"], renderer_classes=[renderers.JSONRenderer, FileRenderer])
    def image(self, request, person_pk=None, pk=None):
        photo = self.get_object()
        return file_download(request, self.person, photo.image, detail=f"photo {photo.pk}")


# -------------------------------------------------------------------------------------------- consent


class ConsentSerializer(serializers.ModelSerializer):
    shared_with = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    recorded_by = serializers.CharField(source="recorded_by.get_username", read_only=True)
    is_valid = serializers.SerializerMethodField(help_text=_lazy("Not withdrawn and not expired today."))
    scanned_form_url = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = ["id", "person", "given_by", "guardian_name", "guardian_relationship", "processing", "given_on",
                  "witness", "shared_with", "valid_until", "withdrawn_on", "is_valid", "recorded_by", "note",
                  "scanned_form_url"]
        read_only_fields = fields

    def get_is_valid(self, consent) -> bool:
        today = timezone.localdate()
        return consent.withdrawn_on is None and (consent.valid_until is None or consent.valid_until >= today)

    def get_scanned_form_url(self, consent) -> str | None:
        if not consent.scanned_form:
            return None
        return reverse("person-consent-form", kwargs={"person_pk": consent.person_id, "pk": consent.pk})


class ConsentInputSerializer(serializers.Serializer):
    given_by = serializers.ChoiceField(choices=ConsentGiver.choices, default=ConsentGiver.SELF)
    guardian_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    guardian_relationship = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    given_on = PastDateField()
    witness = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    processing = serializers.BooleanField(
        required=False, default=True,
        help_text=_lazy("Consents to the processing of their data; without it nobody may be named in shared_with."))
    shared_with = serializers.PrimaryKeyRelatedField(
        many=True, required=False, default=list, queryset=Organisation.objects.filter(active=True),
        help_text=_lazy("Ids of the partner organisations that may see the person while the consent is valid."))
    valid_until = RealDateField(required=False, allow_null=True, default=None)
    scanned_form = serializers.FileField(
        required=False, allow_null=True, default=None,
        help_text=_lazy("PDF or photo of the signed form, checked by its content; at most 5 MB."))
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")

    def validate_scanned_form(self, upload):
        return checked_file(upload, allow_pdf=True) if upload else None


class WithdrawConsentSerializer(serializers.Serializer):
    withdrawn_on = PastDateField(required=False, help_text=_lazy("Defaults to today."))
    reason = serializers.CharField(max_length=250)

    def validate(self, attrs):
        attrs.setdefault("withdrawn_on", timezone.localdate())
        consent = self.context["consent"]
        if attrs["withdrawn_on"] < consent.given_on:
            raise ValidationError({"withdrawn_on": _("The consent cannot be withdrawn before it was given.")})
        return attrs


@extend_schema(parameters=[PERSON_PK])
@extend_schema_view(
    list=extend_schema(summary="Consent records of a person, newest first"),
    retrieve=extend_schema(summary="One consent record"),
    create=extend_schema(
        summary="Record consent (JSON, or multipart/form-data with the scanned form)",
        request={"multipart/form-data": ConsentInputSerializer, "application/json": ConsentInputSerializer},
        responses={201: ConsentSerializer, 400: ERRORS}),
)
class ConsentViewSet(PersonRecordViewSet):
    """Consent for data processing and for sharing with named partners; a valid consent shares the person."""

    serializer_class = ConsentSerializer
    queryset = Consent.objects.none()
    relation = "consents"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return super().get_queryset().select_related("recorded_by").prefetch_related("shared_with")

    def create(self, request, person_pk=None):
        serializer = ConsentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        consent = services.record_consent(person=self.person, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Withdraw a consent (sharing based on it stops)", request=WithdrawConsentSerializer,
                   responses={200: ConsentSerializer, 400: ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, person_pk=None, pk=None):
        consent = self.get_object()
        if consent.withdrawn_on is not None:
            raise ValidationError({"withdrawn_on": _("This consent was already withdrawn.")})
        serializer = WithdrawConsentSerializer(data=request.data, context={"consent": consent})
        serializer.is_valid(raise_exception=True)
        services.withdraw_consent(consent=consent, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(consent).data)

    @extend_schema(summary="Download the scanned consent form (the read is logged)", responses=FILE_RESPONSES)
    @action(detail=True, methods=["get"], url_path="form", url_name="form",
            renderer_classes=[renderers.JSONRenderer, FileRenderer])
    def scanned_form(self, request, person_pk=None, pk=None):
        consent = self.get_object()
        return file_download(request, self.person, consent.scanned_form, detail=f"consent {consent.pk}")
