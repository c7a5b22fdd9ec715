"""The dashboard's filter form: period (whole months), place, PPKS category, organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from desaku.core.models import Organisation, PPKSCategory, Region
from desaku.outreach.forms import MonthField
from desaku.people.forms import style
from desaku.reports.figures import Filters, month_end, month_start
from desaku.reports.filtering import may_see_sensitive

MAX_MONTHS = 36


class DashboardFilter(forms.Form):
    start = MonthField(label=_("From month"), required=False)
    end = MonthField(label=_("To month"), required=False)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    kelurahan = forms.ChoiceField(label=_("Kelurahan"), required=False)
    category = forms.ChoiceField(label=_("PPKS category"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data if data else None, **kwargs)
        self.user = user
        regions = Region.objects.filter(code__startswith="35.73.", level__in=(3, 4)).order_by("code")
        self.fields["kecamatan"].choices = [("", _("All kecamatan"))] + [
            (r.code, r.name) for r in regions if r.level == 3]
        self.fields["kelurahan"].choices = [("", _("All kelurahan"))] + [
            (r.code, r.name) for r in regions if r.level == 4]
        categories = PPKSCategory.objects.filter(active=True)
        if not may_see_sensitive(user):
            categories = categories.exclude(is_sensitive=True)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (str(c.pk), f"{c.code} {c.short_name or c.name}") for c in categories]
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (str(o.pk), str(o)) for o in Organisation.objects.filter(active=True)]
        style(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end is before the start."))
        elif start and end and (end.year * 12 + end.month) - (start.year * 12 + start.month) >= MAX_MONTHS:
            self.add_error("end", _("Choose at most 36 months."))
        return data

    def filters(self) -> Filters:
        """The chosen filters; the default (last twelve months) where the form is empty or invalid."""
        default = Filters.default()
        if not self.is_bound or not self.is_valid():
            return default
        data = self.cleaned_data
        start = data.get("start") or default.start
        end = month_end(data.get("end") or month_start(default.end))
        if end < start:
            start, end = default.start, default.end
        kelurahan = data.get("kelurahan") or ""
        kecamatan = data.get("kecamatan") or ""
        if kelurahan and kecamatan and not kelurahan.startswith(kecamatan + "."):
            kelurahan = ""
        return Filters(start=start, end=end, kecamatan=kecamatan, kelurahan=kelurahan,
                       category=int(data["category"]) if data.get("category") else None,
                       organisation=int(data["organisation"]) if data.get("organisation") else None)
