"""The default content opens a proposal box for Nordsachsen (data/nordsachsen/proposals.yaml);
the navigation has "Vorschläge", the start page's participation section names the box."""

import pytest

from kek.proposals.models import ProposalBox

from .world import BASE, proposal

pytestmark = pytest.mark.django_db


def test_nordsachsen_has_an_open_box(nordsachsen):
    (box,) = ProposalBox.objects.filter(district=nordsachsen)
    assert box.is_open() and not box.premoderated
    assert box.title == "Ihre Vorschläge für die Kreisentwicklung"


def test_navigation_and_start_page(client, box):
    proposal(box, title="Sichtbar auf der Startseite")
    html = client.get("/").content.decode()
    assert f'href="{BASE}"' in html and ">Vorschläge<" in html
    assert "Sichtbar auf der Startseite" in html


def test_the_loader_runs_once_and_names_bad_entries(nordsachsen, tmp_path):
    from kek.proposals import defaults

    assert defaults.load(nordsachsen, tmp_path, {}) == "Vorschläge: keine Vorgaben."
    (tmp_path / "proposals.yaml").write_text("boxes:\n  - title: Zweite\n", encoding="utf-8")
    assert defaults.load(nordsachsen, tmp_path, {}) == "Vorschläge: schon vorhanden, unverändert."
    ProposalBox.objects.filter(district=nordsachsen).delete()
    assert defaults.load(nordsachsen, tmp_path, {}) == "Vorschläge: 1 Vorschlagsbox(en) angelegt."
    bad = "boxes:\n  - title: X\n    opens_at: morgen\n"
    (tmp_path / "proposals.yaml").write_text(bad, encoding="utf-8")
    ProposalBox.objects.filter(district=nordsachsen).delete()
    with pytest.raises(defaults.DefaultsError, match="opens_at.*kein Zeitpunkt|kein Zeitpunkt"):
        defaults.load(nordsachsen, tmp_path, {})


def test_the_privacy_page_explains_proposals_and_supports(client, nordsachsen):
    html = client.get("/datenschutz/").content.decode()
    assert 'id="datenschutz-vorschlaege"' in html and "gelöschten Konto" in html
