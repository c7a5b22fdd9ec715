"""Every registered list export, walked from the registry (so a new export cannot forget): it names the registry
persons it shows, a protected child appears in it only with initials (no name, NIK or birth year) for a user who
may not see the child's identity, and text a spreadsheet would run as a formula is neutralised.

The walk hides one child from everyone (an identity provider standing in for the ABH rule, which
desaku/diversion/tests/test_person_identity.py tests) and builds each export as the administrator, who may use
all of them; ``test_real_rule_*`` checks the real rule end to end through the export URLs."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from desaku.people import identity
from desaku.people.tests.factories import make_person, nik_for
from desaku.reports import listexport

pytestmark = pytest.mark.django_db

NAME = "Rafi Ardiansyah"
INITIALS = "R. A."

# Exports that show no registry person (reference data, counts, own tasks and logs): classify every new export.
NO_PERSONS = {
    "aid.budget", "aid.cycles", "aid.programs", "cases.team", "community.activities", "community.organisations",
    "community.ranking", "community.rounds", "community.volunteers", "core.access-log", "core.audit",
    "core.notifications", "core.tasks", "outreach.activities", "outreach.operations", "reports.dashboard",
    "training.batches", "training.courses", "training.report", "village.enterprises", "village.production",
    "village.sales", "village.sessions", "village.sites",
}
# Exports whose persons the fixture below puts the child in (the rest are checked for their declaration only).
WITH_CHILD = {
    "aid.eligible", "aid.enrolments", "aid.requests", "cases.cases", "cases.referrals",
    "community.members", "outreach.dispositions", "outreach.encounters", "outreach.pending-dispositions",
    "outreach.stays", "people.persons", "training.participants",
}
# Exports that show persons the fixture does not reach (a paid cycle, a merge, a completed batch, a village
# household): the walk checks that they declare their persons; their own tests show the rows.
DECLARED_ONLY = {"aid.letters", "aid.lines", "people.merges", "training.follow-ups", "village.candidates",
                 "village.occupancy", "village.units"}
# Exports with their own masking (the ABH list shows the child by the diversion rules themselves).
OWN_RULE = {"diversion.abh"}
# The change history and access log: an entry about the person record shows initials (test_core_list_exports);
# entries about other records (a case, a stay) keep the description recorded when they were written.
LOGS = {"core.audit", "core.access-log"}


def kinds():
    from desaku.reports.listexport import _LIST_EXPORTS

    return sorted(_LIST_EXPORTS)


def _rows(table):
    return [[listexport.cell(v) for v in table.row(item)] for item in table.iterate()]


@pytest.fixture
def world(actors, settings, tmp_path):
    """One child in as many person exports as the services allow, recorded by the Dinas."""
    from desaku.aid import services as aid_services
    from desaku.aid.tests.helpers import program
    from desaku.cases import services as case_services
    from desaku.cases.tests.helpers import institution, opened
    from desaku.community import services as community_services
    from desaku.community.models import OrganisationKind
    from desaku.outreach import services as outreach_services
    from desaku.outreach.tests.helpers import admitted, raid
    from desaku.training import services as training_services
    from desaku.training.tests.helpers import batch, course, today

    settings.MEDIA_ROOT = tmp_path
    peksos, operator, admin = actors["peksos"], actors["operator"], actors["admin"]
    born = today() - timedelta(days=15 * 365)
    child = make_person(peksos, NAME, birth_date=born, birth_year=born.year, nik=nik_for(born, serial=7))
    stay = admitted(child, actors["penjangkauan"])
    outreach_services.record_encounter(operation=raid(actors["penjangkauan"]), by=actors["penjangkauan"],
                                       person=child, activity="begging", outcome="counselled")
    outreach_services.propose_disposition(stay=stay, by=peksos, kind="absconded")
    case = opened(child, peksos)
    case_services.create_referral(case=case, by=peksos, reason="=cmd|' /C calc'!A0", institution=institution())
    prog = program(operator, rules=[])
    open_program = program(operator, code="open", rules=[])  # the child is eligible, not enrolled
    aid_services.propose_enrolment(program=prog, person=child, by=operator)
    aid_services.request_letter(person=child, by=operator, kind="poverty", purpose="Berobat")
    the_batch = batch(admin, course(admin, groups=(), min_age=0))
    training_services.enrol(batch=the_batch, person=child, by=admin)
    group = community_services.create_organisation(by=admin, kind=OrganisationKind.KARANG_WERDHA,
                                                   name="Karang Werdha Uji")
    community_services.add_member(group=group, by=admin, term_start=today(), person=child)
    return {"child": child, "program": prog.pk, "open_program": open_program.pk, "batch": the_batch.pk, "case": case}


def _params(kind, world):
    from desaku.aid.models import Cycle
    from desaku.community.models import AwardRound

    pk = {"aid.eligible": world["open_program"], "training.participants": world["batch"]}.get(kind)
    if kind == "aid.lines":
        pk = getattr(Cycle.objects.first(), "pk", None)
    if kind == "community.ranking":
        pk = getattr(AwardRound.objects.first(), "pk", None)
    return listexport.as_query({"pk": pk} if pk else {"show": "all", "all": "1"})


def test_every_export_is_classified():
    unknown = set(kinds()) - NO_PERSONS - WITH_CHILD - OWN_RULE - DECLARED_ONLY
    assert not unknown, f"say whether these exports show registry persons: {sorted(unknown)}"


def _check_masked(kind, admin, world) -> list[str]:
    """What is wrong with this export for a user who may not see the child (empty: nothing)."""
    from openpyxl import load_workbook

    child = world["child"]
    export = listexport.declared(kind)
    if not export.allowed(admin):
        return [f"{kind}: the administrator may not use it"]
    params = _params(kind, world)
    if kind in ("aid.lines", "community.ranking") and "pk" not in params:
        return []  # no such record in this fixture
    problems = []
    table = export.build(admin, params)
    if kind not in NO_PERSONS and kind not in OWN_RULE and (table.persons is None or table.user != admin):
        problems.append(f"{kind}: must name the persons it shows (Table(persons=..., user=...))")
    sheet = load_workbook(io.BytesIO(listexport.render(export.build(admin, params)))).active
    values = [v for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    text = "\n".join(str(v) for v in values)
    if kind not in LOGS and (NAME in text or "Rafi" in text or child.nik_masked in text):
        problems.append(f"{kind}: the child's name or NIK is written")
    if kind in WITH_CHILD and INITIALS not in text:
        problems.append(f"{kind}: the child's row (with initials) is missing")
    formulas = [v for v in values if isinstance(v, str) and v.startswith(listexport.FORMULA_STARTS)]
    if formulas:
        problems.append(f"{kind}: formula not neutralised: {formulas[:3]}")
    return problems


def test_every_export_masks_a_protected_child_and_neutralises_formulas(actors, world, monkeypatch):
    """Walk the registry: each export, built as the administrator for whom the child is hidden, writes the child
    only with initials (no name, no NIK) and no cell a spreadsheet would run as a formula."""
    child = world["child"]
    monkeypatch.setattr(identity, "_PROVIDERS", [lambda user, ids: {child.pk} & set(ids)])
    assert len(kinds()) >= 40
    problems = []
    for kind in kinds():
        try:
            problems += _check_masked(kind, actors["admin"], world)
        except Exception as exc:  # noqa: BLE001 - every export is reported, not only the first broken one
            problems.append(f"{kind}: {type(exc).__name__}: {exc}")
    assert not problems, "\n".join(problems)
    # the referral's reason really was a formula, written neutralised
    table = listexport.declared("cases.referrals").build(actors["admin"], listexport.as_query({}))
    assert any(str(v).startswith("'=cmd") for row in table.iterate() for v in map(listexport.cell, table.row(row)))


def test_the_child_is_shown_in_full_to_whom_the_rule_allows(actors, world):
    """Without the rule hiding the child the same exports show the name: the masking above is not vacuous."""
    admin = actors["admin"]
    for kind in ("people.persons", "cases.referrals", "outreach.pending-dispositions", "training.participants"):
        table = listexport.declared(kind).build(admin, _params(kind, world))
        text = " ".join(str(v) for item in table.iterate() for v in table.row(item))
        assert NAME in text, kind


def _download(actor, name, query=""):
    from openpyxl import load_workbook

    client = Client()
    client.force_login(actor)
    response = client.get(reverse(name) + ("?" + query if query else ""))
    assert response.status_code == 200, (name, response.status_code)
    return "\n".join(str(v) for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
                     for v in r if v is not None)


def test_real_rule_masks_the_child_for_the_operator_not_for_the_peksos(actors, world):
    """The real ABH rule: the operator (not assigned) gets initials; the child's Peksos the name."""
    from desaku.diversion.tests.helpers import opened as abh_opened

    abh_opened(actors["peksos"], world["child"])
    for name in ("cases:export_referrals", "cases:export"):
        text = _download(actors["operator"], name, query="all=1")
        assert NAME not in text and INITIALS in text, name
        assert NAME in _download(actors["peksos"], name, query="all=1"), name
    # the list pages too (the same hook), while the child's Peksos sees the name
    pages = ("cases:referral_list", "cases:caseload", "outreach:stay_list", "outreach:pending_dispositions",
             "outreach:encounter_list", "aid:request_list", "aid:enrolment_list")
    operator, peksos = Client(), Client()
    operator.force_login(actors["operator"])
    peksos.force_login(actors["peksos"])
    for name in pages:
        html = operator.get(reverse(name) + "?all=1").content.decode()
        assert NAME not in html, name
    assert INITIALS in operator.get(reverse("cases:referral_list")).content.decode()
    assert NAME in peksos.get(reverse("cases:referral_list")).content.decode()
