"""The person page is a hub: apps contribute sections and timeline events through these hooks.

``register_section(provider)``: ``provider(person, user) -> Section | None``, rendered in order.
``register_events(provider)``: ``provider(person, user) -> list[Event]``, merged into one timeline.
``register_household_section(provider)``: ``provider(household, user) -> Section | None``, rendered on the
household page (e.g. the household's cases).
Providers must apply the user's scope to what they show.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

_SECTIONS: list[tuple[int, Callable]] = []
_EVENTS: list[Callable] = []
_HOUSEHOLD_SECTIONS: list[tuple[int, Callable]] = []


@dataclass
class Section:
    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass
class Event:
    when: date | datetime
    title: str
    detail: str = ""
    url: str = ""
    icon: str = "point"
    source: str = ""

    @property
    def sort_key(self):
        when = self.when
        return (when.date() if isinstance(when, datetime) else when, str(self.title))


def register_section(provider: Callable, order: int = 100) -> Callable:
    if all(p is not provider for _, p in _SECTIONS):
        _SECTIONS.append((order, provider))
        _SECTIONS.sort(key=lambda item: item[0])
    return provider


def register_events(provider: Callable) -> Callable:
    if provider not in _EVENTS:
        _EVENTS.append(provider)
    return provider


def sections_for(person, user) -> list[Section]:
    found = [provider(person, user) for _, provider in _SECTIONS]
    return sorted((s for s in found if s is not None), key=lambda s: s.order)


def events_for(person, user) -> list[Event]:
    events = [event for provider in _EVENTS for event in provider(person, user)]
    return sorted(events, key=lambda e: e.sort_key, reverse=True)


def register_household_section(provider: Callable, order: int = 100) -> Callable:
    if all(p is not provider for _, p in _HOUSEHOLD_SECTIONS):
        _HOUSEHOLD_SECTIONS.append((order, provider))
        _HOUSEHOLD_SECTIONS.sort(key=lambda item: item[0])
    return provider


def household_sections_for(household, user) -> list[Section]:
    found = [provider(household, user) for _, provider in _HOUSEHOLD_SECTIONS]
    return sorted((s for s in found if s is not None), key=lambda s: s.order)
