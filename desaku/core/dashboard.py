"""Home dashboard cards. Each app registers a provider: ``provider(user) -> list[Card]``; the
provider must count only what the user's scope allows."""

from collections.abc import Callable
from dataclasses import dataclass

_PROVIDERS: list[tuple[int, Callable]] = []


@dataclass
class Card:
    title: str
    value: int | str
    icon: str = "list-check"
    url: str | None = None
    hint: str = ""
    color: str = "primary"


def register(provider: Callable, order: int = 100) -> Callable:
    _PROVIDERS.append((order, provider))
    _PROVIDERS.sort(key=lambda item: item[0])
    return provider


def cards_for(user) -> list[Card]:
    cards: list[Card] = []
    for _order, provider in _PROVIDERS:
        cards.extend(provider(user))
    return cards
