"""The filter of the production records list and its Excel export (by month, dates, enterprise, product)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from desaku.outreach.forms import ListFilter
from desaku.village.models import Enterprise, Product


class ProductionFilter(ListFilter):
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), required=False, queryset=Enterprise.objects.none())
    product = forms.ModelChoiceField(label=_("Product"), required=False, queryset=Product.objects.none())
    date_field = "produced_on"

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.order_by("name")
        self.fields["product"].queryset = Product.objects.select_related("enterprise").order_by("name")

    def narrow(self, queryset, values):
        if "enterprise" in values:
            queryset = queryset.filter(product__enterprise=values["enterprise"])
        if "product" in values:
            queryset = queryset.filter(product=values["product"])
        return queryset

    def describe(self) -> str:
        return ", ".join(f"{k}={v:%Y-%m}" if k == "month" else f"{k}={getattr(v, 'pk', v)}"
                         for k, v in self.values().items())
