"""Moderators reach the back office (wagtailadmin.access_admin) and see the moderation only,
not the planners' menus; participants do not get in (F25, SPEC §1)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PLANNERS_ONLY = {"Zielsystem", "Statistik", "Statistik importieren", "Projektkatalog",
                 "SWOT-Analyse", "Gremien", "Presse", "Veranstaltungen", "Projektverlauf",
                 "Dokumente", "Bilder", "Seiten", "Einstellungen", "Berichte", "Protokoll",
                 "Messwerte zur Prüfung"}  # fmt: skip


def menu_labels(rf, user):
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = user
    return [item.label for item in admin_menu.menu_items_for_request(request)]


def test_it_lets_a_moderator_into_the_back_office_with_only_the_moderation_menu(
    client, rf, moderator
):
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 200
    labels = menu_labels(rf, moderator)
    assert labels[0] == "Moderation"
    # The formats they moderate (forums, proposals) may add theirs; nothing of the planners'.
    assert not set(labels) & PLANNERS_ONLY
    assert client.get(reverse("kek_moderation")).status_code == 200


def test_it_gives_a_moderator_no_planner_rights(moderator, concept):
    assert not moderator.has_perm("goals.change_strategicgoal")
    assert not moderator.has_perm("projects.change_project")
    assert not moderator.has_perm("wagtailcore.add_site")
    assert not moderator.has_perm("auth.change_user")
    assert moderator.has_perm("wagtailadmin.access_admin")


def test_it_shows_planners_no_moderation_menu(rf, planner):
    assert "Moderation" not in menu_labels(rf, planner)


def test_it_keeps_participants_out_of_the_back_office(client, participant):
    client.force_login(participant)
    response = client.get(reverse("kek_moderation"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
