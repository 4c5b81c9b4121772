"""The documents of an adopted version are frozen: built once, never rebuilt, shown with their
SHA-256 on /dokumente/; a draft's documents are marked "Entwurf"."""

import html

import pytest

from kek.documents import builds
from kek.documents.models import Build
from kek.goals.models import StrategicGoal
from kek.goals.versions import new_version

from .buildkit import build_all

pytestmark = pytest.mark.usefixtures("probe_kinds")


def page(client) -> str:
    response = client.get("/dokumente/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_frozen_builds_are_never_rebuilt_and_show_their_checksum(nordsachsen, concept, client):
    (frozen,) = build_all(nordsachsen)
    assert frozen.frozen and frozen.state == Build.State.DONE
    goal = StrategicGoal.objects.filter(concept=concept).order_by("pk").first()
    goal.title = "Nach dem Beschluss geändert"
    goal.save()
    assert builds.refresh(nordsachsen, enqueue=False) == []
    assert builds.rebuild(concept, builds.kind_of("probe"), None) is None

    text = page(client)
    for stored in frozen.files.all():
        assert stored.sha256 in text
    assert "Beschlossene Fassung" in text and "Entwurf" not in text.split("Probedokument")[1]


def test_the_drafts_documents_are_marked_and_follow_the_data(nordsachsen, concept, client, planner):
    draft = new_version(concept)
    built = build_all(nordsachsen)
    assert {(b.concept_id, b.frozen) for b in built} == {(concept.pk, True), (draft.pk, False)}
    # The draft is not public: its documents are for planners only.
    assert f"· Version {draft.version}" not in page(client)
    client.force_login(planner)
    text = page(client)
    section = text.split(f"· Version {draft.version}")[1].split(f"· Version {concept.version}")[0]
    assert "Entwurf" in section and "SHA-256" not in section
    assert client.get(f"/dokumente/fassung-{draft.version}/probe.pdf").status_code == 200
    client.logout()
    assert client.get(f"/dokumente/fassung-{draft.version}/probe.pdf").status_code == 404


def test_a_document_not_yet_built_says_so(nordsachsen, in_consultation, client):
    concept_in_draft = in_consultation
    (queued,) = builds.refresh(nordsachsen, enqueue=False)
    assert "wird erstellt" in page(client)
    builds.run_build(queued.pk)
    goal = StrategicGoal.objects.filter(concept=concept_in_draft).order_by("pk").first()
    goal.title = "Neu"
    goal.save()
    builds.refresh(nordsachsen, enqueue=False)
    text = page(client)
    assert "wird aktualisiert" in text and "Entwurf" in text
    assert "PDF" in text and "Datenstand: 31.12.2024" in text


def test_the_start_page_offers_the_download_of_its_section(
    nordsachsen, in_consultation, client, monkeypatch
):
    from kek.documents.kinds import KINDS, PDF, Kind

    goals = Kind("zielsystem", "Zielsystem", "tests.documents.buildkit.assemble", formats=(PDF,))
    monkeypatch.setattr(KINDS, "_entries", {goals.name: goals})
    (done,) = build_all(nordsachsen)
    text = html.unescape(client.get("/").content.decode())
    section = text.split('id="zielsystem"')[1].split('id="endbericht"')[0]
    link = f'href="/dokumente/fassung-{in_consultation.version}/zielsystem.pdf"'
    assert link in section and "Datenstand: 31.12.2024" in section
    assert (
        client.get(f"/dokumente/fassung-{in_consultation.version}/zielsystem.pdf").status_code
        == 200
    )
