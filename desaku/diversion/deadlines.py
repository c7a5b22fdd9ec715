"""Statutory deadlines of a stage, computed from the DeadlineRule configuration (never hard-coded here)."""

from dataclasses import dataclass
from datetime import date, timedelta

from desaku.diversion.models import DIVERSION_EVENTS, DeadlineRule, Event, Stage


def add_days(start: date, days: int, *, working_days: bool = False) -> date:
    """`days` calendar days after `start`; with working_days, count Monday–Friday only (weekends skipped)."""
    if not working_days:
        return start + timedelta(days=days)
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


class State:
    DONE = "done"
    LATE = "done_late"
    OVERDUE = "overdue"
    TODAY = "today"
    NEAR = "near"
    PENDING = "pending"


@dataclass
class Deadline:
    stage: Stage
    rule: DeadlineRule
    due_on: date
    done_on: date | None
    state: str
    today: date

    @property
    def event(self) -> str:
        return self.rule.event

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days


def _rules():
    return list(DeadlineRule.objects.filter(active=True))


def state_of(due_on: date, done_on: date | None, today: date, warn_days: int) -> str:
    if done_on is not None:
        return State.LATE if done_on > due_on else State.DONE
    if today > due_on:
        return State.OVERDUE
    if today == due_on:
        return State.TODAY
    if (due_on - today).days <= warn_days:
        return State.NEAR
    return State.PENDING


def deadlines_for(stage: Stage, today: date, rules=None) -> list[Deadline]:
    """The deadlines of a stage whose starting event has a date. Diversion deadlines only where diversion is
    attempted; a stage that ended without agreement (failed, stopped, no diversion) has no open deadlines."""
    rules = _rules() if rules is None else rules
    abh = stage.abh
    found = []
    for rule in rules:
        if rule.stage != stage.kind:
            continue
        if rule.event in DIVERSION_EVENTS and not abh.diversion_mandatory:
            continue
        base = getattr(stage, rule.after, None)
        if base is None:
            continue
        done_on = getattr(stage, rule.event, None)
        if done_on is None and (stage.outcome not in ("pending", "agreement") or abh.stopped_on):
            continue  # the stage is over: nothing left to chase
        due_on = add_days(base, rule.days, working_days=rule.working_days)
        deadline = Deadline(stage=stage, rule=rule, due_on=due_on, done_on=done_on,
                            state=state_of(due_on, done_on, today, rule.warn_days), today=today)
        found.append(deadline)
    return sorted(found, key=lambda d: (d.due_on, d.rule.pk))


def open_deadlines(stages, today: date) -> list[Deadline]:
    rules = _rules()
    result = [d for stage in stages for d in deadlines_for(stage, today, rules) if d.is_open]
    return sorted(result, key=lambda d: (d.due_on, d.stage.pk))


EVENT_LABELS = dict(Event.choices)
