from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@lru_cache(maxsize=256)
def _icon_svg(name: str) -> str:
    path = settings.TABLER_ICONS_DIR / f"{name}.svg"
    try:
        svg = path.read_text()
    except OSError:
        return ""
    # Drop the licence comment and size the icon like Tabler's own markup.
    svg = svg[svg.find("<svg"):]
    return svg.replace('class="icon', 'aria-hidden="true" class="icon', 1)


@register.simple_tag
def icon(name: str) -> str:
    """Inline a Tabler icon (from the npm package @tabler/icons): {% icon "home" %}."""
    return mark_safe(_icon_svg(name))  # noqa: S308 (file from our own installed package)


@register.filter
def rupiah(value) -> str:
    """1200000 → "Rp1.200.000" (Indonesian grouping, no decimals unless there are cents)."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    places = 0 if amount == amount.to_integral_value() else 2
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{number_format(abs(amount), decimal_pos=places, use_l10n=True, force_grouping=True)}"


@register.filter
def masked(value, visible: int = 4) -> str:
    """Show only the last ``visible`` characters: "3573********0001" style masking."""
    text = str(value or "")
    if len(text) <= visible:
        return text
    return text[:4] + "*" * (len(text) - 4 - visible) + text[-visible:] if len(text) > 8 else "*" * len(text)


@register.simple_tag(takes_context=True)
def nav_active(context, *prefixes) -> str:
    path = context["request"].path
    return "active" if any(path.startswith(p) for p in prefixes) else ""


@register.simple_tag
def badge(text, color="secondary"):
    return format_html('<span class="badge bg-{}-lt">{}</span>', color, text)
