"""The demo village's 2016 round after the four expulsions and their replacements: the expelled households
have left the round, the places taken never exceed the quota, and the round can still be edited (closed)."""

import random

import pytest

from desaku.core import demo


@pytest.mark.django_db
def test_the_demo_round_stays_within_its_quota_and_editable(settings, tmp_path):
    from desaku.village import services, services_program
    from desaku.village.models import CandidateStatus, Occupancy, SelectionRound

    settings.MEDIA_ROOT = tmp_path
    ctx = demo.DemoContext(rng=random.Random(2016), out=lambda line: None, size=0.3)
    seeders = dict(demo.seeders())
    for name in ("core", "people", "outreach"):
        if name in seeders:
            seeders[name](ctx)
    seeders["village"](ctx)
    expelled = Occupancy.objects.filter(end_reason="expelled")
    assert expelled.exists()
    assert all(o.candidate.status == CandidateStatus.EXITED and o.candidate.exit_reason == "expelled"
               for o in expelled.select_related("candidate"))
    from desaku.core.models import Role, User

    kabid = User.objects.filter(groups__name=Role.KEPALA_BIDANG, is_active=True).first()
    assert kabid is not None
    for selection in SelectionRound.objects.all():
        assert services.places_taken(selection) <= selection.quota
        closed = services_program.save_round(site=selection.site, by=kabid, selection=selection,
                                             name=selection.name, year=selection.year, quota=selection.quota,
                                             opened_on=selection.opened_on, closed=True)
        assert closed.closed
