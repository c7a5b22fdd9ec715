"""The registry's own parts of the person page, registered through the same hooks other apps use."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.people import selectors, timeline
from desaku.people.forms import AliasForm
from desaku.people.permissions import can_merge, can_register, can_see_sensitive


def _section(key, title, order, **context):
    return timeline.Section(key=key, title=title, template=f"people/sections/{key}.html", context=context,
                            order=order)


def identity(person, user):
    return _section("identity", _("Identity"), 10, person=person, can_edit=can_register(user),
                    age=person.age_on(timezone.localdate()), show_health=can_see_sensitive(user))


def aliases(person, user):
    return _section("aliases", _("Other names"), 20, person=person, aliases=person.aliases.all(),
                    can_edit=can_register(user), form=AliasForm(auto_id="alias_%s"))


def household(person, user):
    memberships = list(person.household_memberships.select_related("household").order_by("-start_date"))
    current = next((m for m in memberships if m.end_date is None), None)
    members = []
    if current is not None:
        others = list(current.household.memberships.filter(end_date__isnull=True).select_related("person"))
        visible = set(selectors.persons_visible_to(user).filter(pk__in=[m.person_id for m in others])
                      .values_list("pk", flat=True))
        members = [(m, m.person_id in visible) for m in others]
    return _section("household", _("Household"), 30, person=person, current=current, members=members,
                    past=[m for m in memberships if m.end_date is not None], can_edit=can_register(user))


def classifications(person, user):
    items = list(selectors.classifications_visible_to(user, person.classifications.all()))
    return _section("classifications", _("PPKS classifications"), 40, person=person,
                    current=[c for c in items if c.valid_to is None],
                    past=[c for c in items if c.valid_to is not None], can_edit=can_register(user))


def disabilities(person, user):
    return _section("disabilities", _("Disabilities"), 50, person=person, items=person.disabilities.all(),
                    can_edit=can_register(user))


def photos(person, user):
    return _section("photos", _("Photos"), 60, person=person, items=person.photos.all()[:12],
                    can_edit=can_register(user))


def consent(person, user):
    items = person.consents.prefetch_related("shared_with").select_related("recorded_by")
    return _section("consent", _("Consent"), 70, person=person, items=items, can_edit=can_register(user),
                    today=timezone.localdate())


def registry(person, user):
    return _section("registry", _("Duplicate decisions and merges"), 80, person=person,
                    decisions=person.duplicate_decisions.select_related("decided_by")[:20],
                    merges=selectors.merges_visible_to(user).filter(survivor=person),
                    can_merge=can_merge(user))


def events(person, user):
    """The registry's own entries in the person's timeline."""
    url = reverse("people:detail", args=[person.pk])
    out = [timeline.Event(person.created_at, _("Registered"), detail=str(person.organisation), url=url,
                          icon="user-plus", source="people")]
    for item in selectors.classifications_visible_to(user, person.classifications.all()):
        out.append(timeline.Event(item.valid_from, _("PPKS classification: %(name)s") % {"name": item.category.name},
                                  url=f"{url}#classifications", icon="tags", source="people"))
        if item.valid_to:
            out.append(timeline.Event(item.valid_to, _("PPKS classification ended: %(name)s") % {
                "name": item.category.name}, url=f"{url}#classifications", icon="tags", source="people"))
    for m in person.household_memberships.select_related("household"):
        link = reverse("people:household_detail", args=[m.household_id])
        out.append(timeline.Event(m.start_date, _("Joined a household as %(rel)s") % {
            "rel": m.get_relationship_display()}, url=link, icon="home", source="people"))
        if m.end_date:
            out.append(timeline.Event(m.end_date, _("Left the household"), detail=m.end_reason, url=link,
                                      icon="home", source="people"))
    for c in person.consents.all():
        out.append(timeline.Event(c.given_on, _("Consent recorded"), url=f"{url}#consent", icon="file-certificate",
                                  source="people"))
        if c.withdrawn_on:
            out.append(timeline.Event(c.withdrawn_on, _("Consent withdrawn"), url=f"{url}#consent",
                                      icon="file-certificate", source="people"))
    if person.date_of_death:
        out.append(timeline.Event(person.date_of_death, _("Died"), icon="flower", source="people"))
    return out


for _provider in (identity, aliases, household, classifications, disabilities, photos, consent, registry):
    timeline.register_section(_provider, order=0)
timeline.register_events(events)
