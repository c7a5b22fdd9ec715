"""Demo data registry: each app registers a seeder; ``manage.py seed_demo`` runs them in order.

A seeder is ``seeder(ctx)`` where ``ctx`` is a DemoContext (deterministic random generator, the
demo users by username, the organisations by short key, and ``out`` to print progress). Seeders
must be idempotent: running seed_demo twice leaves one copy of everything.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

_SEEDERS: list[tuple[int, str, Callable]] = []

DEMO_PASSWORD = "Desaku-demo-2026"


@dataclass
class DemoContext:
    rng: random.Random
    out: Callable[[str], None]
    users: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    size: float = 1.0  # scale factor for the amount of generated data


def register(name: str, order: int = 100):
    def wrap(func):
        if name not in {n for _, n, _ in _SEEDERS}:
            _SEEDERS.append((order, name, func))
            _SEEDERS.sort(key=lambda item: item[0])
        return func

    return wrap


def seeders():
    return [(name, func) for _, name, func in _SEEDERS]
