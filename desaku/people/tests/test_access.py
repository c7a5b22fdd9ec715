"""Who may open each registry URL: role (read, register, merge) and data scope (own, organisation, all)."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from desaku.core.models import PPKSCategory
from desaku.core.testing import AccessCase, check_access
from desaku.people import services
from desaku.people.tests.factories import make_person, nik_for

# The person registered by the Peksos (own scope, Dinas Sosial).
READ_P = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "auditor"})
WRITE_P = frozenset({"admin", "kabid", "peksos", "operator"})
# The person registered by the LKS A partner.
READ_LKS = frozenset({"admin", "kadis", "auditor", "lks_a"})
# The person registered by the outreach officer (own scope): the Peksos must not see it.
READ_PJ = frozenset({"admin", "kadis", "kabid", "penjangkauan", "operator", "auditor"})
READERS = frozenset({"admin", "kadis", "kabid", "peksos", "penjangkauan", "operator", "lks_a", "lks_b",
                     "pendamping", "auditor"})
REGISTRARS = frozenset({"admin", "kabid", "peksos", "penjangkauan", "operator", "lks_a", "lks_b"})
MERGERS = frozenset({"admin", "kabid"})


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _u(name, *keys):
    return lambda a, c: reverse(f"people:{name}", args=[c[k] for k in keys])


def _fresh_alias(actors, context):
    alias = services.add_alias(person=context["person"], by=actors["peksos"], name=f"Nama {context['n']}")
    context["alias"] = alias.pk
    context["n"] += 1


MATRIX = [
    AccessCase("list", lambda a, c: reverse("people:list"), READERS, url_names=("people:list",)),
    AccessCase("search", lambda a, c: reverse("people:list") + "?q=Dewi", READERS, url_names=("people:list",)),
    AccessCase("export", lambda a, c: reverse("people:export") + "?q=Dewi", READERS, url_names=("people:export",)),
    AccessCase("register form", lambda a, c: reverse("people:register"), REGISTRARS,
               url_names=("people:register",)),
    AccessCase("live duplicate check", lambda a, c: reverse("people:duplicate_check") + "?full_name=Dewi+Anggraeni",
               REGISTRARS, url_names=("people:duplicate_check",)),
    AccessCase("link to existing", _u("link_existing", "p"), WRITE_P, method="post",
               data={"full_name": "Dewi Anggraeny", "sex": "P", "birth_year": "1990"}, ok_status=(302,),
               url_names=("people:link_existing",)),
    AccessCase("person page", _u("detail", "p"), READ_P, url_names=("people:detail",)),
    AccessCase("person page of an LKS", _u("detail", "p_lks"), READ_LKS, url_names=("people:detail",)),
    AccessCase("person page of a colleague (own scope)", _u("detail", "p_pj"), READ_PJ,
               url_names=("people:detail",)),
    AccessCase("edit", _u("edit", "p"), WRITE_P, url_names=("people:edit",)),
    AccessCase("edit an LKS person", _u("edit", "p_lks"), frozenset({"admin", "lks_a"}), url_names=("people:edit",)),
    AccessCase("reveal NIK", _u("reveal_nik", "p"), READ_P, method="post", url_names=("people:reveal_nik",)),
    AccessCase("add alias", _u("alias_add", "p"), WRITE_P, url_names=("people:alias_add",)),
    AccessCase("remove alias", _u("alias_remove", "p", "alias"), WRITE_P, method="post",
               data={"reason": "salah tulis"}, ok_status=(302,), setup=_fresh_alias,
               url_names=("people:alias_remove",)),
    AccessCase("add photo", _u("photo_add", "p"), WRITE_P, url_names=("people:photo_add",)),
    AccessCase("photo", _u("photo", "p", "photo"), READ_P, url_names=("people:photo",)),
    AccessCase("photo of an LKS person", _u("photo", "p_lks", "photo_lks"), READ_LKS, url_names=("people:photo",)),
    AccessCase("add disability", _u("disability_add", "p"), WRITE_P, url_names=("people:disability_add",)),
    AccessCase("remove disability", _u("disability_remove", "p", "disability"), WRITE_P,
               url_names=("people:disability_remove",)),
    AccessCase("add classification", _u("classification_add", "p"), WRITE_P,
               url_names=("people:classification_add",)),
    AccessCase("end classification", _u("classification_end", "p", "classification"), WRITE_P,
               url_names=("people:classification_end",)),
    AccessCase("record consent", _u("consent_add", "p"), WRITE_P, url_names=("people:consent_add",)),
    AccessCase("withdraw consent", _u("consent_withdraw", "p", "consent"), WRITE_P,
               url_names=("people:consent_withdraw",)),
    AccessCase("scanned consent form", _u("consent_form", "p", "consent"), READ_P,
               url_names=("people:consent_form",)),
    AccessCase("new household", _u("household_create", "p_pj"), frozenset({"admin", "kabid", "penjangkauan",
                                                                           "operator"}),
               url_names=("people:household_create",)),
    AccessCase("household", _u("household_detail", "household"), READ_P, url_names=("people:household_detail",)),
    AccessCase("household of an LKS", _u("household_detail", "household_lks"), READ_LKS,
               url_names=("people:household_detail",)),
    AccessCase("add member", _u("household_add_member", "household"), WRITE_P,
               url_names=("people:household_add_member",)),
    AccessCase("end membership", _u("membership_end", "household", "membership"), WRITE_P,
               url_names=("people:membership_end",)),
    AccessCase("change No KK", _u("household_change_kk", "household"), WRITE_P,
               url_names=("people:household_change_kk",)),
    AccessCase("duplicates", _u("duplicates", "p"), MERGERS, url_names=("people:duplicates",)),
    AccessCase("merge", _u("merge", "p", "p_twin"), MERGERS, url_names=("people:merge",)),
    AccessCase("merge LKS records", _u("merge", "p_lks", "p_lks_twin"), frozenset({"admin"}),
               url_names=("people:merge",)),
    AccessCase("merges", lambda a, c: reverse("people:merge_list"), MERGERS, url_names=("people:merge_list",)),
    AccessCase("merges export", lambda a, c: reverse("people:export_merges"), MERGERS,
               url_names=("people:export_merges",)),
    AccessCase("undo merge", _u("unmerge", "merge"), MERGERS, url_names=("people:unmerge",)),
]


@pytest.fixture
def registry(actors, settings, tmp_path):
    """One person per scope situation, with every kind of sub-record the URLs point at."""
    settings.MEDIA_ROOT = tmp_path
    peksos, lks_a, operator = actors["peksos"], actors["lks_a"], actors["operator"]
    person = make_person(peksos, "Dewi Anggraini", sex="P", birth_date=date(1990, 3, 4),
                         nik=nik_for(date(1990, 3, 4), female=True))
    lks_person = make_person(lks_a, "Yanto Gepeng")
    twin = make_person(operator, "Dewi Anggraeni", sex="P", birth_year=1990)
    lks_twin = make_person(lks_a, "Yanto Gepenk")
    photo = services.add_photo(person=person, by=peksos, image=SimpleUploadedFile("a.png", png_bytes()),
                               taken_on=date(2026, 1, 2))
    photo_lks = services.add_photo(person=lks_person, by=lks_a, image=SimpleUploadedFile("b.png", png_bytes()),
                                   taken_on=date(2026, 1, 2))
    consent = services.record_consent(person=person, by=peksos, given_on=date(2026, 1, 2), witness="Pak RT",
                                      scanned_form=SimpleUploadedFile("c.pdf", b"%PDF-1.4 test"))
    household = services.create_household(by=peksos, head=person, no_kk="3573011203150005")
    merged = services.merge_persons(survivor=make_person(operator, "Budi Santoso"),
                                    merged=make_person(operator, "Boedi Santoso"), by=actors["kabid"],
                                    reason="sama orangnya")
    return {
        "n": 0,
        "person": person,
        "p": person.pk,
        "p_lks": lks_person.pk,
        "p_pj": make_person(actors["penjangkauan"], "Slamet Riyadi").pk,
        "p_twin": twin.pk,
        "p_lks_twin": lks_twin.pk,
        "photo": photo.pk,
        "photo_lks": photo_lks.pk,
        "disability": services.add_disability(person=person, by=peksos, type="physical", severity="light").pk,
        "classification": services.classify(person=person, by=peksos, category=PPKSCategory.objects.get(number=24),
                                            valid_from=date(2025, 1, 1)).pk,
        "consent": consent.pk,
        "household": household.pk,
        "membership": household.memberships.get().pk,
        "household_lks": services.create_household(by=lks_a, head=lks_person).pk,
        "merge": merged.pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("case", MATRIX, ids=lambda c: c.name)
def test_access_matrix(case, actors, registry):
    check_access(case, actors, registry)


@pytest.mark.django_db
def test_outside_the_scope_is_not_found_rather_than_forbidden(actors, registry):
    """A record outside the scope must not even be confirmed to exist."""
    for actor, pk in (("lks_b", registry["p_lks"]), ("peksos", registry["p_pj"]), ("lks_a", registry["p"])):
        client = Client()
        client.force_login(actors[actor])
        assert client.get(reverse("people:detail", args=[pk])).status_code == 404
        assert client.get(reverse("people:edit", args=[pk])).status_code in (403, 404)


@pytest.mark.django_db
def test_read_only_roles_cannot_write(actors, registry):
    for actor in ("kadis", "auditor", "kemensos", "pendamping"):
        client = Client()
        client.force_login(actors[actor])
        response = client.post(reverse("people:register"), {"full_name": "Coba", "sex": "L"})
        assert response.status_code == 403
        response = client.post(reverse("people:alias_add", args=[registry["p"]]), {"name": "X", "kind": "nickname"})
        assert response.status_code in (403, 404)
    assert not registry["person"].aliases.filter(name="X").exists()
