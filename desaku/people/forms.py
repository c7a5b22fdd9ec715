"""Forms of the registry UI. They check the shape of the input; the rules live in services.py."""

from uuid import uuid4

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from desaku.core.models import Organisation, PPKSCategory, Region
from desaku.people.models import (
    AliasKind,
    ConsentGiver,
    DisabilityType,
    Person,
    Relationship,
    Severity,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
CONTENT_TYPES = dict(IMAGE_FORMATS.values()) | {"pdf": "application/pdf"}

# Identity fields of the registration and edit forms, in the order they are shown.
REGISTER_FIELDS = (
    "full_name", "name_quality", "sex", "birth_date_quality", "birth_date", "birth_year", "estimated_age",
    "birthplace", "mother_name", "origin_region", "no_fixed_abode", "domicile_kelurahan", "domicile_rt",
    "domicile_rw", "domicile_address", "religion", "education", "marital_status", "occupation", "phone",
    "physical_description", "distinguishing_marks", "chronic_illness",
)
EDIT_FIELDS = REGISTER_FIELDS + ("date_of_death",)
# Health details are for roles that need them (permissions.SENSITIVE_READERS).
SENSITIVE_FIELDS = ("chronic_illness",)
# What the live duplicate check sends: never the NIK (it would end up in URLs and server logs).
LIVE_CHECK_FIELDS = ("full_name", "sex", "birth_date", "birth_year", "estimated_age", "mother_name",
                     "origin_region", "aliases")


# ------------------------------------------------------------------------------------------ helpers


def style(form) -> None:
    """Tabler classes on every widget, and a test id so browser tests need no translated text."""
    for name, field in form.fields.items():
        widget = field.widget
        widget.attrs.setdefault("data-testid", f"field-{name}")
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.HiddenInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, initial=None, help_text=""):
    return forms.DateField(label=label, required=required, initial=initial, widget=DateInput(),
                           help_text=help_text)


def number_field(label, help_text=""):
    return forms.CharField(label=label, required=False, max_length=30, help_text=help_text, widget=forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}))


def checked_upload(upload, *, allow_pdf: bool) -> str:
    """Check an uploaded file by its content (not its name); give it a random name. Returns the extension."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="too_large")
    head = upload.read(5)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        if not allow_pdf:
            raise ValidationError(_("Upload a photo (JPEG, PNG or WebP)."), code="invalid_type")
        ext = "pdf"
    else:
        from PIL import Image

        try:
            with Image.open(upload) as image:
                kind = image.format
                image.verify()
        except Exception as exc:  # Pillow raises many kinds for broken or hostile files
            raise ValidationError(_("The file is not a readable image or PDF."), code="invalid_type") from exc
        finally:
            upload.seek(0)
        if kind not in IMAGE_FORMATS:
            raise ValidationError(_("Only JPEG, PNG or WebP images and PDF files are accepted."),
                                  code="invalid_type")
        ext = IMAGE_FORMATS[kind][0]
    upload.name = f"{uuid4().hex}.{ext}"  # never keep the client's file name (paths, personal names)
    return ext


def origin_region_choices():
    """Provinces with their regencies/cities, plus Kota Malang's kecamatan and kelurahan."""
    regions = (Region.objects.filter(active=True, level__lte=2)
               | Region.objects.filter(active=True, code__startswith="35.73.")).select_related("parent")
    groups, current = [], None
    for region in regions.order_by("code"):
        if region.level == 1:
            current = (region.name, [(region.code, region.name)])
            groups.append(current)
            continue
        label = region.name if region.level == 2 else f"{region.display_name}, {region.parent.display_name}"
        if current is None:
            groups.append(("", [(region.code, label)]))
        else:
            current[1].append((region.code, label))
    return [("", _("Unknown or not asked"))] + groups


class RegionField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=origin_region_choices, **kwargs)

    def clean(self, value):
        code = super().clean(value)
        return Region.objects.filter(pk=code).first() if code else None


class KelurahanField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        queryset = Region.objects.filter(level=4, code__startswith="35.73.", active=True).select_related("parent")
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.parent.display_name})" if obj.parent_id else obj.display_name


def _not_in_future(value, message):
    if value and value > timezone.localdate():
        raise ValidationError(message, code="future")
    return value


# ----------------------------------------------------------------------------------- person forms


class PersonForm(forms.Form):
    """The identity fields of a person, built from the model so labels and choices stay in one place."""

    field_names = REGISTER_FIELDS

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from desaku.people.permissions import can_see_sensitive

        names = [n for n in self.field_names if n not in SENSITIVE_FIELDS or (user and can_see_sensitive(user))]
        model_fields = fields_for_model(Person, fields=[n for n in names if n not in ("origin_region",
                                                                                      "domicile_kelurahan")])
        built = {}
        for name in names:
            if name == "origin_region":
                built[name] = RegionField(label=capfirst(Person._meta.get_field(name).verbose_name), required=False)
            elif name == "domicile_kelurahan":
                built[name] = KelurahanField(label=capfirst(Person._meta.get_field(name).verbose_name),
                                             required=False)
            else:
                built[name] = model_fields[name]
        # Extra fields (NIK, aliases…) declared on subclasses follow the identity fields.
        extra = {k: v for k, v in self.fields.items() if k not in built}
        self.fields = {**built, **extra}
        f = self.fields
        f["full_name"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "words"})
        f["full_name"].help_text = _("As the person gives it. Street name or 'Tanpa nama' if unknown.")
        for name in ("birth_date", "date_of_death"):
            if name in f:
                f[name].widget = DateInput()
        f["birth_year"].widget.attrs.update({"inputmode": "numeric", "min": 1900, "max": timezone.localdate().year})
        f["birth_year"].help_text = _("If only the year is known.")
        f["estimated_age"].widget.attrs.update({"inputmode": "numeric", "min": 0, "max": 120})
        f["estimated_age"].help_text = _("If the age is only estimated (today).")
        f["origin_region"].help_text = _("Daerah asal: the province or city the person comes from.")
        f["no_fixed_abode"].help_text = _("Tidak punya tempat tinggal tetap.")
        for name in ("domicile_rt", "domicile_rw"):
            f[name].widget.attrs.update({"inputmode": "numeric", "maxlength": 3})
        f["phone"].widget.attrs.update({"inputmode": "tel", "type": "tel"})
        for name in ("physical_description", "distinguishing_marks", "chronic_illness"):
            if name in f:
                f[name].widget.attrs["rows"] = 2
        style(self)

    def clean_birth_date(self):
        return _not_in_future(self.cleaned_data.get("birth_date"), _("The birth date is in the future."))

    def clean_date_of_death(self):
        return _not_in_future(self.cleaned_data.get("date_of_death"), _("The date of death is in the future."))

    def person_data(self, *, previous_age=None) -> dict:
        """The cleaned identity fields, as ``services.register_person``/``update_person`` take them."""
        data = {name: self.cleaned_data.get(name) for name in self.field_names if name in self.fields}
        if data.get("estimated_age") is not None and data.get("estimated_age") != previous_age:
            data["age_estimated_on"] = timezone.localdate()
        return data


class RegisterForm(PersonForm):
    nik = number_field(_("NIK"), _("16 digits, from the KTP or family card. Leave empty if unknown."))
    no_kk = number_field(_("No KK (family card number)"))
    aliases = forms.CharField(label=_("Other names"), required=False, max_length=500,
                              help_text=_("Nicknames, street names, other spellings; separate with commas."))
    confirm_warnings = forms.BooleanField(label=_("I checked the number; save anyway"), required=False)

    def enable_live_check(self, url: str) -> None:
        """Ask the server for likely duplicates while the worker types (htmx; the form works without it)."""
        names = [n for n in LIVE_CHECK_FIELDS if n in self.fields]
        include = ",".join(f"[name='{n}']" for n in names)
        for name in names:
            widget = self.fields[name].widget
            trigger = "change" if isinstance(widget, forms.Select) else "input changed delay:500ms, change"
            widget.attrs.update({"hx-get": url, "hx-trigger": trigger, "hx-target": "#live-duplicates",
                                 "hx-include": include, "hx-sync": "closest form:replace"})

    def alias_list(self) -> list[str]:
        raw = self.cleaned_data.get("aliases") or ""
        return [a.strip() for a in raw.split(",") if a.strip()]


class EditPersonForm(PersonForm):
    field_names = EDIT_FIELDS
    nik = number_field(_("New NIK"), _("Leave empty to keep the current number."))
    clear_nik = forms.BooleanField(label=_("Remove the NIK (it was wrong)"), required=False)
    no_kk = number_field(_("New No KK"), _("Leave empty to keep the current number."))
    clear_no_kk = forms.BooleanField(label=_("Remove the No KK"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=250)
    confirm_warnings = forms.BooleanField(label=_("I checked the number; save anyway"), required=False)

    def numbers(self) -> dict:
        """NIK/KK arguments for update_person: None keeps the number, "" removes it."""
        out = {}
        for name in ("nik", "no_kk"):
            value = self.cleaned_data.get(name) or ""
            out[name] = "" if self.cleaned_data.get(f"clear_{name}") else (value or None)
        return out


class DuplicateCheckForm(forms.Form):
    """The few fields the live duplicate check reads while the worker types (all optional, lenient)."""

    full_name = forms.CharField(required=False, max_length=150)
    sex = forms.CharField(required=False, max_length=1)
    birth_date = forms.DateField(required=False)
    birth_year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    estimated_age = forms.IntegerField(required=False, min_value=0, max_value=120)
    mother_name = forms.CharField(required=False, max_length=150)
    origin_region = forms.CharField(required=False, max_length=13)
    aliases = forms.CharField(required=False, max_length=500)

    def check_data(self):
        """(data, aliases) for ``selectors.duplicate_report``; fields that do not parse are ignored."""
        self.is_valid()
        c = self.cleaned_data
        birth_year = c.get("birth_year")
        if not birth_year and c.get("birth_date"):
            birth_year = c["birth_date"].year
        if not birth_year and c.get("estimated_age") is not None:
            birth_year = timezone.localdate().year - c["estimated_age"]
        data = {"full_name": " ".join((c.get("full_name") or "").split()), "sex": c.get("sex") or "",
                "birth_date": c.get("birth_date"), "birth_year": birth_year,
                "birth_date_quality": "exact" if c.get("birth_date") else ("approximate" if birth_year else "unknown"),
                "mother_name": c.get("mother_name") or "", "origin_region": c.get("origin_region") or ""}
        aliases = [a.strip() for a in (c.get("aliases") or "").split(",") if a.strip()]
        return data, aliases


# ----------------------------------------------------------------------------- person page forms


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class AliasForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=AliasKind.choices, initial=AliasKind.NICKNAME)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=250)


class PhotoForm(StyledForm):
    image = forms.FileField(label=_("Photo"), widget=forms.ClearableFileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp"}), help_text=_("JPEG, PNG or WebP, at most 5 MB."))
    taken_on = date_field(_("Taken on"), initial=timezone.localdate)
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        checked_upload(upload, allow_pdf=False)
        return upload

    def clean_taken_on(self):
        taken_on = self.cleaned_data["taken_on"]
        if taken_on > timezone.localdate():
            raise ValidationError(_("The date is in the future."))
        return taken_on


class DisabilityForm(StyledForm):
    type = forms.ChoiceField(label=_("Type"), choices=DisabilityType.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    needs_daily_help = forms.BooleanField(label=_("Needs help with daily activities"), required=False)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class ClassificationForm(StyledForm):
    category = forms.ModelChoiceField(label=_("PPKS category"), queryset=PPKSCategory.objects.none())
    valid_from = date_field(_("From"), initial=timezone.localdate)
    valid_to = date_field(_("Until"), required=False, help_text=_("Leave empty while it still applies."))
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("What the assessment is based on (observation, letter, referral)."))

    def __init__(self, *args, sensitive: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        categories = PPKSCategory.objects.filter(active=True)
        if not sensitive:
            categories = categories.filter(is_sensitive=False)
        self.fields["category"].queryset = categories


class EndClassificationForm(StyledForm):
    valid_to = date_field(_("Until"), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=250)


class ConsentForm(StyledForm):
    given_by = forms.ChoiceField(label=_("Given by"), choices=ConsentGiver.choices, initial=ConsentGiver.SELF)
    guardian_name = forms.CharField(label=_("Guardian's name"), max_length=150, required=False)
    guardian_relationship = forms.CharField(label=_("Guardian's relationship"), max_length=60, required=False)
    given_on = date_field(_("Date"), initial=timezone.localdate)
    witness = forms.CharField(label=_("Witness"), max_length=150, required=False)
    processing = forms.BooleanField(
        label=_("Consents to the processing of their data"), required=False, initial=True,
        help_text=_("Without it the record is shared with no partner organisation."))
    shared_with = forms.ModelMultipleChoiceField(
        label=_("May be shared with"), required=False, queryset=Organisation.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input me-2"}),
        help_text=_("Partner organisations that may see this person's record while the consent (including "
                    "consent to processing) is valid."))
    valid_until = date_field(_("Valid until"), required=False)
    scanned_form = forms.FileField(label=_("Scanned form"), required=False, widget=forms.ClearableFileInput(
        attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
        help_text=_("PDF or photo of the signed form, at most 5 MB."))
    note = forms.CharField(label=_("Note"), max_length=250, required=False)

    def clean_scanned_form(self):
        upload = self.cleaned_data.get("scanned_form")
        if upload:
            checked_upload(upload, allow_pdf=True)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("shared_with") and not cleaned.get("processing"):
            self.add_error("shared_with", _("Sharing with partners needs consent to data processing: tick it, or "
                                            "share with nobody."))
        return cleaned


class WithdrawConsentForm(StyledForm):
    withdrawn_on = date_field(_("Withdrawn on"), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=250)


# -------------------------------------------------------------------------------------- households


class HouseholdForm(StyledForm):
    no_kk = number_field(_("No KK (family card number)"))
    kelurahan = KelurahanField(label=_("Kelurahan"), required=False)
    address = forms.CharField(label=_("Address"), max_length=250, required=False)
    rt = forms.CharField(label=_("RT"), max_length=3, required=False, widget=forms.TextInput(
        attrs={"inputmode": "numeric"}))
    rw = forms.CharField(label=_("RW"), max_length=3, required=False, widget=forms.TextInput(
        attrs={"inputmode": "numeric"}))
    welfare_decile = forms.IntegerField(label=_("Welfare decile (DTKS/DTSEN)"), required=False, min_value=1,
                                        max_value=10)
    start_date = date_field(_("Head since"), required=False, initial=timezone.localdate)
    confirm_warnings = forms.BooleanField(label=_("I checked the number; save anyway"), required=False)


class AddMemberForm(StyledForm):
    person = forms.IntegerField(widget=forms.HiddenInput)
    relationship = forms.ChoiceField(label=_("Relationship to the head"),
                                     choices=[c for c in Relationship.choices if c[0] != Relationship.HEAD])
    start_date = date_field(_("Member since"), initial=timezone.localdate)


class EndMembershipForm(StyledForm):
    end_date = date_field(_("Left on"), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason for leaving"), max_length=200,
                             help_text=_("For example: married and moved, new family card, died."))


class ChangeKKForm(StyledForm):
    no_kk = number_field(_("New No KK"), _("Leave empty if the family has no card now."))
    reason = forms.CharField(label=_("Reason"), max_length=250)
    confirm_warnings = forms.BooleanField(label=_("I checked the number; save anyway"), required=False)


# -------------------------------------------------------------------------------------------- merge


class MergeForm(StyledForm):
    survivor = forms.ChoiceField(label=_("Record to keep"),
                                 widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Why these two records are the same person."))

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [(str(p.pk), f"{p.registration_number} {p.full_name}") for p in persons]
