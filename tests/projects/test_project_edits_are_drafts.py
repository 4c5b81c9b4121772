"""Issue 11: a planner's edit of a project in the back office is a draft until it is published;
the public page shows the published row, Wagtail's preview shows the draft, and publishing it
carries its sub-goals, municipalities and milestones."""

import pytest
from django.urls import reverse

from kek.goals.models import SubGoal
from kek.projects.models import Project

from .admin_forms import project_form

pytestmark = pytest.mark.django_db
DRAFT_TITLE = "Radweg an der Mulde – neue Trasse"


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def project(concept_in_draft):
    return Project.objects.filter(concepts=concept_in_draft).order_by("number").first()


def public_page(client, project) -> str:
    return page(client.get(f"/projekte/{project.public_ref}/"))


def test_saving_a_draft_leaves_the_public_page_alone(client, planner, project):
    old_title = project.title
    client.force_login(planner)
    edit = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    response = client.post(edit, project_form(project, publish=False, title=DRAFT_TITLE))
    assert response.status_code == 302, page(response)[:2000]

    row = Project.objects.get(pk=project.pk)
    assert row.title == old_title and row.has_unpublished_changes
    assert row.latest_revision.content["title"] == DRAFT_TITLE
    client.logout()
    assert old_title in public_page(client, project)
    assert DRAFT_TITLE not in public_page(client, project)


def test_publishing_the_draft_makes_it_public_with_its_links(client, planner, project):
    other = SubGoal.objects.filter(concept=project.concepts.get()).exclude(projects=project)[0]
    client.force_login(planner)
    edit = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    client.post(edit, project_form(project, publish=False, title=DRAFT_TITLE, subgoals=[other.pk]))
    assert list(Project.objects.get(pk=project.pk).subgoals.all()) != [other]

    # "Veröffentlichen" on the edit page that the draft filled in.
    form = project_form(Project.objects.get(pk=project.pk).get_latest_revision_as_object())
    assert form["title"] == DRAFT_TITLE and form["subgoals"] == [other.pk]
    assert client.post(edit, form).status_code == 302
    row = Project.objects.get(pk=project.pk)
    assert row.title == DRAFT_TITLE and list(row.subgoals.all()) == [other]
    assert not row.has_unpublished_changes
    client.logout()
    assert DRAFT_TITLE in public_page(client, project)


def test_the_preview_shows_the_draft_on_the_public_page_template(client, planner, project):
    client.force_login(planner)
    url = reverse("wagtailsnippets_projects_project:preview_on_edit", args=[project.pk])
    response = client.post(url, project_form(project, publish=False, title=DRAFT_TITLE))
    assert response.json()["is_valid"], response.content
    html = page(client.get(url))
    assert f'<h1 class="kern-heading-x-large">{DRAFT_TITLE}' in html
    assert "Projektkatalog" in html  # the public page's breadcrumbs, not an admin view
    assert Project.objects.get(pk=project.pk).title != DRAFT_TITLE


def test_publishing_a_version_lists_projects_whose_draft_is_unpublished(planner, concept):
    from kek.goals.versions import new_version
    from kek.projects.versions import catalogue_changes

    draft = new_version(concept)
    project = Project.objects.filter(concepts=draft).order_by("number").first()
    assert not [h for h, _ in catalogue_changes(concept, draft) if "Entwurf" in h]
    project.title = DRAFT_TITLE
    project.save_revision(user=planner)

    groups = dict(catalogue_changes(concept, draft))
    heading = next(h for h in groups if "unveröffentlichtem Entwurf" in h)
    assert groups[heading] == [str(Project.objects.get(pk=project.pk))]
