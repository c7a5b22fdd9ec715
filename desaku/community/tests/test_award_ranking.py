"""Weighted ranking, its documented tie-breaks, the 0–100 range, conflicts of interest, and the lock."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desaku.community import services
from desaku.community.models import AwardScore, RoundStatus
from desaku.community.tests.helpers import award_round, group, score_all


def _by_name(r):
    return {e.group.name: e for e in r.entries.select_related("group")}


@pytest.mark.django_db
def test_the_weighted_score_is_the_weighted_mean_of_the_jurors(actors):
    op = actors["operator"]
    r = award_round(op, groups=1, jurors=2)
    entry = r.entries.get()
    k1, k2, k3 = r.criteria.all()  # 40, 35, 25
    j1, j2 = r.jurors.all()
    services.record_scores(juror=j1, by=op, scores=[(entry, k1, 80), (entry, k2, 70), (entry, k3, 60)])
    services.record_scores(juror=j2, by=op, scores=[(entry, k1, 90), (entry, k2, 60), (entry, k3, 61)])
    [row] = services.ranking(r)
    # 85×0.40 + 65×0.35 + 60.5×0.25 = 34 + 22.75 + 15.125
    assert row.total == Decimal("71.875") and row.missing == 0


@pytest.mark.django_db
def test_ties_go_to_the_heaviest_criterion_then_the_name(actors):
    op = actors["operator"]
    r = award_round(op, groups=0, jurors=1, open_scoring=False,
                    criteria=[{"name": "Berat", "weight": 60}, {"name": "Ringan", "weight": 40}])
    for name in ("Werdha Cempaka", "Werdha Bougenvil", "Werdha Asoka"):
        services.add_entry(award_round=r, group=group(op, name=name), by=op)
    services.open_scoring(award_round=r, by=op)
    heavy, light = r.criteria.all()
    juror = r.jurors.get()
    e = _by_name(r)
    # All three total 76: Cempaka is stronger on the heavy criterion; Asoka and Bougenvil are identical.
    services.record_scores(juror=juror, by=op, scores=[
        (e["Werdha Cempaka"], heavy, 80), (e["Werdha Cempaka"], light, 70),
        (e["Werdha Bougenvil"], heavy, 70), (e["Werdha Bougenvil"], light, 85),
        (e["Werdha Asoka"], heavy, 70), (e["Werdha Asoka"], light, 85)])
    rows = services.ranking(r)
    assert {row.total for row in rows} == {Decimal("76.000")}
    assert [row.entry.group.name for row in rows] == ["Werdha Cempaka", "Werdha Asoka", "Werdha Bougenvil"]
    assert [row.rank for row in rows] == [1, 2, 3]


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_ranking_is_sorted_and_the_same_whatever_the_entry_order(actors, data):
    op = actors["operator"]
    r = services.AwardRound.objects.filter(year=2026).first() or award_round(op, groups=3, jurors=2)
    cells = [(e, c, j) for j in r.jurors.all() for e in r.entries.all() for c in r.criteria.all()]
    values = data.draw(st.lists(st.integers(0, 100), min_size=len(cells), max_size=len(cells)))
    order = data.draw(st.permutations(range(len(cells))))
    for i in order:
        e, c, j = cells[i]
        services.record_scores(juror=j, by=op, scores=[(e, c, values[i])])
    rows = services.ranking(r)
    totals = [row.total for row in rows]
    assert totals == sorted(totals, reverse=True)
    assert [row.entry.pk for row in rows] == [row.entry.pk for row in services.ranking(r)]


@pytest.mark.django_db
def test_scores_are_between_0_and_100(actors):
    op = actors["operator"]
    r = award_round(op, groups=1, jurors=1)
    entry, criterion, juror = r.entries.get(), r.criteria.first(), r.jurors.get()
    for bad in (-1, "100.01", "abc", "NaN"):
        with pytest.raises(ValidationError):
            services.record_scores(juror=juror, by=op, scores=[(entry, criterion, bad)])
    services.record_scores(juror=juror, by=op, scores=[(entry, criterion, 100)])
    assert AwardScore.objects.get().score == Decimal("100.00")


@pytest.mark.django_db
def test_a_juror_does_not_score_their_own_group_and_is_not_expected_to(actors):
    op = actors["operator"]
    r = award_round(op, groups=2, jurors=1)
    own = r.entries.first()
    insider = services.add_juror(award_round=r, by=op, name="Mbah Sumarni", affiliated_group=own.group)
    with pytest.raises(ValidationError):
        services.record_scores(juror=insider, by=op, scores=[(own, r.criteria.first(), 90)])
    score_all(r, op)
    assert services.missing_scores(r) == 0
    assert not AwardScore.objects.filter(juror=insider, entry=own).exists()


@pytest.mark.django_db
def test_only_the_secretariat_or_the_juror_themself_enters_scores(actors):
    op, peksos = actors["operator"], actors["peksos"]
    r = award_round(op, groups=1, jurors=0, open_scoring=False)
    juror = services.add_juror(award_round=r, by=op, name="Dewi", user=peksos)
    other = services.add_juror(award_round=r, by=op, name="Juri lain")
    services.open_scoring(award_round=r, by=op)
    entry, criterion = r.entries.get(), r.criteria.first()
    services.record_scores(juror=juror, by=peksos, scores=[(entry, criterion, 70)])
    with pytest.raises(ValidationError):
        services.record_scores(juror=other, by=peksos, scores=[(entry, criterion, 70)])


@pytest.mark.django_db
def test_finalising_needs_every_score_and_a_kepala_bidang(actors):
    op, kabid = actors["operator"], actors["kabid"]
    r = award_round(op, groups=3, jurors=2)
    with pytest.raises(ValidationError):
        services.finalise_round(award_round=r, by=kabid)  # nothing scored yet
    score_all(r, op, value=lambda e, c, j: 50 + e.pk % 40)
    with pytest.raises(ValidationError):
        services.finalise_round(award_round=r, by=op)  # the operator may not
    services.finalise_round(award_round=r, by=kabid)
    r.refresh_from_db()
    assert r.status == RoundStatus.FINALISED
    ranks = list(r.entries.order_by("rank").values_list("rank", "is_winner"))
    assert ranks == [(1, True), (2, True), (3, True)]


@pytest.mark.django_db
def test_scores_lock_when_the_round_is_finalised(actors, client):
    op, kabid = actors["operator"], actors["kabid"]
    r = award_round(op, groups=1, jurors=1)
    score_all(r, op, value=70)
    services.finalise_round(award_round=r, by=kabid)
    entry, criterion, juror = r.entries.get(), r.criteria.first(), r.jurors.get()
    with pytest.raises(ValidationError):
        services.record_scores(juror=juror, by=op, scores=[(entry, criterion, 99)])
    with pytest.raises(ValidationError):
        services.add_juror(award_round=r, by=op, name="Terlambat")
    client.force_login(op)
    response = client.post(f"/api/v1/award-rounds/{r.pk}/scores/", {
        "juror": juror.pk, "scores": [{"entry": entry.pk, "criterion": criterion.pk, "score": 99}]},
        content_type="application/json")
    assert response.status_code == 409
    response = client.post(f"/community/awards/{r.pk}/jurors/{juror.pk}/scores/",
                           {f"s_{entry.pk}_{criterion.pk}": "99"})
    assert set(AwardScore.objects.values_list("score", flat=True)) == {Decimal("70.00")}


@pytest.mark.django_db
def test_the_api_runs_a_round_end_to_end(actors, client):
    op, kabid = actors["operator"], actors["kabid"]
    client.force_login(op)
    r = client.post("/api/v1/award-rounds/", {"year": 2031, "winner_count": 1}, content_type="application/json")
    assert r.status_code == 201
    pk = r.json()["id"]
    bad = client.post(f"/api/v1/award-rounds/{pk}/criteria/", {"criteria": [{"name": "A", "weight": 90}]},
                      content_type="application/json")
    assert bad.status_code == 400 and "criteria" in bad.json()
    crit = client.post(f"/api/v1/award-rounds/{pk}/criteria/", {"criteria": [{"name": "A", "weight": 100}]},
                       content_type="application/json").json()
    g1, g2 = group(op, name="KW Satu"), group(op, name="KW Dua")
    e1 = client.post(f"/api/v1/award-rounds/{pk}/entries/", {"group": g1.pk}, content_type="application/json").json()
    e2 = client.post(f"/api/v1/award-rounds/{pk}/entries/", {"group": g2.pk}, content_type="application/json").json()
    juror = client.post(f"/api/v1/award-rounds/{pk}/jurors/", {"name": "Juri"}, content_type="application/json").json()
    assert client.post(f"/api/v1/award-rounds/{pk}/open/").status_code == 200
    sheet = {"juror": juror["id"], "scores": [{"entry": e1["id"], "criterion": crit[0]["id"], "score": 70},
                                              {"entry": e2["id"], "criterion": crit[0]["id"], "score": 90}]}
    assert client.post(f"/api/v1/award-rounds/{pk}/scores/", sheet, content_type="application/json").status_code == 200
    client.force_login(kabid)
    assert client.post(f"/api/v1/award-rounds/{pk}/finalise/").status_code == 200
    ranking = client.get(f"/api/v1/award-rounds/{pk}/ranking/").json()
    assert [(row["group"], row["rank"], row["is_winner"]) for row in ranking] == [("KW Dua", 1, True),
                                                                                   ("KW Satu", 2, False)]
