"""Daily jobs. Apps register functions ``job(today) -> int`` (how many notices/records they made);
``manage.py run_daily_jobs`` (cron, once a day) runs them, or enqueues them as a background task."""

from collections.abc import Callable
from datetime import date

_DAILY: dict[str, Callable[[date], int]] = {}


def daily(name: str):
    def wrap(func):
        _DAILY[name] = func
        return func

    return wrap


def daily_jobs() -> dict[str, Callable[[date], int]]:
    return dict(_DAILY)


def run_daily(today: date, only: str | None = None) -> dict[str, int]:
    return {name: job(today) for name, job in _DAILY.items() if only is None or only == name}
