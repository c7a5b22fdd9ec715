"""Whether a user with scope "organisation" may read the summary: the (user, organisation) pairs precomputed
by the refresh, plus the records created or changed since (docs/measures.md, "Performance")."""

from datetime import date

from django.core.cache import cache

from desaku.outreach import services
from desaku.reports import summaries
from desaku.reports.figures import Filters
from desaku.reports.models import ReportReach
from desaku.reports.tests.helpers import at, found, person

Q1 = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31))


def _operation(by, day=date(2025, 1, 5)):
    return services.create_operation(by=by, kind="patrol", started_at=at(day, 19), place="Pasar Besar")


def _full_check(user):
    """The check over the whole tables (what the precomputed path must agree with)."""
    return summaries._tied_outside(user, None)


def test_the_refresh_stores_each_users_organisations(actors):
    kabid, lks = actors["kabid"], actors["lks_a"]
    found(person(actors["operator"], "Sarmi"), actors["operator"], date(2025, 1, 5))
    theirs = _operation(lks)
    services.record_encounter(operation=theirs, by=kabid, person=person(lks, "Tukul"), activity="begging",
                              outcome="counselled", encountered_at=at(date(2025, 1, 5), 20))
    summaries.refresh()
    pairs = set(ReportReach.objects.values_list("user_id", "organisation_id"))
    assert (actors["operator"].pk, actors["operator"].organisation_id) in pairs
    assert (kabid.pk, lks.organisation_id) in pairs  # the encounter kabid recorded in the LKS's operation
    assert summaries.source(Q1, kabid) is None
    assert summaries.source(Q1, actors["operator"]) is not None
    for user in (kabid, lks, actors["operator"], actors["lks_b"]):
        done = summaries.latest()
        assert summaries._tied_outside(user, done) == _full_check(user), user


def test_a_record_after_the_refresh_outside_the_organisation_makes_source_live(actors):
    kabid, lks = actors["kabid"], actors["lks_a"]
    found(person(actors["operator"], "Sarmi"), actors["operator"], date(2025, 1, 5))
    summaries.refresh()
    assert summaries.source(Q1, kabid) is not None
    cache.clear()  # the answer is cached per user for ten minutes
    services.record_encounter(operation=_operation(lks), by=kabid, person=person(lks, "Tukul"), activity="begging",
                              outcome="counselled", encountered_at=at(date(2025, 2, 1), 20))
    assert not ReportReach.objects.filter(user_id=kabid.pk).exclude(organisation_id=kabid.organisation_id).exists()
    assert summaries.source(Q1, kabid) is None


def test_a_record_moved_to_another_organisation_after_the_refresh_makes_source_live(actors):
    kabid, lks = actors["kabid"], actors["lks_a"]
    operation = _operation(kabid)
    summaries.refresh()
    assert summaries.source(Q1, kabid) is not None
    cache.clear()
    operation.organisation = lks.organisation  # an existing record, changed (its history row is newer)
    operation.save()
    assert summaries.source(Q1, kabid) is None


def test_many_changes_since_the_refresh_check_the_whole_tables(actors, monkeypatch):
    kabid, lks = actors["kabid"], actors["lks_a"]
    summaries.refresh()
    operation = _operation(kabid)
    done = summaries.latest()
    assert summaries._tied_outside(kabid, done) is False
    operation.organisation = lks.organisation
    operation.save()
    cache.clear()
    monkeypatch.setattr(summaries, "CHANGED_LIMIT", 0)
    assert summaries._changed_since(done) is None
    assert summaries._tied_outside(kabid, done) is True


def test_a_person_shared_by_consent_is_still_checked_live(actors):
    from desaku.people.models import Consent

    kabid, lks = actors["kabid"], actors["lks_a"]
    theirs = person(lks, "Wati")
    summaries.refresh()
    assert summaries.source(Q1, kabid) is not None
    cache.clear()
    consent = Consent.objects.create(person=theirs, given_on=date(2025, 1, 1), recorded_by=lks)
    consent.shared_with.set([kabid.organisation])
    assert summaries.source(Q1, kabid) is None
